"""Support figures: totals by commune, kind, category, source and year, each one GROUP BY query."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from tuquan.core.text import sort_key, vi_order, vi_sorted
from tuquan.places.models import AdminUnit
from tuquan.schemes.models import Scheme
from tuquan.support.choices import ItemCategory, Source, SupportKind
from tuquan.support.models import SupportRecord

TOTALS = {
    "records": Count("pk"),
    "money": Coalesce(Sum("value", filter=Q(kind=SupportKind.MONEY)), 0),
    "items_value": Coalesce(Sum("value", filter=Q(kind=SupportKind.ITEM)), 0),
    "items": Coalesce(Sum("quantity", filter=Q(kind=SupportKind.ITEM)), 0),
    "value": Coalesce(Sum("value"), 0),
    "schemes": Count("scheme", distinct=True),
}


def filtered_records(*, user, year: int | None = None):
    records = SupportRecord.objects.visible_to(user)
    if year:
        records = records.filter(date__year=year)
    return records


def _grouped(records, key: str, labels: dict | None = None, order=None, extra=()) -> list[dict]:
    rows = list(records.values(*extra, key).annotate(**TOTALS).order_by(order if order is not None else key))
    for row in rows:
        row["label"] = labels.get(row[key], row[key]) if labels else str(row[key])
    return rows


def support_overview(*, user, year: int | None = None) -> dict:
    """Totals of the support records the user sees (all years or one): 7 queries whatever the size."""
    records = filtered_records(user=user, year=year)
    return {
        "total": records.aggregate(**TOTALS),
        "by_commune": _grouped(
            records, "scheme__commune__name", order=vi_order("scheme__commune__name"), extra=("scheme__commune",)
        ),
        "by_kind": _grouped(records, "kind", dict(SupportKind.choices)),
        "by_scheme_kind": _grouped(
            records, "scheme__kind__name", order=vi_order("scheme__kind__name"), extra=("scheme__kind",)
        ),
        "by_category": _grouped(records, "category", dict(ItemCategory.choices)),
        "by_source": _grouped(records, "source", dict(Source.choices)),
        "by_year": _grouped(records.annotate(year=ExtractYear("date")), "year"),
    }


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (the last day of the month when it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def schemes_without_support(*, user, months: int = 12, today: date | None = None):
    """Active schemes the user sees that received nothing since ``today`` minus ``months`` months."""
    since = months_before(today or timezone.localdate(), months)
    recent = SupportRecord.objects.filter(scheme=OuterRef("pk"), date__gt=since)
    return (
        Scheme.objects.visible_to(user)
        .active()
        .filter(~Exists(recent))
        .select_related("commune", "kind")
        .order_by(vi_order("commune__name"), vi_order("name"), "pk")
    )


def schemes_without_support_first(*, user, months: int = 12, limit: int = 200, today: date | None = None):
    """The first ``limit`` of ``schemes_without_support`` (by commune and name) and how many there are.

    Four small queries instead of sorting the country: ``ORDER BY commune name, name LIMIT 200``
    over 150.000 schemes sorts them all in Vietnamese collation (170 ms) and counting them runs
    the "no recent record" test on each (60 ms). Here the count is, per commune, the active
    schemes (read from the (commune, status) index) minus those with a recent record (read from
    the records); the communes come in Vietnamese order, and only the first ones that hold
    ``limit`` schemes (with any commune of the same name as the last) are listed and sorted.
    """
    today = today or timezone.localdate()
    since = months_before(today, months)
    schemes = Scheme.objects.visible_to(user).active()
    # COUNT(*), not COUNT(id): the (commune, status) index alone answers it.
    per_commune = Counter(dict(schemes.order_by().values_list("commune_id").annotate(n=Count("*"))))
    per_commune.subtract(
        dict(
            schemes.filter(support_records__date__gt=since)
            .order_by()
            .values_list("commune_id")
            .annotate(n=Count("pk", distinct=True))
        )
    )
    counts = {commune: n for commune, n in per_commune.items() if n > 0}
    chosen, shown, last_name = [], 0, None
    # The communes by a subquery rather than a list of thousands of ids (10 ms against 16 ms), put
    # in Vietnamese order here: on SQLite the database would call the Python collation for each
    # comparison of its sort.
    communes = AdminUnit.objects.filter(pk__in=schemes.order_by().values("commune_id")).values_list("pk", "name")
    for pk, name in vi_sorted(sorted(communes), key=lambda unit: unit[1]):
        if pk not in counts:
            continue
        if shown >= limit and name != last_name:
            break
        chosen.append(pk)
        shown += counts[pk]
        last_name = name
    candidates = (
        schemes_without_support(user=user, months=months, today=today)
        .filter(commune_id__in=chosen)
        .order_by()  # sorted below, as the communes above
        .only("name", "commune__name", "kind__name")  # what the overview shows of them
    )
    first = sorted(candidates, key=lambda scheme: (sort_key(scheme.commune.name), sort_key(scheme.name), scheme.pk))
    return first[:limit], sum(counts.values())


def scheme_support(*, user, scheme) -> dict:
    """The support records of one scheme the user sees, with their totals (2 queries)."""
    records = SupportRecord.objects.visible_to(user).filter(scheme=scheme).select_related("team")
    return {"records": list(records), "total": records.aggregate(**TOTALS)}


def support_totals(unit_path: str, start: date, end: date) -> dict:
    """Figures for a sơ kết/tổng kết report: support given in ``start``–``end`` to schemes of the unit
    whose path starts with ``unit_path`` (system-wide: the caller has already scoped the unit).
    Two queries: the totals and the totals by source."""
    records = SupportRecord.objects.filter(scheme__commune__path__startswith=unit_path, date__gte=start, date__lte=end)
    total = records.aggregate(**TOTALS)
    total["by_source"] = {row["source"]: row for row in records.values("source").annotate(**TOTALS).order_by("source")}
    for source, row in total["by_source"].items():
        row["label"] = Source(source).label
    return total
