"""The benchmark cases of issue 8 and the runner that prints the table.

Each page case is requested through the real Django stack (``django.test.Client``, logged in as
a PV05 officer of Khánh Hòa or as a national superuser): median and p95 over repeated requests,
the number of SQL queries of one request and the time they take ("SQL trang"), and, side by side,
the time the database itself takes for the same question written by hand in SQL ("SQL tay"), and
the ratio page / SQL.

Case 0 is the floor: a page of the base layout that reads no data (``bench/floor.py``), what any
page costs before it asks its question. A case whose hand-written SQL takes less than half of it
cannot be within 2× of that SQL; its verdict says so.

A case whose page does not exist (URL not routed) is reported as "không có" (not available).
"""

import math
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import NoReverseMatch, reverse

from bench.context import Context, Result, setup
from bench.load import load_cases
from bench.pages import crawl_case

ROOT = Path(__file__).resolve().parent.parent

PAGE_SIZE = 50
# Targets (issue 8).
NATIONAL_P95_MS = 300
SQL_RATIO = 2.0
PROVINCE_SQLITE_MS = 100


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = max(0, math.ceil(share * len(ordered)) - 1)
    return ordered[index]


def _url(name: str, *args, query: str = "") -> str | None:
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return None
    return f"{url}?{query}" if query else url


