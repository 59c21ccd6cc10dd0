"""The registry's scheme (mô hình, tổ chức tự quản tại một địa bàn) and its per-commune tally."""

from django.db import models
from django.urls import reverse

from tuquan.core.scoping import Scope, ScopedQuerySet
from tuquan.core.text import fold
from tuquan.schemes.choices import HostOrganisation, Rating, Status
from tuquan.schemes.models.kinds import SchemeKind
from tuquan.schemes.models.validators import phone_validator


class SchemeQuerySet(ScopedQuerySet):
    def active(self) -> "SchemeQuerySet":
        return self.filter(status=Status.ACTIVE)

    def registered(self) -> "SchemeQuerySet":
        """Everything except records voided as mistakes."""
        return self.exclude(status=Status.VOIDED)

    def search(self, text: str) -> "SchemeQuerySet":
        folded = fold(text)
        return self.filter(search_text__contains=folded) if folded else self


class Scheme(models.Model):
    """One local self-management scheme (mô hình, tổ chức tự quản) in one commune."""

    code = models.CharField(
        verbose_name="mã mô hình",
        max_length=30,
        unique=True,
        help_text="Mã do hệ thống cấp, dùng để nhập lại tệp Excel không bị trùng.",
    )
    kind = models.ForeignKey(
        SchemeKind,
        verbose_name="loại mô hình",
        on_delete=models.PROTECT,
        related_name="schemes",
    )
    name = models.CharField(
        verbose_name="tên mô hình, tổ chức",
        max_length=255,
    )
    commune = models.ForeignKey(
        "places.AdminUnit",
        verbose_name="xã/phường/đặc khu",
        on_delete=models.PROTECT,
        related_name="schemes",
        help_text="Đơn vị cấp xã hiện hành.",
    )
    legacy_commune = models.ForeignKey(
        "places.AdminUnit",
        verbose_name="xã/phường/thị trấn (trước 01/7/2025)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legacy_schemes",
        help_text="Đơn vị cũ nơi mô hình được thành lập, nếu trước 01/7/2025.",
    )
    area = models.CharField(
        verbose_name="thôn, tổ dân phố",
        max_length=150,
        blank=True,
    )
    founding_decision_number = models.CharField(
        verbose_name="số quyết định thành lập",
        max_length=60,
        blank=True,
    )
    founding_decision_date = models.DateField(
        verbose_name="ngày quyết định",
        null=True,
        blank=True,
    )
    founding_decision_issuer = models.CharField(
        verbose_name="cơ quan ban hành quyết định",
        max_length=200,
        blank=True,
    )
    founded_on = models.DateField(
        verbose_name="ngày thành lập",
    )
    host = models.CharField(
        verbose_name="tổ chức nòng cốt",
        max_length=20,
        choices=HostOrganisation.choices,
        default=HostOrganisation.POLICE,
    )
    co_hosts = models.JSONField(
        verbose_name="tổ chức phối hợp",
        default=list,
        blank=True,
    )
    host_detail = models.CharField(
        verbose_name="tên tổ chức nòng cốt cụ thể",
        max_length=200,
        blank=True,
        help_text="Ví dụ: Giáo xứ Phú Nhơn, Chùa Hưng Long, Công ty ...",
    )
    leader_name = models.CharField(
        verbose_name="người phụ trách (trưởng mô hình)",
        max_length=150,
        blank=True,
    )
    leader_phone = models.CharField(
        verbose_name="điện thoại người phụ trách",
        max_length=15,
        blank=True,
        validators=[phone_validator],
    )
    rules = models.TextField(
        verbose_name="quy chế hoạt động",
        blank=True,
    )
    facebook_url = models.URLField(
        verbose_name="trang Facebook",
        blank=True,
    )
    zalo_group = models.CharField(
        verbose_name="nhóm Zalo",
        max_length=200,
        blank=True,
    )
    camera_count = models.PositiveIntegerField(
        verbose_name="số camera",
        default=0,
    )
    focus_religion = models.BooleanField(
        verbose_name="trọng điểm tôn giáo",
        default=False,
    )
    focus_ethnic = models.BooleanField(
        verbose_name="trọng điểm dân tộc thiểu số",
        default=False,
    )
    focus_enterprise = models.BooleanField(
        verbose_name="doanh nghiệp trọng điểm",
        default=False,
    )
    replicated_from = models.ForeignKey(
        "self",
        verbose_name="nhân rộng từ mô hình",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replicas",
    )
    status = models.CharField(
        verbose_name="tình trạng",
        max_length=12,
        choices=Status.choices,
        default=Status.ACTIVE,
        db_index=True,
    )
    ended_on = models.DateField(
        verbose_name="ngày chấm dứt",
        null=True,
        blank=True,
        help_text="Ngày thanh loại, sáp nhập hoặc hủy.",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name="sáp nhập vào mô hình",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_schemes",
    )
    status_note = models.TextField(
        verbose_name="lý do thay đổi tình trạng",
        blank=True,
    )
    latest_rating = models.CharField(
        verbose_name="xếp loại gần nhất",
        max_length=16,
        choices=Rating.choices,
        blank=True,
        db_index=True,
    )
    latest_rating_year = models.PositiveSmallIntegerField(
        verbose_name="năm xếp loại gần nhất",
        null=True,
        blank=True,
    )
    search_text = models.CharField(
        verbose_name="chuỗi tìm kiếm",
        max_length=600,
        editable=False,
        db_index=True,
    )
    version = models.PositiveIntegerField(
        verbose_name="phiên bản",
        default=1,
        help_text="Tăng mỗi lần lưu; chống ghi đè khi hai người cùng sửa.",
    )
    created_at = models.DateTimeField(
        verbose_name="ngày tạo",
        auto_now_add=True,
    )
    updated_at = models.DateTimeField(
        verbose_name="ngày cập nhật",
        auto_now=True,
    )

    objects = SchemeQuerySet.as_manager()
    scope = Scope(unit="commune", scheme="pk")

    class Meta:
        verbose_name = "mô hình, tổ chức tự quản"
        verbose_name_plural = "mô hình, tổ chức tự quản"
        ordering = ["commune__path", "name"]
        permissions = [
            ("view_member_personal_data", "Xem dữ liệu cá nhân thành viên"),
            ("import_scheme", "Nhập mô hình từ Excel"),
            ("void_scheme", "Hủy bản ghi nhập nhầm"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(founding_decision_date__isnull=True)
                | models.Q(founding_decision_date__lte=models.F("founded_on")),
                name="%(app_label)s_%(class)s_decision_not_after_founding",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("founded_on")),
                name="%(app_label)s_%(class)s_ended_after_founded",
            ),
            models.CheckConstraint(
                condition=models.Q(status="active", ended_on__isnull=True) | ~models.Q(status="active"),
                name="%(app_label)s_%(class)s_active_has_no_end",
            ),
        ]
        indexes = [
            models.Index(fields=["commune", "status"], name="schemes_scheme_commune_idx"),
            models.Index(fields=["kind", "status"], name="schemes_scheme_kind_idx"),
            models.Index(fields=["founded_on"], name="schemes_scheme_founded_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("schemes:scheme_detail", args=[self.pk])

    def refresh_search_text(self) -> None:
        self.search_text = fold(
            " ".join(part for part in (self.name, self.code, self.area, self.host_detail, self.leader_name) if part)
        )[:600]

    @property
    def is_active(self) -> bool:
        return self.status == Status.ACTIVE


class SchemeTally(models.Model):
    """How many schemes one commune has in one status: a summary the database keeps exact.

    The registry's first page counts the schemes a user sees; nationally that is a scan of
    150.000 index entries (7–10 ms on every request, docs/performance.md), here a sum over a
    few thousand rows (0,5 ms). Triggers on ``schemes_scheme`` (migration 0004, PostgreSQL and
    SQLite) add and subtract on every insert, delete and change of commune or status, whoever
    writes: a form, an import, ``bulk_create``, ``QuerySet.update`` or ``COPY``. Rows are
    never written by the application; ``services.scheme_tally_rebuild`` recounts them (after a
    ``TRUNCATE``; ``manage.py refresh_summaries`` runs it).

    ``changes`` is the registry list's version (ADR 0015): triggers (migration 0005) add one to
    a commune's row whenever anything its list shows changes: a scheme, a team or a member of
    it, and to every row when a kind or an administrative unit changes. The sum over the rows a
    user sees only grows, so it keys the cached list pages of that user's reach.
    """

    commune = models.ForeignKey(
        "places.AdminUnit",
        verbose_name="xã/phường/đặc khu",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # the unique (commune, status) index serves it
    )
    status = models.CharField(
        verbose_name="tình trạng",
        max_length=12,
        choices=Status.choices,
    )
    count = models.IntegerField(
        verbose_name="số mô hình",
    )
    changes = models.BigIntegerField(
        verbose_name="số lần thay đổi",
        db_default=0,
        help_text="Tăng mỗi khi dữ liệu danh sách mô hình của xã thay đổi (ADR 0015).",
    )

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="commune")

    class Meta:
        verbose_name = "số mô hình theo xã và tình trạng"
        verbose_name_plural = "số mô hình theo xã và tình trạng"
        constraints = [
            models.UniqueConstraint(fields=["commune", "status"], name="%(app_label)s_%(class)s_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.status}: {self.count}"
