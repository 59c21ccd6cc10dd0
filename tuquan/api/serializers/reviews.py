"""Good practices (with their attachments), commendations and their suggestions, sơ kết/tổng kết reports."""

from django.urls import reverse
from rest_framework import serializers

from tuquan.api.base import ScopedPrimaryKeyRelatedField
from tuquan.places.models import AdminUnit
from tuquan.reviews.choices import NARRATIVE_SECTIONS, PeriodKind, ReviewStatus
from tuquan.reviews.commendations_selectors import DEFAULT_STREAK_YEARS
from tuquan.reviews.models import Commendation, GoodPractice, GoodPracticeAttachment, Review
from tuquan.reviews.recognition_choices import (
    AwardForm,
    AwardLevel,
    CommendationStatus,
    RecipientKind,
)
from tuquan.schemes.choices import Field
from tuquan.schemes.models import Member, Scheme

SEARCH_HELP = "Tìm không dấu, không phân biệt hoa thường (như ô tìm kiếm của trang)."

# --------------------------------------------------------------------------- good practices


class AttachmentSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField(
        help_text="Tải tệp qua API (cùng mã truy cập; 404 nếu kinh nghiệm nằm ngoài địa bàn bạn được xem)."
    )

    class Meta:
        model = GoodPracticeAttachment
        fields = ["id", "practice", "kind", "original_name", "content_type", "size", "uploaded_at", "download_url"]
        read_only_fields = fields

    def get_download_url(self, obj) -> str:
        path = reverse("api:practiceattachment-download", args=[obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class GoodPracticeSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    field = serializers.ChoiceField(
        choices=Field.choices, allow_blank=True, read_only=True, help_text="Lĩnh vực; rỗng khi không chọn."
    )
    schemes = serializers.SerializerMethodField(help_text="Các mô hình (trong địa bàn bạn được xem).")
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = GoodPractice
        fields = [
            "id",
            "title",
            "summary",
            "body",
            "schemes",
            "unit",
            "unit_name",
            "year",
            "field",
            "tags",
            "attachments",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_schemes(self, obj) -> list[int]:
        return [scheme.pk for scheme in obj.visible_schemes]


class GoodPracticeWriteSerializer(serializers.Serializer):
    """The practice form's fields (``practices_services.good_practice_create`` / ``_update``)."""

    title = serializers.CharField(max_length=300)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    body = serializers.CharField(required=False, allow_blank=True, max_length=200_000)
    schemes = serializers.ListField(
        child=ScopedPrimaryKeyRelatedField(model=Scheme), required=False, max_length=500, help_text="Mã các mô hình."
    )
    unit = ScopedPrimaryKeyRelatedField(model=AdminUnit, filter={"era": "current"})
    year = serializers.IntegerField(min_value=1945, max_value=2100)
    field = serializers.ChoiceField(choices=Field.choices, required=False, allow_blank=True)
    tags = serializers.CharField(required=False, allow_blank=True, max_length=300, help_text="Cách nhau bằng dấu phẩy.")


class GoodPracticeListParams(serializers.Serializer):
    """The library page's filters (``practices_selectors.practice_list``)."""

    search = serializers.CharField(required=False, allow_blank=True, max_length=200, help_text=SEARCH_HELP)
    year = serializers.IntegerField(required=False, min_value=1945, max_value=2100)
    field = serializers.ChoiceField(choices=Field.choices, required=False, allow_blank=True)
    kind = serializers.IntegerField(required=False, min_value=1, help_text="Loại mô hình của các mô hình liên quan.")


# --------------------------------------------------------------------------- commendations

COMMENDATION_FIELDS = [
    "recipient_kind",
    "scheme",
    "member",
    "person_name",
    "person_role",
    "person_unit",
    "unit",
    "title",
    "award_form",
    "level",
    "year",
    "reason",
    "status",
    "decision_number",
    "decision_date",
    "issuer",
]


class CommendationSerializer(serializers.ModelSerializer):
    scheme_name = serializers.CharField(source="scheme.name", read_only=True, allow_null=True, default=None)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Commendation
        fields = ["id", *COMMENDATION_FIELDS, "scheme_name", "unit_name", "created_at", "updated_at"]
        read_only_fields = fields


class CommendationWriteSerializer(serializers.Serializer):
    """Propose (commune police) or record the decision (PV05) — ``commendations_services``.

    For a scheme the commune is the scheme's; for a person give ``person_name`` and ``unit``
    (or ``member``). ``status: approved`` needs the decision (number, date, issuer) and PV05.
    """

    recipient_kind = serializers.ChoiceField(choices=RecipientKind.choices)
    scheme = ScopedPrimaryKeyRelatedField(model=Scheme, required=False, allow_null=True)
    member = ScopedPrimaryKeyRelatedField(model=Member, required=False, allow_null=True)
    person_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    person_role = serializers.CharField(required=False, allow_blank=True, max_length=150)
    person_unit = serializers.CharField(required=False, allow_blank=True, max_length=200)
    unit = ScopedPrimaryKeyRelatedField(
        model=AdminUnit, filter={"era": "current", "level": "commune"}, required=False, allow_null=True
    )
    title = serializers.CharField(max_length=200)
    award_form = serializers.ChoiceField(choices=AwardForm.choices)
    level = serializers.ChoiceField(choices=AwardLevel.choices)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    status = serializers.ChoiceField(choices=CommendationStatus.choices, required=False)
    decision_number = serializers.CharField(required=False, allow_blank=True, max_length=60)
    decision_date = serializers.DateField(required=False, allow_null=True)
    issuer = serializers.CharField(required=False, allow_blank=True, max_length=200)


class CommendationListParams(serializers.Serializer):
    """The commendation page's filters (``commendations_selectors.commendation_list``)."""

    search = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Tên mô hình (không dấu) hoặc họ tên."
    )
    status = serializers.ChoiceField(choices=CommendationStatus.choices, required=False, allow_blank=True)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    recipient_kind = serializers.ChoiceField(choices=RecipientKind.choices, required=False, allow_blank=True)


class SuggestionParams(serializers.Serializer):
    years = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=10,
        default=DEFAULT_STREAK_YEARS,
        help_text="Số năm liền xếp loại Tốt (1–10, mặc định 2).",
    )
    page = serializers.IntegerField(required=False, min_value=1, default=1, help_text="Trang (từ 1).")
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=500, default=100, help_text="Số mô hình mỗi trang (1–500, mặc định 100)."
    )


