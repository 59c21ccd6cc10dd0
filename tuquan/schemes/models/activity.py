"""What a scheme did in a period (kết quả hoạt động)."""

from django.db import models
from django.urls import reverse

from tuquan.core.scoping import Scope, ScopedQuerySet
from tuquan.schemes.models.schemes import Scheme


class ActivityReport(models.Model):
    """What a scheme did in a period (kết quả hoạt động)."""

    scheme = models.ForeignKey(
        Scheme,
        verbose_name="mô hình",
        on_delete=models.PROTECT,
        related_name="activity_reports",
    )
    period_start = models.DateField(
        verbose_name="từ ngày",
    )
    period_end = models.DateField(
        verbose_name="đến ngày",
    )
    patrols = models.PositiveIntegerField(
        verbose_name="số buổi tuần tra",
        default=0,
    )
    meetings = models.PositiveIntegerField(
        verbose_name="số buổi họp, sinh hoạt",
        default=0,
    )
    propaganda_sessions = models.PositiveIntegerField(
        verbose_name="số buổi tuyên truyền",
        default=0,
    )
    propaganda_attendance = models.PositiveIntegerField(
        verbose_name="số lượt người dự tuyên truyền",
        default=0,
    )
    tips_to_police = models.PositiveIntegerField(
        verbose_name="số tin báo cho Công an",
        default=0,
    )
    cases_detected = models.PositiveIntegerField(
        verbose_name="số vụ việc phát hiện",
        default=0,
    )
    cases_handed_over = models.PositiveIntegerField(
        verbose_name="số vụ việc, đối tượng bàn giao",
        default=0,
    )
    disputes_mediated = models.PositiveIntegerField(
        verbose_name="số vụ hòa giải thành",
        default=0,
    )
    incidents = models.PositiveIntegerField(
        verbose_name="số vụ việc về ANTT xảy ra",
        default=0,
    )
    notes = models.TextField(
        verbose_name="ghi chú",
        blank=True,
    )
    created_at = models.DateTimeField(
        verbose_name="ngày nhập",
        auto_now_add=True,
    )

    # The counted figures of a report, in the order forms, exports and totals show them.
    COUNTERS = (
        "patrols",
        "meetings",
        "propaganda_sessions",
        "propaganda_attendance",
        "tips_to_police",
        "cases_detected",
        "cases_handed_over",
        "disputes_mediated",
        "incidents",
    )

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="scheme__commune", scheme="scheme")

    class Meta:
        verbose_name = "kết quả hoạt động"
        verbose_name_plural = "kết quả hoạt động"
        ordering = ["scheme", "-period_end"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="%(app_label)s_%(class)s_period_in_order",
            ),
            models.UniqueConstraint(
                fields=["scheme", "period_start", "period_end"],
                name="%(app_label)s_%(class)s_unique_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme} ({self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("schemes:scheme_detail", args=[self.scheme_id])
