from datetime import date

from django.db import models
from django.urls import reverse

from tuquan.core.scoping import Scope, ScopedQuerySet
from tuquan.core.text import fold, nfc
from tuquan.places.choices import Era, Level

REORGANISATION_DATE = date(2025, 7, 1)


class AdminUnitQuerySet(ScopedQuerySet):
    def current(self) -> "AdminUnitQuerySet":
        return self.filter(era=Era.CURRENT)

    def legacy(self) -> "AdminUnitQuerySet":
        return self.filter(era=Era.LEGACY)

    def communes(self) -> "AdminUnitQuerySet":
        return self.filter(level=Level.COMMUNE)

    def search(self, text: str) -> "AdminUnitQuerySet":
        folded = fold(text)
        return self.filter(search_text__contains=folded) if folded else self


class AdminUnit(models.Model):
    """An administrative unit (đơn vị hành chính) of either map, loaded from vietnam-provinces."""

    code = models.CharField(
        verbose_name="mã đơn vị",
        max_length=10,
        help_text="Mã của Tổng cục Thống kê.",
    )
    name = models.CharField(
        verbose_name="tên đơn vị",
        max_length=120,
    )
    short_name = models.CharField(
        verbose_name="tên ngắn",
        max_length=120,
        help_text="Tên không kèm loại đơn vị (\u201cCam Lâm\u201d cho \u201cHuyện Cam Lâm\u201d).",
    )
    division_type = models.CharField(
        verbose_name="loại đơn vị",
        max_length=40,
    )
    level = models.CharField(
        verbose_name="cấp",
        max_length=10,
        choices=Level.choices,
    )
    era = models.CharField(
        verbose_name="thời kỳ",
        max_length=10,
        choices=Era.choices,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="đơn vị cấp trên",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    path = models.CharField(
        verbose_name="đường dẫn cây",
        max_length=64,
        unique=True,
        help_text="Mã các cấp từ tỉnh xuống, dùng để lọc theo địa bàn.",
    )
    valid_from = models.DateField(
        verbose_name="hiệu lực từ",
        null=True,
        blank=True,
    )
    valid_until = models.DateField(
        verbose_name="hiệu lực đến",
        null=True,
        blank=True,
    )
    search_text = models.CharField(
        verbose_name="chuỗi tìm kiếm",
        max_length=250,
        editable=False,
        db_index=True,
    )

    objects = AdminUnitQuerySet.as_manager()
    scope = Scope(unit="")

    class Meta:
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["era", "level", "code"],
                name="%(app_label)s_%(class)s_unique_code_per_era_level",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="%(app_label)s_%(class)s_valid_dates_in_order",
            ),
        ]
        indexes = [models.Index(fields=["era", "level"], name="places_unit_era_level_idx")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name = nfc(self.name)
        self.short_name = nfc(self.short_name)
        self.search_text = fold(f"{self.name} {self.code}")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("places:unit_detail", args=[self.pk])

    @property
    def is_current(self) -> bool:
        return self.era == Era.CURRENT


class Succession(models.Model):
    """A pre-2025 unit went (wholly or in part) into a current unit."""

    old_unit = models.ForeignKey(
        AdminUnit,
        verbose_name="đơn vị cũ",
        on_delete=models.PROTECT,
        related_name="successions_as_old",
    )
    new_unit = models.ForeignKey(
        AdminUnit,
        verbose_name="đơn vị mới",
        on_delete=models.PROTECT,
        related_name="successions_as_new",
    )
    effective_on = models.DateField(
        verbose_name="ngày hiệu lực",
        default=REORGANISATION_DATE,
    )

    class Meta:
        verbose_name = "kế thừa đơn vị hành chính"
        verbose_name_plural = "kế thừa đơn vị hành chính"
        constraints = [
            models.UniqueConstraint(
                fields=["old_unit", "new_unit"],
                name="%(app_label)s_%(class)s_unique_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.old_unit} → {self.new_unit}"
