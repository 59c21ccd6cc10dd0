"""Sơ kết/tổng kết reports."""

from rest_framework import serializers

from tuquan.reviews.choices import NARRATIVE_SECTIONS, PeriodKind, ReviewStatus
from tuquan.reviews.models import Review

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
