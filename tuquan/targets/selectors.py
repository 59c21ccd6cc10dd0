"""Targets: the value reached by every commune, computed from the registry in the database.

Definitions (shown under the year page):

- **active schemes in year Y**: the schemes registered at the end of year Y
  (``tuquan.reports.selectors.registered_at``: not voided, founded by 31/12/Y, not ended by then);
- **new schemes**: schemes (not voided) founded in year Y;
- **share rated Tốt**: among the schemes with a class in the campaign of year Y (Tốt, Khá,
  Trung bình, Yếu — "Chưa đánh giá" does not count as assessed), the share rated Tốt; reached when
  ``Tốt × 100 ≥ assigned × assessed`` (integers, so 84,99 % never rounds up to 85 %);
- **has kind / field**: at least one active scheme of the kind (or of a kind of the field);
- **activity reports filed**: the share of active schemes having at least one activity report whose
  period overlaps year Y (reached at the assigned percentage, 100 % by default).

A whole year costs a fixed number of queries: the targets, one ``GROUP BY commune`` over the
schemes, one ``GROUP BY commune, kind`` for kind targets and the list of communes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q

from tuquan.assessments.choices import Rating
from tuquan.core.text import vi_order, vi_sorted
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit
from tuquan.reports.selectors import rating_expression, registered_at
from tuquan.schemes.choices import Status
from tuquan.schemes.models import ActivityReport, Scheme
from tuquan.targets.choices import PERCENT_INDICATORS, Indicator, TargetStatus
from tuquan.targets.models import Target

ASSESSED = [Rating.GOOD, Rating.FAIR, Rating.AVERAGE, Rating.WEAK]

DEFINITIONS = [
    "Mô hình đang hoạt động trong năm Y: có trong sổ đăng ký đến hết ngày 31/12/Y (không bị hủy, "
    "thành lập đến 31/12/Y, chưa thanh loại hay sáp nhập đến ngày đó).",
    "Mô hình mới: thành lập trong năm Y.",
    "Tỉ lệ xếp loại Tốt: số mô hình xếp loại Tốt trong đợt kiểm tra năm Y chia cho số mô hình đã được "
    "xếp loại (Tốt, Khá, Trung bình, Yếu); đạt khi tỉ lệ không thấp hơn giá trị giao (84,99% chưa đạt 85%).",
    "Báo cáo kết quả hoạt động: tỉ lệ mô hình đang hoạt động có ít nhất một báo cáo có kỳ báo cáo thuộc năm Y.",
]


@dataclass
class CommuneFigures:
    active: int = 0
    new: int = 0
    assessed: int = 0
    good: int = 0
    reported: int = 0


@dataclass
class TargetRow:
    target: Target
    reached_value: Decimal | int
    reached: bool
    update_url: str = ""  # filled by the year's page for users who may change targets

    @property
    def is_percent(self) -> bool:
        return self.target.indicator in PERCENT_INDICATORS

    @property
    def status(self) -> str:
        return TargetStatus.REACHED if self.reached else TargetStatus.NOT_REACHED

    @property
    def status_label(self) -> str:
        return TargetStatus(self.status).label


def _percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal(0)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def commune_figures(*, year: int, communes) -> dict[int, CommuneFigures]:
    """Figures of ``communes`` (a queryset or list of pks) for ``year``: one ``GROUP BY`` query."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    active = registered_at(end)
    has_report = Exists(
        ActivityReport.objects.filter(scheme=OuterRef("pk"), period_start__lte=end, period_end__gte=start)
    )
    rows = (
        Scheme.objects.filter(commune__in=communes)
        .exclude(status=Status.VOIDED)
        .annotate(rating=rating_expression(year), has_report=has_report)
        .values("commune")
        .annotate(
            active=Count("pk", filter=active),
            new=Count("pk", filter=Q(founded_on__gte=start, founded_on__lte=end)),
            assessed=Count("pk", filter=Q(rating__in=ASSESSED)),
            good=Count("pk", filter=Q(rating=Rating.GOOD)),
            reported=Count("pk", filter=active & Q(has_report=True)),
        )
        .order_by()
    )
    return {
        row["commune"]: CommuneFigures(
            active=row["active"], new=row["new"], assessed=row["assessed"], good=row["good"], reported=row["reported"]
        )
        for row in rows
    }


