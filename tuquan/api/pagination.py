"""Page-number pagination whose order never shifts between pages: the primary key breaks ties."""

from django.db.models import F
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


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

    def paginate_queryset(self, queryset, request, view=None):
        if hasattr(queryset, "query"):
            queryset = with_pk_tiebreaker(queryset)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
                parameter["description"] = "Số trang (từ 1)."
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
                parameter["description"] = f"Số dòng mỗi trang (1–{self.max_page_size}, mặc định {self.page_size})."
        return parameters
