"""Scheme registry payloads. Serializers parse and type-check; the services validate and write."""

from rest_framework import serializers

from tuquan.api.base import ScopedPrimaryKeyRelatedField
from tuquan.assessments.choices import Rating
from tuquan.places.models import AdminUnit
from tuquan.schemes.choices import HostOrganisation
from tuquan.schemes.models import ActivityReport, Member, Scheme, SchemeKind, Team
from tuquan.schemes.services import SCHEME_WRITABLE_FIELDS

PERSONAL_DATA_PERMISSION = "schemes.view_member_personal_data"


# --------------------------------------------------------------------------- kinds


class SchemeKindSerializer(serializers.ModelSerializer):
    class Meta:
        model = SchemeKind
        fields = ["id", "name", "field", "description", "is_active"]
        read_only_fields = ["id"]
        extra_kwargs = {"name": {"validators": []}}  # uniqueness is the service's rule (case-insensitive)


# --------------------------------------------------------------------------- schemes

SCHEME_READ_ONLY = [
    "id",
    "code",
    "kind_name",
    "commune_name",
    "status",
    "ended_on",
    "merged_into",
    "status_note",
    "latest_rating",
    "latest_rating_year",
    "version",
    "created_at",
    "updated_at",
    "team_count",
    "member_count",
]
SCHEME_WRITABLE = list(SCHEME_WRITABLE_FIELDS)  # the fields the registry services accept


class SchemeSerializer(serializers.ModelSerializer):
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    commune_name = serializers.CharField(source="commune.name", read_only=True)
    co_hosts = serializers.ListField(child=serializers.ChoiceField(choices=HostOrganisation.choices), read_only=True)
    latest_rating = serializers.ChoiceField(
        choices=Rating.choices,
        allow_blank=True,
        read_only=True,
        help_text="Xếp loại gần nhất; rỗng khi chưa có.",
    )
    facebook_url = serializers.CharField(read_only=True, help_text="Địa chỉ trang Facebook; rỗng khi không có.")
    team_count = serializers.IntegerField(read_only=True, help_text="Số tổ đang hoạt động.")
    member_count = serializers.IntegerField(read_only=True, help_text="Số thành viên chưa rời.")

    class Meta:
        model = Scheme
        fields = SCHEME_READ_ONLY + SCHEME_WRITABLE
        read_only_fields = fields


class SchemeWriteSerializer(serializers.ModelSerializer):
    """Create: the fields a user sets; the code, status and version are the system's."""

    kind = ScopedPrimaryKeyRelatedField(model=SchemeKind)
    commune = ScopedPrimaryKeyRelatedField(model=AdminUnit, filter={"era": "current", "level": "commune"})
    legacy_commune = ScopedPrimaryKeyRelatedField(
        model=AdminUnit, filter={"era": "legacy", "level": "commune"}, required=False, allow_null=True
    )
    replicated_from = ScopedPrimaryKeyRelatedField(model=Scheme, required=False, allow_null=True)
    co_hosts = serializers.ListField(
        child=serializers.ChoiceField(choices=HostOrganisation.choices), required=False, max_length=20
    )

    class Meta:
        model = Scheme
        fields = SCHEME_WRITABLE
        # The service normalises the phone ("0905 123 456") before the model validators run.
        extra_kwargs = {
            "camera_count": {"max_value": 100_000},
            "leader_phone": {"validators": [], "max_length": 20},
        }


class SchemeUpdateSerializer(SchemeWriteSerializer):
    """Update: the same fields plus the ``version`` the client last read (409 when stale)."""

    version = serializers.IntegerField(
        min_value=1,
        max_value=2_147_483_647,
        help_text="Phiên bản đã đọc (GET); nếu người khác đã sửa trong lúc đó, API trả 409.",
    )

    class Meta(SchemeWriteSerializer.Meta):
        fields = [*SCHEME_WRITABLE, "version"]

    def validate(self, attrs):
        if "version" not in attrs:  # PATCH too: a partial update must still say what it read
            raise serializers.ValidationError({"version": ["Gửi kèm version (phiên bản) đã đọc để tránh ghi đè."]})
        return attrs


# --------------------------------------------------------------------------- teams


class TeamSerializer(serializers.ModelSerializer):
    class Meta:
        model = Team
        fields = ["id", "scheme", "name", "area", "founded_on", "is_active"]
        read_only_fields = fields


class TeamWriteSerializer(serializers.ModelSerializer):
    scheme = ScopedPrimaryKeyRelatedField(model=Scheme, action="change")

    class Meta:
        model = Team
        fields = ["scheme", "name", "area", "founded_on", "is_active"]
        validators = []  # unique name per scheme: the service says it in Vietnamese


class TeamUpdateSerializer(TeamWriteSerializer):
    class Meta(TeamWriteSerializer.Meta):
        fields = ["name", "area", "founded_on", "is_active"]


# --------------------------------------------------------------------------- members


class MemberSerializer(serializers.ModelSerializer):
    personal_data_masked = serializers.SerializerMethodField()

    class Meta:
        model = Member
        fields = [
            "id",
            "scheme",
            "team",
            "full_name",
            "birth_year",
            "role",
            "phone",
            "national_id",
            "address",
            "joined_on",
            "left_on",
            "is_anonymised",
            "personal_data_masked",
        ]
        read_only_fields = fields

    def _may_see_personal_data(self) -> bool:
        request = self.context.get("request")
        return bool(request and request.user.has_perm(PERSONAL_DATA_PERMISSION))

    def get_personal_data_masked(self, obj) -> bool:
        return not self._may_see_personal_data()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self._may_see_personal_data():  # masked exactly as the scheme page masks them
            data["phone"] = instance.masked_phone
            data["national_id"] = instance.masked_national_id
            data["address"] = "***" if instance.address else ""
        return data


class MemberWriteSerializer(serializers.ModelSerializer):
    scheme = ScopedPrimaryKeyRelatedField(model=Scheme, action="change")
    team = ScopedPrimaryKeyRelatedField(model=Team, required=False, allow_null=True)

    class Meta:
        model = Member
        fields = [
            "scheme",
            "team",
            "full_name",
            "birth_year",
            "role",
            "phone",
            "national_id",
            "address",
            "joined_on",
            "left_on",
        ]
        # The service normalises spaces and dots before the model validators run.
        extra_kwargs = {
            "phone": {"validators": [], "max_length": 20},
            "national_id": {"validators": [], "max_length": 20},
        }


class MemberUpdateSerializer(MemberWriteSerializer):
    class Meta(MemberWriteSerializer.Meta):
        fields = [name for name in MemberWriteSerializer.Meta.fields if name != "scheme"]


# --------------------------------------------------------------------------- activity reports

REPORT_FIELDS = ["period_start", "period_end", *ActivityReport.COUNTERS, "notes"]
COUNT_LIMIT = {"max_value": 1_000_000}


class ActivityReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActivityReport
        fields = ["id", "scheme", *REPORT_FIELDS, "created_at"]
        read_only_fields = fields


class ActivityReportWriteSerializer(serializers.ModelSerializer):
    scheme = ScopedPrimaryKeyRelatedField(model=Scheme, action="change")

    class Meta:
        model = ActivityReport
        fields = ["scheme", *REPORT_FIELDS]
        validators = []  # overlapping periods: the service's rule and message
        extra_kwargs = {name: COUNT_LIMIT for name in REPORT_FIELDS[2:-1]}


class ActivityReportUpdateSerializer(ActivityReportWriteSerializer):
    class Meta(ActivityReportWriteSerializer.Meta):
        fields = REPORT_FIELDS
