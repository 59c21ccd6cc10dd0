"""Good practices (with their attachments)."""

from django.urls import reverse
from rest_framework import serializers

from tuquan.api.base import ScopedPrimaryKeyRelatedField
from tuquan.places.models import AdminUnit
from tuquan.practices.models import GoodPractice, GoodPracticeAttachment
from tuquan.schemes.choices import Field
from tuquan.schemes.models import Scheme

SEARCH_HELP = "Tìm không dấu, không phân biệt hoa thường (như ô tìm kiếm của trang)."


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
    """The practice form's fields (``practices.services.good_practice_create`` / ``_update``)."""

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
    """The library page's filters (``practices.selectors.practice_list``)."""

    search = serializers.CharField(required=False, allow_blank=True, max_length=200, help_text=SEARCH_HELP)
    year = serializers.IntegerField(required=False, min_value=1945, max_value=2100)
    field = serializers.ChoiceField(choices=Field.choices, required=False, allow_blank=True)
    kind = serializers.IntegerField(required=False, min_value=1, help_text="Loại mô hình của các mô hình liên quan.")