def time_page(ctx: Context, result: Result, client: Client, url: str | None) -> Result:
    from tuquan.reports.models import DashboardSnapshot

    if url is None:
        result.status = "không có"
        return result
    DashboardSnapshot.objects.all().delete()  # so that one appearing says this page reads a snapshot
    for _ in range(1):  # warm caches, sessions, template loaders
        response = client.get(url)
    if response.status_code != 200:
        result.status = f"HTTP {response.status_code}"
        return result
    # Every figure is of the page rendered: the page cache (ADR 0015) is emptied before each
    # request. What a repeated request costs when it is served from that cache is noted apart.
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    result.queries = len(captured.captured_queries)
    timings = []
    for _ in range(ctx.repeat):
        caches["pages"].clear()
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            result.status = f"HTTP {response.status_code}"
    result.median_ms = statistics.median(timings)
    result.p95_ms = _percentile(timings, 0.95)
    result.page_sql_ms = statistics.median(_page_sql_ms(client, url) for _ in range(min(ctx.repeat, 5)))
    cached = []
    for _ in range(ctx.repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
        if len(captured.captured_queries) < result.queries:
            cached.append(elapsed)
    if cached:
        result.extra = f"từ bộ nhớ đệm: {statistics.median(cached):.1f} ms".replace(".", ",")
    if DashboardSnapshot.objects.exists():
        # The whole country's figures are read from a snapshot at most 15 minutes old; what the
        # request that finds it stale (or cron) pays to recompute it is noted apart.
        recomputed = []
        for _ in range(min(ctx.repeat, 3)):
            DashboardSnapshot.objects.all().delete()
            caches["pages"].clear()
            started = time.perf_counter()
            client.get(url)
            recomputed.append((time.perf_counter() - started) * 1000)
        result.extra = f"khi tính lại số liệu toàn quốc: {statistics.median(recomputed):.0f} ms"
    return result


def _page_sql_ms(client: Client, url: str) -> float:
    """The time one request of ``url`` spends executing its queries ("SQL trang").

    On PostgreSQL the rows arrive with the answer, so this is the database's whole share of the
    page; on SQLite rows are produced while Django reads them, partly outside this figure.
    """
    spent = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent.append(time.perf_counter() - started)

    caches["pages"].clear()
    with connection.execute_wrapper(timed):
        client.get(url)
    return sum(spent) * 1000


def time_sql(ctx: Context, result: Result, statements: list[tuple[str, list]]) -> Result:
    """Median time of the hand-written SQL (all ``statements`` in a row count as one answer)."""

    def once() -> float:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()
        return (time.perf_counter() - started) * 1000

    once()
    result.sql_ms = statistics.median(once() for _ in range(max(ctx.repeat, 5)))
    return result


# -- hand-written SQL ---------------------------------------------------------------------------

LIST_SQL = """
SELECT s.id, s.code, s.name, k.name, c.name, s.founded_on, s.status, s.latest_rating, COUNT(*) OVER ()
FROM schemes_scheme s
JOIN schemes_schemekind k ON k.id = s.kind_id
JOIN places_adminunit c ON c.id = s.commune_id
WHERE s.status <> 'voided' {where}
ORDER BY s.code {direction}
LIMIT {limit}
"""


def list_sql(where: str = "", params=(), last: bool = False) -> list[tuple[str, list]]:
    """The list's question: a page of schemes in code order (the list's default), with the total."""
    direction = "DESC" if last else "ASC"
    return [(LIST_SQL.format(where=where, limit=PAGE_SIZE, direction=direction), list(params))]


def dashboard_sql(path: str | None) -> list[tuple[str, list]]:
    where, params = ("", []) if path is None else ("WHERE c.path LIKE %s", [f"{path}%"])
    return [
        (
            # {where} is fixed SQL chosen above; the path goes as a %s parameter.
            "SELECT s.status, s.latest_rating, COUNT(*) FROM schemes_scheme s "  # nosec B608
            f"JOIN places_adminunit c ON c.id = s.commune_id {where} GROUP BY s.status, s.latest_rating",
            params,
        )
    ]


def classes_sql(year: int, group: str, path: str | None) -> list[tuple[str, list]]:
    where, params = "", [year]
    if path:
        where, params = "AND c.path LIKE %s", [year, f"{path}%"]
    return [
        (
            # {group} and {where} are fixed SQL chosen in this module; values go as %s parameters.
            f"SELECT {group}, a.final_rating, COUNT(*) FROM assessments_assessment a "  # nosec B608
            "JOIN assessments_campaign g ON g.id = a.campaign_id "
            "JOIN schemes_scheme s ON s.id = a.scheme_id "
            "JOIN places_adminunit c ON c.id = s.commune_id "
            f"WHERE g.year = %s AND a.state = 'approved' {where} GROUP BY {group}, a.final_rating",
            params,
        )
    ]


def detail_sql(pk: int) -> list[tuple[str, list]]:
    return [
        (
            "SELECT s.*, k.name, c.name FROM schemes_scheme s JOIN schemes_schemekind k ON k.id = s.kind_id "
            "JOIN places_adminunit c ON c.id = s.commune_id WHERE s.id = %s",
            [pk],
        ),
        (
            "SELECT m.*, t.name FROM schemes_member m LEFT JOIN schemes_team t ON t.id = m.team_id "
            "WHERE m.scheme_id = %s ORDER BY t.name, m.full_name",
            [pk],
        ),
        ("SELECT * FROM schemes_activityreport WHERE scheme_id = %s ORDER BY period_end DESC", [pk]),
        (
            "SELECT a.*, g.year FROM assessments_assessment a JOIN assessments_campaign g ON g.id = a.campaign_id "
            "WHERE a.scheme_id = %s ORDER BY g.year DESC",
            [pk],
        ),
    ]


# -- the cases ------------------------------------------------------------------------------------


def page_cases(ctx: Context, quick: bool) -> list[tuple[Result, Client, str | None, list]]:
    national, province = ctx.client_national, ctx.client_province
    path = ctx.province.path
    q_search = f"q={ctx.search.replace(' ', '+')}"
    last_page = max(1, math.ceil(ctx.scheme_count / PAGE_SIZE))
    cases = [
        (Result("0", "Khung trang (không đọc dữ liệu)", "PV05"), province, _url("bench_floor"), []),
        (Result("1a", "Tổng quan toàn quốc", "quốc gia"), national, _url("dashboards:dashboard"), dashboard_sql(None)),
        (Result("1b", "Tổng quan một tỉnh", "PV05"), province, _url("dashboards:dashboard"), dashboard_sql(path)),
        (
            Result("2a", "Danh sách: một xã", "PV05"),
            province,
            _url("schemes:scheme_list", query=f"unit={ctx.commune.pk}"),
            list_sql("AND s.commune_id = %s", [ctx.commune.pk]),
        ),
        (
            Result("2b", "Danh sách: một loại, toàn quốc", "quốc gia"),
            national,
            _url("schemes:scheme_list", query=f"kind={ctx.kind.pk}"),
            list_sql("AND s.kind_id = %s", [ctx.kind.pk]),
        ),
        (
            Result("2c", f"Danh sách: tìm '{ctx.search}' (không dấu)", "quốc gia"),
            national,
            _url("schemes:scheme_list", query=q_search),
            list_sql("AND s.search_text LIKE %s", [f"%{ctx.search}%"]),
        ),
        (
            Result("2d", f"Danh sách: trang cuối ({last_page:,})".replace(",", "."), "quốc gia"),
            national,
            _url("schemes:scheme_list", query="last=1"),
            list_sql(last=True),
        ),
        (
            Result("2e", "Danh sách: trang đầu, toàn quốc", "quốc gia"),
            national,
            _url("schemes:scheme_list"),
            list_sql(),
        ),
        (
            Result("3a", f"Thống kê: tỉnh × xếp loại {ctx.year}", "quốc gia"),
            national,
            _url("reports:statistics", query=f"rows=province&columns=class&year_from={ctx.year}&year_to={ctx.year}"),
            classes_sql(ctx.year, "c.parent_id", None),
        ),
        (
            Result("3b", f"Thống kê: xã của tỉnh × xếp loại {ctx.year}", "PV05"),
            province,
            _url(
                "reports:statistics",
                query=f"rows=commune&columns=class&year_from={ctx.year}&year_to={ctx.year}&unit={ctx.province.pk}",
            ),
            classes_sql(ctx.year, "s.commune_id", path),
        ),
        (
            Result("4", "Chi tiết mô hình (200 thành viên, 10 năm)", "quốc gia"),
            national,
            _url("schemes:scheme_detail", ctx.showcase.pk) if ctx.showcase else None,
            detail_sql(ctx.showcase.pk) if ctx.showcase else [],
        ),
        (
            Result("7a", "Admin: trang đầu, toàn quốc", "quốc gia"),
            national,
            "/admin/schemes/scheme/",
            list_sql(),
        ),
        (
            Result("7b", f"Admin: tìm '{ctx.search}'", "quốc gia"),
            national,
            f"/admin/schemes/scheme/?{q_search}",
            list_sql("AND s.search_text LIKE %s", [f"%{ctx.search}%"]),
        ),
    ]
    if quick:
        cases = [c for c in cases if c[0].number in {"0", "1b", "2a", "2c", "4"}]
    return cases


def verdict(ctx: Context, result: Result) -> str:
    if result.median_ms is None or result.number.startswith("7") or result.number == "0":
        return ""
    notes = []
    if connection.vendor == "sqlite":
        notes.append("đạt" if result.p95_ms < PROVINCE_SQLITE_MS else f"KHÔNG ĐẠT (>{PROVINCE_SQLITE_MS} ms)")
    else:
        notes.append("đạt" if result.p95_ms < NATIONAL_P95_MS else f"KHÔNG ĐẠT (p95>{NATIONAL_P95_MS} ms)")
        if result.ratio is not None and result.ratio > SQL_RATIO:
            notes.append(f"> {SQL_RATIO:g}× SQL")
            if ctx.floor_ms is not None and ctx.floor_ms > SQL_RATIO * result.sql_ms:
                notes.append(f"khung trang {ctx.floor_ms:.1f} ms đã > {SQL_RATIO:g}× SQL tay".replace(".", ","))
    return "; ".join(notes)


def excel_cases(ctx: Context, quick: bool) -> list[Result]:
    """Import 10,000 rows and export every scheme, each in a fresh process (peak memory of its own)."""
    results = []
    rows = str(ctx.import_rows if not quick else 200)
    jobs = [("5a", f"Nhập .xlsx {rows} dòng", ["import", rows])]
    if not quick:
        jobs.append(("5b", f"Xuất .xlsx {ctx.scheme_count:,} mô hình".replace(",", "."), ["export"]))
    for number, name, args in jobs:
        result = Result(number, name, "PV05" if args[0] == "import" else "quốc gia")
        completed = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "bench.excel_job", *args], cwd=ROOT, capture_output=True, text=True, check=False
        )
        line = completed.stdout.strip().splitlines()[-1] if completed.stdout.strip() else ""
        if completed.returncode or not line.startswith("RESULT"):
            result.status = "lỗi" if "NotAvailable" not in completed.stderr else "không có"
            result.extra = (completed.stderr.strip().splitlines() or [""])[-1][:120]
        else:
            values = dict(part.split("=") for part in line.split()[1:])
            result.median_ms = float(values["seconds"]) * 1000
            if args[0] == "import":
                rate = float(values["rows_per_s"])
                result.extra = f"{rate:,.0f} dòng/s; {values['rows']} dòng; lỗi {values['errors']}"
                result.verdict = "đạt" if rate >= 1000 else "KHÔNG ĐẠT (<1.000 dòng/s)"
            else:
                peak = float(values["peak_mb"])
                seconds = float(values["seconds"])
                result.extra = f"{seconds:.1f} s; đỉnh bộ nhớ {peak:.0f} MB; tệp {values['size_mb']} MB"
                ok = seconds < 30 and peak < 300
                result.verdict = "đạt" if ok else "KHÔNG ĐẠT (≥30 s hoặc ≥300 MB)"
        results.append(result)
    return results


