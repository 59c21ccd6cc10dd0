"""Emulation targets (chỉ tiêu thi đua): the value assigned is written, the value reached is computed."""

from rest_framework import serializers

from tuquan.api.base import ScopedPrimaryKeyRelatedField
from tuquan.places.models import AdminUnit
from tuquan.schemes.choices import Field
from tuquan.schemes.models import SchemeKind
from tuquan.targets.choices import Indicator, TargetStatus

COMMUNE = {"era": "current", "level": "commune"}


class TargetSerializer(serializers.Serializer):
    """One target with its value reached (``tuquan.targets.selectors.TargetRow``), read-only."""

    id = serializers.IntegerField(source="target.pk", read_only=True)
    year = serializers.IntegerField(source="target.year", read_only=True)
    unit = serializers.IntegerField(source="target.unit_id", read_only=True)
    unit_name = serializers.CharField(source="target.unit.name", read_only=True)
    indicator = serializers.ChoiceField(choices=Indicator.choices, source="target.indicator", read_only=True)
    kind = serializers.IntegerField(source="target.kind_id", read_only=True, allow_null=True)
    field = serializers.ChoiceField(choices=Field.choices, allow_blank=True, source="target.field", read_only=True)
    label = serializers.CharField(source="target.label", read_only=True, help_text="Chỉ tiêu bằng lời.")
    value = serializers.IntegerField(source="target.value", read_only=True, help_text="Giá trị giao.")
    note = serializers.CharField(source="target.note", read_only=True)
    is_percent = serializers.BooleanField(read_only=True, help_text="Giá trị là tỉ lệ phần trăm (0–100).")
    reached_value = serializers.SerializerMethodField(
        help_text="Giá trị đạt được, tính từ sổ đăng ký (không nhập tay): số mô hình, hoặc tỉ lệ % (2 số lẻ)."
    )
    reached = serializers.BooleanField(read_only=True, help_text="Đã đạt chỉ tiêu.")
    status = serializers.ChoiceField(choices=TargetStatus.choices, read_only=True)
    created_at = serializers.DateTimeField(source="target.created_at", read_only=True)
    updated_at = serializers.DateTimeField(source="target.updated_at", read_only=True)

    def get_reached_value(self, row) -> float:
        return float(row.reached_value) if row.is_percent else int(row.reached_value)


class TargetListParams(serializers.Serializer):
    """The year page's filters (``tuquan.targets.forms.FilterForm``) plus the year and a unit."""

    year = serializers.IntegerField(
        min_value=2000, max_value=2100, required=False, help_text="Năm; mặc định năm hiện tại (như trang Chỉ tiêu)."
    )
    indicator = serializers.ChoiceField(choices=Indicator.choices, required=False)
    status = serializers.ChoiceField(choices=TargetStatus.choices, required=False, help_text="Đạt hoặc chưa đạt.")
    unit = ScopedPrimaryKeyRelatedField(
        model=AdminUnit, filter={"era": "current"}, required=False, help_text="Chỉ các xã/phường trong đơn vị này."
    )


class TargetWriteSerializer(serializers.Serializer):
    """Assign a target to one commune (``targets.services.target_create``)."""

    year = serializers.IntegerField(min_value=2000, max_value=2100)
    unit = ScopedPrimaryKeyRelatedField(model=AdminUnit, filter=COMMUNE, help_text="Xã, phường, đặc khu hiện hành.")
    indicator = serializers.ChoiceField(choices=Indicator.choices)
    kind = ScopedPrimaryKeyRelatedField(
        model=SchemeKind, required=False, allow_null=True, help_text="Chỉ với chỉ tiêu has_kind (hoặc field)."
    )
    field = serializers.ChoiceField(choices=Field.choices, required=False, allow_blank=True)
    value = serializers.IntegerField(
        min_value=0, max_value=100_000, help_text="Số mô hình; với chỉ tiêu tỉ lệ là phần trăm (0–100)."
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class TargetUpdateSerializer(serializers.Serializer):
    """Change the value assigned and the note (``targets.services.target_update``), as on the page."""

    value = serializers.IntegerField(min_value=0, max_value=100_000)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)
