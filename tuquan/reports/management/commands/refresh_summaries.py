"""``manage.py refresh_summaries``: rebuild the statistics' summary tables from their sources."""

import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import timezone

from tuquan.assessments.models import SchemeRating
from tuquan.assessments.services import scheme_ratings_rebuild
from tuquan.reports.selectors import (
    latest_campaign_year,
    national_cross_table_refresh,
    national_dashboard_refresh,
    national_practice_refresh,
)
from tuquan.schemes.services import scheme_tally_rebuild


class Command(BaseCommand):
    help = (
        "Tính lại các bảng tổng hợp của thống kê: xếp loại từng mô hình theo năm (từ phiếu đánh giá; "
        "giao diện và API tự cập nhật, lệnh này dùng sau khi nạp dữ liệu hàng loạt) và số liệu trang tổng quan "
        "toàn quốc (chạy định kỳ, ví dụ 5 phút một lần, từ cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dashboard-only",
            action="store_true",
            help="Chỉ tính lại số liệu trang tổng quan toàn quốc (nhanh; cho cron 5 phút một lần). "
            "Bảng xếp loại theo năm luôn được các thao tác duyệt phiếu cập nhật ngay.",
        )

    def handle(self, *args, dashboard_only=False, **options):
        if not dashboard_only:
            started = time.monotonic()
            count = scheme_ratings_rebuild()
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(SchemeRating._meta.db_table)}")
            seconds = time.monotonic() - started
            self.stdout.write(f"Xếp loại theo năm: {count:,} dòng ({seconds:.1f} giây).".replace(",", "."))
            started = time.monotonic()
            count = scheme_tally_rebuild()
            seconds = time.monotonic() - started
            self.stdout.write(
                f"Số mô hình theo xã và tình trạng: {count:,} dòng ({seconds:.1f} giây).".replace(",", ".")
            )
        started = time.monotonic()
        snapshot = national_dashboard_refresh()
        seconds = time.monotonic() - started
        as_of = timezone.localtime(snapshot.computed_at)
        self.stdout.write(f"Tổng quan toàn quốc: số liệu tính đến {as_of:%H:%M %d/%m/%Y} ({seconds:.1f} giây).")
        started = time.monotonic()
        year = latest_campaign_year() or timezone.localdate().year  # the statistics page's default year
        national_practice_refresh(year=year)
        seconds = time.monotonic() - started
        self.stdout.write(f"Kết quả thực hiện mô hình toàn quốc năm {year} ({seconds:.1f} giây).")
        started = time.monotonic()
        national_cross_table_refresh(rows="province", columns="class", year_from=year)  # the page's first table
        seconds = time.monotonic() - started
        self.stdout.write(f"Thống kê toàn quốc: tỉnh × xếp loại năm {year} ({seconds:.1f} giây).")
