import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from tuquan.core.scoping import Scope, ScopedQuerySet
from tuquan.reviews.choices import PeriodKind, ReviewStatus
from tuquan.reviews.recognition_choices import AttachmentKind, AwardForm, AwardLevel, CommendationStatus, RecipientKind
from tuquan.schemes.choices import Field


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


# --------------------------------------------------------------------------- good practices


class GoodPractice(models.Model):
    """A good practice (kinh nghiệm hay, điển hình tiên tiến) drawn from one or more schemes."""

    title = models.CharField(
        verbose_name="tên kinh nghiệm, điển hình",
        max_length=300,
    )
    summary = models.TextField(
        verbose_name="tóm tắt",
        blank=True,
    )
    body = models.TextField(
        verbose_name="nội dung",
        blank=True,
    )
    schemes = models.ManyToManyField(
        "schemes.Scheme",
        verbose_name="mô hình",
        blank=True,
        related_name="good_practices",
    )
    unit = models.ForeignKey(
        "places.AdminUnit",
        verbose_name="đơn vị",
        on_delete=models.PROTECT,
        related_name="good_practices",
    )
    year = models.PositiveSmallIntegerField(
        verbose_name="năm",
    )
    field = models.CharField(
        verbose_name="lĩnh vực",
        max_length=20,
        choices=Field.choices,
        blank=True,
    )
    tags = models.CharField(
        verbose_name="từ khóa",
        max_length=300,
        blank=True,
        help_text="Cách nhau bằng dấu phẩy, ví dụ: camera, thanh niên, giáo xứ.",
    )
    search_text = models.TextField(
        verbose_name="chuỗi tìm kiếm",
        editable=False,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="good_practices_created",
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
    scope = Scope(unit="unit")

    class Meta:
        verbose_name = "kinh nghiệm hay, điển hình tiên tiến"
        verbose_name_plural = "kinh nghiệm hay, điển hình tiên tiến"
        ordering = ["-year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=1945) & models.Q(year__lte=2100),
                name="%(app_label)s_%(class)s_year_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:practice_detail", args=[self.pk])

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


def _attachment_path(instance, filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    return f"practices/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class GoodPracticeAttachment(models.Model):
    """A file of a good practice: photos, the scheme's quy chế, documents. Served by a scoped view only."""

    practice = models.ForeignKey(
        GoodPractice,
        verbose_name="kinh nghiệm, điển hình",
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    kind = models.CharField(
        verbose_name="loại tệp",
        max_length=10,
        choices=AttachmentKind.choices,
        default=AttachmentKind.DOCUMENT,
    )
    file = models.FileField(
        verbose_name="tệp",
        upload_to=_attachment_path,
        max_length=200,
    )
    original_name = models.CharField(
        verbose_name="tên tệp",
        max_length=255,
    )
    content_type = models.CharField(
        verbose_name="kiểu nội dung",
        max_length=100,
    )
    size = models.PositiveIntegerField(
        verbose_name="dung lượng (byte)",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(
        verbose_name="ngày tải lên",
        auto_now_add=True,
    )

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="practice__unit")

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["practice", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("practices:attachment_download", args=[self.pk])

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


# --------------------------------------------------------------------------- commendations


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
            models.Index(fields=["scheme", "year"], name="reviews_commend_scheme_yr"),
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
