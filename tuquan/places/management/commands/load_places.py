import time

from django.core.management.base import BaseCommand, CommandError

from tuquan.places.services import places_load


class Command(BaseCommand):
    help = "Nạp đơn vị hành chính (trước và sau 01/7/2025) và bảng kế thừa từ gói vietnam-provinces."

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            action="append",
            type=int,
            help="Mã tỉnh hiện hành (ví dụ 56 = Khánh Hòa); lặp lại để nạp nhiều tỉnh. Mặc định: cả nước.",
        )

    def handle(self, *args, province=None, **options):
        started = time.monotonic()
        try:
            result = places_load(province_codes=province)
        except KeyError as exc:
            raise CommandError(f"Dữ liệu đơn vị không nhất quán: {exc}") from exc
        self.stdout.write(
            f"Đơn vị hành chính: {result.created} tạo mới, {result.updated} cập nhật, {result.unchanged} không đổi; "
            f"{result.successions_created} quan hệ kế thừa mới ({time.monotonic() - started:.1f} giây)."
        )
