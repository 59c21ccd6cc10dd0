"""The scheme registry over the API: the same services and scoping as the pages."""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from tuquan.api.base import ApiViewMixin, ReadCreateUpdateViewSet, ServiceCreateMixin, ServiceUpdateMixin
from tuquan.api.exceptions import Conflict
from tuquan.api.serializers import schemes as s
from tuquan.api.serializers import support
from tuquan.core.text import vi_order
from tuquan.schemes import selectors, services
from tuquan.schemes.filtersets import SchemeFilterSet
from tuquan.schemes.models import ActivityReport, Member, Scheme, SchemeKind, Team
from tuquan.support import services as support_services
from tuquan.support.models import SupportRecord


def _crud_schema(tag: str, read, create, update, noun: str):
    return extend_schema_view(
        list=extend_schema(summary=f"Danh sách {noun}", tags=[tag]),
        retrieve=extend_schema(summary=f"Một {noun}", tags=[tag]),
        create=extend_schema(summary=f"Thêm {noun}", tags=[tag], request=create, responses={201: read}),
        update=extend_schema(summary=f"Sửa {noun}", tags=[tag], request=update, responses={200: read}),
        partial_update=extend_schema(summary=f"Sửa một phần {noun}", tags=[tag], request=update, responses={200: read}),
    )


# --------------------------------------------------------------------------- kinds


@_crud_schema("Danh mục mô hình", *[s.SchemeKindSerializer] * 3, "loại mô hình")
class SchemeKindViewSet(
    ServiceCreateMixin,
    ServiceUpdateMixin,
    ApiViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """The catalogue of kinds is shared by the whole province: everyone reads it, PV05 writes it."""

    queryset = SchemeKind.objects.all()
    serializer_class = s.SchemeKindSerializer
    filterset_fields = ["field", "is_active"]
    search_field = "search_text"

    def base_queryset(self):
        return SchemeKind.objects.order_by(vi_order("name"), "pk")

    def get_queryset(self):
        return self.base_queryset()

    def service_create(self, data):
        return services.kind_create(user=self.request.user, data=data)

    def service_update(self, instance, data):
        return services.kind_update(user=self.request.user, kind=instance, data=data)


# --------------------------------------------------------------------------- schemes


@_crud_schema("Mô hình", s.SchemeSerializer, s.SchemeWriteSerializer, s.SchemeUpdateSerializer, "mô hình")
class SchemeViewSet(ReadCreateUpdateViewSet):
    """Schemes in the caller's jurisdiction. No delete: a mistaken record is voided on the page."""

    queryset = Scheme.objects.all()
    serializer_class = s.SchemeSerializer
    create_serializer_class = s.SchemeWriteSerializer
    update_serializer_class = s.SchemeUpdateSerializer
    filterset_class = SchemeFilterSet  # the registry page's filters: q, unit, kind, field, status, ...
    search_field = "search_text"

    def base_queryset(self):
        return selectors.scheme_list(user=self.request.user)

    def service_create(self, data):
        return services.scheme_create(user=self.request.user, data=data)

    def service_update(self, instance, data):
        expected = data.pop("version")
        try:
            return services.scheme_update(user=self.request.user, scheme=instance, data=data, expected_version=expected)
        except DjangoValidationError as exc:
            if services.CONFLICT_MESSAGE in getattr(exc, "message_dict", {}).get(NON_FIELD_ERRORS, []):
                raise Conflict() from exc
            raise


# --------------------------------------------------------------------------- teams, members, reports


@_crud_schema("Tổ", s.TeamSerializer, s.TeamWriteSerializer, s.TeamUpdateSerializer, "tổ")
class TeamViewSet(ReadCreateUpdateViewSet):
    queryset = Team.objects.all()
    serializer_class = s.TeamSerializer
    create_serializer_class = s.TeamWriteSerializer
    update_serializer_class = s.TeamUpdateSerializer
    filterset_fields = ["scheme", "is_active"]
    search_field = "scheme__search_text"

    def service_create(self, data):
        scheme = data.pop("scheme")
        return services.team_create(user=self.request.user, scheme=scheme, data=data)

    def service_update(self, instance, data):
        return services.team_update(user=self.request.user, team=instance, data=data)


def _log_personal_data_read(request, count: int) -> None:
    """DESIGN.md: every read of members' personal data is logged (who, when, how many, which query),
    like the Excel export; rows a role sees masked are not personal data and are not logged."""
    if not count or not request.user.has_perm(s.PERSONAL_DATA_PERMISSION):
        return
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Member),
        object_pk="",
        object_repr=f"API: đọc dữ liệu cá nhân của {count} thành viên",
        action=LogEntry.Action.ACCESS,
        actor=request.user,
        changes={},
        additional_data={"api": request.path, "members": count, "query": request.GET.urlencode()[:500]},
    )


@_crud_schema("Thành viên", s.MemberSerializer, s.MemberWriteSerializer, s.MemberUpdateSerializer, "thành viên")
class MemberViewSet(ReadCreateUpdateViewSet):
    """Members; phone, national ID and address are masked for roles without the personal-data right."""

    queryset = Member.objects.all()
    serializer_class = s.MemberSerializer
    create_serializer_class = s.MemberWriteSerializer
    update_serializer_class = s.MemberUpdateSerializer
    filterset_fields = ["scheme", "team", "role", "is_anonymised"]

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        _log_personal_data_read(request, len(response.data.get("results", [])))
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        _log_personal_data_read(request, 1)
        return response

    def service_create(self, data):
        scheme = data.pop("scheme")
        return services.member_create(user=self.request.user, scheme=scheme, data=data)

    def service_update(self, instance, data):
        return services.member_update(user=self.request.user, member=instance, data=data)


@_crud_schema(
    "Kết quả hoạt động",
    s.ActivityReportSerializer,
    s.ActivityReportWriteSerializer,
    s.ActivityReportUpdateSerializer,
    "kết quả hoạt động",
)
class ActivityReportViewSet(ReadCreateUpdateViewSet):
    queryset = ActivityReport.objects.all()
    serializer_class = s.ActivityReportSerializer
    create_serializer_class = s.ActivityReportWriteSerializer
    update_serializer_class = s.ActivityReportUpdateSerializer
    filterset_fields = ["scheme"]
    search_field = "scheme__search_text"

    def service_create(self, data):
        scheme = data.pop("scheme")
        return services.activity_report_create(user=self.request.user, scheme=scheme, data=data)

    def service_update(self, instance, data):
        return services.activity_report_update(user=self.request.user, report=instance, data=data)


# --------------------------------------------------------------------------- support


@_crud_schema(
    "Hỗ trợ",
    support.SupportRecordSerializer,
    support.SupportRecordWriteSerializer,
    support.SupportRecordUpdateSerializer,
    "khoản hỗ trợ",
)
class SupportRecordViewSet(ReadCreateUpdateViewSet):
    """Money (whole đồng) and items given to schemes, through the support app's services."""

    queryset = SupportRecord.objects.all()
    serializer_class = support.SupportRecordSerializer
    create_serializer_class = support.SupportRecordWriteSerializer
    update_serializer_class = support.SupportRecordUpdateSerializer
    filterset_fields = ["scheme", "kind", "source"]
    search_field = "scheme__search_text"

    def service_create(self, data):
        scheme = data.pop("scheme")
        return support_services.support_record_create(user=self.request.user, scheme=scheme, data=data)

    def service_update(self, instance, data):
        return support_services.support_record_update(user=self.request.user, record=instance, data=data)
