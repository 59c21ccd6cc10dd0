from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tuquan.core.scoping import Scope, ScopedQuerySet
from tuquan.support.choices import ItemCategory, Source, SupportKind


class SupportRecord(models.Model):
    """Money (integer đồng) or items given to a scheme or one of its teams."""

    scheme = models.ForeignKey(
        "schemes.Scheme",
        verbose_name="mô hình",
        on_delete=models.PROTECT,
        related_name="support_records",
    )
    team = models.ForeignKey(
        "schemes.Team",
        verbose_name="tổ",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_records",
    )
    date = models.DateField(
        verbose_name="ngày hỗ trợ",
    )
    kind = models.CharField(
        verbose_name="hình thức",
        max_length=10,
        choices=SupportKind.choices,
    )
    category = models.CharField(
        verbose_name="nội dung hỗ trợ",
        max_length=20,
        choices=ItemCategory.choices,
    )
    description = models.CharField(
        verbose_name="mô tả",
        max_length=255,
        blank=True,
    )
    quantity = models.PositiveIntegerField(
        verbose_name="số lượng",
        default=1,
    )
    value = models.PositiveBigIntegerField(
        verbose_name="giá trị (đồng)",
        default=0,
    )
    source = models.CharField(
        verbose_name="nguồn",
        max_length=20,
        choices=Source.choices,
    )
    donor_name = models.CharField(
        verbose_name="tên nhà tài trợ",
        max_length=200,
        blank=True,
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
    created_at = models.DateTimeField(
        verbose_name="ngày tạo",
        auto_now_add=True,
    )
    updated_at = models.DateTimeField(
        verbose_name="ngày sửa",
        auto_now=True,
    )

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="scheme__commune", scheme="scheme")

    class Meta:
        verbose_name = "khoản hỗ trợ"
        verbose_name_plural = "hỗ trợ kinh phí, trang bị"
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="money") | Q(value__gt=0),
                name="%(app_label)s_%(class)s_money_has_value",
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1),
                name="%(app_label)s_%(class)s_quantity_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["scheme", "date"], name="support_scheme_date_idx"),
            models.Index(fields=["date"], name="support_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} · {self.date:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("support:scheme", kwargs={"scheme_pk": self.scheme_id})

    def clean(self) -> None:
        errors = {}
        if self.kind == SupportKind.MONEY and not self.value:
            errors["value"] = "Khoản hỗ trợ bằng tiền phải có giá trị lớn hơn 0 đồng."
        if self.quantity is not None and self.quantity < 1:
            errors["quantity"] = "Số lượng phải từ 1 trở lên."
        if self.team_id and self.scheme_id and self.team.scheme_id != self.scheme_id:
            errors["team"] = "Tổ không thuộc mô hình này."
        if self.decision_date and self.date and self.decision_date > self.date:
            errors["decision_date"] = "Ngày quyết định không được sau ngày hỗ trợ."
        if self.source == Source.SOCIALISED and not self.donor_name:
            errors["donor_name"] = "Ghi tên nhà tài trợ với nguồn xã hội hóa."
        if errors:
            raise ValidationError(errors)
