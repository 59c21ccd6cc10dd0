from rest_framework import serializers

from tuquan.places.models import AdminUnit


class AdminUnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = AdminUnit
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "division_type",
            "level",
            "era",
            "parent",
            "path",
            "valid_from",
            "valid_until",
        ]
        read_only_fields = fields
