"""Emulation targets over the API: the targets services write, the targets selectors compute what is reached."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.response import Response

from tuquan.api.base import ReadCreateUpdateViewSet, SelectorListMixin
from tuquan.api.serializers import targets as s
from tuquan.targets import selectors, services
from tuquan.targets.models import Target

TAG = "Chỉ tiêu thi đua"


@extend_schema_view(
    list=extend_schema(
        summary="Chỉ tiêu thi đua của một năm, kèm giá trị đạt được",
        tags=[TAG],
        parameters=[s.TargetListParams],
    ),
    retrieve=extend_schema(summary="Một chỉ tiêu, kèm giá trị đạt được", tags=[TAG]),
    create=extend_schema(
        summary="Giao chỉ tiêu cho một xã/phường (PV05)",
        tags=[TAG],
        request=s.TargetWriteSerializer,
        responses={201: s.TargetSerializer},
    ),
    update=extend_schema(
        summary="Sửa giá trị giao, ghi chú",
        tags=[TAG],
        request=s.TargetUpdateSerializer,
        responses={200: s.TargetSerializer},
    ),
    partial_update=extend_schema(
        summary="Sửa một phần giá trị giao, ghi chú",
        tags=[TAG],
        request=s.TargetUpdateSerializer,
        responses={200: s.TargetSerializer},
    ),
)
class TargetViewSet(SelectorListMixin, ReadCreateUpdateViewSet):
    """Targets of the communes in the caller's jurisdiction, as on the year page.

    ``reached_value`` and ``reached`` come from ``tuquan.targets.selectors.target_rows`` (computed
    from the registry, never typed). Commune officers and viewers read; PV05 assigns and edits.
    The indicator, kind and commune of a target are fixed once assigned (as on the page).
    """

    queryset = Target.objects.all()
    serializer_class = s.TargetSerializer
    create_serializer_class = s.TargetWriteSerializer
    update_serializer_class = s.TargetUpdateSerializer
    list_params_serializer = s.TargetListParams
    filter_backends = []  # the year page's filters, through the selector (TargetListParams)

    def base_queryset(self):
        return Target.objects.select_related("unit", "kind")

    def row_of(self, target: Target) -> selectors.TargetRow:
        """The target with its value reached, computed for its commune and year only."""
        rows = selectors.target_rows(user=self.request.user, year=target.year, unit=target.unit)
        return next(row for row in rows if row.target.pk == target.pk)

    def read_back(self, instance):
        return self.row_of(instance)

    def list(self, request, *args, **kwargs):
        params = self.list_params()
        year = params.pop("year", None) or timezone.localdate().year
        rows = selectors.target_rows(user=request.user, year=year, **params)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.row_of(self.get_object())).data)

    def service_create(self, data):
        year, unit = data.pop("year"), data.pop("unit")
        return services.target_create(user=self.request.user, year=year, unit=unit, data=data)

    def service_update(self, instance, data):
        return services.target_update(user=self.request.user, target=instance, data=data)
