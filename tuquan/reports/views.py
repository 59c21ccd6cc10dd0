from urllib.parse import urlencode

from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from tuquan.core.downloads import XLSX_CONTENT_TYPE
from tuquan.core.scoping import get_for_user
from tuquan.core.views import HtmxTemplateMixin, ScopedPermissionMixin
from tuquan.places.models import AdminUnit
from tuquan.reports import exporters, selectors
from tuquan.reports.forms import StatisticsForm, unit_label


def unit_from_request(request, *, legacy: bool = False) -> AdminUnit | None:
    """The unit named by ``?unit=<pk>``, 404 outside the user's jurisdiction.

    With ``legacy``, also the pre-2025 provinces and districts that went into the jurisdiction.
    """
    value = request.GET.get("unit")
    if not value:
        return None
    if not legacy:
        return get_for_user(AdminUnit, request.user, pk=value)
    try:
        return selectors.selectable_units(request.user).get(pk=value)
    except (AdminUnit.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Không tìm thấy đơn vị hoặc bạn không có quyền truy cập.") from exc


class UnitOptionsView(ScopedPermissionMixin, View):
    """Units a table may be limited to (``selectable_units``) matching ``?q=``, as JSON for the search box."""

    permission_required = "reports.view_statistics"

    def get(self, request):
        query = request.GET.get("q", "")[:100]
        units = selectors.selectable_units(request.user).search(query)[:30] if query else []
        return JsonResponse(
            {"results": [{"id": u.pk, "text": unit_label(u).strip(), "group": u.get_era_display()} for u in units]}
        )


class StatisticsView(ScopedPermissionMixin, HtmxTemplateMixin, TemplateView):
    """The cross-table the user builds (rows × columns, a year or range, a unit), and its exports."""

    permission_required = "reports.view_statistics"
    template_name = "reports/statistics.html"
    partial_template_name = "reports/partials/statistics_body.html"
    downloads = {"xlsx", "csv", "json"}

    def get(self, request, *args, **kwargs):
        unit_from_request(request, legacy=True)  # 404 for a unit outside the jurisdiction, before anything else
        self.form = StatisticsForm(self._form_data(), user=request.user)
        self.table = None
        self.practice = None
        if self.form.is_valid():
            choices = self.form.selector_kwargs()
            if request.GET.get("part") == "practice":
                # The practice panel (loaded after the table) needs the unit and year, not the table again.
                self.practice = selectors.practice_panel(
                    user=request.user, unit=choices["unit"], year=choices["year_to"]
                )
                return super().get(request, *args, **kwargs)
            self.table = selectors.statistics_table(user=request.user, **choices)
            export = request.GET.get("format")
            if export in self.downloads:
                return self._download(export)
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        if self.request.GET.get("part") == "practice":
            return ["reports/partials/practice.html"]
        return super().get_template_names()

    def _form_data(self):
        if "rows" in self.request.GET:
            return self.request.GET
        user = self.request.user
        year = selectors.latest_campaign_year(user=user) or timezone.localdate().year
        # A province reports by its pre-2025 districts; the whole country (700 of them) by province.
        rows = "province" if selectors.sees_whole_country(user) else "old-district"
        return {"rows": rows, "columns": "class", "year_from": year, "agency_row": "on"}

    def _download(self, export: str) -> HttpResponse:
        table = self.table
        if export == "xlsx":
            response = HttpResponse(exporters.to_xlsx(table), content_type=XLSX_CONTENT_TYPE)
        elif export == "csv":
            response = HttpResponse("\ufeff" + exporters.to_csv(table), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(exporters.to_json(table), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{exporters.filename(table, export)}"'
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["table"] = self.table
        context["practice"] = self.practice
        if self.table is not None:
            context["export_query"] = _export_query(self.table)
        return context


def _export_query(table: selectors.CrossTable) -> str:
    """The query string that rebuilds ``table`` (the download links add ``format``)."""
    params = {
        "rows": table.rows,
        "columns": table.columns,
        "year_from": table.year_from,
        "year_to": table.year_to,
        "unit": table.unit.pk if table.unit else "",
    }
    if table.agency_row or table.rows != "old-district":
        params["agency_row"] = "on"
    return urlencode(params)
