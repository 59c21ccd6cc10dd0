"""Statistics over the registry: the cross-table engine, the dashboard and the practice figures.

Everything here is aggregated in the database (``GROUP BY`` and conditional counts): the
number of queries does not grow with the number of schemes. Python only merges and labels
the aggregated groups (a few dozen at most).

Definitions used on every page, in the command and in the exports
(``DEFINITIONS`` is printed under each table):

- **Registered at the end of year Y** (*có trong sổ đăng ký cuối năm Y*): a scheme that is not
  voided (``status != voided``), was founded on or before 31/12/Y (``founded_on <= 31/12/Y``)
  and had not ended by then (``ended_on`` empty or after 31/12/Y). A scheme eliminated or merged
  later still counts for Y, so past figures never change when a scheme is eliminated.
- **Class in year Y**: the final class of the scheme in the assessment campaign of year Y;
  a scheme with no result in that campaign is shown as "Chưa có kết quả". Class tables count
  the schemes registered at the end of the last year of the range.
- **Status in a range A–B**: the schemes registered at some moment of the range (founded by
  31/12/B, not ended before 01/01/A, not voided) by their status at 31/12/B (active when they
  had not ended by then).
- **Year columns**: the number of schemes registered at the end of each year; the last column
  counts each scheme once over the whole range. **Founded-year columns** count the schemes
  founded in each year.
- **Boundaries**: current-commune and province rows use the scheme's current commune (the map
  in force since 01/07/2025). Pre-2025 district and commune rows use the unit the scheme was
  founded in (``legacy_commune``); a scheme without one (founded after 01/07/2025) is mapped
  through the succession table when its current commune came from exactly one old unit,
  otherwise it is shown in the row "Không xác định (thành lập sau 01/7/2025)" (or, for a scheme
  founded before that date whose old unit was never recorded, "Không xác định (chưa ghi đơn vị
  trước 01/7/2025)").
- **Agencies, enterprises and schools**: in pre-2025 district tables, schemes whose kind
  belongs to the field "Cơ quan – doanh nghiệp – nhà trường" form their own row, as in the
  province's reports (an option, on by default).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    FilteredRelation,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from tuquan.assessments.choices import Rating, State
from tuquan.assessments.models import Assessment, Campaign
from tuquan.core.text import vi_sorted
from tuquan.places.choices import Era, Level
from tuquan.places.models import REORGANISATION_DATE, AdminUnit, Succession
from tuquan.reports.models import DashboardSnapshot
from tuquan.schemes.choices import Field, HostOrganisation, Status
from tuquan.schemes.models import Member, Scheme, SchemeKind, Team

ROW_CHOICES = {
    "province": "Tỉnh, thành phố",
    "commune": "Xã, phường, đặc khu (hiện hành)",
    "old-district": "Huyện, thị xã, thành phố (trước 01/7/2025)",
    "old-commune": "Xã, phường, thị trấn (trước 01/7/2025)",
    "kind": "Loại mô hình",
    "field": "Lĩnh vực",
    "host": "Tổ chức nòng cốt",
}
COLUMN_CHOICES = {
    "class": "Xếp loại",
    "status": "Tình trạng",
    "year": "Năm (số mô hình cuối mỗi năm)",
    "founded": "Năm thành lập",
}
LEGACY_ROWS = {"old-district", "old-commune"}

AGENCY_KEY = "__agency__"
AGENCY_LABEL = "Cơ quan, doanh nghiệp, nhà trường"
UNKNOWN_KEY = "__unknown__"
UNKNOWN_LABEL = "Không xác định (thành lập sau 01/7/2025)"
UNRECORDED_KEY = "__unrecorded__"
UNRECORDED_LABEL = "Không xác định (chưa ghi đơn vị trước 01/7/2025)"
NO_RESULT_KEY = ""
NO_RESULT_LABEL = "Chưa có kết quả"
TOTAL_LABEL = "Tổng cộng"
MAX_YEARS = 30

DEFINITIONS = [
    "Số mô hình có trong sổ đăng ký cuối năm Y: mô hình không bị hủy do nhập nhầm, thành lập đến hết "
    "ngày 31/12/Y và chưa chấm dứt (thanh loại, sáp nhập) đến hết ngày 31/12/Y; mô hình thanh loại sau "
    "đó vẫn được tính cho năm Y.",
    "Xếp loại: kết quả phân loại cuối cùng của mô hình trong đợt kiểm tra năm Y (năm cuối của giai "
    "đoạn); mô hình không có kết quả trong đợt đó ghi \u201cChưa có kết quả\u201d.",
    "Tình trạng: các mô hình có trong sổ tại một thời điểm của giai đoạn, theo tình trạng tại ngày 31/12 của năm cuối.",
    "Cột năm: số mô hình có trong sổ cuối mỗi năm; cột cuối đếm mỗi mô hình một lần trong cả giai đoạn. "
    "Cột năm thành lập: số mô hình thành lập trong từng năm.",
]


def _agency_split(rows: str, agency_row: bool) -> bool:
    """Whether the agencies' schemes get a line of their own: asked for, and rows by pre-2025 district."""
    return agency_row and rows == "old-district"


