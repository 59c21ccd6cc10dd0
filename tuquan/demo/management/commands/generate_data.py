import os
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tuquan.demo.national import SCALES, generate_national


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu lớn để đo hiệu năng: --scale national (34 tỉnh, ~150.000 mô hình, 3 triệu thành viên), "
        "province (Khánh Hòa, ~4.000 mô hình) hoặc tiny (2 tỉnh, vài trăm mô hình). Chạy trên cơ sở dữ liệu mới."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="province", help="Quy mô dữ liệu.")
        parser.add_argument("--seed", type=int, default=2026, help="Hạt giống sinh số ngẫu nhiên (mặc định 2026).")
        parser.add_argument(
            "--database-url",
            help="Cơ sở dữ liệu đích (postgres://... hoặc sqlite:///...); mặc định DATABASE_URL hiện hành.",
        )

    def handle(self, *args, **options):
        url = options.get("database_url")
        if url and os.environ.get("DATABASE_URL") != url:
            # Settings are read once per process: run again with the database asked for.
            argv = [sys.executable, str(settings.BASE_DIR / "manage.py"), "generate_data"]
            argv += ["--scale", options["scale"], "--seed", str(options["seed"])]
            completed = subprocess.run(argv, env={**os.environ, "DATABASE_URL": url}, check=False)  # noqa: S603
            if completed.returncode:
                raise CommandError("Sinh dữ liệu không thành công.")
            return
        try:
            result = generate_national(scale=options["scale"], seed=options["seed"], out=self.stdout)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(result.summary())
        steps = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in result.steps.items())
        self.stdout.write(f"Thời gian từng bước: {steps}.")
