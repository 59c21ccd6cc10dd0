"""The yearly inspection over the API: the same services (and so the same workflow rules) as the pages."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action

from tuquan.api.base import ScopedViewSet, ServiceCreateMixin, ServiceUpdateMixin
from tuquan.api.exceptions import Conflict
from tuquan.api.serializers import assessments as s
from tuquan.assessments import services
from tuquan.assessments.models import Assessment, Campaign, EliminatedScheme, Elimination

TAG_CAMPAIGNS = "Đợt kiểm tra"
TAG_ASSESSMENTS = "Phiếu đánh giá"
TAG_ELIMINATIONS = "Thanh loại"


def _conflicts_are_409(call):
    """Run a service call; its ``ConflictError`` (a stale version) becomes a 409."""
    try:
        return call()
    except services.ConflictError as exc:
        raise Conflict() from exc


def _scores(rows) -> dict:
    return {row["criterion"]: services.ScoreInput(score=row["score"], note=row.get("note", "")) for row in rows}


@extend_schema_view(
    list=extend_schema(summary="Danh sách đợt kiểm tra", tags=[TAG_CAMPAIGNS]),
    retrieve=extend_schema(summary="Một đợt kiểm tra (kèm tiêu chí)", tags=[TAG_CAMPAIGNS]),
    create=extend_schema(
        summary="Tạo đợt kiểm tra (sao chép bộ tiêu chí đang áp dụng)",
        tags=[TAG_CAMPAIGNS],
        request=s.CampaignWriteSerializer,
        responses={201: s.CampaignSerializer},
    ),
)
class CampaignViewSet(ServiceCreateMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Campaigns of the caller's unit and the units above it (a commune sees the province's)."""

    queryset = Campaign.objects.all()
    serializer_class = s.CampaignSerializer
    create_serializer_class = s.CampaignWriteSerializer
    filterset_fields = ["year", "root_unit"]

    def base_queryset(self):
        return Campaign.objects.select_related("root_unit").prefetch_related("criteria")

    def service_create(self, data):
        return services.campaign_create(user=self.request.user, data=data)


@extend_schema_view(
    list=extend_schema(summary="Danh sách phiếu đánh giá", tags=[TAG_ASSESSMENTS]),
    retrieve=extend_schema(summary="Một phiếu đánh giá (kèm điểm)", tags=[TAG_ASSESSMENTS]),
    create=extend_schema(
        summary="Mở phiếu đánh giá của một mô hình trong một đợt (nháp)",
        tags=[TAG_ASSESSMENTS],
        request=s.AssessmentStartSerializer,
        responses={201: s.AssessmentSerializer},
    ),
    partial_update=extend_schema(
        summary="Lưu nháp điểm (phiếu đang chấm hoặc bị trả lại)",
        tags=[TAG_ASSESSMENTS],
        request=s.AssessmentDraftSerializer,
        responses={200: s.AssessmentSerializer},
    ),
    submit=extend_schema(
        summary="Gửi phiếu lên PV05",
        tags=[TAG_ASSESSMENTS],
        request=s.AssessmentSubmitSerializer,
        responses={200: s.AssessmentSerializer},
    ),
    approve=extend_schema(
        summary="Duyệt phiếu (PV05)",
        tags=[TAG_ASSESSMENTS],
        request=s.AssessmentApproveSerializer,
        responses={200: s.AssessmentSerializer},
    ),
    return_=extend_schema(
        summary="Trả lại phiếu (PV05)",
        tags=[TAG_ASSESSMENTS],
        request=s.AssessmentReturnSerializer,
        responses={200: s.AssessmentSerializer},
    ),
)
class AssessmentViewSet(
    ServiceCreateMixin, ServiceUpdateMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet
):
    """Assessments of schemes in the jurisdiction; the workflow is draft → submitted → approved or returned."""

    queryset = Assessment.objects.all()
    serializer_class = s.AssessmentSerializer
    create_serializer_class = s.AssessmentStartSerializer
    update_serializer_class = s.AssessmentDraftSerializer
    filterset_fields = ["campaign", "scheme", "state", "final_rating"]
    search_field = "scheme__search_text"
    http_method_names = ["get", "post", "patch", "head", "options"]
    action_permissions = {
        "submit": ["assessments.submit_assessment"],
        "approve": ["assessments.approve_assessment"],
        "return_": ["assessments.approve_assessment"],
    }

    def base_queryset(self):
        return Assessment.objects.select_related("scheme", "campaign").prefetch_related("scores__criterion")

    def service_create(self, data):
        return services.assessment_start(user=self.request.user, campaign=data["campaign"], scheme=data["scheme"])

    def service_update(self, instance, data):
        return _conflicts_are_409(
            lambda: services.assessment_save_draft(
                user=self.request.user,
                assessment=instance,
                version=data["version"],
                scores=_scores(data.get("scores", [])),
                recommendation=data.get("recommendation", instance.recommendation),
                general_note=data.get("general_note", instance.general_note),
            )
        )

    def _workflow(self, request, serializer_class, call):
        assessment = self.get_object()
        serializer = serializer_class(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        result = _conflicts_are_409(lambda: call(assessment, serializer.validated_data))
        return self.respond(result, status.HTTP_200_OK)

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._workflow(
            request,
            s.AssessmentSubmitSerializer,
            lambda a, d: services.assessment_submit(user=request.user, assessment=a, version=d["version"]),
        )

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._workflow(
            request,
            s.AssessmentApproveSerializer,
            lambda a, d: services.assessment_approve(
                user=request.user,
                assessment=a,
                version=d["version"],
                final_rating=d.get("final_rating", ""),
                recommendation=d.get("recommendation", ""),
                scores=_scores(d["scores"]) if d.get("scores") else None,
                adjustment_reason=d.get("adjustment_reason", ""),
            ),
        )

    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        return self._workflow(
            request,
            s.AssessmentReturnSerializer,
            lambda a, d: services.assessment_return(
                user=request.user, assessment=a, version=d["version"], comment=d["comment"]
            ),
        )


@extend_schema_view(
    list=extend_schema(summary="Danh sách quyết định thanh loại", tags=[TAG_ELIMINATIONS]),
    retrieve=extend_schema(summary="Một quyết định thanh loại", tags=[TAG_ELIMINATIONS]),
    create=extend_schema(
        summary="Thanh loại mô hình theo một quyết định",
        tags=[TAG_ELIMINATIONS],
        request=s.EliminationWriteSerializer,
        responses={201: s.EliminationSerializer},
    ),
)
class EliminationViewSet(ServiceCreateMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Elimination decisions; each lists only the eliminated schemes the caller may see."""

    queryset = Elimination.objects.all()
    serializer_class = s.EliminationSerializer
    create_serializer_class = s.EliminationWriteSerializer
    filterset_fields = ["campaign", "unit"]

    def base_queryset(self):
        visible = EliminatedScheme.objects.visible_to(self.request.user).order_by("scheme_id")
        return Elimination.objects.prefetch_related(Prefetch("items", queryset=visible, to_attr="visible_items"))

    def service_create(self, data):
        return services.schemes_eliminate(
            user=self.request.user,
            schemes=data["schemes"],
            decision_number=data["decision_number"],
            decision_date=data["decision_date"],
            issuer=data["issuer"],
            reason=data["reason"],
            campaign=data.get("campaign"),
        )
