"""The statistics page's cross-table as a read endpoint: the same form, the same selector."""

from django.http import QueryDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from tuquan.api.base import ApiViewMixin
from tuquan.api.permissions import HasPermissions
from tuquan.reports import selectors
from tuquan.reports.forms import StatisticsForm
from tuquan.reports.selectors import COLUMN_CHOICES, ROW_CHOICES
from tuquan.reports.views import unit_from_request


class HeaderSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Mã hàng/cột: id đơn vị, id loại mô hình, mã xếp loại, năm ...")
    label = serializers.CharField()
    unit = serializers.IntegerField(allow_null=True, help_text="Id đơn vị hiện hành của hàng (nếu có).")


class CrossTableSerializer(serializers.Serializer):
    title = serializers.CharField()
    rows = serializers.ChoiceField(choices=list(ROW_CHOICES.items()))
    columns = serializers.ChoiceField(choices=list(COLUMN_CHOICES.items()))
    year_from = serializers.IntegerField()
    year_to = serializers.IntegerField()
    unit = serializers.IntegerField(allow_null=True)
    as_of = serializers.DateTimeField()
    row_title = serializers.CharField()
    column_title = serializers.CharField()
    total_column_label = serializers.CharField()
    row_headers = HeaderSerializer(many=True)
    column_headers = HeaderSerializer(many=True)
    cells = serializers.ListField(child=serializers.ListField(child=serializers.IntegerField()))
    row_totals = serializers.ListField(child=serializers.IntegerField())
    column_totals = serializers.ListField(child=serializers.IntegerField())
    grand_total = serializers.IntegerField()
    boundaries = serializers.CharField(allow_blank=True)
    definitions = serializers.ListField(child=serializers.CharField())


def _header(header) -> dict:
    return {"key": str(header.key), "label": header.label, "unit": header.unit_pk}


class StatisticsView(ApiViewMixin, APIView):
    """``GET /api/v1/statistics/``: counts of schemes by rows × columns, aggregated in the database."""

    permission_classes = [HasPermissions]
    required_permissions = ["reports.view_statistics"]

    @extend_schema(
        summary="Bảng thống kê (như trang Thống kê)",
        tags=["Thống kê"],
        parameters=[
            OpenApiParameter("rows", str, enum=list(ROW_CHOICES), description="Hàng (mặc định old-district)."),
            OpenApiParameter("columns", str, enum=list(COLUMN_CHOICES), description="Cột (mặc định class)."),
            OpenApiParameter("year_from", int, required=True, description="Từ năm."),
            OpenApiParameter("year_to", int, description="Đến năm (trống: một năm)."),
            OpenApiParameter("unit", int, description="Địa bàn (id đơn vị; mặc định toàn bộ địa bàn phụ trách)."),
            OpenApiParameter(
                "agency_row", OpenApiTypes.BOOL, description="Tách hàng cơ quan, doanh nghiệp, nhà trường."
            ),
        ],
        responses={200: CrossTableSerializer},
    )
    def get(self, request):
        unit_from_request(request, legacy=True)  # 404 outside the jurisdiction, as on the page
        params = request.query_params
        data = QueryDict(mutable=True)
        data["rows"] = params.get("rows", "old-district")
        data["columns"] = params.get("columns", "class")
        for name in ("year_from", "year_to", "unit"):
            if params.get(name):
                data[name] = params[name]
        if params.get("agency_row", "true").strip().lower() in {"true", "1", "on", "yes"}:
            data["agency_row"] = "on"
        form = StatisticsForm(data, user=request.user)
        if not form.is_valid():
            raise ValidationError({field: list(errors) for field, errors in form.errors.items()})
        table = selectors.statistics_table(user=request.user, **form.selector_kwargs())
        payload = {
            "title": table.title,
            "rows": table.rows,
            "columns": table.columns,
            "year_from": table.year_from,
            "year_to": table.year_to,
            "unit": table.unit.pk if table.unit else None,
            "as_of": table.as_of,
            "row_title": table.row_title,
            "column_title": table.column_title,
            "total_column_label": table.total_column_label,
            "row_headers": [_header(h) for h in table.row_headers],
            "column_headers": [_header(h) for h in table.column_headers],
            "cells": table.cells,
            "row_totals": table.row_totals,
            "column_totals": table.column_totals,
            "grand_total": table.grand_total,
            "boundaries": table.boundaries,
            "definitions": table.definitions,
        }
        return Response(CrossTableSerializer(payload).data)
