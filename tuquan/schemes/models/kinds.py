"""The catalogue of kinds of scheme (tên mô hình) that local schemes follow."""

from django.db import models
from django.urls import reverse

from tuquan.core.text import fold
from tuquan.schemes.choices import Field


class SchemeKindQuerySet(models.QuerySet):
    def search(self, text: str) -> "SchemeKindQuerySet":
        folded = fold(text)
        return self.filter(search_text__contains=folded) if folded else self


class SchemeKind(models.Model):
    """A named model of scheme (tên mô hình) that local schemes follow."""

    name = models.CharField(
        verbose_name="tên mô hình",
        max_length=200,
        unique=True,
    )
    field = models.CharField(
        verbose_name="lĩnh vực",
        max_length=20,
        choices=Field.choices,
    )
    description = models.TextField(
        verbose_name="mô tả",
        blank=True,
    )
    is_active = models.BooleanField(
        verbose_name="đang sử dụng",
        default=True,
    )
    search_text = models.CharField(
        verbose_name="chuỗi tìm kiếm",
        max_length=250,
        editable=False,
        db_index=True,
    )

    objects = SchemeKindQuerySet.as_manager()

    class Meta:
        verbose_name = "loại mô hình"
        verbose_name_plural = "danh mục mô hình"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("schemes:kind_list")

    def refresh_search_text(self) -> None:
        self.search_text = fold(f"{self.name} {self.description}")[:250]
