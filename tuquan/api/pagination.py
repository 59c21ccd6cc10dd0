"""Page-number pagination whose order never shifts between pages: the primary key breaks ties.

With ``?after=<id>`` a list is read in id order from the row after ``id`` instead (keyset
pagination on the primary key): every page costs the same, the 3.000th of a national list as the
first, where ``?page=3000`` sorts and skips 150.000 rows. ``next`` carries the following ``after``.
"""

from django.db.models import F
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

MAX_ID = 2**63 - 1  # the largest primary key a database column holds


def with_pk_tiebreaker(queryset):
    """``queryset`` ordered as before (or by the model's default), then by primary key."""
    ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering or [])
    names = {item.lstrip("-") for item in ordering if isinstance(item, str)}
    if not names & {"pk", "id", queryset.model._meta.pk.name}:
        ordering.append(F("pk").asc())
    return queryset.order_by(*ordering)


class StablePageNumberPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    invalid_page_message = "Trang không hợp lệ hoặc đã vượt quá số trang."

    def get_page_size(self, request):
        """``?page_size=`` between 1 and 500; anything else is a 400, not silently the default."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError({self.page_size_query_param: [f"Cần một số nguyên từ 1 đến {self.max_page_size}."]})
        return int(raw)

    after_query_param = "after"

    def paginate_queryset(self, queryset, request, view=None):
        self.keyset = None
        after = request.query_params.get(self.after_query_param)
        if after is not None and hasattr(queryset, "query"):
            return self._paginate_after(queryset, request, after)
        if hasattr(queryset, "query"):
            queryset = with_pk_tiebreaker(queryset)
        return super().paginate_queryset(queryset, request, view)

    def _paginate_after(self, queryset, request, after: str):
        if not after.isdigit() or int(after) > MAX_ID:
            raise ValidationError({self.after_query_param: ["Cần id (số nguyên) của dòng cuối trang trước."]})
        size = self.get_page_size(request)
        rows = list(queryset.filter(pk__gt=int(after)).order_by("pk")[: size + 1])
        self.request = request
        self.keyset = {"rows": rows[:size], "more": len(rows) > size, "count": queryset.count()}
        return self.keyset["rows"]

    def get_paginated_response(self, data):
        if not self.keyset:
            return super().get_paginated_response(data)
        url = remove_query_param(self.request.build_absolute_uri(), self.page_query_param)
        following = None
        if self.keyset["more"]:
            following = replace_query_param(url, self.after_query_param, self.keyset["rows"][-1].pk)
        return Response({"count": self.keyset["count"], "next": following, "previous": None, "results": data})

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
                parameter["description"] = "Số trang (từ 1)."
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
                parameter["description"] = f"Số dòng mỗi trang (1–{self.max_page_size}, mặc định {self.page_size})."
        parameters.append(
            {
                "name": self.after_query_param,
                "required": False,
                "in": "query",
                "description": "Đọc theo thứ tự id, từ dòng sau id này (thay cho page; mọi trang nhanh như trang đầu).",
                "schema": {"type": "integer", "minimum": 0, "maximum": MAX_ID},
            }
        )
        return parameters
