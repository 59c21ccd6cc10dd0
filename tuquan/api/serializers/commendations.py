"""Commendations and their suggestions."""

from rest_framework import serializers

from tuquan.api.base import ScopedPrimaryKeyRelatedField
from tuquan.commendations.choices import AwardForm, AwardLevel, CommendationStatus, RecipientKind
from tuquan.commendations.models import Commendation
from tuquan.commendations.selectors import DEFAULT_STREAK_YEARS
from tuquan.commendations.services import COMMENDATION_FIELDS
from tuquan.places.models import AdminUnit
from tuquan.schemes.models import Member, Scheme


class CommendationSerializer(serializers.ModelSerializer):
    scheme_name = serializers.CharField(source="scheme.name", read_only=True, allow_null=True, default=None)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Commendation
        fields = ["id", *COMMENDATION_FIELDS, "scheme_name", "unit_name", "created_at", "updated_at"]
        read_only_fields = fields


class CommendationWriteSerializer(serializers.Serializer):
    """Propose (commune police) or record the decision (PV05) — ``commendations.services``.

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
    """The commendation page's filters (``commendations.selectors.commendation_list``)."""

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
