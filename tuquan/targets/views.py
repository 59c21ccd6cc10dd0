"""Pages of targets. Thin: parse input, call a selector or a service, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from tuquan.core.downloads import xlsx_response
from tuquan.core.scoping import get_for_user
from tuquan.core.views import ScopedPermissionMixin, address_pattern
from tuquan.targets import excel, selectors, services
from tuquan.targets.forms import BulkForm, FilterForm, ImportForm, TargetEditForm, TargetForm
from tuquan.targets.models import Target

SESSION_KEY = "targets_import"
MIN_YEAR, MAX_YEAR = 2000, 2100


def _check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404("Năm không hợp lệ.")
    return year


class CurrentYearView(ScopedPermissionMixin, View):
    permission_required = "targets.view_target"

    def get(self, request):
        return redirect("targets:year", year=timezone.localdate().year)


class YearView(ScopedPermissionMixin, TemplateView):
    permission_required = "targets.view_target"
    template_name = "targets/year.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = _check_year(self.kwargs["year"])
        user = self.request.user
        form = FilterForm(self.request.GET or None)
        context.update(selectors.year_page(user=user, year=year, **form.values()))
        can_change = user.has_perm("targets.change_target")
        if can_change:  # one edit link a cell: the address reversed once, not for each of hundreds
            update_address = address_pattern("targets:update")
            for row in context["rows"]:
                row.update_url = update_address.format(row.target.pk)
        years = sorted({year - 1, year, year + 1, *selectors.available_years(user=user)}, reverse=True)
        context.update(
            year=year,
            years=years,
            filter_form=form,
            query=self.request.GET.urlencode(),
            can_add=user.has_perm("targets.add_target"),
            can_change=can_change,
        )
        return context


class YearExportView(ScopedPermissionMixin, View):
    permission_required = "targets.view_target"

    def get(self, request, year):
        year = _check_year(year)
        form = FilterForm(request.GET or None)
        rows = selectors.target_rows(user=request.user, year=year, **form.values())
        return xlsx_response(excel.export_year(rows, year=year), f"chi-tieu-{year}.xlsx")


class TargetCreateView(ScopedPermissionMixin, View):
    permission_required = "targets.add_target"
    template_name = "targets/target_form.html"

    def get(self, request, year):
        initial = {"unit": request.GET.get("unit")} if request.GET.get("unit") else None
        form = TargetForm(user=request.user, initial=initial)
        return render(request, self.template_name, {"form": form, "year": _check_year(year)})

    def post(self, request, year):
        year = _check_year(year)
        form = TargetForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                target = services.target_create(
                    user=request.user, year=year, unit=form.cleaned_data["unit"], data=form.service_data()
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, f"Đã giao chỉ tiêu cho {target.unit.name}.")
                return redirect("targets:year", year=year)
        return render(request, self.template_name, {"form": form, "year": year})


class TargetUpdateView(ScopedPermissionMixin, View):
    permission_required = "targets.change_target"
    template_name = "targets/target_form.html"

    def get_target(self):
        return get_for_user(
            Target.objects.select_related("unit", "kind"), self.request.user, "change", pk=self.kwargs["pk"]
        )

    def get(self, request, pk):
        target = self.get_target()
        form = TargetEditForm(initial={"value": target.value, "note": target.note})
        return render(request, self.template_name, {"form": form, "year": target.year, "target": target})

    def post(self, request, pk):
        target = self.get_target()
        form = TargetEditForm(request.POST)
        if form.is_valid():
            try:
                services.target_update(user=request.user, target=target, data=form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, "Đã lưu chỉ tiêu.")
                return redirect("targets:year", year=target.year)
        return render(request, self.template_name, {"form": form, "year": target.year, "target": target})


class TargetDeleteView(ScopedPermissionMixin, View):
    permission_required = "targets.change_target"

    def post(self, request, pk):
        target = get_for_user(Target.objects.select_related("unit"), request.user, "change", pk=pk)
        year = target.year
        services.target_delete(user=request.user, target=target)
        messages.success(request, "Đã xóa chỉ tiêu.")
        return redirect("targets:year", year=year)


class BulkAssignView(ScopedPermissionMixin, View):
    permission_required = "targets.add_target"
    template_name = "targets/bulk_form.html"

    def get(self, request, year):
        return render(request, self.template_name, {"form": BulkForm(user=request.user), "year": _check_year(year)})

    def post(self, request, year):
        year = _check_year(year)
        form = BulkForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                created, updated = services.target_assign_bulk(
                    user=request.user, year=year, units=form.chosen_units(), data=form.service_data()
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, f"Đã giao chỉ tiêu: {created} mới, {updated} cập nhật.")
                return redirect("targets:year", year=year)
        return render(request, self.template_name, {"form": form, "year": year})


class ImportTemplateView(ScopedPermissionMixin, View):
    permission_required = "targets.add_target"

    def get(self, request, year):
        year = _check_year(year)
        return xlsx_response(excel.template_workbook(user=request.user, year=year), f"mau-chi-tieu-{year}.xlsx")


class ImportView(ScopedPermissionMixin, View):
    """Upload → preview (every error by row and column) → confirm. Nothing is written before confirm."""

    permission_required = "targets.add_target"
    template_name = "targets/import.html"

    def get(self, request, year):
        return render(request, self.template_name, {"form": ImportForm(), "year": _check_year(year)})

    def post(self, request, year):
        year = _check_year(year)
        form = ImportForm(request.POST, request.FILES)
        context = {"form": form, "year": year}
        if form.is_valid():
            try:
                result = excel.parse_targets(user=request.user, upload=form.cleaned_data["file"])
            except excel.ImportFileError as error:
                form.add_error("file", str(error))
            else:
                context["result"] = result
                if result.ok:
                    request.session[SESSION_KEY] = excel.rows_to_session(result.rows)
                else:
                    request.session.pop(SESSION_KEY, None)
        return render(request, self.template_name, context)


class ImportConfirmView(ScopedPermissionMixin, View):
    permission_required = "targets.add_target"

    def post(self, request, year):
        year = _check_year(year)
        data = request.session.pop(SESSION_KEY, None)
        if not data:
            messages.error(request, "Không có dữ liệu chờ nhập; hãy tải tệp lên lại.")
            return redirect("targets:import", year=year)
        try:
            created, updated = services.target_import(user=request.user, rows=excel.rows_from_session(data))
        except (ValidationError, KeyError):
            messages.error(
                request, "Dữ liệu đã thay đổi từ lúc xem trước; không có chỉ tiêu nào được nhập. Hãy tải tệp lên lại."
            )
            return redirect("targets:import", year=year)
        messages.success(request, f"Đã nhập chỉ tiêu: {created} mới, {updated} cập nhật.")
        return redirect(reverse("targets:year", kwargs={"year": year}))
