"""Commendations and their suggestions over the API: the same services, selectors and scoping as the pages."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.response import Response
from rest_framework.views import APIView

from tuquan.api.base import ApiViewMixin, ReadCreateUpdateViewSet, SelectorListMixin
from tuquan.api.permissions import HasPermissions
from tuquan.api.schema import write_schema
from tuquan.api.serializers import commendations as s
from tuquan.commendations import selectors, services
from tuquan.commendations.models import Commendation

TAG_COMMENDATIONS = "Khen thưởng"


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách khen thưởng (đề nghị và đã khen)",
        tags=[TAG_COMMENDATIONS],
        parameters=[s.CommendationListParams],
    ),
    retrieve=extend_schema(summary="Một khen thưởng", tags=[TAG_COMMENDATIONS]),
    **write_schema(TAG_COMMENDATIONS, s.CommendationSerializer, s.CommendationWriteSerializer, "khen thưởng"),
)
class CommendationViewSet(SelectorListMixin, ReadCreateUpdateViewSet):
    """Commendations in the caller's jurisdiction (``commendations.selectors.commendation_list``).

    Commune police propose (``status`` stays ``proposed``); PV05 edits and records the decision.
    """

    queryset = Commendation.objects.all()
    serializer_class = s.CommendationSerializer
    create_serializer_class = s.CommendationWriteSerializer
    update_serializer_class = s.CommendationWriteSerializer
    list_params_serializer = s.CommendationListParams
    filter_backends = []  # the commendation page's filters, through the selector (CommendationListParams)

    def base_queryset(self):
        params = self.list_params()
        return selectors.commendation_list(
            user=self.request.user,
            status=params.get("status", ""),
            year=params.get("year"),
            recipient_kind=params.get("recipient_kind", ""),
            q=params.get("search", ""),
        )

    def service_create(self, data):
        return services.commendation_create(user=self.request.user, data=data)

    def service_update(self, instance, data):
        return services.commendation_update(user=self.request.user, commendation=instance, data=data)


class CommendationSuggestionsView(ApiViewMixin, APIView):
    """Schemes rated Tốt N campaign years running with no commendation since (the suggestions page)."""

    permission_classes = [HasPermissions]
    required_permissions = ["commendations.view_commendation"]

    @extend_schema(
        summary="Gợi ý khen thưởng: mô hình xếp loại Tốt nhiều năm liền chưa được khen",
        tags=[TAG_COMMENDATIONS],
        parameters=[s.SuggestionParams],
        responses={200: s.SuggestionsSerializer},
    )
    def get(self, request):
        params = s.SuggestionParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        years, page, size = (params.validated_data[name] for name in ("years", "page", "page_size"))
        user = request.user
        until = selectors.latest_rated_year(user=user)
        # A country has ~20.000 suggestions: pages, like the suggestions page (the same selector).
        rows, total = selectors.suggestion_page(user=user, years=years, until=until, page=page, per_page=size)
        payload = {
            "years": years,
            "until": until,
            "first": until - years + 1 if until else None,
            "security_day": selectors.next_security_day(timezone.localdate()),
            "count": total,
            "page": page,
            "has_next": page * size < total,
            "results": rows,
        }
        return Response(s.SuggestionsSerializer(payload).data)
