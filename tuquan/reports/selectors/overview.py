"""The dashboard's figures of a scope (counts, classes, coverage, kinds, fields, trend, late
assessments): plain JSON data, computed live or, for the whole country, read from the snapshot
kept by ``manage.py refresh_summaries``. The pages that show them (home, dashboard) are
the dashboards app's, above the engine."""

from __future__ import annotations

from datetime import date

from django.db.models import (
    Count,
    Q,
)
from django.utils import timezone

from tuquan.assessments.choices import Rating
from tuquan.places.models import AdminUnit
from tuquan.reports.models import DashboardSnapshot
from tuquan.reports.selectors.base import (
    NO_RESULT_KEY,
    NO_RESULT_LABEL,
    late_assessments,
    latest_campaign_year,
    registered_in_year,
    scheme_base,
    with_year_rating,
)
from tuquan.reports.selectors.coverage import coverage
from tuquan.reports.selectors.snapshots import (
    _store_snapshot,
    fresh_snapshot,
)
from tuquan.schemes.choices import Field, Status
from tuquan.schemes.models import SchemeKind

TREND_YEARS = 8
TOP_KINDS = 20
OTHER_KINDS_LABEL = "Các loại khác"
NATIONAL_SCOPE = "national"


def national_dashboard() -> DashboardSnapshot:
    """The whole country's dashboard figures as stored, recomputed first when older than ``SNAPSHOT_MAX_AGE``
    (or never computed)."""
    return fresh_snapshot(NATIONAL_SCOPE, national_dashboard_refresh)


def national_dashboard_refresh() -> DashboardSnapshot:
    """Recompute and store the whole country's dashboard figures (system scope)."""
    computed_at = timezone.now()
    figures = dashboard_figures(user=None, unit=None, today=timezone.localdate(computed_at))
    return _store_snapshot(NATIONAL_SCOPE, figures, computed_at)


def dashboard_figures(*, user, unit: AdminUnit | None, today: date) -> dict:
    """The dashboard's figures as plain JSON data (``user=None``: the whole system). Seven queries."""
    this_year = today.year
    base = scheme_base(user=user, unit=unit)
    years = list(range(this_year - TREND_YEARS + 1, this_year + 1))
    aggregate = base.aggregate(
        active=Count("pk", filter=Q(status=Status.ACTIVE)),
        eliminated=Count("pk", filter=Q(status=Status.ELIMINATED)),
        eliminated_this_year=Count("pk", filter=Q(status=Status.ELIMINATED, ended_on__year=this_year)),
        new_this_year=Count("pk", filter=~Q(status=Status.VOIDED) & Q(founded_on__year=this_year)),
        registered=Count("pk", filter=~Q(status=Status.VOIDED)),
        **{f"r{y}": Count("pk", filter=registered_in_year(y)) for y in years},
        **{f"n{y}": Count("pk", filter=~Q(status=Status.VOIDED) & Q(founded_on__year=y)) for y in years},
        **{
            f"e{y}": Count("pk", filter=Q(status__in=[Status.ELIMINATED, Status.MERGED], ended_on__year=y))
            for y in years
        },
    )
    counts = {k: aggregate[k] for k in ("active", "eliminated", "eliminated_this_year", "new_this_year", "registered")}
    trend = [
        {"year": y, "registered": aggregate[f"r{y}"], "new": aggregate[f"n{y}"], "ended": aggregate[f"e{y}"]}
        for y in years
    ]
    campaign_year = latest_campaign_year(user=user, today=today)
    classes = None
    if campaign_year:
        registered = with_year_rating(base.filter(registered_in_year(campaign_year)), campaign_year)
        by_rating = dict(registered.values_list("rating").annotate(n=Count("pk")).order_by())
        classes = {
            "year": campaign_year,
            "rows": [
                {"key": value, "label": label, "count": by_rating.get(value, 0)}
                for value, label in [*Rating.choices, (NO_RESULT_KEY, NO_RESULT_LABEL)]
                if value != NO_RESULT_KEY or by_rating.get(value)
            ],
            "total": sum(by_rating.values()),
        }
    by_kind_counts = dict(base.filter(status=Status.ACTIVE).values_list("kind_id").annotate(n=Count("pk")).order_by())
    kinds = SchemeKind.objects.filter(pk__in=by_kind_counts).only("pk", "name", "field")
    by_kind = sorted(
        ({"label": k.name, "count": by_kind_counts[k.pk]} for k in kinds), key=lambda row: (-row["count"], row["label"])
    )
    if len(by_kind) > TOP_KINDS + 1:
        others = by_kind[TOP_KINDS:]
        label = f"{OTHER_KINDS_LABEL} ({len(others):,} loại)".replace(",", ".")
        by_kind = [*by_kind[:TOP_KINDS], {"label": label, "count": sum(row["count"] for row in others)}]
    by_field_counts: dict[str, int] = {}
    for k in kinds:
        by_field_counts[k.field] = by_field_counts.get(k.field, 0) + by_kind_counts[k.pk]
    by_field = [
        {"key": value, "label": label, "count": by_field_counts[value]}
        for value, label in Field.choices
        if by_field_counts.get(value)
    ]
    return {
        "today": today.isoformat(),
        "counts": counts,
        "classes": classes,
        "coverage": coverage(user=user, unit=unit),
        "by_kind": by_kind,
        "by_field": by_field,
        "trend": trend,
        "late_assessments": late_assessments(user=user, unit=unit, today=today),
    }
