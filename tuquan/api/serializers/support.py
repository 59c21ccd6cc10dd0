"""Support records (kinh phí, trang bị hỗ trợ): money in whole đồng."""

from rest_framework import serializers

from tuquan.api.base import ScopedPrimaryKeyRelatedField
from tuquan.schemes.models import Scheme, Team
from tuquan.support.models import SupportRecord

FIELDS = [
    "team",
    "date",
    "kind",
    "category",
    "description",
    "quantity",
    "value",
    "source",
    "donor_name",
    "decision_number",
    "decision_date",
]


class SupportRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupportRecord
        fields = ["id", "scheme", *FIELDS, "created_at", "updated_at"]
        read_only_fields = fields


class SupportRecordWriteSerializer(serializers.ModelSerializer):
    scheme = ScopedPrimaryKeyRelatedField(model=Scheme, action="change")
    team = ScopedPrimaryKeyRelatedField(model=Team, required=False, allow_null=True)

    class Meta:
        model = SupportRecord
        fields = ["scheme", *FIELDS]
        extra_kwargs = {"value": {"max_value": 10**15}, "quantity": {"max_value": 10**9}}


class SupportRecordUpdateSerializer(SupportRecordWriteSerializer):
    class Meta(SupportRecordWriteSerializer.Meta):
        fields = FIELDS
