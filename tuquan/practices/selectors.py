"""Reads of the good-practices library: the filtered list, its year choices, and the spread table's rows and totals."""

from django.db.models import Count

from tuquan.core.text import fold, vi_order
from tuquan.practices.models import GoodPractice


def practice_list(*, user, q: str = "", year: int | None = None, field: str = "", kind: int | None = None):
    """The practices ``user`` may see, filtered (search ignores diacritics and case)."""
    qs = GoodPractice.objects.visible_to(user).select_related("unit")
    folded = fold(q)
    for word in folded.split():
        qs = qs.filter(search_text__contains=word)
    if year:
        qs = qs.filter(year=year)
    if field:
        qs = qs.filter(field=field)
    if kind:
        qs = qs.filter(schemes__kind_id=kind).distinct()
    return qs.annotate(attachment_count=Count("attachments", distinct=True)).order_by("-year", vi_order("title"))


def practice_years(*, user) -> list[int]:
    return list(GoodPractice.objects.visible_to(user).order_by("-year").values_list("year", flat=True).distinct())


def widest_spread(spread: list[dict], limit: int) -> list[dict]:
    """The ``limit`` kinds with the most points, kept in the table's (alphabetical) order.

    A country has about 2.500 kinds of scheme: a table of all of them is a 400 kB page that
    nobody reads; the Excel export lists them all."""
    if len(spread) <= limit:
        return spread
    widest = sorted(range(len(spread)), key=lambda i: -spread[i]["points"])[:limit]
    return [spread[i] for i in sorted(widest)]


def spread_totals(spread: list[dict]) -> dict:
    """The points and replicas of every kind of ``spread`` added up (the table's and the sheet's last row)."""
    return {key: sum(row[key] for row in spread) for key in ("points", "replicated")}
