"""Inspection payloads: campaigns, assessments (with the workflow actions) and eliminations."""

from rest_framework import serializers

from tuquan.api.base import ScopedPrimaryKeyRelatedField
from tuquan.assessments.choices import Rating, Recommendation
from tuquan.assessments.models import Assessment, Campaign, CampaignCriterion, CriterionScore, Elimination
from tuquan.places.models import AdminUnit
from tuquan.schemes.models import Scheme

VERSION_HELP = "Phiên bản đã đọc (GET); nếu người khác đã lưu trong lúc đó, API trả 409."


def version_field():
    return serializers.IntegerField(min_value=1, max_value=2_147_483_647, help_text=VERSION_HELP)


# --------------------------------------------------------------------------- campaigns


class CampaignCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CampaignCriterion
        fields = ["id", "group", "code", "name", "max_points", "order"]
        read_only_fields = fields


class CampaignSerializer(serializers.ModelSerializer):
    root_unit_name = serializers.CharField(source="root_unit.name", read_only=True)
    criteria = CampaignCriterionSerializer(many=True, read_only=True)

    class Meta:
        model = Campaign
        fields = [
            "id",
            "year",
            "name",
            "root_unit",
            "root_unit_name",
            "period_start",
            "period_end",
            "self_assessment_deadline",
            "approval_deadline",
            "threshold_good",
            "threshold_fair",
            "threshold_average",
            "min_age_months",
            "criteria",
            "created_at",
        ]
        read_only_fields = fields


class CampaignWriteSerializer(serializers.Serializer):
    """A new campaign; the criteria, thresholds and minimum age are copied from the active set."""

    year = serializers.IntegerField(min_value=2000, max_value=2100)
    name = serializers.CharField(max_length=255)
    root_unit = ScopedPrimaryKeyRelatedField(model=AdminUnit, filter={"era": "current"}, required=False)
    period_start = serializers.DateField(required=False)
    period_end = serializers.DateField(required=False)
    self_assessment_deadline = serializers.DateField()
    approval_deadline = serializers.DateField()
    threshold_good = serializers.DecimalField(max_digits=6, decimal_places=2, min_value=0, required=False)
    threshold_fair = serializers.DecimalField(max_digits=6, decimal_places=2, min_value=0, required=False)
    threshold_average = serializers.DecimalField(max_digits=6, decimal_places=2, min_value=0, required=False)
    min_age_months = serializers.IntegerField(min_value=0, max_value=240, required=False)


# --------------------------------------------------------------------------- assessments


class CriterionScoreSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="criterion.code", read_only=True)

    class Meta:
        model = CriterionScore
        fields = ["criterion", "code", "score", "note"]
        read_only_fields = fields


class AssessmentSerializer(serializers.ModelSerializer):
    scheme_name = serializers.CharField(source="scheme.name", read_only=True)
    scores = CriterionScoreSerializer(many=True, read_only=True)
    final_rating = serializers.ChoiceField(choices=Rating.choices, allow_blank=True, read_only=True)
    suggested_rating = serializers.ChoiceField(choices=Rating.choices, allow_blank=True, read_only=True)
    recommendation = serializers.ChoiceField(choices=Recommendation.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "campaign",
            "scheme",
            "scheme_name",
            "state",
            "total",
            "has_activity_report",
            "suggested_rating",
            "final_rating",
            "recommendation",
            "rule_notes",
            "general_note",
            "scores",
            "submitted_by",
            "submitted_at",
            "approved_by",
            "approved_at",
            "returned_by",
            "returned_at",
            "return_comment",
            "adjustment_reason",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class AssessmentStartSerializer(serializers.Serializer):
    """Open (or fetch) the assessment of one scheme in one campaign, as an empty draft."""

    campaign = ScopedPrimaryKeyRelatedField(model=Campaign)
    scheme = ScopedPrimaryKeyRelatedField(model=Scheme)


class ScoreInputSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(min_value=1, help_text="Mã tiêu chí của đợt (criteria[].id).")
    score = serializers.DecimalField(max_digits=6, decimal_places=2, min_value=0, allow_null=True)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class AssessmentDraftSerializer(serializers.Serializer):
    """Save scores of a draft or returned assessment."""

    version = version_field()
    scores = ScoreInputSerializer(many=True, required=False, default=list, max_length=200)
    recommendation = serializers.ChoiceField(choices=Recommendation.choices, required=False, allow_blank=True)
    general_note = serializers.CharField(required=False, allow_blank=True, max_length=5000)

    def validate(self, attrs):
        if "version" not in attrs:  # PATCH too: a partial update must still say what it read
            raise serializers.ValidationError({"version": ["Gửi kèm version (phiên bản) đã đọc để tránh ghi đè."]})
        return attrs


class AssessmentSubmitSerializer(serializers.Serializer):
    version = version_field()


class AssessmentApproveSerializer(serializers.Serializer):
    version = version_field()
    final_rating = serializers.ChoiceField(choices=Rating.choices, required=False, allow_blank=True)
    recommendation = serializers.ChoiceField(choices=Recommendation.choices, required=False, allow_blank=True)
    scores = ScoreInputSerializer(many=True, required=False, max_length=200)
    adjustment_reason = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class AssessmentReturnSerializer(serializers.Serializer):
    version = version_field()
    comment = serializers.CharField(max_length=5000, help_text="Lý do trả lại, để xã/phường biết cần sửa gì.")


# --------------------------------------------------------------------------- eliminations


class EliminationSerializer(serializers.ModelSerializer):
    schemes = serializers.SerializerMethodField(help_text="Các mô hình bị thanh loại (trong địa bàn bạn được xem).")

    class Meta:
        model = Elimination
        fields = [
            "id",
            "unit",
            "campaign",
            "decision_number",
            "decision_date",
            "issuer",
            "reason",
            "schemes",
            "created_at",
        ]
        read_only_fields = fields

    def get_schemes(self, obj) -> list[int]:
        return [item.scheme_id for item in obj.visible_items]


class EliminationWriteSerializer(serializers.Serializer):
    schemes = serializers.ListField(
        child=ScopedPrimaryKeyRelatedField(model=Scheme, action="change"), min_length=1, max_length=1000
    )
    decision_number = serializers.CharField(max_length=60)
    decision_date = serializers.DateField()
    issuer = serializers.CharField(max_length=200)
    reason = serializers.CharField(max_length=5000)
    campaign = ScopedPrimaryKeyRelatedField(model=Campaign, required=False, allow_null=True)