def kind_figures(*, year: int, communes) -> dict[int, dict[tuple[str, object], int]]:
    """Active schemes per commune by kind and by field: {commune: {("kind", pk): n, ("field", f): n}}."""
    rows = (
        Scheme.objects.filter(registered_at(date(year, 12, 31)), commune__in=communes)
        .values("commune", "kind", "kind__field")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result: dict[int, dict] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        result[row["commune"]][("kind", row["kind"])] += row["n"]
        result[row["commune"]][("field", row["kind__field"])] += row["n"]
    return result


def evaluate(target: Target, figures: CommuneFigures, kinds: dict) -> tuple[Decimal | int, bool]:
    """(value reached, reached?) of one target from its commune's figures."""
    indicator = target.indicator
    if indicator == Indicator.MIN_ACTIVE_SCHEMES:
        return figures.active, figures.active >= target.value
    if indicator == Indicator.MIN_NEW_SCHEMES:
        return figures.new, figures.new >= target.value
    if indicator == Indicator.MIN_SHARE_GOOD:
        reached = figures.assessed > 0 and figures.good * 100 >= target.value * figures.assessed
        return _percent(figures.good, figures.assessed), reached
    if indicator == Indicator.ALL_ACTIVITY_REPORTS_FILED:
        reached = figures.active > 0 and figures.reported * 100 >= target.value * figures.active
        return _percent(figures.reported, figures.active), reached
    key = ("kind", target.kind_id) if target.kind_id else ("field", target.field)
    count = kinds.get(key, 0)
    return count, count >= max(target.value, 1)


def target_rows(*, user, year: int, indicator: str = "", status: str = "", unit: AdminUnit | None = None):
    """Every target of ``year`` the user sees, with the value reached, in Vietnamese commune order."""
    targets = Target.objects.visible_to(user).filter(year=year).select_related("unit", "kind")
    if unit is not None:
        targets = targets.filter(unit__path__startswith=unit.path)
    if indicator:
        targets = targets.filter(indicator=indicator)
    targets = list(targets.order_by(vi_order("unit__name"), "indicator", "pk"))
    commune_ids = {t.unit_id for t in targets}
    figures = commune_figures(year=year, communes=commune_ids) if commune_ids else {}
    needs_kinds = any(t.indicator == Indicator.HAS_KIND for t in targets)
    kinds = kind_figures(year=year, communes=commune_ids) if needs_kinds else {}
    rows = []
    for target in targets:
        value, reached = evaluate(target, figures.get(target.unit_id, CommuneFigures()), kinds.get(target.unit_id, {}))
        rows.append(TargetRow(target=target, reached_value=value, reached=reached))
    if status == TargetStatus.REACHED:
        rows = [row for row in rows if row.reached]
    elif status == TargetStatus.NOT_REACHED:
        rows = [row for row in rows if not row.reached]
    return rows


def province_summary(rows: list[TargetRow]) -> list[dict]:
    """Per indicator (and kind/field): communes assigned, reached, not reached."""
    groups: dict[tuple, dict] = {}
    for row in rows:
        key = (row.target.indicator, row.target.kind_id, row.target.field)
        group = groups.setdefault(key, {"label": row.target.label, "assigned": 0, "reached": 0})
        group["assigned"] += 1
        group["reached"] += int(row.reached)
    result = []
    for group in groups.values():
        group["not_reached"] = group["assigned"] - group["reached"]
        result.append(group)
    return vi_sorted(result, key=lambda g: g["label"])


def communes_without_active_scheme(*, user, year: int):
    """The current communes the user sees with no scheme active at the end of ``year`` (one query).

    ``NOT EXISTS`` per commune (an anti-join on the schemes' commune index), not ``NOT IN`` the
    country's schemes: when PostgreSQL expected that list not to fit in memory it compared each of a
    province's communes with it in turn — 0,5–1 s for the targets page nationally, after an import
    had left its estimate high (25 ms at best).
    """
    end = date(year, 12, 31)
    return (
        AdminUnit.objects.visible_to(user)
        .filter(era=Era.CURRENT, level=Level.COMMUNE)
        .filter(~Exists(Scheme.objects.filter(registered_at(end), commune=OuterRef("pk"))))
        .order_by(vi_order("name"))
    )


def year_page(*, user, year: int, indicator: str = "", status: str = "") -> dict:
    rows = target_rows(user=user, year=year, indicator=indicator, status=status)
    all_rows = rows if not (indicator or status) else target_rows(user=user, year=year)
    return {
        "rows": rows,
        "matrix": target_matrix(rows),
        "summary": province_summary(all_rows),
        "without_scheme": list(communes_without_active_scheme(user=user, year=year)),
        "definitions": DEFINITIONS,
    }


def targets_for_unit(user, year: int, unit: AdminUnit | None = None) -> list[TargetRow]:
    """The targets of ``year`` in ``unit`` (default: the user's jurisdiction) for a dashboard card."""
    return target_rows(user=user, year=year, unit=unit)


def available_years(*, user) -> list[int]:
    return list(Target.objects.visible_to(user).values_list("year", flat=True).distinct().order_by("-year"))


def target_matrix(rows: list[TargetRow]) -> dict:
    """The rows as a table: one line per commune (in the rows' order), one column per indicator."""
    columns: dict[tuple, str] = {}
    lines: dict[int, dict] = {}
    for row in rows:
        key = (row.target.indicator, row.target.kind_id, row.target.field)
        columns.setdefault(key, row.target.label)
        line = lines.setdefault(row.target.unit_id, {"unit": row.target.unit, "cells": {}})
        line["cells"][key] = row
    keys = sorted(columns, key=lambda k: (list(Indicator.values).index(k[0]), columns[k]))
    return {
        "columns": [columns[k] for k in keys],
        "lines": [
            {"unit": line["unit"], "cells": [line["cells"].get(k) for k in keys],
             "reached": sum(1 for r in line["cells"].values() if r.reached), "count": len(line["cells"])}
            for line in lines.values()
        ],
    }  # fmt: skip
