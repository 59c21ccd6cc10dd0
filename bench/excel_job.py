"""One Excel job in its own process, so its peak memory is its own.

``python -m bench.excel_job import 10000`` — generate a 10,000-row .xlsx for Khánh Hòa, import it
with full validation as the bench PV05 officer, roll back; ``python -m bench.excel_job export`` —
export every scheme the national superuser sees to .xlsx (streamed, openpyxl write-only, rows from
``values_list``), as the background export job writes it. Prints one ``RESULT k=v ...`` line.
``BENCH_USER`` names another user (e.g. ``pv05`` on a database made by ``load_demo``).
"""

import os
import resource
import sys
import tempfile
import time
from pathlib import Path


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    """This process's peak resident memory. On Linux ``VmHWM`` of /proc/self/status: ``ru_maxrss``
    of a process started by ``subprocess`` keeps the size of the process that started it (the bench,
    150–200 MB), which the job never used."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def import_job(rows: int) -> None:
    from django.db import transaction

    from tuquan.accounts.models import User

    try:
        from tuquan.schemes.excel import importers
        from tuquan.schemes.excel.benchmark import _generate
    except ImportError as error:
        raise SystemExit(f"NotAvailable: {error}") from error
    user = User.objects.get(username=os.environ.get("BENCH_USER", "bench_pv05"))
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "bench.xlsx"
        _generate(rows, path)
        with transaction.atomic():
            started = time.perf_counter()
            plan = importers.scheme_import_apply(user=user, path=path, extension="xlsx")
            seconds = time.perf_counter() - started
            transaction.set_rollback(True)
    print(
        f"RESULT rows={rows} seconds={seconds:.3f} rows_per_s={rows / seconds:.1f} "
        f"created={plan.created} errors={len(plan.errors)} peak_mb={_peak_mb():.0f}"
    )


def export_job() -> None:
    from tuquan.accounts.models import User
    from tuquan.schemes.models import Scheme

    try:
        from tuquan.schemes.excel.exporters import export_workbook
    except ImportError as error:
        raise SystemExit(f"NotAvailable: {error}") from error
    user = User.objects.get(username=os.environ.get("BENCH_USER", "bench_quantri"))
    before = _peak_mb()
    started, cpu = time.perf_counter(), _cpu_seconds()
    output = export_workbook(user=user, schemes=Scheme.objects.restrict(user, "view"), sheets=["schemes"])
    size = output.seek(0, os.SEEK_END)
    seconds = time.perf_counter() - started
    rows = Scheme.objects.restrict(user, "view").count()
    print(
        f"RESULT rows={rows} seconds={seconds:.3f} cpu_s={_cpu_seconds() - cpu:.1f} "
        f"size_mb={size / 2**20:.1f} peak_mb={_peak_mb():.0f} "
        f"base_mb={before:.0f}"
    )


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    if sys.argv[1] == "import":
        import_job(int(sys.argv[2]) if len(sys.argv) > 2 else 10_000)
    else:
        export_job()
