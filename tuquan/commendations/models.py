from django.conf import settings
from django.db import models
from django.urls import reverse

from tuquan.commendations.choices import AwardForm, AwardLevel, CommendationStatus, RecipientKind
from tuquan.core.scoping import Scope, ScopedQuerySet


class Commendation(models.Model):
    """A commendation (khen thưởng) of a scheme or a person: proposed, then approved by a decision."""

    recipient_kind = models.CharField(
        verbose_name="đối tượng khen thưởng",
        max_length=10,
        choices=RecipientKind.choices,
        default=RecipientKind.SCHEME,
    )
    scheme = models.ForeignKey(
        "schemes.Scheme",
        verbose_name="mô hình",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commendations",
    )
    member = models.ForeignKey(
        "schemes.Member",
        verbose_name="thành viên",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commendations",
    )
    person_name = models.CharField(
        verbose_name="họ và tên",
        max_length=150,
        blank=True,
    )
    person_role = models.CharField(
        verbose_name="chức vụ",
        max_length=150,
        blank=True,
    )
    person_unit = models.CharField(
        verbose_name="đơn vị công tác",
        max_length=200,
        blank=True,
    )
    unit = models.ForeignKey(
        "places.AdminUnit",
        verbose_name="xã/phường/đặc khu",
        on_delete=models.PROTECT,
        related_name="commendations",
    )
    title = models.CharField(
        verbose_name="hình thức khen thưởng (tên đầy đủ)",
        max_length=200,
    )
    award_form = models.CharField(
        verbose_name="hình thức",
        max_length=16,
        choices=AwardForm.choices,
    )
    level = models.CharField(
        verbose_name="cấp khen thưởng",
        max_length=12,
        choices=AwardLevel.choices,
    )
    year = models.PositiveSmallIntegerField(
        verbose_name="năm",
    )
    decision_number = models.CharField(
        verbose_name="số quyết định",
        max_length=60,
        blank=True,
    )
    decision_date = models.DateField(
        verbose_name="ngày quyết định",
        null=True,
        blank=True,
    )
    issuer = models.CharField(
        verbose_name="người/cơ quan ký",
        max_length=200,
        blank=True,
    )
    reason = models.TextField(
        verbose_name="thành tích, lý do",
        blank=True,
    )
    status = models.CharField(
        verbose_name="tình trạng",
        max_length=10,
        choices=CommendationStatus.choices,
        default=CommendationStatus.PROPOSED,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người lập",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commendations_created",
    )
    created_at = models.DateTimeField(
        verbose_name="ngày tạo",
        auto_now_add=True,
    )
    updated_at = models.DateTimeField(
        verbose_name="ngày cập nhật",
        auto_now=True,
    )

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="unit", scheme="scheme")

    class Meta:
        verbose_name = "khen thưởng"
        verbose_name_plural = "khen thưởng"
        ordering = ["-year", "-decision_date", "-pk"]
        permissions = [("approve_commendation", "Ghi quyết định khen thưởng")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(recipient_kind="scheme") | models.Q(scheme__isnull=False),
                name="%(app_label)s_%(class)s_scheme_recipient_has_scheme",
            ),
            models.CheckConstraint(
                condition=~models.Q(recipient_kind="person") | ~models.Q(person_name=""),
                name="%(app_label)s_%(class)s_person_recipient_has_name",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="approved") | models.Q(decision_date__isnull=False),
                name="%(app_label)s_%(class)s_approved_has_decision_date",
            ),
        ]
        indexes = [
            models.Index(fields=["scheme", "year"], name="commendations_scheme_year"),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.recipient_label}"

    def get_absolute_url(self) -> str:
        return reverse("commendations:commendation_detail", args=[self.pk])

    @property
    def recipient_label(self) -> str:
        if self.recipient_kind == RecipientKind.SCHEME and self.scheme_id:
            return self.scheme.name
        return self.person_name
