"""Case 8: every page a PV05 officer can reach, found by following the links from the home page.

Cases 1–4 time the pages the issue names; this one answers "is every page quick?". It starts at
``/`` logged in as the province's PV05 officer, follows every same-site link breadth-first (at most
``PER_VIEW`` addresses per view, so a list of 4.000 schemes does not become 4.000 detail pages),
and times each HTML page (median and p95 of ``repeat`` requests). Downloads (.xlsx, .docx,
attachments) and exports are not followed: they are case 5's. ``python -m bench.pages`` prints
every page, slowest first.
"""

import re
import statistics
import time
from collections import deque
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.core.cache import caches
from django.urls import Resolver404, resolve

from bench.context import Result, setup

PER_VIEW = 2
MAX_PAGES = 250
LINK = re.compile(r'<a\s[^>]*?href="([^"#]+)"', re.IGNORECASE)
# Not followed: leaving the session, other applications, files and writes started by a GET.
SKIP_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/tai-khoan/dang-xuat")
SKIP_NAME_PARTS = ("export", "download", "docx", "xlsx", "pdf", "csv", "template", "attachment", "logout", "json")


@dataclass
class PageTiming:
    url: str
    view: str
    median_ms: float
    p95_ms: float


def _view_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client, *, repeat: int = 5, start: str = "/") -> list[PageTiming]:
    seen_urls: set[str] = set()
    per_view: dict[str, int] = {}
    queue = deque([start])
    timings: list[PageTiming] = []
    while queue and len(timings) < MAX_PAGES:
        url = queue.popleft()
        if url in seen_urls:
            continue
        seen_urls.add(url)
        path = urlsplit(url).path
        view = _view_name(path)
        if view is None or path.startswith(SKIP_PREFIXES) or any(part in view for part in SKIP_NAME_PARTS):
            continue
        if per_view.get(view, 0) >= PER_VIEW:
            continue
        response = client.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        per_view[view] = per_view.get(view, 0) + 1
        samples = []
        for _ in range(repeat):
            caches["pages"].clear()  # each page rendered, not served from the page cache (ADR 0015)
            started = time.perf_counter()
            client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
        samples.sort()
        p95 = samples[max(0, round(0.95 * len(samples)) - 1)]
        timings.append(PageTiming(url, view, statistics.median(samples), p95))
        for href in LINK.findall(response.content.decode()):
            href = href.replace("&amp;", "&")
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc and parts.netloc != "testserver":
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local not in seen_urls:
                queue.append(local)
    return sorted(timings, key=lambda t: t.p95_ms, reverse=True)


def crawl_case(ctx, target_ms: float):
    result = Result("8", "Mọi trang PV05 tới được (theo liên kết)", "PV05")
    # As many requests per page as cases 1–4 time: with 10, the "p95" would be the slowest one.
    timings = crawl(ctx.client_province, repeat=ctx.repeat)
    ctx.page_timings = timings
    if not timings:
        result.status = "lỗi"
        return result
    slowest = timings[0]
    over = [t for t in timings if t.p95_ms >= target_ms]
    result.median_ms = statistics.median(t.median_ms for t in timings)
    result.p95_ms = slowest.p95_ms
    views = len({t.view for t in timings})
    result.extra = f"{len(timings)} trang, {views} loại trang; chậm nhất {slowest.view} {slowest.p95_ms:.0f} ms"
    if over:
        result.extra += "; quá mức: " + ", ".join(f"{t.view} {t.p95_ms:.0f}" for t in over[:5])
    result.verdict = "đạt" if not over else f"KHÔNG ĐẠT ({len(over)} trang p95 ≥ {target_ms:.0f} ms)"
    return result


def main() -> None:
    from bench import setup_django

    setup_django()
    ctx = setup(repeat=20)
    from tuquan.core.startup import freeze_startup_objects

    freeze_startup_objects()  # as config/wsgi.py does
    timings = crawl(ctx.client_province, repeat=20)
    print(f"{'p95':>8} {'trung vị':>9}  trang")
    for t in timings:
        print(f"{t.p95_ms:>8.1f} {t.median_ms:>9.1f}  {t.view}  {t.url}")


if __name__ == "__main__":
    main()