def print_table(ctx: Context, results: list[Result], out=sys.stdout) -> None:
    header = f"{'#':<3} {'trường hợp':<46} {'người dùng':<9} {'trung vị':>9} {'p95':>9} {'truy vấn':>8} "
    header += f"{'SQL trang':>9} {'SQL tay':>9} {'tỉ lệ':>6}  kết quả"
    out.write(header + "\n" + "-" * len(header) + "\n")
    for r in results:
        if r.status != "ok":
            out.write(f"{r.number:<3} {r.name:<46} {r.user:<9} {r.status:>9}  {r.extra}\n")
            continue
        ratio = f"{r.ratio:.1f}×" if r.ratio is not None else "–"
        sql = f"{r.sql_ms:.1f}" if r.sql_ms is not None else "–"
        p95 = f"{r.p95_ms:.1f}" if r.p95_ms is not None else "–"
        queries = str(r.queries) if r.queries is not None else "–"
        page_sql = f"{r.page_sql_ms:.1f}" if r.page_sql_ms is not None else "–"
        line = f"{r.number:<3} {r.name:<46} {r.user:<9} {r.median_ms:>9.1f} {p95:>9} {queries:>8} {page_sql:>9}"
        line += f" {sql:>9} {ratio:>6}"
        line += f"  {r.verdict}" + (f" ({r.extra})" if r.extra else "")
        out.write(line + "\n")


