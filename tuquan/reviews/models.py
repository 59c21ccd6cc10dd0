from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from tuquan.core.scoping import Scope, ScopedQuerySet
from tuquan.reviews.choices import PeriodKind, ReviewStatus


class ReviewQuerySet(ScopedQuerySet):
    pass


class Review(models.Model):
    """A sơ kết / tổng kết report of a unit for a period: figures by the system, narrative by the officer."""

    unit = models.ForeignKey(
        "places.AdminUnit",
        verbose_name="đơn vị báo cáo",
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    period_kind = models.CharField(
        verbose_name="loại kỳ báo cáo",
        max_length=12,
        choices=PeriodKind.choices,
    )
    period_start = models.DateField(
        verbose_name="từ ngày",
    )
    period_end = models.DateField(
        verbose_name="đến ngày",
    )
    title = models.CharField(
        verbose_name="trích yếu (tên báo cáo)",
        max_length=300,
    )
    number = models.CharField(
        verbose_name="số",
        max_length=20,
        blank=True,
        help_text="Để trống khi văn thư chưa cấp số.",
    )
    symbol = models.CharField(
        verbose_name="ký hiệu",
        max_length=60,
        default="BC-CAT-PV05",
        help_text="Ví dụ: BC-CAT-PV05 (in ra “Số: …/BC-CAT-PV05”).",
    )
    issuer_parent = models.CharField(
        verbose_name="cơ quan chủ quản",
        max_length=150,
    )
    issuer = models.CharField(
        verbose_name="cơ quan ban hành",
        max_length=150,
    )
    place = models.CharField(
        verbose_name="địa danh",
        max_length=80,
        default="Khánh Hòa",
    )
    issued_on = models.DateField(
        verbose_name="ngày ban hành",
        null=True,
        blank=True,
        help_text="Để trống khi chưa ký: in “ngày … tháng … năm …”.",
    )
    status = models.CharField(
        verbose_name="tình trạng",
        max_length=10,
        choices=ReviewStatus.choices,
        default=ReviewStatus.DRAFT,
    )
    figures = models.JSONField(
        verbose_name="số liệu (hệ thống tổng hợp)",
        default=dict,
        blank=True,
    )
    figures_read_at = models.DateTimeField(
        verbose_name="thời điểm đọc số liệu",
        null=True,
        blank=True,
    )
    situation = models.TextField(
        verbose_name="đặc điểm tình hình",
        blank=True,
    )
    results_intro = models.TextField(
        verbose_name="kết quả đạt được (phần mở đầu)",
        blank=True,
    )
    shortcomings = models.TextField(
        verbose_name="tồn tại, hạn chế, khó khăn",
        blank=True,
        help_text="Cả kinh phí hoạt động, chế độ, trang phục, công cụ hỗ trợ.",
    )
    causes = models.TextField(
        verbose_name="nguyên nhân",
        blank=True,
    )
    lessons = models.TextField(
        verbose_name="bài học kinh nghiệm",
        blank=True,
    )
    directions = models.TextField(
        verbose_name="phương hướng, nhiệm vụ",
        blank=True,
    )
    proposals = models.TextField(
        verbose_name="đề xuất, kiến nghị",
        blank=True,
    )
    recipients = models.TextField(
        verbose_name="nơi nhận",
        blank=True,
        help_text="Mỗi dòng một nơi nhận.",
    )
    signer_title = models.CharField(
        verbose_name="chức vụ người ký",
        max_length=150,
        blank=True,
    )
    signer_name = models.CharField(
        verbose_name="họ tên người ký",
        max_length=150,
        blank=True,
    )
    version = models.PositiveIntegerField(
        verbose_name="phiên bản",
        default=1,
        help_text="Tăng mỗi lần lưu; chống ghi đè khi hai người cùng sửa.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người lập",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews_created",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người sửa gần nhất",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews_updated",
    )
    created_at = models.DateTimeField(
        verbose_name="ngày lập",
        auto_now_add=True,
    )
    updated_at = models.DateTimeField(
        verbose_name="ngày cập nhật",
        auto_now=True,
    )

    objects = ReviewQuerySet.as_manager()
    scope = Scope(unit="unit")

    class Meta:
        verbose_name = "báo cáo sơ kết, tổng kết"
        verbose_name_plural = "báo cáo sơ kết, tổng kết"
        ordering = ["-period_end", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="%(app_label)s_%(class)s_period_in_order",
            ),
        ]
        indexes = [models.Index(fields=["unit", "period_end"], name="reviews_review_unit_end_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:review_detail", args=[self.pk])

    @property
    def number_line(self) -> str:
        """'Số: 12/BC-CAT-PV05', or 'Số:      /BC-CAT-PV05' before the clerk gives a number."""
        return f"Số: {self.number or '\u00a0' * 6}/{self.symbol}"

    @property
    def date_line(self) -> str:
        """'Khánh Hòa, ngày 05 tháng 02 năm 2027' (ND 30: a zero before days below 10 and months 1, 2)."""
        if self.issued_on is None:
            gap = "\u00a0" * 4
            return f"{self.place}, ngày{gap} tháng{gap} năm {timezone.localdate().year}"
        day = self.issued_on
        month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
        return f"{self.place}, ngày {day.day:02d} tháng {month} năm {day.year}"

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class ReviewVersion(models.Model):
    """The content of a review as it was before one save (every save keeps the previous content)."""

    review = models.ForeignKey(
        Review,
        verbose_name="báo cáo",
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(
        verbose_name="phiên bản",
    )
    content = models.JSONField(
        verbose_name="nội dung",
    )
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người lưu",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    saved_at = models.DateTimeField(
        verbose_name="thời điểm lưu",
    )

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="review__unit")

    class Meta:
        verbose_name = "phiên bản báo cáo"
        verbose_name_plural = "phiên bản báo cáo"
        ordering = ["review", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "number"],
                name="%(app_label)s_%(class)s_unique_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.review} — phiên bản {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:version_detail", args=[self.review_id, self.number])
