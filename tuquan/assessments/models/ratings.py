"""The summary table of each scheme's class per year, kept from the approved assessments."""

from django.db import models

from tuquan.assessments.choices import Rating


class SchemeRating(models.Model):
    """Summary table: the class of one scheme in one year (``Assessment.objects.year_results()``).

    Statistics group every scheme of a country by its class of a year; reading the class from
    the assessments means one correlated subquery per scheme (12 s nationally), reading it
    from here one join on ``(year, scheme)``. Derived data, never edited: kept exact by
    ``services.scheme_ratings_sync`` inside the transaction of each write that can change a
    class, and rebuilt from the assessments by ``manage.py refresh_summaries`` after bulk
    loads (docs/adr/0011-summary-tables.md).
    """

    scheme = models.ForeignKey(
        "schemes.Scheme",
        verbose_name="mô hình",
        # Derived rows follow their source; the scheme itself is protected by its assessments.
        on_delete=models.CASCADE,
        related_name="year_ratings",
        db_index=False,  # the (scheme, year) index below serves lookups by scheme
    )
    year = models.PositiveSmallIntegerField(
        verbose_name="năm",
    )
    rating = models.CharField(
        verbose_name="xếp loại",
        max_length=16,
        choices=Rating.choices,
    )
    assessment = models.OneToOneField(
        "Assessment",
        verbose_name="phiếu đánh giá",
        on_delete=models.CASCADE,
        related_name="year_rating",
    )

    class Meta:
        verbose_name = "xếp loại theo năm (bảng tổng hợp)"
        verbose_name_plural = "xếp loại theo năm (bảng tổng hợp)"
        ordering = ["scheme", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "scheme"],
                name="%(app_label)s_%(class)s_unique_year_scheme",
            ),
        ]
        indexes = [
            models.Index(fields=["scheme", "year"], name="assess_rating_scheme_year_idx"),
            # Covers the statistics' join (year = Y, scheme_id, rating): an index-only scan.
            models.Index(fields=["year", "scheme", "rating"], name="assess_rating_year_cover_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.scheme_id} {self.year}: {self.get_rating_display()}"
