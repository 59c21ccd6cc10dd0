from django.conf import settings
from django.db import models


class ApiTokenQuerySet(models.QuerySet):
    def owned_by(self, user) -> "ApiTokenQuerySet":
        """A user's own tokens: tokens are personal, nobody else lists or revokes them."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def usable(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A personal API token (mã truy cập API). Only the sha256 of the secret is stored.

    The token a client sends is ``tq_<prefix>_<secret>``; ``prefix`` finds the row and the
    hash of the whole token is compared in constant time.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người dùng",
        on_delete=models.PROTECT,
        related_name="api_tokens",
    )
    name = models.CharField(
        verbose_name="tên gợi nhớ",
        max_length=100,
        help_text="Ví dụ: Bảng tính thống kê, Hệ thống báo cáo của tỉnh.",
    )
    prefix = models.CharField(
        verbose_name="tiền tố",
        max_length=16,
        unique=True,
        editable=False,
    )
    secret_hash = models.CharField(
        verbose_name="mã băm",
        max_length=64,
        editable=False,
    )
    created_at = models.DateTimeField(
        verbose_name="ngày tạo",
        auto_now_add=True,
    )
    last_used_at = models.DateTimeField(
        verbose_name="lần dùng gần nhất",
        null=True,
        blank=True,
        editable=False,
    )
    revoked_at = models.DateTimeField(
        verbose_name="ngày thu hồi",
        null=True,
        blank=True,
        editable=False,
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | models.Q(revoked_at__gte=models.F("created_at")),
                name="%(app_label)s_%(class)s_revoked_after_created",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (tq_{self.prefix}_…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def display(self) -> str:
        return f"tq_{self.prefix}_…"
