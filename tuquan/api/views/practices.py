"""Good practices and their attachments over the API: the same services, selectors and scoping as the pages."""

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.negotiation import DefaultContentNegotiation

from tuquan.api.base import ReadCreateUpdateViewSet, ReadOnlyScopedViewSet, SelectorListMixin
from tuquan.api.schema import write_schema
from tuquan.api.serializers import practices as s
from tuquan.practices import selectors, services
from tuquan.practices.models import GoodPractice, GoodPracticeAttachment
from tuquan.practices.views import AttachmentDownloadView
from tuquan.schemes.models import Scheme

TAG_PRACTICES = "Kinh nghiệm hay, điển hình"


@extend_schema_view(
    list=extend_schema(
        summary="Thư viện kinh nghiệm hay, điển hình tiên tiến",
        tags=[TAG_PRACTICES],
        parameters=[s.GoodPracticeListParams],
    ),
    retrieve=extend_schema(summary="Một kinh nghiệm, điển hình (kèm tệp đính kèm)", tags=[TAG_PRACTICES]),
    **write_schema(TAG_PRACTICES, s.GoodPracticeSerializer, s.GoodPracticeWriteSerializer, "kinh nghiệm, điển hình"),
)
class GoodPracticeViewSet(SelectorListMixin, ReadCreateUpdateViewSet):
    """The library's practices in the caller's jurisdiction (``practices.selectors.practice_list``).

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
        return selectors.practice_list(
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
        return services.good_practice_create(user=self.request.user, data=data)

    def service_update(self, instance, data):
        return services.good_practice_update(user=self.request.user, practice=instance, data=data)


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
