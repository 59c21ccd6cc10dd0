"""What every app shares in the database: the record of a background job (imports, exports, reports)."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ xử lý"
    RUNNING = "running", "Đang xử lý"
    DONE = "done", "Hoàn thành"
    FAILED = "failed", "Không thành công"


class JobQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view") -> "JobQuerySet":
        """A job is its starter's: it holds their file, their preview and their export (personal data)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(user=user)

    def visible_to(self, user) -> "JobQuerySet":
        return self.restrict(user, "view")


class Job(models.Model):
    """One piece of long work run by the task worker (``tuquan.core.jobs``), with its progress and outcome."""

    kind = models.CharField(
        verbose_name="loại công việc",
        max_length=60,
    )
    label = models.CharField(
        verbose_name="tên công việc",
        max_length=255,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        on_delete=models.PROTECT,
        related_name="jobs",
    )
    unit = models.ForeignKey(
        "places.AdminUnit",
        verbose_name="địa bàn",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jobs",
        help_text="Địa bàn của người thực hiện lúc bắt đầu công việc.",
    )
    params = models.JSONField(
        verbose_name="tham số",
        default=dict,
        blank=True,
    )
    status = models.CharField(
        verbose_name="tình trạng",
        max_length=10,
        choices=JobStatus.choices,
        default=JobStatus.QUEUED,
        db_index=True,
    )
    done = models.PositiveIntegerField(
        verbose_name="đã xử lý",
        default=0,
    )
    total = models.PositiveIntegerField(
        verbose_name="tổng số",
        default=0,
    )
    unit_label = models.CharField(
        verbose_name="đơn vị đếm",
        max_length=30,
        default="dòng",
    )
    message = models.TextField(
        verbose_name="thông báo",
        blank=True,
    )
    errors = models.JSONField(
        verbose_name="lỗi",
        default=list,
        blank=True,
    )
    result = models.JSONField(
        verbose_name="kết quả",
        default=dict,
        blank=True,
    )
    result_file = models.CharField(
        verbose_name="tệp kết quả",
        max_length=255,
        blank=True,
        help_text="Đường dẫn trong MEDIA_ROOT.",
    )
    task_id = models.CharField(
        verbose_name="mã tác vụ",
        max_length=64,
        blank=True,
    )
    created_at = models.DateTimeField(
        verbose_name="tạo lúc",
        auto_now_add=True,
    )
    started_at = models.DateTimeField(
        verbose_name="bắt đầu lúc",
        null=True,
        blank=True,
    )
    heartbeat_at = models.DateTimeField(
        verbose_name="báo tiến độ lần cuối",
        null=True,
        blank=True,
    )
    finished_at = models.DateTimeField(
        verbose_name="kết thúc lúc",
        null=True,
        blank=True,
    )

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = "công việc nền"
        verbose_name_plural = "công việc nền"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="core_job_user_created_idx"),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("core:job_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)