def describe_machine() -> str:
    import django

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            db = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            cursor.execute("SELECT sqlite_version()")
            db = f"SQLite {cursor.fetchone()[0]}"
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.node()}: {os.cpu_count()} lõi, {memory:.0f} GiB, Python {platform.python_version()}, "
        f"Django {django.get_version()}, {db}, DEBUG={settings.DEBUG}\n"
        f"Tốc độ máy hôm nay: {machine_speed()}"
    )


def machine_speed() -> str:
    """Two fixed yardsticks, so that runs on different days can be compared: the same virtual machine
    has run 2–3× slower from one day to the next (docs/performance.md). The best of three of a
    pure-Python loop, and of the database counting a million generated rows."""

    def python_loop() -> float:
        started = time.perf_counter()
        total = 0
        for n in range(2_000_000):
            total += n
        return (time.perf_counter() - started) * 1000

    sql = (
        "SELECT COUNT(*) FROM generate_series(1, 1000000)"
        if connection.vendor == "postgresql"
        else "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) SELECT COUNT(*) FROM n"
    )

    def database_count() -> float:
        with connection.cursor() as cursor:
            started = time.perf_counter()
            cursor.execute(sql)
            cursor.fetchone()
            return (time.perf_counter() - started) * 1000

    python_ms = min(python_loop() for _ in range(3))
    database_ms = min(database_count() for _ in range(3))
    return f"Python 2 triệu phép cộng {python_ms:.0f} ms; CSDL đếm 1 triệu dòng sinh ra {database_ms:.0f} ms".replace(
        ".", ","
    )


