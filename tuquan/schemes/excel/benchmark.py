"""Import speed on generated rows (not a test: speed is measured, never asserted).

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python -m tuquan.schemes.excel.benchmark [rows]

Needs Khánh Hòa loaded (``load_places --province 56``) and the demo users (``load_demo``).
Generates ``rows`` (default 2,000) schemes spread over the province's communes, a fifth of them
written with pre-2025 names (old district + old commune), times the preview, the apply and a
second import of the same file (all no-ops), then rolls everything back. Prints wall-clock time and the
process's CPU time (on a shared machine the second is the steadier figure; on PostgreSQL the server's
own time is not in it).
"""

import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path


def _generate(rows: int, path: Path) -> None:
    from openpyxl import Workbook

    from tuquan.places.choices import Era, Level
    from tuquan.places.models import AdminUnit, Succession
    from tuquan.schemes.models import SchemeKind

    rng = random.Random(2026)  # noqa: S311 - test data, not secrets
    kinds = list(SchemeKind.objects.filter(is_active=True).values_list("name", flat=True))
    communes = list(
        AdminUnit.objects.filter(era=Era.CURRENT, level=Level.COMMUNE, path__startswith="N56/").values_list(
            "name", flat=True
        )
    )
    # Old communes that went wholly into one current commune: written by their old names.
    single = [
        (old, district)
        for old, district, count in (
            (s.old_unit.name, s.old_unit.parent.name, s.old_unit.successions_as_old.count())
            for s in Succession.objects.filter(old_unit__level=Level.COMMUNE, new_unit__path__startswith="N56/")
            .select_related("old_unit__parent")
            .distinct()
        )
        if count == 1
    ]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Mô hình")
    sheet.append(
        [
            "STT",
            "Tên mô hình, tổ chức",
            "Loại mô hình",
            "Xã/phường/đặc khu",
            "Huyện/thị xã/thành phố cũ",
            "Xã/phường/thị trấn cũ (trước 01/7/2025)",
            "Ngày thành lập",
            "Người phụ trách",
            "Điện thoại người phụ trách",
            "Số camera",
        ]
    )
    for number in range(1, rows + 1):
        founded = date(2015, 1, 1) + timedelta(days=rng.randrange(3600))
        kind = rng.choice(kinds)
        if number % 5 == 0 and single and founded < date(2025, 7, 1):
            old, district = rng.choice(single)
            units = ["", district, old]
        else:
            units = [rng.choice(communes), "", ""]
        sheet.append(
            [
                number,
                f"{kind} số {number}",
                kind,
                *units,
                founded,
                f"Nguyễn Văn {number}",
                f"09{rng.randrange(10**8):08d}",
                rng.randrange(5),
            ]
        )
    workbook.save(path)


def main(rows: int) -> None:
    from django.db import transaction

    from tuquan.accounts.models import User
    from tuquan.schemes.excel import importers
    from tuquan.schemes.models import Scheme

    user = User.objects.get(username="pv05")
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "bench.xlsx"
        _generate(rows, path)
        print(f"{rows} dòng, tệp {path.stat().st_size / 1024:.0f} KB")
        with transaction.atomic():
            before = Scheme.objects.count()
            for label, run in (
                ("xem trước (chạy thử, hoàn tác)", importers.import_plan),
                ("ghi (một giao dịch)", importers.scheme_import_apply),
                ("nhập lại cùng tệp (không đổi)", importers.scheme_import_apply),
            ):
                started, cpu = time.perf_counter(), time.process_time()
                plan = run(user=user, path=path, extension="xlsx")
                elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
                print(
                    f"{label:34s} {elapsed:6.1f} s  {rows / elapsed:7.0f} dòng/s  "
                    f"(CPU của tiến trình {cpu:5.1f} s, {rows / cpu:6.0f} dòng/s)  "
                    f"(thêm {plan.created}, sửa {plan.updated}, không đổi {plan.unchanged}, lỗi {len(plan.errors)})"
                )
                for error in plan.errors[:5]:
                    print("   ", error)
            print(f"mô hình thêm vào: {Scheme.objects.count() - before} (sẽ hoàn tác)")
            transaction.set_rollback(True)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