def boundaries_note(rows: str, agency_row: bool) -> str:
    """The sentence that says which map a table's rows use."""
    if rows in LEGACY_ROWS:
        note = (
            "Hàng theo địa giới hành chính trước 01/7/2025 (đơn vị nơi mô hình được thành lập); mô hình thành lập "
            "sau ngày đó (hoặc chưa ghi đơn vị cũ) được quy về đơn vị cũ theo bảng kế thừa khi xã mới chỉ hình thành "
            f"từ một đơn vị cũ, nếu không ghi vào hàng \u201c{UNKNOWN_LABEL}\u201d (hoặc "
            f"\u201c{UNRECORDED_LABEL}\u201d với mô hình thành lập trước ngày đó)."
        )
        if _agency_split(rows, agency_row):
            note += (
                " Mô hình thuộc lĩnh vực cơ quan, doanh nghiệp, nhà trường tính riêng một hàng"
                f" \u201c{AGENCY_LABEL}\u201d."
            )
        return note
    if rows in {"province", "commune"}:
        return "Hàng theo địa giới hành chính hiện hành (từ 01/7/2025): xã, phường, đặc khu hiện nay của mô hình."
    return "Không phụ thuộc địa giới hành chính."


# --- Periods and populations ---------------------------------------------------------------------


def year_end(year: int) -> date:
    return date(year, 12, 31)


def registered_at(day: date) -> Q:
    """Schemes in the register at the end of ``day`` (see the module docstring)."""
    return ~Q(status=Status.VOIDED) & Q(founded_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))


def registered_in_year(year: int) -> Q:
    return registered_at(year_end(year))


def scheme_base(*, user=None, unit: AdminUnit | None = None):
    """The schemes a table may count: the user's (``None`` = the system: everything), within ``unit``."""
    queryset = Scheme.objects.all() if user is None else Scheme.objects.visible_to(user)
    if unit is not None:
        if unit.era == Era.LEGACY:
            queryset = queryset.filter(legacy_commune__path__startswith=unit.path)
        else:
            queryset = queryset.filter(commune__path__startswith=unit.path)
    return queryset


def selectable_units(user):
    """Units a user may limit a table to: current units of the jurisdiction, and the pre-2025
    provinces and districts that went (wholly or in part) into them. Schemes stay scoped by
    ``visible_to`` whatever unit is picked, so an old unit never widens what is counted."""
    current = AdminUnit.objects.visible_to(user).filter(era=Era.CURRENT, level__in=[Level.PROVINCE, Level.COMMUNE])
    legacy = AdminUnit.objects.filter(
        era=Era.LEGACY,
        level__in=[Level.PROVINCE, Level.DISTRICT],
        pk__in=Succession.objects.filter(new_unit__in=current.values("pk")).values("old_unit"),
    )
    return AdminUnit.objects.filter(Q(pk__in=current.values("pk")) | Q(pk__in=legacy.values("pk"))).order_by(
        "era", "path"
    )


# --- Classes: from the assessments app ----------------------------------------------------------


