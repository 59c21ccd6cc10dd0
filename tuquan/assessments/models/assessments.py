"""One scheme in one campaign: the assessment (workflow, suggested and final class) and its criterion
scores with their evidence; an approved assessment stores its rating."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse

from tuquan.assessments.choices import Rating, Recommendation, State
from tuquan.assessments.models.campaigns import Campaign, CampaignCriterion
from tuquan.core.scoping import Scope, ScopedQuerySet

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
