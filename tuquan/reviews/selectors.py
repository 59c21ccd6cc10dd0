"""The figures of a review, read from the registry and aggregated in the database.

``review_figures`` returns plain JSON-ready data (the snapshot a ``Review`` keeps), in a
bounded number of queries whatever the size of the unit. Targets reached, support
received and commendations are not here yet: their apps (targets, support, commendations)
do not exist in this build, and figures are never invented.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone

from tuquan.assessments.choices import Rating
from tuquan.assessments.models import Assessment
from tuquan.core.text import vi_order
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit
from tuquan.reviews.choices import PeriodKind
from tuquan.schemes.choices import Field, Status
from tuquan.schemes.models import ActivityReport, Scheme

FIGURES_SCHEMA = 1

ACTIVITY_FIELDS = [
    "patrols",
    "meetings",
    "propaganda_sessions",
    "propaganda_attendance",
    "tips_to_police",
    "cases_detected",
    "cases_handed_over",
    "disputes_mediated",
    "incidents",
]


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def period_for(*, kind: str, year: int, half: int | None = None, start_year: int | None = None) -> Period:
    """The dates of a 6-month, one-year or several-year period."""
    if kind == PeriodKind.HALF_YEAR:
        return (
            Period(date(year, 1, 1), date(year, 6, 30)) if half != 2 else Period(date(year, 7, 1), date(year, 12, 31))
        )
    if kind == PeriodKind.MULTI_YEAR:
        return Period(date(start_year or year, 1, 1), date(year, 12, 31))
    return Period(date(year, 1, 1), date(year, 12, 31))


def previous_period(start: date, end: date) -> Period:
    """The period of equal length just before [start, end] (whole months and years stay whole)."""
    if start.day == 1 and (end + timedelta(days=1)).day == 1:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        index = start.year * 12 + start.month - 1 - months
        prev_start = date(index // 12, index % 12 + 1, 1)
        return Period(prev_start, start - timedelta(days=1))
    length = end - start
    prev_end = start - timedelta(days=1)
    return Period(prev_end - length, prev_end)


def _existing_on(day: date, prefix: str = "") -> Q:
    """Schemes that existed on ``day``: founded by then and not yet ended (eliminated, merged)."""
    return Q(**{f"{prefix}founded_on__lte": day}) & (
        Q(**{f"{prefix}status": Status.ACTIVE}) | Q(**{f"{prefix}ended_on__gt": day})
    )


def _founded_in(period: Period, prefix: str = "") -> Q:
    return Q(**{f"{prefix}founded_on__gte": period.start, f"{prefix}founded_on__lte": period.end})


def _ended_in(period: Period, status: str, prefix: str = "") -> Q:
    return Q(
        **{f"{prefix}status": status, f"{prefix}ended_on__gte": period.start, f"{prefix}ended_on__lte": period.end}
    )


def _schemes_of(unit: AdminUnit):
    """The registered (not voided) schemes placed in ``unit`` (current or pre-2025 map)."""
    lookup = "legacy_commune__path__startswith" if unit.era == Era.LEGACY else "commune__path__startswith"
    return Scheme.objects.registered().filter(**{lookup: unit.path})


def _totals(schemes, period: Period, previous: Period) -> dict:
    counts = schemes.aggregate(
        at_end=Count("pk", filter=_existing_on(period.end)),
        at_previous_end=Count("pk", filter=_existing_on(previous.end)),
        new=Count("pk", filter=_founded_in(period)),
        new_previous=Count("pk", filter=_founded_in(previous)),
        eliminated=Count("pk", filter=_ended_in(period, Status.ELIMINATED)),
        eliminated_previous=Count("pk", filter=_ended_in(previous, Status.ELIMINATED)),
        merged=Count("pk", filter=_ended_in(period, Status.MERGED)),
    )
    counts["change"] = counts["at_end"] - counts["at_previous_end"]
    return counts


def _rating_rows(rows: list[dict], year_key: str, rating_key: str) -> tuple[int | None, dict[str, int]]:
    year = max((row[year_key] for row in rows), default=None)
    return year, {row[rating_key]: row["n"] for row in rows if row[year_key] == year}


def _classes(unit: AdminUnit, schemes, period: Period) -> dict:
    """Classes of the latest yearly campaign whose year falls in the period.

    From the approved assessments of the unit's schemes (one grouped query); when no campaign
    of those years has approved results (data kept before tuquan), from the registry's latest
    classification (``Scheme.latest_rating``/``_year``, which approval also writes).
    """
    years = {"gte": period.start.year, "lte": period.end.year}
    commune = "legacy_commune" if unit.era == Era.LEGACY else "commune"
    assessed = list(
        Assessment.objects.approved()
        .filter(**{f"scheme__{commune}__path__startswith": unit.path})
        .exclude(scheme__status=Status.VOIDED)
        .filter(campaign__year__gte=years["gte"], campaign__year__lte=years["lte"])
        .values("campaign__year", "final_rating")
        .annotate(n=Count("scheme", distinct=True))
        .order_by()
    )
    year, by_rating = _rating_rows(assessed, "campaign__year", "final_rating")
    source = "Phiếu đánh giá đã duyệt của đợt kiểm tra, phân loại năm"
    if year is None:
        registry = list(
            schemes.filter(latest_rating_year__gte=years["gte"], latest_rating_year__lte=years["lte"])
            .exclude(latest_rating="")
            .values("latest_rating_year", "latest_rating")
            .annotate(n=Count("pk"))
            .order_by()
        )
        year, by_rating = _rating_rows(registry, "latest_rating_year", "latest_rating")
        source = "Kết quả phân loại gần nhất ghi trên sổ đăng ký mô hình, năm"
    class_rows = [{"code": value, "label": label, "count": by_rating.get(value, 0)} for value, label in Rating.choices]
    return {
        "year": year,
        "source": f"{source} {year}" if year else "",
        "rows": class_rows,
        "total": sum(row["count"] for row in class_rows),
    }


def _by_unit(unit: AdminUnit, period: Period) -> list[dict]:
    """One row per commune of the unit (the unit itself for a commune): schemes at the end, new, ended."""
    if unit.era == Era.LEGACY:
        communes = AdminUnit.objects.legacy().communes().filter(path__startswith=unit.path)
        prefix = "legacy_schemes__"
    else:
        communes = AdminUnit.objects.current().communes().filter(path__startswith=unit.path)
        prefix = "schemes__"
    registered = ~Q(**{f"{prefix}status": Status.VOIDED})
    rows = (
        communes.annotate(
            at_end=Count(f"{prefix}pk", filter=registered & _existing_on(period.end, prefix)),
            new=Count(f"{prefix}pk", filter=registered & _founded_in(period, prefix)),
            eliminated=Count(f"{prefix}pk", filter=_ended_in(period, Status.ELIMINATED, prefix)),
        )
        .order_by(vi_order("name"))
        .values("name", "code", "at_end", "new", "eliminated")
    )
    return list(rows)


def _by_kind(schemes, period: Period) -> list[dict]:
    existing = _existing_on(period.end)
    rows = (
        schemes.filter(existing)
        .values("kind__name", "kind__field")
        .annotate(
            schemes=Count("pk", distinct=True),
            teams=Count("teams", filter=Q(teams__is_active=True), distinct=True),
        )
        .order_by(vi_order("kind__name"))
    )
    fields = dict(Field.choices)
    return [
        {
            "kind": row["kind__name"],
            "field": fields.get(row["kind__field"], row["kind__field"]),
            "schemes": row["schemes"],
            "teams": row["teams"],
        }
        for row in rows
    ]


def _activity(unit: AdminUnit, period: Period) -> dict:
    """Activity results of the reports whose period ends inside the review period (each counted once)."""
    lookup = (
        "scheme__legacy_commune__path__startswith" if unit.era == Era.LEGACY else "scheme__commune__path__startswith"
    )
    sums = (
        ActivityReport.objects.filter(**{lookup: unit.path})
        .exclude(scheme__status=Status.VOIDED)
        .filter(period_end__gte=period.start, period_end__lte=period.end)
        .aggregate(
            reports=Count("pk"),
            schemes=Count("scheme", distinct=True),
            **{name: Sum(name) for name in ACTIVITY_FIELDS},
        )
    )
    rows = []
    for name in ACTIVITY_FIELDS:
        label = str(ActivityReport._meta.get_field(name).verbose_name)
        rows.append({"key": name, "label": label[:1].upper() + label[1:], "value": sums[name] or 0})
    return {"reports": sums["reports"], "schemes": sums["schemes"], "rows": rows}


def review_figures(unit: AdminUnit, period_start: date, period_end: date) -> dict:
    """Every figure of a review of ``unit`` for [period_start, period_end], as JSON-ready data."""
    period = Period(period_start, period_end)
    previous = previous_period(period_start, period_end)
    schemes = _schemes_of(unit)
    by_unit = _by_unit(unit, period)
    covered = sum(1 for row in by_unit if row["at_end"])
    figures = {
        "schema": FIGURES_SCHEMA,
        "read_at": timezone.now().isoformat(),
        "unit": {"id": unit.pk, "name": unit.name, "level": unit.level, "code": unit.code},
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "previous_period": {"start": previous.start.isoformat(), "end": previous.end.isoformat()},
        "totals": _totals(schemes, period, previous),
        "classes": _classes(unit, schemes, period),
        "coverage": {
            "communes": len(by_unit),
            "with_scheme": covered,
            "without_scheme": len(by_unit) - covered,
            "without_names": [row["name"] for row in by_unit if not row["at_end"]],
        },
        "by_unit": by_unit,
        "by_kind": _by_kind(schemes, period),
        "activity": _activity(unit, period),
    }
    if unit.level == Level.COMMUNE:
        figures["coverage"]["note"] = "Đơn vị cấp xã: phủ kín tính cho chính đơn vị."
    return figures