def rating_expression(year: int):
    """The final class of the scheme in the campaign of ``year`` ("" when it has none), computed
    from the assessments: one correlated subquery per scheme.

    The reference definition, for a few schemes at a time (a commune's targets, a review's
    list); tables over many schemes use ``with_year_rating``, which reads the same answer
    from the summary table. The approved assessment of the year's campaign that ends last;
    for history imported without assessments, the scheme's recorded latest class when it is
    of that year.
    """
    approved = Assessment.objects.filter(scheme=OuterRef("pk"), campaign__year=year, state=State.APPROVED).exclude(
        final_rating=""
    )
    return Coalesce(
        Subquery(approved.order_by("-campaign__period_end", "-pk").values("final_rating")[:1]),
        Case(When(latest_rating_year=year, then=F("latest_rating"))),
        Value(""),
        output_field=CharField(),
    )


def with_year_rating(schemes, year: int):
    """``schemes`` annotated with ``rating``: what ``rating_expression(year)`` gives, read from the
    summary table ``SchemeRating`` by one join on (year, scheme) instead of a subquery per scheme."""
    return schemes.annotate(
        rating_of_year=FilteredRelation("year_ratings", condition=Q(year_ratings__year=year)),
        rating=Coalesce(
            F("rating_of_year__rating"),
            Case(When(latest_rating_year=year, then=F("latest_rating"))),
            Value(""),
            output_field=CharField(),
        ),
    )


def latest_campaign_year(*, user=None, today: date | None = None) -> int | None:
    """The year of the latest finished assessment campaign the user sees.

    Finished: its approval deadline has passed by ``today`` (a running campaign has few results
    yet; the dashboard counts its late assessments instead). Without a finished campaign, the
    latest campaign; without campaigns, the year of the latest recorded class.
    """
    today = today or timezone.localdate()
    campaigns = Campaign.objects.all() if user is None else Campaign.objects.visible_to(user)
    years = campaigns.order_by("-year").values_list("year", flat=True)
    year = years.filter(approval_deadline__lt=today).first() or years.first()
    if year:
        return year
    return (
        Scheme.objects.exclude(latest_rating_year__isnull=True)
        .order_by("-latest_rating_year")
        .values_list("latest_rating_year", flat=True)
        .first()
    )


def late_assessments(*, user, unit: AdminUnit | None = None, today: date) -> int | None:
    """Assessments of the running campaigns that are past their deadline (None: no running campaign).

    Running: a campaign of the latest year whose approval deadline has not passed by more than
    a year. Late: still a draft or returned after the self-assessment deadline, or submitted and
    not yet approved after the approval deadline.
    """
    campaigns = Campaign.objects.all() if user is None else Campaign.objects.visible_to(user)
    year = campaigns.order_by("-year").values_list("year", flat=True).first()
    if not year or year < today.year - 1:
        return None
    # Which states are late in each campaign of that year is decided here from its two deadlines, so
    # that the count reads the (campaign, state) index instead of every assessment of every scheme
    # of the unit (6,5 → 0,5 ms for a province nationally): the campaigns the user sees, whose
    # assessments, among those the user may see, are counted.
    late = Q()
    for pk, self_deadline, approval_deadline in campaigns.filter(year=year).values_list(
        "pk", "self_assessment_deadline", "approval_deadline"
    ):
        states = [State.DRAFT, State.RETURNED] if self_deadline < today else []
        states += [State.SUBMITTED] if approval_deadline < today else []
        if states:
            late |= Q(campaign_id=pk, state__in=states)
    if not late:
        return 0
    assessments = Assessment.objects.all() if user is None else Assessment.objects.visible_to(user)
    if unit is not None:
        assessments = assessments.filter(scheme__commune__path__startswith=unit.path)
    return assessments.filter(late).count()


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
    snapshot = DashboardSnapshot.objects.filter(scope=_cross_scope(question)).first()
    if snapshot is None or snapshot.computed_at < timezone.now() - SNAPSHOT_MAX_AGE:
        snapshot = national_cross_table_refresh(**question)
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


def _store_snapshot(scope: str, data: dict, computed_at: datetime) -> DashboardSnapshot:
    """Store the figures of ``scope`` computed at ``computed_at`` (a national snapshot)."""
    try:
        with transaction.atomic():
            snapshot, _ = DashboardSnapshot.objects.update_or_create(
                scope=scope, defaults={"data": data, "computed_at": computed_at}
            )
    except IntegrityError:  # another request stored it at the same moment: as fresh
        snapshot = DashboardSnapshot.objects.get(scope=scope)
    return snapshot


