"""The figures of a review, read from the registry and aggregated in the database.

``review_figures`` returns plain JSON-ready data (the snapshot a ``Review`` keeps), in a
bounded number of queries whatever the size of the unit: the registry's totals, classes, units
and kinds, activity, and the support received, targets reached and commendations of the
period, each read from its own app. Figures are never invented.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from tuquan.assessments.choices import Rating
from tuquan.assessments.models import Assessment
from tuquan.core.text import vi_order
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit
from tuquan.reports.selectors import (
    NO_RESULT_KEY,
    NO_RESULT_LABEL,
    rating_expression,
    registered_at,
    scheme_base,
    year_end,
)
from tuquan.reviews.choices import PeriodKind
from tuquan.schemes.choices import Field, Status
from tuquan.schemes.models import ActivityReport

FIGURES_SCHEMA = 1

ACTIVITY_FIELDS = ActivityReport.COUNTERS


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


def _founded_in(period: Period) -> Q:
    return Q(founded_on__gte=period.start, founded_on__lte=period.end)


def _ended_in(period: Period, status: str) -> Q:
    return Q(status=status, ended_on__gte=period.start, ended_on__lte=period.end)


def _schemes_of(unit: AdminUnit):
    """The registered (not voided) schemes placed in ``unit`` (current or pre-2025 map)."""
    return scheme_base(unit=unit).registered()


def _totals(schemes, period: Period, previous: Period) -> dict:
    counts = schemes.aggregate(
        at_end=Count("pk", filter=registered_at(period.end)),
        at_previous_end=Count("pk", filter=registered_at(previous.end)),
        new=Count("pk", filter=_founded_in(period)),
        new_previous=Count("pk", filter=_founded_in(previous)),
        eliminated=Count("pk", filter=_ended_in(period, Status.ELIMINATED)),
        eliminated_previous=Count("pk", filter=_ended_in(previous, Status.ELIMINATED)),
        merged=Count("pk", filter=_ended_in(period, Status.MERGED)),
    )
    counts["change"] = counts["at_end"] - counts["at_previous_end"]
    return counts


def _classes(unit: AdminUnit, schemes, period: Period) -> dict:
    """Classes of the latest campaign year that falls in the period, as the statistics pages count them.

    The year: the latest with approved assessments of the unit's schemes, else the latest
    recorded class year (history kept before tuquan). The classes: ``reports.selectors.rating_expression``
    over the schemes registered at the end of that year (or at the period end if earlier).
    """
    in_period = {"gte": period.start.year, "lte": period.end.year}
    commune = "legacy_commune" if unit.era == Era.LEGACY else "commune"
    year = (
        Assessment.objects.approved()
        .filter(**{f"scheme__{commune}__path__startswith": unit.path})
        .filter(campaign__year__gte=in_period["gte"], campaign__year__lte=in_period["lte"])
        .aggregate(year=Max("campaign__year"))["year"]
    )
    source = (
        "Phiếu đánh giá đã duyệt của đợt kiểm tra, phân loại năm {year} (mô hình không có phiếu: xếp loại ghi trên sổ)"
    )
    if year is None:
        year = (
            schemes.filter(latest_rating_year__gte=in_period["gte"], latest_rating_year__lte=in_period["lte"])
            .exclude(latest_rating="")
            .aggregate(year=Max("latest_rating_year"))["year"]
        )
        source = "Kết quả phân loại năm {year} ghi trên sổ đăng ký mô hình"
    if year is None:
        return {"year": None, "source": "", "rows": [], "total": 0}
    counted_at = min(year_end(year), period.end)
    by_rating = dict(
        schemes.filter(registered_at(counted_at))
        .annotate(rating=rating_expression(year))
        .values("rating")
        .annotate(n=Count("pk"))
        .values_list("rating", "n")
        .order_by()
    )
    class_rows = [{"code": value, "label": label, "count": by_rating.get(value, 0)} for value, label in Rating.choices]
    if by_rating.get(NO_RESULT_KEY):
        class_rows.append({"code": NO_RESULT_KEY, "label": NO_RESULT_LABEL, "count": by_rating[NO_RESULT_KEY]})
    return {
        "year": year,
        "source": source.format(year=year),
        "rows": class_rows,
        "total": sum(row["count"] for row in class_rows),
    }


def _by_unit(unit: AdminUnit, schemes, period: Period) -> list[dict]:
    """One row per commune of the unit (the unit itself for a commune): schemes at the end, new, eliminated.

    Two grouped queries (the communes, the counts per commune) merged by key.
    """
    legacy = unit.era == Era.LEGACY
    communes = (AdminUnit.objects.legacy() if legacy else AdminUnit.objects.current()).communes()
    key = "legacy_commune_id" if legacy else "commune_id"
    counts = {
        row[key]: row
        for row in schemes.values(key)
        .annotate(
            at_end=Count("pk", filter=registered_at(period.end)),
            new=Count("pk", filter=_founded_in(period)),
            eliminated=Count("pk", filter=_ended_in(period, Status.ELIMINATED)),
        )
        .order_by()
    }
    empty = {"at_end": 0, "new": 0, "eliminated": 0}
    return [
        {"name": row["name"], "code": row["code"]} | {k: counts.get(row["pk"], empty)[k] for k in empty}
        for row in communes.filter(path__startswith=unit.path).order_by(vi_order("name")).values("pk", "name", "code")
    ]


def _by_kind(schemes, period: Period) -> list[dict]:
    existing = registered_at(period.end)
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


def _support(unit: AdminUnit, period: "Period") -> dict:
    """Money and items given to the unit's schemes in the period (kinh phí, trang bị), by source."""
    from tuquan.support.selectors import support_totals

    totals = support_totals(unit.path, period.start, period.end)
    return {
        "records": totals["records"],
        "schemes": totals["schemes"],
        "money": totals["money"],
        "items": totals["items"],
        "items_value": totals["items_value"],
        "by_source": [
            {"label": row["label"], "money": row["money"], "items_value": row["items_value"], "value": row["value"]}
            for row in totals["by_source"].values()
        ],
    }


