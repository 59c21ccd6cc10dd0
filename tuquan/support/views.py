"""Pages of support records. Thin: parse input, call a selector or a service, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views import View
from django.views.generic import TemplateView

from tuquan.core.downloads import xlsx_response
from tuquan.core.scoping import get_for_user
from tuquan.core.views import ScopedPermissionMixin, address_pattern
from tuquan.schemes.models import Scheme
from tuquan.support import selectors, services
from tuquan.support.exports import overview_xlsx
from tuquan.support.forms import OverviewForm, SupportRecordForm
from tuquan.support.models import SupportRecord

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
        # Up to 200 rows, two links each: the addresses reversed once, not 400 times.
        detail, record = address_pattern("schemes:scheme_detail"), address_pattern("support:create")
        for scheme in without:
            scheme.detail_url, scheme.record_url = detail.format(scheme.pk), record.format(scheme.pk)
        context.update(
            form=form,
            year=year,
            months=months,
            without=without,
            without_count=without_count,
            can_record=self.request.user.has_perm("support.add_supportrecord"),
            query=self.request.GET.urlencode(),
        )
        return context


class ExportView(ScopedPermissionMixin, View):
    permission_required = "support.view_supportrecord"

    def get(self, request):
        year, months = OverviewForm(request.GET or None).values()
        records = selectors.filtered_records(user=request.user, year=year).select_related("scheme__commune", "team")
        content = overview_xlsx(
            records=records.order_by("date", "pk"),
            overview=selectors.support_overview(user=request.user, year=year),
            without=selectors.schemes_without_support(user=request.user, months=months),
            months=months,
        )
        return xlsx_response(content, f"ho-tro{'-' + str(year) if year else ''}.xlsx")


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
