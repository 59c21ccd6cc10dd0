"""``?search=``: the folded (no diacritics, no case) text search of the pages, for every list."""

from django.utils.encoding import force_str
from rest_framework.filters import BaseFilterBackend

from tuquan.core.text import fold


class FoldedSearchFilter(BaseFilterBackend):
    """Filters on the model's stored ``search_text`` column with ``tuquan.core.text.fold``.

    A view opts in with ``search_field = "search_text"`` (or a lookup path to it, e.g.
    ``"scheme__search_text"`` for rows of a scheme); the queryset's own ``search()`` is used
    when it has one, so the API finds exactly what the page's search box finds.
    """

    param = "search"
    description = "Tìm không dấu, không phân biệt hoa thường (\u201ckhanh hoa\u201d tìm thấy \u201cKhánh Hòa\u201d)."

    def filter_queryset(self, request, queryset, view):
        field = getattr(view, "search_field", None)
        text = request.query_params.get(self.param, "")
        if not field or not text:
            return queryset
        if field == "search_text" and hasattr(queryset, "search"):
            return queryset.search(text)
        folded = fold(text)
        return queryset.filter(**{f"{field}__contains": folded}) if folded else queryset

    def get_schema_operation_parameters(self, view):
        if not getattr(view, "search_field", None):
            return []
        return [
            {
                "name": self.param,
                "required": False,
                "in": "query",
                "description": force_str(self.description),
                "schema": {"type": "string"},
            }
        ]