def _targets(unit: AdminUnit, period: "Period") -> dict:
    """The targets (chỉ tiêu) of the period's last year in the unit: per indicator, assigned and reached.

    The unit is already inside the author's jurisdiction, so the rows are read system-wide there;
    the values reached are computed by the targets app, as on its year page.
    """
    from tuquan.targets.models import Target
    from tuquan.targets.selectors import (
        CommuneFigures,
        TargetRow,
        commune_figures,
        evaluate,
        kind_figures,
        province_summary,
    )

    year = period.end.year
    targets = list(
        Target.objects.filter(year=year, unit__path__startswith=unit.path).select_related("unit", "kind").order_by("pk")
    )
    communes = {target.unit_id for target in targets}
    figures = commune_figures(year=year, communes=communes) if communes else {}
    kinds = kind_figures(year=year, communes=communes) if any(t.kind_id for t in targets) else {}
    rows = []
    for target in targets:
        value, reached = evaluate(target, figures.get(target.unit_id, CommuneFigures()), kinds.get(target.unit_id, {}))
        rows.append(TargetRow(target=target, reached_value=value, reached=reached))
    summary = province_summary(rows)
    return {
        "year": year,
        "assigned": len(rows),
        "reached": sum(1 for row in rows if row.reached),
        "by_indicator": [
            {"label": group["label"], "assigned": group["assigned"], "reached": group["reached"]} for group in summary
        ],
    }


def _commendations(unit: AdminUnit, period: "Period") -> dict:
    """Commendations decided in the period for schemes and people of the unit, by form of award."""
    from tuquan.commendations.choices import AwardForm, CommendationStatus, RecipientKind
    from tuquan.commendations.models import Commendation

    rows = (
        Commendation.objects.filter(
            unit__path__startswith=unit.path,
            status=CommendationStatus.APPROVED,
            decision_date__gte=period.start,
            decision_date__lte=period.end,
        )
        .values("award_form", "recipient_kind")
        .annotate(n=Count("pk"))
        .order_by("award_form", "recipient_kind")
    )
    by_form: dict[str, dict] = {}
    for row in rows:
        entry = by_form.setdefault(
            row["award_form"], {"label": AwardForm(row["award_form"]).label, "schemes": 0, "people": 0}
        )
        entry["schemes" if row["recipient_kind"] == RecipientKind.SCHEME else "people"] += row["n"]
    return {
        "total": sum(entry["schemes"] + entry["people"] for entry in by_form.values()),
        "by_form": list(by_form.values()),
    }


def review_figures(unit: AdminUnit, period_start: date, period_end: date) -> dict:
    """Every figure of a review of ``unit`` for [period_start, period_end], as JSON-ready data."""
    period = Period(period_start, period_end)
    previous = previous_period(period_start, period_end)
    schemes = _schemes_of(unit)
    by_unit = _by_unit(unit, schemes, period)
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
        "support": _support(unit, period),
        "targets": _targets(unit, period),
        "commendations": _commendations(unit, period),
    }
    if unit.level == Level.COMMUNE:
        figures["coverage"]["note"] = "Đơn vị cấp xã: phủ kín tính cho chính đơn vị."
    return figures