class SuggestedSchemeSerializer(serializers.ModelSerializer):
    commune_name = serializers.CharField(source="commune.name", read_only=True)
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    last_commended = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Năm được khen thưởng gần nhất (nếu có)."
    )

    class Meta:
        model = Scheme
        fields = ["id", "code", "name", "commune", "commune_name", "kind", "kind_name", "last_commended"]
        read_only_fields = fields


class SuggestionsSerializer(serializers.Serializer):
    years = serializers.IntegerField(help_text="Số năm liền xếp loại Tốt.")
    until = serializers.IntegerField(allow_null=True, help_text="Năm kiểm tra gần nhất đã có phiếu được duyệt.")
    first = serializers.IntegerField(allow_null=True, help_text="Năm đầu của chuỗi năm xét.")
    security_day = serializers.DateField(help_text="Ngày hội toàn dân bảo vệ an ninh Tổ quốc (19/8) sắp tới.")
    count = serializers.IntegerField(help_text="Tổng số mô hình được gợi ý (mọi trang).")
    page = serializers.IntegerField(help_text="Trang này.")
    has_next = serializers.BooleanField(help_text="Còn trang sau.")
    results = SuggestedSchemeSerializer(many=True)


# --------------------------------------------------------------------------- sơ kết, tổng kết

NARRATIVE = [name for name, _ in NARRATIVE_SECTIONS]


class ReviewSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    period_kind = serializers.ChoiceField(choices=PeriodKind.choices, read_only=True)
    status = serializers.ChoiceField(choices=ReviewStatus.choices, read_only=True)
    figures = serializers.JSONField(read_only=True, help_text="Số liệu do hệ thống tổng hợp khi lập/cập nhật.")

    class Meta:
        model = Review
        fields = [
            "id",
            "unit",
            "unit_name",
            "period_kind",
            "period_start",
            "period_end",
            "title",
            "number",
            "symbol",
            "issuer_parent",
            "issuer",
            "place",
            "issued_on",
            "status",
            "figures",
            "figures_read_at",
            *NARRATIVE,
            "recipients",
            "signer_title",
            "signer_name",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
