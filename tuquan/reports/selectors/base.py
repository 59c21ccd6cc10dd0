"""The ground of the statistics engine: the questions (rows, columns, labels, definitions), the
populations counted (registered schemes of a period, in a scope) and the classes of a year."""

from __future__ import annotations

from datetime import date

from django.db.models import (
    Case,
    CharField,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from tuquan.assessments.choices import State
from tuquan.assessments.models import Assessment, Campaign
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit, Succession
from tuquan.schemes.choices import Status
from tuquan.schemes.models import Scheme

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
