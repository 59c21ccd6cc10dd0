"""``manage.py statistics``: the cross-tables of the statistics page, for scripts and scheduled reports."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tuquan.places.choices import Era
from tuquan.places.models import AdminUnit
from tuquan.reports import exporters
from tuquan.reports.selectors import COLUMN_CHOICES, ROW_CHOICES, cross_table

FORMATS = ("table", "csv", "xlsx", "json")


class Command(BaseCommand):
    help = (
        "Bảng thống kê mô hình, tổ chức tự quản (như trang Thống kê), phạm vi toàn hệ thống hoặc một đơn vị. "
        "Ví dụ: manage.py statistics --year 2022 --rows old-district --columns class --format csv"
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Năm thống kê (hoặc năm bắt đầu khi có --to).")
        parser.add_argument("--to", type=int, dest="year_to", help="Năm kết thúc của giai đoạn.")
        parser.add_argument("--rows", choices=list(ROW_CHOICES), default="old-district")
        parser.add_argument("--columns", choices=list(COLUMN_CHOICES), default="class")
        parser.add_argument("--format", choices=FORMATS, default="table", dest="output_format")
        parser.add_argument(
            "--unit",
            help="Mã đơn vị (Tổng cục Thống kê): đơn vị hiện hành, nếu không có thì đơn vị trước 01/7/2025.",
        )
        parser.add_argument(
            "--legacy-unit",
            action="store_true",
            help="--unit là mã đơn vị trước 01/7/2025 (ví dụ --unit 56 --legacy-unit: tỉnh Khánh Hòa cũ).",
        )
        parser.add_argument(
            "--no-agency-row",
            action="store_false",
            dest="agency_row",
            help="Không tách hàng cơ quan, doanh nghiệp, nhà trường trong bảng theo huyện cũ.",
        )
        parser.add_argument("--output", help="Ghi ra tệp thay vì màn hình (bắt buộc với xlsx).")

    def handle(self, *args, **options):
        if not options["year"]:
            raise CommandError("Cần --year (ví dụ --year 2022).")
        unit = self._unit(options["unit"], legacy=options["legacy_unit"]) if options["unit"] else None
        try:
            table = cross_table(
                rows=options["rows"],
                columns=options["columns"],
                year_from=options["year"],
                year_to=options["year_to"],
                unit=unit,
                agency_row=options["agency_row"],
            )
        except ValueError as exc:
            raise CommandError(f"Tham số không hợp lệ: {exc}") from exc
        output_format, output = options["output_format"], options["output"]
        if output_format == "xlsx":
            if not output:
                raise CommandError("Định dạng xlsx cần --output TỆP.xlsx.")
            Path(output).write_bytes(exporters.to_xlsx(table))
            self.stderr.write(f"Đã ghi {output}.")
            return
        text = {"table": exporters.to_text, "csv": exporters.to_csv, "json": exporters.to_json}[output_format](table)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"Đã ghi {output}.")
        else:
            self.stdout.write(text, ending="")

    @staticmethod
    def _unit(code: str, *, legacy: bool) -> AdminUnit:
        units = AdminUnit.objects.filter(code=code.strip())
        current = None if legacy else units.filter(era=Era.CURRENT).first()
        unit = current or units.filter(era=Era.LEGACY).order_by("path").first()
        if unit is None:
            raise CommandError(f"Không có đơn vị mã {code}.")
        return unit
