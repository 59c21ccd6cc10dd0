"""Good practices, commendations (with suggestions) and sơ kết/tổng kết reports over the API.

The same services, selectors and scoping as the pages of ``tuquan.reviews``.
"""

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from tuquan.api.base import ApiViewMixin, ReadCreateUpdateViewSet, ReadOnlyScopedViewSet, SelectorListMixin
from tuquan.api.permissions import HasPermissions
from tuquan.api.serializers import reviews as s
from tuquan.reviews import commendations_selectors, commendations_services, practices_selectors, practices_services
from tuquan.reviews.models import Commendation, GoodPractice, GoodPracticeAttachment, Review
from tuquan.reviews.practices_views import AttachmentDownloadView
from tuquan.schemes.models import Scheme

TAG_PRACTICES = "Kinh nghiệm hay, điển hình"
TAG_COMMENDATIONS = "Khen thưởng"
TAG_REVIEWS = "Sơ kết, tổng kết"


def _write_schema(tag: str, read, write, noun: str) -> dict:
    return {
        "create": extend_schema(summary=f"Thêm {noun}", tags=[tag], request=write, responses={201: read}),
        "update": extend_schema(summary=f"Sửa {noun}", tags=[tag], request=write, responses={200: read}),
        "partial_update": extend_schema(
            summary=f"Sửa một phần {noun}", tags=[tag], request=write, responses={200: read}
        ),
    }


# --------------------------------------------------------------------------- good practices


@extend_schema_view(
    list=extend_schema(
        summary="Thư viện kinh nghiệm hay, điển hình tiên tiến",
        tags=[TAG_PRACTICES],
        parameters=[s.GoodPracticeListParams],
    ),
    retrieve=extend_schema(summary="Một kinh nghiệm, điển hình (kèm tệp đính kèm)", tags=[TAG_PRACTICES]),
    **_write_schema(TAG_PRACTICES, s.GoodPracticeSerializer, s.GoodPracticeWriteSerializer, "kinh nghiệm, điển hình"),
)
class GoodPracticeViewSet(SelectorListMixin, ReadCreateUpdateViewSet):
    """The library's practices in the caller's jurisdiction (``practices_selectors.practice_list``).

    Each lists its attachments with a ``download_url`` that is scoped like the practice.
    """

    queryset = GoodPractice.objects.all()
    serializer_class = s.GoodPracticeSerializer
    create_serializer_class = s.GoodPracticeWriteSerializer
    update_serializer_class = s.GoodPracticeWriteSerializer
    list_params_serializer = s.GoodPracticeListParams
    filter_backends = []  # the library page's filters, through the selector (GoodPracticeListParams)

    def base_queryset(self):
        user = self.request.user
        params = self.list_params()
        visible_schemes = Scheme.objects.visible_to(user).order_by("pk")
        return practices_selectors.practice_list(
            user=user,
            q=params.get("search", ""),
            year=params.get("year"),
            field=params.get("field", ""),
            kind=params.get("kind"),
        ).prefetch_related(
            Prefetch("schemes", queryset=visible_schemes, to_attr="visible_schemes"),
            Prefetch("attachments", queryset=GoodPracticeAttachment.objects.order_by("uploaded_at", "pk")),
        )

    def service_create(self, data):
        return practices_services.good_practice_create(user=self.request.user, data=data)

    def service_update(self, instance, data):
        return practices_services.good_practice_update(user=self.request.user, practice=instance, data=data)


class FirstRendererNegotiation(DefaultContentNegotiation):
    """A download answers with the file whatever ``Accept`` says (errors stay JSON)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


@extend_schema_view(
    list=extend_schema(summary="Tệp đính kèm của các kinh nghiệm, điển hình", tags=[TAG_PRACTICES]),
    retrieve=extend_schema(summary="Một tệp đính kèm (thông tin)", tags=[TAG_PRACTICES]),
    download=extend_schema(
        summary="Tải tệp đính kèm",
        tags=[TAG_PRACTICES],
        responses={(200, "*/*"): OpenApiResponse(OpenApiTypes.BINARY, description="Nội dung tệp.")},
    ),
)
class PracticeAttachmentViewSet(ReadOnlyScopedViewSet):
    """Attachments of the practices the caller may see; the download is the library page's own view.

    Uploading stays on the practice page (multipart); the API is JSON only.
    """

    queryset = GoodPracticeAttachment.objects.all()
    serializer_class = s.AttachmentSerializer
    permission_model = GoodPractice  # the page's rule: whoever may see the practice sees its files
    filterset_fields = ["practice", "kind"]

    def base_queryset(self):
        return GoodPracticeAttachment.objects.select_related("practice")

    @action(detail=True, methods=["get"], content_negotiation_class=FirstRendererNegotiation)
    def download(self, request, pk=None):
        attachment = self.get_object()  # 404 outside the jurisdiction, before any file is touched
        page = AttachmentDownloadView()
        page.setup(request._request, pk=attachment.pk)
        return page.get(request._request, pk=attachment.pk)


# --------------------------------------------------------------------------- commendations


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách khen thưởng (đề nghị và đã khen)",
        tags=[TAG_COMMENDATIONS],
        parameters=[s.CommendationListParams],
    ),
    retrieve=extend_schema(summary="Một khen thưởng", tags=[TAG_COMMENDATIONS]),
    **_write_schema(TAG_COMMENDATIONS, s.CommendationSerializer, s.CommendationWriteSerializer, "khen thưởng"),
)
class CommendationViewSet(SelectorListMixin, ReadCreateUpdateViewSet):
    """Commendations in the caller's jurisdiction (``commendations_selectors.commendation_list``).

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
        return commendations_selectors.commendation_list(
            user=self.request.user,
            status=params.get("status", ""),
            year=params.get("year"),
            recipient_kind=params.get("recipient_kind", ""),
            q=params.get("search", ""),
        )

    def service_create(self, data):
        return commendations_services.commendation_create(user=self.request.user, data=data)

    def service_update(self, instance, data):
        return commendations_services.commendation_update(user=self.request.user, commendation=instance, data=data)


class CommendationSuggestionsView(ApiViewMixin, APIView):
    """Schemes rated Tốt N campaign years running with no commendation since (the suggestions page)."""

    permission_classes = [HasPermissions]
    required_permissions = ["reviews.view_commendation"]

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
        until = commendations_selectors.latest_rated_year(user=user)
        # A country has ~20.000 suggestions: pages, like the suggestions page (the same selector).
        rows, total = commendations_selectors.suggestion_page(
            user=user, years=years, until=until, page=page, per_page=size
        )
        payload = {
            "years": years,
            "until": until,
            "first": until - years + 1 if until else None,
            "security_day": commendations_selectors.next_security_day(timezone.localdate()),
            "count": total,
            "page": page,
            "has_next": page * size < total,
            "results": rows,
        }
        return Response(s.SuggestionsSerializer(payload).data)


# --------------------------------------------------------------------------- sơ kết, tổng kết


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
