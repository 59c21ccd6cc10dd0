from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from tuquan.core.backup import BackupError, backup_create, database_fingerprint


class Command(BaseCommand):
    help = "Sao lưu toàn bộ cơ sở dữ liệu (SQLite: sao lưu trực tuyến; PostgreSQL: pg_dump)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Tệp đích; mặc định var/backups/tuquan-<thời điểm>.<đuôi>.")

    def handle(self, *args, output=None, **options):
        suffix = "sqlite3" if connection.vendor == "sqlite" else "dump"
        stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
        target = Path(output) if output else Path(settings.BASE_DIR) / "var" / "backups" / f"tuquan-{stamp}.{suffix}"
        try:
            backup_create(target=target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(count for count, _ in database_fingerprint().values())
        self.stdout.write(f"Đã sao lưu {rows} dòng vào {target} ({target.stat().st_size:,} byte).")
