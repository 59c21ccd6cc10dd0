from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tuquan.core.scoping import Scope, ScopedQuerySet
from tuquan.places.choices import Era, Level
from tuquan.schemes.choices import Field
from tuquan.targets.choices import Indicator

INDICATOR_LABELS = dict(Indicator.choices)


class Target(models.Model):
    """One yearly emulation target (chỉ tiêu thi đua) of one current commune.

    Only the value assigned is stored; the value reached is computed from the registry by
    ``tuquan.targets.selectors`` (never typed).
    """

    year = models.PositiveSmallIntegerField(
        verbose_name="năm",
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    unit = models.ForeignKey(
        "places.AdminUnit",
        verbose_name="xã/phường/đặc khu",
        on_delete=models.PROTECT,
        related_name="targets",
    )
    indicator = models.CharField(
        verbose_name="chỉ tiêu",
        max_length=40,
        choices=Indicator.choices,
    )
    kind = models.ForeignKey(
        "schemes.SchemeKind",
        verbose_name="loại mô hình",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targets",
        help_text="Chỉ với chỉ tiêu “Có mô hình thuộc loại / lĩnh vực”.",
    )
    field = models.CharField(
        verbose_name="lĩnh vực",
        max_length=20,
        choices=Field.choices,
        blank=True,
        help_text="Thay cho loại mô hình, ví dụ địa bàn tôn giáo, dân tộc thiểu số.",
    )
    value = models.PositiveIntegerField(
        verbose_name="giá trị giao",
        help_text="Số mô hình, hoặc tỉ lệ phần trăm (0–100) với chỉ tiêu tỉ lệ.",
    )
    note = models.TextField(
        verbose_name="ghi chú",
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
    scope = Scope(unit="unit")

    class Meta:
        verbose_name = "chỉ tiêu thi đua"
        verbose_name_plural = "chỉ tiêu thi đua"
        ordering = ["year", "unit__path", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "unit", "indicator", "kind"],
                condition=Q(kind__isnull=False),
                name="%(app_label)s_%(class)s_unique_kind",
            ),
            models.UniqueConstraint(
                fields=["year", "unit", "indicator", "field"],
                condition=Q(kind__isnull=True),
                name="%(app_label)s_%(class)s_unique_field",
            ),
            models.CheckConstraint(
                condition=Q(indicator="has_kind") | (Q(kind__isnull=True) & Q(field="")),
                name="%(app_label)s_%(class)s_kind_only_for_has_kind",
            ),
            models.CheckConstraint(
                condition=~Q(indicator="has_kind")
                | (Q(kind__isnull=False) & Q(field=""))
                | (Q(kind__isnull=True) & ~Q(field="")),
                name="%(app_label)s_%(class)s_has_kind_needs_kind_or_field",
            ),
            models.CheckConstraint(
                condition=~Q(indicator__in=["min_share_good", "all_activity_reports_filed"]) | Q(value__lte=100),
                name="%(app_label)s_%(class)s_percent_at_most_100",
            ),
        ]
        indexes = [models.Index(fields=["year", "unit"], name="targets_year_unit_idx")]

    def __str__(self) -> str:
        return f"{self.year} · {self.unit} · {self.label}"

    def get_absolute_url(self) -> str:
        return reverse("targets:year", kwargs={"year": self.year})

    @property
    def label(self) -> str:
        """The indicator in words, with its kind or field ("Có mô hình thuộc loại Tiếng kẻng an ninh")."""
        if self.indicator == Indicator.HAS_KIND:
            if self.kind_id:
                return f"Có mô hình “{self.kind.name}”"
            return f"Có mô hình lĩnh vực {self.get_field_display()}"
        # Read a few times for each of hundreds of cells of the year's table: a dictionary rather
        # than get_indicator_display(), which flattens the choices on every call.
        return INDICATOR_LABELS.get(self.indicator, self.indicator)

    def clean(self) -> None:
        errors = {}
        if self.unit_id and (self.unit.era != Era.CURRENT or self.unit.level != Level.COMMUNE):
            errors["unit"] = "Chỉ giao chỉ tiêu cho xã, phường, đặc khu hiện hành."
        if self.indicator == Indicator.HAS_KIND:
            if bool(self.kind_id) == bool(self.field):
                errors["kind"] = "Chọn đúng một trong hai: loại mô hình hoặc lĩnh vực."
        elif self.kind_id or self.field:
            errors["kind"] = "Loại mô hình, lĩnh vực chỉ dùng cho chỉ tiêu “Có mô hình thuộc loại / lĩnh vực”."
        if self.indicator in {Indicator.MIN_SHARE_GOOD, Indicator.ALL_ACTIVITY_REPORTS_FILED} and (
            self.value is not None and self.value > 100
        ):
            errors["value"] = "Tỉ lệ phần trăm không được vượt quá 100."
        if errors:
            raise ValidationError(errors)