def run(args) -> int:
    # tuquan's addresses and the bench's page that reads no data (case 0).
    with override_settings(ROOT_URLCONF="bench.floor"):
        return _run(args)


def _run(args) -> int:
    from tuquan.schemes.models import Scheme

    quick = args.quick
    repeat = args.repeat or (5 if quick else 20)
    ctx = setup(repeat)
    ctx.import_rows = args.import_rows
    # As the server does (config/wsgi.py): long-lived objects out of the garbage collector's way.
    from tuquan.core.startup import freeze_startup_objects

    freeze_startup_objects()
    counts = Scheme.objects.count()
    scale = "quốc gia" if counts >= 50_000 else ("tỉnh" if counts >= 2_000 else "nhỏ")
    print(describe_machine())
    print(f"Dữ liệu: {counts:,} mô hình (quy mô {scale}); {repeat} lần đo mỗi trường hợp.".replace(",", "."))
    if scale != "quốc gia" and not quick:
        print("Lưu ý: bảng đầy đủ cần dữ liệu 'generate_data --scale national' trên PostgreSQL.")
    only = set(args.only or [])

    def wanted(result: Result) -> bool:
        # Case 0 always runs: the other cases' verdicts compare their hand-written SQL with it.
        return not only or result.number in {"0", *only} or any(o in result.name for o in only)

    results = []
    for result, client, url, sql in page_cases(ctx, quick):
        if not wanted(result):
            continue
        time_page(ctx, result, client, url)
        if result.status == "ok" and sql:
            time_sql(ctx, result, sql)
        if result.number == "0" and result.status == "ok":
            ctx.floor_ms = result.median_ms
        result.verdict = verdict(ctx, result)
        results.append(result)
        print(f"  {result.number} {result.name}: {result.status} {result.median_ms or 0:.0f} ms", flush=True)
    by_number = {r.number: r for r in results}
    for ours, admin in (("2e", "7a"), ("2c", "7b")):
        if ours in by_number and admin in by_number and by_number[ours].median_ms and by_number[admin].median_ms:
            speedup = by_number[admin].median_ms / by_number[ours].median_ms
            by_number[admin].extra = f"danh sách {ours} nhanh hơn {speedup:.1f}×"
            by_number[admin].verdict = "đạt (≥3×)" if speedup >= 3 else "KHÔNG ĐẠT (<3×)"
    if not quick and (not only or "8" in only):
        target = PROVINCE_SQLITE_MS if connection.vendor == "sqlite" else NATIONAL_P95_MS
        results.append(crawl_case(ctx, target))
        print(f"  8 {results[-1].name}: {results[-1].extra}", flush=True)
    # The load test runs before the import: the import's rolled-back rows leave dead tuples
    # (schemes, teams, members, audit entries) that slow every page until autovacuum has passed.
    load = []
    if not args.no_load and not quick and (not only or {"6", "6a", "6b"} & only):
        load = load_cases(ctx, seconds=args.load_seconds)
    if not args.no_excel and (not only or {"5", "5a", "5b"} & only):
        results += excel_cases(ctx, quick)
    results += load
    print()
    print_table(ctx, results)
    return 0