def _cross_scope(question: dict) -> str:
    """The snapshot's scope of a question (``cross_table``'s keyword arguments, its defaults)."""
    rows, columns = question.get("rows", "old-district"), question.get("columns", "class")
    year_from = question["year_from"]
    year_to = question.get("year_to") or year_from
    agency_split = _agency_split(rows, question.get("agency_row", True))
    return f"{CROSS_SCOPE}:{rows}:{columns}:{year_from}:{year_to}:{int(agency_split)}"


# --- National practice figures -------------------------------------------------------------------


@dataclass
class PracticeRow:
    kind: str
    field: str
    schemes: int
    teams: int
    members: int


def practice_figures(*, user=None, unit: AdminUnit | None = None, year: int) -> dict:
    """Per kind of scheme: điểm (schemes registered at the end of ``year``), tổ and members.

    Teams and members are those of these schemes that are active (teams) or have not left
    (members) today; three grouped queries and one for the kinds.
    """
    schemes = scheme_base(user=user, unit=unit).filter(registered_in_year(year))
    scheme_counts = dict(schemes.values_list("kind_id").annotate(n=Count("pk")).order_by())
    team_counts = dict(
        Team.objects.filter(scheme__in=schemes.values("pk"), is_active=True)
        .values_list("scheme__kind_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    member_counts = dict(
        Member.objects.filter(scheme__in=schemes.values("pk"), left_on__isnull=True)
        .values_list("scheme__kind_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    kinds = vi_sorted(SchemeKind.objects.filter(pk__in=scheme_counts), key=lambda k: k.name)
    rows = [
        PracticeRow(
            kind=k.name,
            field=k.get_field_display(),
            schemes=scheme_counts.get(k.pk, 0),
            teams=team_counts.get(k.pk, 0),
            members=member_counts.get(k.pk, 0),
        )
        for k in kinds
    ]
    return {
        "year": year,
        "rows": rows,
        "totals": PracticeRow(
            kind=TOTAL_LABEL,
            field="",
            schemes=sum(r.schemes for r in rows),
            teams=sum(r.teams for r in rows),
            members=sum(r.members for r in rows),
        ),
        "as_of": timezone.now(),
    }


PRACTICE_SCOPE = "practice"


def practice_panel(*, user, unit: AdminUnit | None = None, year: int) -> dict:
    """The statistics page's practice panel: :func:`practice_figures` for ``user``'s scope.

    The whole country's figures count ~2,7 million members (≈ 0,7 s on one server), so, like the
    national dashboard, they come from a snapshot per year (``DashboardSnapshot`` with scope
    ``practice:<year>``) at most ``SNAPSHOT_MAX_AGE`` old, recomputed by the request that finds it
    older and by ``manage.py refresh_summaries`` (current year); ``as_of`` says when. Every
    smaller scope is computed live.
    """
    if unit is not None or not sees_whole_country(user):
        return practice_figures(user=user, unit=unit, year=year)
    snapshot = DashboardSnapshot.objects.filter(scope=f"{PRACTICE_SCOPE}:{year}").first()
    if snapshot is None or snapshot.computed_at < timezone.now() - SNAPSHOT_MAX_AGE:
        snapshot = national_practice_refresh(year=year)
    data = snapshot.data
    return {
        "year": year,
        "rows": [PracticeRow(**row) for row in data["rows"]],
        "totals": PracticeRow(**data["totals"]),
        "as_of": snapshot.computed_at,
    }


def national_practice_refresh(*, year: int) -> DashboardSnapshot:
    """Recompute and store the whole country's practice figures of ``year`` (system scope)."""
    computed_at = timezone.now()
    figures = practice_figures(user=None, unit=None, year=year)
    data = {"rows": [asdict(row) for row in figures["rows"]], "totals": asdict(figures["totals"])}
    return _store_snapshot(f"{PRACTICE_SCOPE}:{year}", data, computed_at)


# --- Dashboard -----------------------------------------------------------------------------------

TREND_YEARS = 8
TOP_KINDS = 20
OTHER_KINDS_LABEL = "Các loại khác"
NATIONAL_SCOPE = "national"
SNAPSHOT_MAX_AGE = timedelta(minutes=15)


def sees_whole_country(user) -> bool:
    """Whether ``user``'s jurisdiction is every unit (``ScopedQuerySet.restrict`` lets it see all)."""
    return bool(user and user.is_authenticated and user.is_superuser and user.jurisdiction_id is None)


def dashboard(*, user, unit: AdminUnit | None = None, today: date | None = None) -> dict:
    """The figures of the dashboard for ``user``'s jurisdiction (or ``unit`` inside it).

    The whole country's figures come from the snapshot ``DashboardSnapshot`` (at most
    ``SNAPSHOT_MAX_AGE`` old, recomputed by the request that finds it older, and by
    ``manage.py refresh_summaries``); every smaller scope is computed live. ``as_of`` is the
    time the figures were computed.
    """
    if unit is None and today is None and sees_whole_country(user):
        snapshot = DashboardSnapshot.objects.filter(scope=NATIONAL_SCOPE).first()
        if snapshot is None or snapshot.computed_at < timezone.now() - SNAPSHOT_MAX_AGE:
            snapshot = national_dashboard_refresh()
        return _dashboard_page(user=user, unit=None, figures=snapshot.data, as_of=snapshot.computed_at)
    today = today or timezone.localdate()
    return _dashboard_page(
        user=user, unit=unit, figures=dashboard_figures(user=user, unit=unit, today=today), as_of=timezone.now()
    )


def national_dashboard_refresh() -> DashboardSnapshot:
    """Recompute and store the whole country's dashboard figures (system scope)."""
    computed_at = timezone.now()
    figures = dashboard_figures(user=None, unit=None, today=timezone.localdate(computed_at))
    return _store_snapshot(NATIONAL_SCOPE, figures, computed_at)


def _dashboard_page(*, user, unit, figures: dict, as_of: datetime) -> dict:
    today = date.fromisoformat(figures["today"])
    return {
        **figures,
        "today": today,
        "unit": unit,
        "targets": commune_targets(user=user, unit=unit, year=today.year),
        "as_of": as_of,
    }


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


def commune_targets(*, user, unit: AdminUnit | None, year: int):
    """This year's targets (chỉ tiêu) when the dashboard shows one commune, else None.

    A commune officer always sees theirs; PV05 sees a commune's after drilling down to it.
    The province-wide view links to the targets page instead of listing 65 communes here.
    """
    from tuquan.targets.selectors import targets_for_unit

    scope = unit if unit is not None else (user.jurisdiction if user and not user.is_scheme_leader else None)
    if scope is None or scope.level != Level.COMMUNE or not user.has_perm("targets.view_target"):
        return None
    return {"year": year, "rows": targets_for_unit(user, year, unit=scope)}


def coverage(*, user, unit: AdminUnit | None = None) -> dict:
    """Current communes with at least one active scheme, and the list of those with none (one query).

    ``user=None`` is the system scope. When the communes span several provinces, ``provinces``
    sums them per province (the country's page lists 34 provinces, not 3.321 communes).
    """
    units = AdminUnit.objects.all() if user is None else AdminUnit.objects.visible_to(user)
    communes = units.filter(era=Era.CURRENT, level=Level.COMMUNE)
    if unit is not None:
        communes = communes.filter(path__startswith=unit.path)
    if user is not None and user.is_scheme_leader:
        communes = communes.none()
    rows = list(
        communes.annotate(active=Count("schemes", filter=Q(schemes__status=Status.ACTIVE)))
        .values("pk", "name", "code", "active", "parent_id", "parent__name", "parent__code")
        .order_by("code")
    )
    covered = [row for row in rows if row["active"]]
    uncovered = vi_sorted([row for row in rows if not row["active"]], key=lambda row: row["name"])
    total = len(rows)
    provinces: dict[int, dict] = {}
    for row in rows:
        province = provinces.setdefault(
            row["parent_id"],
            {"pk": row["parent_id"], "name": row["parent__name"], "code": row["parent__code"], "active": 0},
        )
        province["active"] += row["active"]
        province["communes"] = province.get("communes", 0) + 1
        province["covered"] = province.get("covered", 0) + (1 if row["active"] else 0)
    return {
        "total": total,
        "covered": len(covered),
        "percent": round(100 * len(covered) / total, 1) if total else None,
        "uncovered": uncovered,
        "communes": sorted(rows, key=lambda row: -row["active"]),
        "provinces": sorted(provinces.values(), key=lambda row: row["code"]) if len(provinces) > 1 else [],
    }
