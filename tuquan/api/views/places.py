from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view

from tuquan.api.base import ReadOnlyScopedViewSet
from tuquan.api.serializers.places import AdminUnitSerializer
from tuquan.places.models import AdminUnit


class AdminUnitFilterSet(filters.FilterSet):
    """Which map and level; ``parent`` lists the communes of a province or district."""

    class Meta:
        model = AdminUnit
        fields = ["era", "level", "parent", "code"]


@extend_schema_view(
    list=extend_schema(summary="Đơn vị hành chính trong địa bàn", tags=["Đơn vị hành chính"]),
    retrieve=extend_schema(summary="Một đơn vị hành chính", tags=["Đơn vị hành chính"]),
)
class AdminUnitViewSet(ReadOnlyScopedViewSet):
    """Administrative units of both maps inside the caller's jurisdiction (read-only)."""

    queryset = AdminUnit.objects.all()
    serializer_class = AdminUnitSerializer
    filterset_class = AdminUnitFilterSet
    search_field = "search_text"
