"""Yearly inspection and classification: criteria sets, campaigns, assessments, eliminations.

A criteria set is a versioned template; a campaign copies its criteria, thresholds,
minimum age and hard rules when it is created, so editing the set later never
changes a campaign, and an approved assessment stores its rating.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse

from tuquan.assessments.choices import HardRule, Rating, Recommendation, State
from tuquan.core.scoping import ACTION_PERMISSION, Scope, ScopedQuerySet

DEFAULT_THRESHOLD_GOOD = Decimal("85")
DEFAULT_THRESHOLD_FAIR = Decimal("70")
DEFAULT_THRESHOLD_AVERAGE = Decimal("50")
DEFAULT_MIN_AGE_MONTHS = 12


def default_hard_rules() -> list[dict]:
    return [{"rule": HardRule.NO_ACTIVITY_REPORT.value, "cap": Rating.AVERAGE.value}]


def _ancestor_paths(path: str) -> list[str]:
    """``"N56/22333/"`` → ``["N56/", "N56/22333/"]``."""
    parts = [p for p in path.split("/") if p]
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


class UnitWideQuerySet(ScopedQuerySet):
    """Rows that belong to a unit and concern everything under it (a province-wide campaign).

    A user sees the rows of their jurisdiction's subtree and of every unit above it:
    a commune officer sees the province's campaign; PV05 sees every campaign in the province.
    """

    def restrict(self, user, action: str = "view") -> "UnitWideQuerySet":
        scope: Scope = self.model.scope
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if action != "view":
            meta = self.model._meta
            if not user.has_perm(f"{meta.app_label}.{ACTION_PERMISSION[action]}_{meta.model_name}"):
                return self.none()
        if user.is_superuser and user.jurisdiction_id is None:
            return self
        if user.is_scheme_leader:
            if user.scheme_id is None:
                return self.none()
            path = user.scheme.commune.path
        elif user.jurisdiction_id is None:
            return self.none()
        else:
            path = user.jurisdiction.path
        below = Q(**{f"{scope.unit}__path__startswith": path})
        if user.is_scheme_leader:
            below = Q(pk__in=[])
        above = Q(**{f"{scope.unit}__path__in": _ancestor_paths(path)})
        return self.filter(below | above)


class CriteriaSet(models.Model):
    """A versioned set of criteria with its class thresholds (bộ tiêu chí); a template for campaigns."""

    name = models.CharField(
        verbose_name="tên bộ tiêu chí",
        max_length=200,
    )
    version = models.PositiveSmallIntegerField(
        verbose_name="phiên bản",
        default=1,
    )
    is_active = models.BooleanField(
        verbose_name="đang áp dụng",
        default=True,
    )
    threshold_good = models.DecimalField(
        verbose_name="điểm tối thiểu loại Tốt",
        max_digits=6,
        decimal_places=2,
        default=DEFAULT_THRESHOLD_GOOD,
    )
    threshold_fair = models.DecimalField(
        verbose_name="điểm tối thiểu loại Khá",
        max_digits=6,
        decimal_places=2,
        default=DEFAULT_THRESHOLD_FAIR,
    )
    threshold_average = models.DecimalField(
        verbose_name="điểm tối thiểu loại Trung bình",
        max_digits=6,
        decimal_places=2,
        default=DEFAULT_THRESHOLD_AVERAGE,
    )
    min_age_months = models.PositiveSmallIntegerField(
        verbose_name="số tháng hoạt động tối thiểu để phân loại",
        default=DEFAULT_MIN_AGE_MONTHS,
    )
    hard_rules = models.JSONField(
        verbose_name="điều kiện bắt buộc",
        default=default_hard_rules,
        blank=True,
        help_text='Danh sách {"rule": mã điều kiện, "cap": loại cao nhất được xếp}.',
    )
    notes = models.TextField(
        verbose_name="ghi chú",
        blank=True,
    )
    created_at = models.DateTimeField(
        verbose_name="ngày tạo",
        auto_now_add=True,
    )

    class Meta:
        verbose_name = "bộ tiêu chí"
        verbose_name_plural = "bộ tiêu chí"
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "version"],
                name="%(app_label)s_%(class)s_unique_version",
            ),
            models.CheckConstraint(
                condition=Q(threshold_good__gt=models.F("threshold_fair"))
                & Q(threshold_fair__gt=models.F("threshold_average"))
                & Q(threshold_average__gte=0),
                name="%(app_label)s_%(class)s_thresholds_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (phiên bản {self.version})"

    def get_absolute_url(self) -> str:
        return reverse("assessments:campaign_list")


class Criterion(models.Model):
    """One criterion of a criteria set: a group, a name and its maximum points."""

    criteria_set = models.ForeignKey(
        CriteriaSet,
        verbose_name="bộ tiêu chí",
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    group = models.CharField(
        verbose_name="nhóm tiêu chí",
        max_length=200,
    )
    code = models.CharField(
        verbose_name="mã tiêu chí",
        max_length=20,
    )
    name = models.CharField(
        verbose_name="nội dung tiêu chí",
        max_length=500,
    )
    max_points = models.DecimalField(
        verbose_name="điểm tối đa",
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    order = models.PositiveSmallIntegerField(
        verbose_name="thứ tự",
        default=0,
    )

    class Meta:
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"
        ordering = ["criteria_set", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["criteria_set", "code"],
                name="%(app_label)s_%(class)s_unique_code",
            ),
            models.CheckConstraint(
                condition=Q(max_points__gt=0),
                name="%(app_label)s_%(class)s_max_points_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class CampaignQuerySet(UnitWideQuerySet):
    pass


class Campaign(models.Model):
    """One yearly round of inspection and classification (đợt kiểm tra, đánh giá, phân loại)."""

    year = models.PositiveSmallIntegerField(
        verbose_name="năm",
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    name = models.CharField(
        verbose_name="tên đợt kiểm tra",
        max_length=255,
    )
    root_unit = models.ForeignKey(
        "places.AdminUnit",
        verbose_name="phạm vi (đơn vị)",
        on_delete=models.PROTECT,
        related_name="assessment_campaigns",
        help_text="Tỉnh, hoặc một xã/phường/đặc khu.",
    )
    criteria_source = models.ForeignKey(
        CriteriaSet,
        verbose_name="bộ tiêu chí gốc",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns",
        help_text="Bộ tiêu chí được sao chép khi tạo đợt; sửa bộ gốc không ảnh hưởng đợt này.",
    )
    period_start = models.DateField(
        verbose_name="kỳ đánh giá từ ngày",
    )
    period_end = models.DateField(
        verbose_name="kỳ đánh giá đến ngày",
    )
    self_assessment_deadline = models.DateField(
        verbose_name="hạn tự đánh giá",
    )
    approval_deadline = models.DateField(
        verbose_name="hạn phê duyệt",
    )
    threshold_good = models.DecimalField(
        verbose_name="điểm tối thiểu loại Tốt",
        max_digits=6,
        decimal_places=2,
        default=DEFAULT_THRESHOLD_GOOD,
    )
    threshold_fair = models.DecimalField(
        verbose_name="điểm tối thiểu loại Khá",
        max_digits=6,
        decimal_places=2,
        default=DEFAULT_THRESHOLD_FAIR,
    )
    threshold_average = models.DecimalField(
        verbose_name="điểm tối thiểu loại Trung bình",
        max_digits=6,
        decimal_places=2,
        default=DEFAULT_THRESHOLD_AVERAGE,
    )
    min_age_months = models.PositiveSmallIntegerField(
        verbose_name="số tháng hoạt động tối thiểu để phân loại",
        default=DEFAULT_MIN_AGE_MONTHS,
    )
    hard_rules = models.JSONField(
        verbose_name="điều kiện bắt buộc",
        default=default_hard_rules,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(
        verbose_name="ngày tạo",
        auto_now_add=True,
    )

    objects = CampaignQuerySet.as_manager()
    scope = Scope(unit="root_unit")

    class Meta:
        verbose_name = "đợt kiểm tra, đánh giá"
        verbose_name_plural = "đợt kiểm tra, đánh giá"
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["root_unit", "year", "name"],
                name="%(app_label)s_%(class)s_unique_name_per_year",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")),
                name="%(app_label)s_%(class)s_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(approval_deadline__gte=models.F("self_assessment_deadline")),
                name="%(app_label)s_%(class)s_deadlines_in_order",
            ),
            models.CheckConstraint(
                condition=Q(threshold_good__gt=models.F("threshold_fair"))
                & Q(threshold_fair__gt=models.F("threshold_average"))
                & Q(threshold_average__gte=0),
                name="%(app_label)s_%(class)s_thresholds_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("assessments:campaign_detail", args=[self.pk])

    @staticmethod
    def default_period(year: int) -> tuple[date, date]:
        """The practice: 15/11 of the previous year to 14/11 of the campaign year."""
        return date(year - 1, 11, 15), date(year, 11, 14)

    @property
    def max_total(self) -> Decimal:
        return sum((c.max_points for c in self.criteria.all()), Decimal("0"))


class CampaignCriterion(models.Model):
    """A criterion as copied into one campaign (frozen: the campaign's own version)."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name="đợt kiểm tra",
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    group = models.CharField(
        verbose_name="nhóm tiêu chí",
        max_length=200,
    )
    code = models.CharField(
        verbose_name="mã tiêu chí",
        max_length=20,
    )
    name = models.CharField(
        verbose_name="nội dung tiêu chí",
        max_length=500,
    )
    max_points = models.DecimalField(
        verbose_name="điểm tối đa",
        max_digits=6,
        decimal_places=2,
    )
    order = models.PositiveSmallIntegerField(
        verbose_name="thứ tự",
        default=0,
    )

    class Meta:
        verbose_name = "tiêu chí của đợt"
        verbose_name_plural = "tiêu chí của đợt"
        ordering = ["campaign", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "code"],
                name="%(app_label)s_%(class)s_unique_code",
            ),
            models.CheckConstraint(
                condition=Q(max_points__gt=0),
                name="%(app_label)s_%(class)s_max_points_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


# An approved assessment that makes its scheme a candidate for elimination: rated Yếu, or
# proposed for removal. The selector filters with this very Q so that PostgreSQL and SQLite
# recognise the partial index below.
ELIMINATION_CANDIDATE = Q(state=State.APPROVED) & (
    Q(final_rating=Rating.WEAK) | Q(recommendation=Recommendation.ELIMINATE)
)


class AssessmentQuerySet(ScopedQuerySet):
    def approved(self) -> "AssessmentQuerySet":
        return self.filter(state=State.APPROVED)

    def year_results(self) -> "AssessmentQuerySet":
        """The assessment that gives each scheme its class of a year (annotated ``year``).

        Among a scheme's approved assessments with a final class in the campaigns of one year,
        the one of the campaign that ends last (then the newest): "the class in year Y" on
        every page, table and export. ``SchemeRating`` stores exactly these rows.
        """
        rank = Window(
            RowNumber(),
            partition_by=[F("scheme_id"), F("campaign__year")],
            order_by=[F("campaign__period_end").desc(), F("pk").desc()],
        )
        return (
            self.filter(state=State.APPROVED)
            .exclude(final_rating="")
            .annotate(year=F("campaign__year"), rank=rank)
            .filter(rank=1)
        )


class Assessment(models.Model):
    """One scheme in one campaign: scores, total, suggested and final class, workflow."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name="đợt kiểm tra",
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    scheme = models.ForeignKey(
        "schemes.Scheme",
        verbose_name="mô hình",
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    state = models.CharField(
        verbose_name="trạng thái",
        max_length=10,
        choices=State.choices,
        default=State.DRAFT,
        db_index=True,
    )
    total = models.DecimalField(
        verbose_name="tổng điểm",
        max_digits=6,
        decimal_places=2,
        default=Decimal("0"),
    )
    has_activity_report = models.BooleanField(
        verbose_name="có báo cáo kết quả hoạt động trong kỳ",
        default=False,
    )
    suggested_rating = models.CharField(
        verbose_name="xếp loại đề xuất",
        max_length=16,
        choices=Rating.choices,
        blank=True,
    )
    final_rating = models.CharField(
        verbose_name="xếp loại chính thức",
        max_length=16,
        choices=Rating.choices,
        blank=True,
        db_index=True,
    )
    recommendation = models.CharField(
        verbose_name="kiến nghị",
        max_length=12,
        choices=Recommendation.choices,
        blank=True,
    )
    rule_notes = models.TextField(
        verbose_name="điều kiện đã áp dụng",
        blank=True,
    )
    general_note = models.TextField(
        verbose_name="nhận xét chung",
        blank=True,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người gửi",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(
        verbose_name="thời điểm gửi",
        null=True,
        blank=True,
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người duyệt",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(
        verbose_name="thời điểm duyệt",
        null=True,
        blank=True,
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người trả lại",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    returned_at = models.DateTimeField(
        verbose_name="thời điểm trả lại",
        null=True,
        blank=True,
    )
    return_comment = models.TextField(
        verbose_name="lý do trả lại",
        blank=True,
    )
    adjustment_reason = models.TextField(
        verbose_name="lý do điều chỉnh điểm",
        blank=True,
    )
    version = models.PositiveIntegerField(
        verbose_name="phiên bản",
        default=1,
        help_text="Tăng mỗi lần lưu; chống ghi đè khi hai người cùng sửa.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(
        verbose_name="ngày tạo",
        auto_now_add=True,
    )
    updated_at = models.DateTimeField(
        verbose_name="ngày cập nhật",
        auto_now=True,
    )

    objects = AssessmentQuerySet.as_manager()
    scope = Scope(unit="scheme__commune", scheme="scheme")

    class Meta:
        verbose_name = "phiếu đánh giá"
        verbose_name_plural = "phiếu đánh giá"
        ordering = ["campaign", "scheme__commune__path", "scheme__name"]
        permissions = [
            ("submit_assessment", "Gửi phiếu tự đánh giá"),
            ("approve_assessment", "Duyệt hoặc trả lại phiếu đánh giá"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "scheme"],
                name="%(app_label)s_%(class)s_unique_scheme_per_campaign",
            ),
            models.CheckConstraint(
                condition=Q(total__gte=0),
                name="%(app_label)s_%(class)s_total_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(state="approved") | ~Q(final_rating=""),
                name="%(app_label)s_%(class)s_approved_has_final_rating",
            ),
        ]
        indexes = [
            models.Index(fields=["campaign", "state"], name="assess_campaign_state_idx"),
            models.Index(fields=["campaign", "final_rating"], name="assess_campaign_rating_idx"),
            # The elimination form's candidates: a few thousand of a million assessments, read
            # without scanning the table (scheme first for "any campaign", campaign for one).
            models.Index(
                fields=["scheme", "campaign"],
                condition=ELIMINATION_CANDIDATE,
                name="assess_elim_candidate_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme} — {self.campaign}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:assessment_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.state in {State.DRAFT, State.RETURNED}


class SchemeRating(models.Model):
    """Summary table: the class of one scheme in one year (``Assessment.objects.year_results()``).

    Statistics group every scheme of a country by its class of a year; reading the class from
    the assessments means one correlated subquery per scheme (12 s nationally), reading it
    from here one join on ``(year, scheme)``. Derived data, never edited: kept exact by
    ``services.scheme_ratings_sync`` inside the transaction of each write that can change a
    class, and rebuilt from the assessments by ``manage.py refresh_summaries`` after bulk
    loads (docs/adr/0011-summary-tables.md).
    """

    scheme = models.ForeignKey(
        "schemes.Scheme",
        verbose_name="mô hình",
        # Derived rows follow their source; the scheme itself is protected by its assessments.
        on_delete=models.CASCADE,
        related_name="year_ratings",
        db_index=False,  # the (scheme, year) index below serves lookups by scheme
    )
    year = models.PositiveSmallIntegerField(
        verbose_name="năm",
    )
    rating = models.CharField(
        verbose_name="xếp loại",
        max_length=16,
        choices=Rating.choices,
    )
    assessment = models.OneToOneField(
        "Assessment",
        verbose_name="phiếu đánh giá",
        on_delete=models.CASCADE,
        related_name="year_rating",
    )

    class Meta:
        verbose_name = "xếp loại theo năm (bảng tổng hợp)"
        verbose_name_plural = "xếp loại theo năm (bảng tổng hợp)"
        ordering = ["scheme", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "scheme"],
                name="%(app_label)s_%(class)s_unique_year_scheme",
            ),
        ]
        indexes = [
            models.Index(fields=["scheme", "year"], name="assess_rating_scheme_year_idx"),
            # Covers the statistics' join (year = Y, scheme_id, rating): an index-only scan.
            models.Index(fields=["year", "scheme", "rating"], name="assess_rating_year_cover_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.scheme_id} {self.year}: {self.get_rating_display()}"


def evidence_path(instance: "CriterionScore", filename: str) -> str:
    return f"assessments/{instance.assessment.campaign_id}/{instance.assessment_id}/{filename}"


class CriterionScoreQuerySet(ScopedQuerySet):
    pass


class CriterionScore(models.Model):
    """The score of one criterion in one assessment, with a note and optional evidence."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name="phiếu đánh giá",
        on_delete=models.CASCADE,
        related_name="scores",
    )
    criterion = models.ForeignKey(
        CampaignCriterion,
        verbose_name="tiêu chí",
        on_delete=models.PROTECT,
        related_name="scores",
    )
    score = models.DecimalField(
        verbose_name="điểm",
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    note = models.CharField(
        verbose_name="ghi chú, minh chứng",
        max_length=500,
        blank=True,
    )
    evidence = models.FileField(
        verbose_name="tệp minh chứng",
        upload_to=evidence_path,
        blank=True,
    )

    objects = CriterionScoreQuerySet.as_manager()
    scope = Scope(unit="assessment__scheme__commune", scheme="assessment__scheme")

    class Meta:
        verbose_name = "điểm tiêu chí"
        verbose_name_plural = "điểm tiêu chí"
        ordering = ["assessment", "criterion__order", "criterion__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"],
                name="%(app_label)s_%(class)s_unique_criterion",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0),
                name="%(app_label)s_%(class)s_score_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.score}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:assessment_detail", args=[self.assessment_id])


