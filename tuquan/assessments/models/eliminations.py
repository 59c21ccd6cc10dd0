"""Eliminations (thanh loại): the decision and the schemes it removes from the register."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from tuquan.assessments.models.assessments import Assessment
from tuquan.assessments.models.base import UnitWideQuerySet
from tuquan.assessments.models.campaigns import Campaign
from tuquan.core.scoping import Scope, ScopedQuerySet


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
