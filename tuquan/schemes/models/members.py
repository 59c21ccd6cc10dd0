"""A scheme's teams (tổ) and members (thành viên); members hold personal data."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from tuquan.core.scoping import Scope, ScopedQuerySet
from tuquan.schemes.choices import MemberRole
from tuquan.schemes.models.schemes import Scheme
from tuquan.schemes.models.validators import national_id_validator, phone_validator


class Team(models.Model):
    """A team (tổ) of a scheme."""

    scheme = models.ForeignKey(
        Scheme,
        verbose_name="mô hình",
        on_delete=models.PROTECT,
        related_name="teams",
    )
    name = models.CharField(
        verbose_name="tên tổ",
        max_length=150,
    )
    area = models.CharField(
        verbose_name="địa bàn hoạt động",
        max_length=150,
        blank=True,
    )
    founded_on = models.DateField(
        verbose_name="ngày thành lập",
        null=True,
        blank=True,
    )
    is_active = models.BooleanField(
        verbose_name="đang hoạt động",
        default=True,
    )

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="scheme__commune", scheme="scheme")

    class Meta:
        verbose_name = "tổ"
        verbose_name_plural = "tổ"
        ordering = ["scheme", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "name"],
                name="%(app_label)s_%(class)s_unique_name_per_scheme",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("schemes:scheme_detail", args=[self.scheme_id])


class Member(models.Model):
    """A member (thành viên) of a scheme. Phone, national ID and address are personal data."""

    scheme = models.ForeignKey(
        Scheme,
        verbose_name="mô hình",
        on_delete=models.PROTECT,
        related_name="members",
    )
    team = models.ForeignKey(
        Team,
        verbose_name="tổ",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    full_name = models.CharField(
        verbose_name="họ và tên",
        max_length=150,
    )
    birth_year = models.PositiveSmallIntegerField(
        verbose_name="năm sinh",
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    role = models.CharField(
        verbose_name="chức danh trong tổ",
        max_length=12,
        choices=MemberRole.choices,
        default=MemberRole.MEMBER,
    )
    phone = models.CharField(
        verbose_name="số điện thoại",
        max_length=15,
        blank=True,
        validators=[phone_validator],
    )
    national_id = models.CharField(
        verbose_name="số định danh cá nhân (CCCD)",
        max_length=12,
        blank=True,
        validators=[national_id_validator],
    )
    address = models.CharField(
        verbose_name="nơi cư trú",
        max_length=255,
        blank=True,
    )
    joined_on = models.DateField(
        verbose_name="ngày tham gia",
        null=True,
        blank=True,
    )
    left_on = models.DateField(
        verbose_name="ngày rời",
        null=True,
        blank=True,
    )
    is_anonymised = models.BooleanField(
        verbose_name="đã ẩn danh",
        default=False,
    )

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="scheme__commune", scheme="scheme")

    class Meta:
        verbose_name = "thành viên"
        verbose_name_plural = "thành viên"
        ordering = ["scheme", "team", "full_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(joined_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="%(app_label)s_%(class)s_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("schemes:scheme_detail", args=[self.scheme_id])

    @property
    def masked_phone(self) -> str:
        """'0905123456' → '090****456', for roles that may not read personal data."""
        return f"{self.phone[:3]}****{self.phone[-3:]}" if len(self.phone) >= 7 else ("****" if self.phone else "")

    @property
    def masked_national_id(self) -> str:
        return f"********{self.national_id[-4:]}" if self.national_id else ""
