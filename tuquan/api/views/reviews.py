"""Sơ kết/tổng kết reports over the API (read-only): the same scoping as the pages of ``tuquan.reviews``."""

from drf_spectacular.utils import extend_schema, extend_schema_view

from tuquan.api.base import ReadOnlyScopedViewSet
from tuquan.api.serializers import reviews as s
from tuquan.reviews.models import Review

TAG_REVIEWS = "Sơ kết, tổng kết"


@extend_schema_view(
    list=extend_schema(summary="Báo cáo sơ kết, tổng kết", tags=[TAG_REVIEWS]),
    retrieve=extend_schema(summary="Một báo cáo sơ kết, tổng kết (kèm số liệu)", tags=[TAG_REVIEWS]),
)
class ReviewViewSet(ReadOnlyScopedViewSet):
    """Reports of the units in the caller's jurisdiction, read-only: they are written on their pages."""

    queryset = Review.objects.all()
    serializer_class = s.ReviewSerializer
    filterset_fields = ["unit", "period_kind", "status"]

    def base_queryset(self):
        return Review.objects.select_related("unit")
