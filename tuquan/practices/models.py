import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from tuquan.core.scoping import Scope, ScopedQuerySet
from tuquan.practices.choices import AttachmentKind
from tuquan.schemes.choices import Field


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
