"""Criteria sets (versioned templates) and the yearly campaigns that copy their criteria, thresholds,
minimum age and hard rules when created, so editing a set later never changes a campaign."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tuquan.assessments.choices import HardRule, Rating
from tuquan.assessments.models.base import UnitWideQuerySet
from tuquan.core.scoping import Scope

DEFAULT_THRESHOLD_GOOD = Decimal("85")
DEFAULT_THRESHOLD_FAIR = Decimal("70")
DEFAULT_THRESHOLD_AVERAGE = Decimal("50")
DEFAULT_MIN_AGE_MONTHS = 12


def default_hard_rules() -> list[dict]:
    return [{"rule": HardRule.NO_ACTIVITY_REPORT.value, "cap": Rating.AVERAGE.value}]


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
