from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tuquan.core.backup import BackupError, backup_restore, database_fingerprint


class Command(BaseCommand):
    help = "Phục hồi cơ sở dữ liệu từ một bản sao lưu (thay thế toàn bộ dữ liệu hiện có)."

    def add_arguments(self, parser):
        parser.add_argument("source", help="Tệp sao lưu do lệnh backup tạo ra.")
        parser.add_argument("--yes", action="store_true", help="Không hỏi lại trước khi ghi đè.")

    def handle(self, *args, source, yes=False, **options):
        if not yes:
            answer = input("Toàn bộ dữ liệu hiện có sẽ bị thay thế. Gõ 'dong y' để tiếp tục: ")
            if answer.strip().lower() not in {"dong y", "đồng ý"}:
                raise CommandError("Đã hủy phục hồi.")
        try:
            backup_restore(source=Path(source))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(count for count, _ in database_fingerprint().values())
        self.stdout.write(f"Đã phục hồi {rows} dòng từ {source}.")