class EliminationQuerySet(UnitWideQuerySet):
    pass


class Elimination(models.Model):
    """A decision (quyết định thanh loại) that removes one or more schemes from the active registry."""

    unit = models.ForeignKey(
        "places.AdminUnit",
        verbose_name="đơn vị ban hành",
        on_delete=models.PROTECT,
        related_name="eliminations",
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name="theo kết quả đợt kiểm tra",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="eliminations",
    )
    decision_number = models.CharField(
        verbose_name="số quyết định",
        max_length=60,
    )
    decision_date = models.DateField(
        verbose_name="ngày quyết định",
    )
    issuer = models.CharField(
        verbose_name="cơ quan ban hành",
        max_length=200,
    )
    reason = models.TextField(
        verbose_name="lý do thanh loại",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(
        verbose_name="ngày tạo",
        auto_now_add=True,
    )

    objects = EliminationQuerySet.as_manager()
    scope = Scope(unit="unit")

    class Meta:
        verbose_name = "quyết định thanh loại"
        verbose_name_plural = "quyết định thanh loại"
        ordering = ["-decision_date", "decision_number"]

    def __str__(self) -> str:
        return f"Quyết định {self.decision_number} ngày {self.decision_date:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:elimination_detail", args=[self.pk])


class EliminatedSchemeQuerySet(ScopedQuerySet):
    pass


class EliminatedScheme(models.Model):
    """One scheme removed by an elimination decision, with the rating it had then."""

    elimination = models.ForeignKey(
        Elimination,
        verbose_name="quyết định thanh loại",
        on_delete=models.PROTECT,
        related_name="items",
    )
    scheme = models.OneToOneField(
        "schemes.Scheme",
        verbose_name="mô hình",
        on_delete=models.PROTECT,
        related_name="elimination_item",
    )
    assessment = models.ForeignKey(
        Assessment,
        verbose_name="phiếu đánh giá căn cứ",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    previous_status = models.CharField(
        verbose_name="tình trạng trước khi thanh loại",
        max_length=12,
    )

    objects = EliminatedSchemeQuerySet.as_manager()
    scope = Scope(unit="scheme__commune", scheme="scheme")

    class Meta:
        verbose_name = "mô hình bị thanh loại"
        verbose_name_plural = "mô hình bị thanh loại"
        ordering = ["elimination", "scheme__name"]

    def __str__(self) -> str:
        return f"{self.scheme} ({self.elimination})"

    def get_absolute_url(self) -> str:
        return reverse("assessments:elimination_detail", args=[self.elimination_id])
