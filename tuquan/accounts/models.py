from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.urls import reverse

from tuquan.accounts.choices import Role
from tuquan.core.text import fold, nfc


class User(AbstractUser):
    """A person who logs in: a role and a jurisdiction (a unit, or a scheme for a leader)."""

    full_name = models.CharField(
        verbose_name="họ và tên",
        max_length=150,
        blank=True,
    )
    role = models.CharField(
        verbose_name="vai trò",
        max_length=10,
        choices=Role.choices,
        default=Role.VIEWER,
    )
    jurisdiction = models.ForeignKey(
        "places.AdminUnit",
        verbose_name="địa bàn phụ trách",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text="Tỉnh (PV05) hoặc xã/phường/đặc khu (Công an cấp xã).",
    )
    scheme = models.ForeignKey(
        "schemes.Scheme",
        verbose_name="mô hình phụ trách",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leaders",
        help_text="Chỉ với vai trò Trưởng mô hình.",
    )
    phone = models.CharField(
        verbose_name="số điện thoại",
        max_length=20,
        blank=True,
    )
    # Kept by the two-factor services (tuquan.accounts.two_factor), so that every request can
    # tell whether the session must carry a verified device without a query of its own.
    two_factor_enabled = models.BooleanField(
        verbose_name="đã bật xác thực hai bước",
        default=False,
        editable=False,
    )
    search_text = models.CharField(
        verbose_name="chuỗi tìm kiếm",
        max_length=320,
        editable=False,
        blank=True,
    )

    objects = UserManager()

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="leader") | models.Q(scheme__isnull=False) | models.Q(is_active=False),
                name="%(app_label)s_%(class)s_leader_has_scheme",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args, **kwargs) -> None:
        # A derived column, not a business rule: the folded text that search compares.
        self.full_name = nfc(self.full_name)
        self.search_text = fold(f"{self.username} {self.full_name}")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("accounts:user_detail", args=[self.pk])

    @property
    def is_scheme_leader(self) -> bool:
        return self.role == Role.LEADER

    @property
    def is_province_level(self) -> bool:
        return self.role in {Role.PV05, Role.ADMIN} or (self.is_superuser and self.jurisdiction_id is None)

    @property
    def jurisdiction_label(self) -> str:
        if self.is_scheme_leader and self.scheme_id:
            return str(self.scheme)
        if self.jurisdiction_id:
            return str(self.jurisdiction)
        return "Toàn quốc" if self.is_superuser else "Chưa giao địa bàn"
