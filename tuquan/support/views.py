"""Pages of support records. Thin: parse input, call a selector or a service, render."""

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views import View
from django.views.generic import TemplateView
from openpyxl import Workbook

from tuquan.core.downloads import xlsx_response
from tuquan.core.scoping import get_for_user
from tuquan.core.views import ScopedPermissionMixin
from tuquan.schemes.excel.exporters import neutralise
from tuquan.schemes.models import Scheme
from tuquan.support import selectors, services
from tuquan.support.forms import OverviewForm, SupportRecordForm
from tuquan.support.models import SupportRecord

SUMMARY_SHEETS = [
    ("Theo xã", "by_commune"),
    ("Theo loại mô hình", "by_scheme_kind"),
    ("Theo nguồn", "by_source"),
    ("Theo nội dung", "by_category"),
    ("Theo năm", "by_year"),
]
WITHOUT_SHOWN = 200


class OverviewView(ScopedPermissionMixin, TemplateView):
    permission_required = "support.view_supportrecord"
    template_name = "support/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = OverviewForm(self.request.GET or None)
        year, months = form.values()
        context.update(selectors.support_overview(user=self.request.user, year=year))
        # A whole country has ~150.000 schemes: the page shows the first ones and the count;
        # the Excel export lists them all.
        without, without_count = selectors.schemes_without_support_first(
            user=self.request.user, months=months, limit=WITHOUT_SHOWN
        )
        context.update(
            form=form,
            year=year,
            months=months,
            without=without,
            without_count=without_count,
            query=self.request.GET.urlencode(),
        )
        return context


class ExportView(ScopedPermissionMixin, View):
    permission_required = "support.view_supportrecord"

    def get(self, request):
        year, months = OverviewForm(request.GET or None).values()
        overview = selectors.support_overview(user=request.user, year=year)
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Khoản hỗ trợ"
        sheet.append(["Ngày", "Xã, phường", "Mô hình", "Tổ", "Hình thức", "Nội dung", "Mô tả", "Số lượng",
                      "Giá trị (đồng)", "Nguồn", "Nhà tài trợ", "Số quyết định", "Ngày quyết định"])  # fmt: skip
        records = selectors.filtered_records(user=request.user, year=year).select_related("scheme__commune", "team")
        for r in records.order_by("date", "pk"):
            sheet.append([
                r.date, r.scheme.commune.name, neutralise(r.scheme.name), neutralise(r.team.name if r.team else ""),
                r.get_kind_display(), r.get_category_display(), neutralise(r.description), r.quantity, r.value,
                r.get_source_display(), neutralise(r.donor_name), neutralise(r.decision_number), r.decision_date,
            ])  # fmt: skip
        for title, key in SUMMARY_SHEETS:
            table = workbook.create_sheet(title)
            table.append([title.removeprefix("Theo ").capitalize(), "Số khoản", "Kinh phí (đồng)",
                          "Giá trị trang bị (đồng)", "Số lượng trang bị", "Số mô hình"])  # fmt: skip
            for row in overview[key]:
                table.append([neutralise(str(row["label"])), row["records"], row["money"], row["items_value"],
                              row["items"], row["schemes"]])  # fmt: skip
        without = workbook.create_sheet(f"Không nhận {months} tháng")
        without.append(["Xã, phường", "Mô hình", "Loại mô hình"])
        for scheme in selectors.schemes_without_support(user=request.user, months=months):
            without.append([scheme.commune.name, neutralise(scheme.name), scheme.kind.name])
        for ws in workbook.worksheets:
            for row in ws.iter_rows(min_row=2):
                for cell in row:
                    if hasattr(cell.value, "year") and not isinstance(cell.value, int):
                        cell.number_format = "DD/MM/YYYY"
        buffer = io.BytesIO()
        workbook.save(buffer)
        return xlsx_response(buffer.getvalue(), f"ho-tro{'-' + str(year) if year else ''}.xlsx")


class SchemeSupportView(ScopedPermissionMixin, TemplateView):
    permission_required = "support.view_supportrecord"
    template_name = "support/scheme_support.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scheme = get_for_user(Scheme.objects.select_related("commune"), self.request.user, pk=self.kwargs["scheme_pk"])
        context.update(scheme=scheme, support=selectors.scheme_support(user=self.request.user, scheme=scheme))
        context["can_add"] = self.request.user.has_perm("support.add_supportrecord")
        return context


class SupportCreateView(ScopedPermissionMixin, View):
    permission_required = "support.add_supportrecord"
    template_name = "support/record_form.html"

    def get_scheme(self):
        return get_for_user(Scheme.objects.select_related("commune"), self.request.user, pk=self.kwargs["scheme_pk"])

    def get(self, request, scheme_pk):
        scheme = self.get_scheme()
        return render(request, self.template_name, {"form": SupportRecordForm(scheme=scheme), "scheme": scheme})

    def post(self, request, scheme_pk):
        scheme = self.get_scheme()
        form = SupportRecordForm(request.POST, scheme=scheme)
        if form.is_valid():
            try:
                services.support_record_create(user=request.user, scheme=scheme, data=form.service_data())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, "Đã ghi khoản hỗ trợ.")
                return redirect("support:scheme", scheme_pk=scheme.pk)
        return render(request, self.template_name, {"form": form, "scheme": scheme})


class SupportUpdateView(ScopedPermissionMixin, View):
    permission_required = "support.change_supportrecord"
    template_name = "support/record_form.html"

    def get_record(self):
        queryset = SupportRecord.objects.select_related("scheme__commune", "team")
        return get_for_user(queryset, self.request.user, "change", pk=self.kwargs["pk"])

    def get(self, request, pk):
        record = self.get_record()
        form = SupportRecordForm(instance=record, scheme=record.scheme)
        return render(request, self.template_name, {"form": form, "scheme": record.scheme, "record": record})

    def post(self, request, pk):
        record = self.get_record()
        form = SupportRecordForm(request.POST, instance=record, scheme=record.scheme)
        if form.is_valid():
            try:
                services.support_record_update(user=request.user, record=record, data=form.service_data())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, "Đã lưu khoản hỗ trợ.")
                return redirect("support:scheme", scheme_pk=record.scheme_id)
        return render(request, self.template_name, {"form": form, "scheme": record.scheme, "record": record})
