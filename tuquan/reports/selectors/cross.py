"""The cross-table: schemes counted by rows × columns for a year or a range (the statistics page, its
exports, the API and the ``statistics`` command)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Min,
    Q,
    Value,
    When,
)
from django.db.models.functions import ExtractYear
from django.utils import timezone

from tuquan.assessments.choices import Rating
from tuquan.core.text import vi_sorted
from tuquan.places.choices import Era, Level
from tuquan.places.models import REORGANISATION_DATE, AdminUnit, Succession
from tuquan.reports.models import DashboardSnapshot
from tuquan.reports.selectors.base import (
    AGENCY_KEY,
    AGENCY_LABEL,
    COLUMN_CHOICES,
    DEFINITIONS,
    LEGACY_ROWS,
    MAX_YEARS,
    NO_RESULT_KEY,
    NO_RESULT_LABEL,
    ROW_CHOICES,
    TOTAL_LABEL,
    UNKNOWN_KEY,
    UNKNOWN_LABEL,
    UNRECORDED_KEY,
    UNRECORDED_LABEL,
    _agency_split,
    boundaries_note,
    registered_at,
    registered_in_year,
    scheme_base,
    with_year_rating,
    year_end,
)
from tuquan.reports.selectors.snapshots import (
    SNAPSHOT_MAX_AGE,
    _store_snapshot,
    fresh_snapshot,
    sees_whole_country,
)
from tuquan.schemes.choices import Field, HostOrganisation, Status
from tuquan.schemes.models import SchemeKind

# --- Rows ----------------------------------------------------------------------------------------


LEGACY_ROW_LEVEL = {"old-district": Level.DISTRICT, "old-commune": Level.COMMUNE}


def _legacy_row_expressions(rows: str) -> dict:
    """The group keys of a table by pre-2025 units: the scheme's recorded old unit (``rk``) and,
    only when there is none, its current commune (``via``), which ``_unique_successors`` maps
    to the one old unit it came from.

    Grouping by the current commune and mapping the communes once (a few thousand) replaces a
    correlated subquery on the succession table per scheme: 1,2 s for the country's default
    table, of which 0,8 s in the subquery and 0,2 s compiling it (PostgreSQL's JIT).
    """
    recorded = F("legacy_commune__parent_id") if rows == "old-district" else F("legacy_commune_id")
    lookup = "legacy_commune__parent_id__isnull" if rows == "old-district" else "legacy_commune_id__isnull"
    return {"rk": recorded, "via": Case(When(**{lookup: True}, then=F("commune_id")), default=Value(None))}


def _unique_successors(level: str, communes: set) -> dict:
    """``{current commune: the only pre-2025 unit of level it came from}``; communes formed from
    several units of that level (or from none) are left out."""
    if not communes:
        return {}
    return dict(
        Succession.objects.filter(new_unit__in=communes, old_unit__level=level)
        .values("new_unit")
        .annotate(n=Count("old_unit", distinct=True), only=Min("old_unit"))
        .filter(n=1)
        .values_list("new_unit", "only")
    )


def _row_expression(rows: str):
    if rows == "province":
        return F("commune__parent_id")
    if rows == "commune":
        return F("commune_id")
    if rows == "kind":
        return F("kind_id")
    if rows == "field":
        return F("kind__field")
    if rows == "host":
        return F("host")
    raise ValueError(f"Unknown rows: {rows}")


@dataclass
class Header:
    key: object
    label: str
    unit_pk: int | None = None


def _row_headers(rows: str, keys: set) -> list[Header]:
    """Labels for the row keys, in the order of official reports (one query at most)."""
    special_keys = (AGENCY_KEY, UNKNOWN_KEY, UNRECORDED_KEY)
    special = [k for k in special_keys if k in keys]
    plain = {k for k in keys if k not in special_keys}
    headers: list[Header] = []
    if rows in {"province", "commune", "old-district", "old-commune"}:
        units = AdminUnit.objects.filter(pk__in=plain).only("pk", "name", "code", "era")
        ordered = sorted(units, key=lambda u: u.code.zfill(10))
        headers = [Header(u.pk, u.name, u.pk if u.era == Era.CURRENT else None) for u in ordered]
    elif rows == "kind":
        kinds = SchemeKind.objects.filter(pk__in=plain).only("pk", "name")
        headers = [Header(k.pk, k.name) for k in vi_sorted(kinds, key=lambda k: k.name)]
    else:
        choices = Field if rows == "field" else HostOrganisation
        headers = [Header(value, label) for value, label in choices.choices if value in plain]
        headers += [Header(k, str(k)) for k in sorted(plain - {v for v, _ in choices.choices}, key=str)]
    labels = {AGENCY_KEY: AGENCY_LABEL, UNKNOWN_KEY: UNKNOWN_LABEL, UNRECORDED_KEY: UNRECORDED_LABEL}
    return headers + [Header(k, labels[k]) for k in special]


# --- The cross-table -----------------------------------------------------------------------------


@dataclass
class CrossTable:
    rows: str
    columns: str
    year_from: int
    year_to: int
    row_title: str
    column_title: str
    row_headers: list[Header]
    column_headers: list[Header]
    cells: list[list[int]]
    row_totals: list[int]
    column_totals: list[int]
    grand_total: int
    total_column_label: str
    as_of: datetime
    unit: AdminUnit | None = None
    agency_row: bool = True
    boundaries: str = ""
    definitions: list[str] = field(default_factory=lambda: list(DEFINITIONS))
    snapshot: bool = False  # read from the whole country's stored table (``statistics_table``)

    @property
    def period_label(self) -> str:
        if self.year_from == self.year_to:
            return f"năm {self.year_to}"
        return f"giai đoạn {self.year_from}–{self.year_to}"

    @property
    def title(self) -> str:
        scope = f" – {self.unit.name}" if self.unit else ""
        return (
            f"Số mô hình, tổ chức tự quản về ANTT theo {self.row_title.lower()} và {self.column_title.lower()}, "
            f"{self.period_label}{scope}"
        )

    @property
    def as_of_note(self) -> str:
        """When the figures were read, for the page and every export."""
        when = timezone.localtime(self.as_of).strftime("%H:%M %d/%m/%Y")
        if self.snapshot:
            minutes = int(SNAPSHOT_MAX_AGE.total_seconds() // 60)
            return f"Số liệu toàn quốc tính đến {when} (tính lại sau {minutes} phút)"
        return f"Số liệu đọc lúc {when}"

    def body(self) -> list[tuple[Header, list[int], int]]:
        return list(zip(self.row_headers, self.cells, self.row_totals, strict=True))

    def as_records(self) -> list[list]:
        """Header row, one row per row header, the totals row: plain values for csv/json/xlsx."""
        header = [self.row_title, *[h.label for h in self.column_headers], self.total_column_label]
        body = [[h.label, *cells, total] for h, cells, total in self.body()]
        return [header, *body, [TOTAL_LABEL, *self.column_totals, self.grand_total]]


def _successors_of(rows: str, grouped: list[dict]) -> dict:
    if rows not in LEGACY_ROWS:
        return {}
    communes = {values["via"] for values in grouped if values["rk"] is None and values["via"] is not None}
    return _unique_successors(LEGACY_ROW_LEVEL[rows], communes)


def cross_table(
    *,
    user=None,
    rows: str = "old-district",
    columns: str = "class",
    year_from: int,
    year_to: int | None = None,
    unit: AdminUnit | None = None,
    agency_row: bool = True,
) -> CrossTable:
    """Count schemes by ``rows`` × ``columns`` for a year or a range, in the database.

    ``user=None`` is the system scope (every scheme; used by the command). One query for the
    counts, one for the row labels and, for rows by pre-2025 units, one mapping the current
    communes of schemes without a recorded old unit: three, whatever the number of schemes.
    """
    year_to = year_from if year_to is None else year_to
    if rows not in ROW_CHOICES or columns not in COLUMN_CHOICES:
        raise ValueError("Unknown rows or columns.")
    if year_to < year_from or year_to - year_from >= MAX_YEARS:
        raise ValueError("Invalid year range.")
    start, end = date(year_from, 1, 1), year_end(year_to)
    base = scheme_base(user=user, unit=unit)
    agency_split = _agency_split(rows, agency_row)
    group = _legacy_row_expressions(rows) if rows in LEGACY_ROWS else {"rk": _row_expression(rows)}
    if agency_split:
        group["ag"] = Case(When(kind__field=Field.AGENCY, then=Value(True)), default=Value(False))
    if rows in LEGACY_ROWS:
        group["late"] = Case(When(founded_on__gte=REORGANISATION_DATE, then=Value(True)), default=Value(False))

    successors: dict = {}

    def row_key(values: dict):
        if agency_split and values["ag"]:
            return AGENCY_KEY
        key = values["rk"]
        if key is None and values.get("via") is not None:
            key = successors.get(values["via"])
        if key is None:
            return UNKNOWN_KEY if values.get("late") else UNRECORDED_KEY
        return key

    counts: dict[tuple, int] = {}
    row_totals: dict = {}
    years = list(range(year_from, year_to + 1))
    if columns == "year":
        aggregates = {f"y{y}": Count("pk", filter=registered_in_year(y)) for y in years}
        any_year = Q()
        for y in years:
            any_year |= registered_in_year(y)
        aggregates["all"] = Count("pk", filter=any_year)
        grouped = list(base.filter(any_year).values(**group).annotate(**aggregates).order_by())
        successors.update(_successors_of(rows, grouped))
        for values in grouped:
            key = row_key(values)
            for y in years:
                counts[key, y] = counts.get((key, y), 0) + values[f"y{y}"]
            row_totals[key] = row_totals.get(key, 0) + values["all"]
        column_headers = [Header(y, str(y)) for y in years]
        total_column_label = "Cả giai đoạn" if len(years) > 1 else "Tổng số"
    else:
        if columns == "class":
            population = with_year_rating(base.filter(registered_at(end)), year_to)
            column_expression = F("rating")
            known = [Header(value, label) for value, label in Rating.choices]
        elif columns == "status":
            population = base.filter(~Q(status=Status.VOIDED), founded_on__lte=end).exclude(ended_on__lt=start)
            column_expression = Case(
                When(Q(ended_on__isnull=True) | Q(ended_on__gt=end), then=Value(Status.ACTIVE)),
                default=F("status"),
                output_field=CharField(),
            )
            known = [Header(value, label) for value, label in Status.choices if value != Status.VOIDED]
        else:  # founded
            population = base.exclude(status=Status.VOIDED).filter(founded_on__gte=start, founded_on__lte=end)
            column_expression = ExtractYear("founded_on")
            known = [Header(y, str(y)) for y in years]
        grouped = list(population.values(**group, ck=column_expression).annotate(n=Count("pk")).order_by())
        successors.update(_successors_of(rows, grouped))
        for values in grouped:
            key = row_key(values)
            counts[key, values["ck"]] = counts.get((key, values["ck"]), 0) + values["n"]
            row_totals[key] = row_totals.get(key, 0) + values["n"]
        seen_columns = {column for _, column in counts}
        column_headers = known + [
            Header(c, NO_RESULT_LABEL if c == NO_RESULT_KEY else str(c))
            for c in sorted(seen_columns - {h.key for h in known}, key=str)
        ]
        total_column_label = "Tổng số"
    row_headers = _row_headers(rows, set(row_totals))
    cells = [[counts.get((r.key, c.key), 0) for c in column_headers] for r in row_headers]
    column_totals = [sum(row[i] for row in cells) for i in range(len(column_headers))]
    return CrossTable(
        rows=rows,
        columns=columns,
        year_from=year_from,
        year_to=year_to,
        row_title=ROW_CHOICES[rows],
        column_title=COLUMN_CHOICES[columns],
        row_headers=row_headers,
        column_headers=column_headers,
        cells=cells,
        row_totals=[row_totals[r.key] for r in row_headers],
        column_totals=column_totals,
        grand_total=sum(row_totals.values()),
        total_column_label=total_column_label,
        as_of=timezone.now(),
        unit=unit,
        agency_row=agency_split,
        boundaries=boundaries_note(rows, agency_split),
    )


CROSS_SCOPE = "cross"


def statistics_table(*, user, unit: AdminUnit | None = None, **question) -> CrossTable:
    """The statistics page's and API's cross-table: :func:`cross_table` for ``user``'s scope.

    The whole country's table reads 150.000 schemes and a year's 145.000 ratings (≈ 0,3 s of
    PostgreSQL on one server), so, like the national dashboard, it comes from a snapshot per
    question (``DashboardSnapshot`` with scope ``cross:<rows>:<columns>:<from>:<to>:<agency>``) at
    most ``SNAPSHOT_MAX_AGE`` old, recomputed by the request that finds it older and by
    ``manage.py refresh_summaries`` (the page's first question); ``as_of`` says when. Every
    smaller scope is computed live.
    """
    if unit is not None or not sees_whole_country(user):
        return cross_table(user=user, unit=unit, **question)
    snapshot = fresh_snapshot(_cross_scope(question), lambda: national_cross_table_refresh(**question))
    data = snapshot.data
    return CrossTable(
        **{
            **data,
            "row_headers": [Header(**header) for header in data["row_headers"]],
            "column_headers": [Header(**header) for header in data["column_headers"]],
        },
        as_of=snapshot.computed_at,
        snapshot=True,
    )


def national_cross_table_refresh(
    *,
    rows: str = "old-district",
    columns: str = "class",
    year_from: int,
    year_to: int | None = None,
    agency_row: bool = True,
) -> DashboardSnapshot:
    """Recompute and store the whole country's cross-table of one question (system scope)."""
    question = {"rows": rows, "columns": columns, "year_from": year_from, "year_to": year_to, "agency_row": agency_row}
    computed_at = timezone.now()
    table = cross_table(user=None, **question)  # unit None: the whole table is plain data
    data = {name: value for name, value in asdict(table).items() if name not in {"unit", "as_of", "snapshot"}}
    return _store_snapshot(_cross_scope(question), data, computed_at)


def _cross_scope(question: dict) -> str:
    """The snapshot's scope of a question (``cross_table``'s keyword arguments, its defaults)."""
    rows, columns = question.get("rows", "old-district"), question.get("columns", "class")
    year_from = question["year_from"]
    year_to = question.get("year_to") or year_from
    agency_split = _agency_split(rows, question.get("agency_row", True))
    return f"{CROSS_SCOPE}:{rows}:{columns}:{year_from}:{year_to}:{int(agency_split)}"
