"""The catalogue of kinds (mô hình): list, add, edit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views import View
from django.views.generic import TemplateView
from django_tables2 import RequestConfig

from tuquan.core.views import ScopedPermissionMixin
from tuquan.schemes import selectors, services
from tuquan.schemes.forms import KindForm
from tuquan.schemes.models import SchemeKind
from tuquan.schemes.tables import KindTable


class KindListView(ScopedPermissionMixin, TemplateView):
    permission_required = "schemes.view_schemekind"
    template_name = "schemes/kind_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "")
        table = KindTable(selectors.kind_list(user=self.request.user, query=query), request=self.request)
        RequestConfig(self.request, paginate={"per_page": 100}).configure(table)
        # The page's kinds, the very objects the table renders, counted in one query.
        selectors.with_scheme_counts(user=self.request.user, kinds=list(table.page.object_list.data))
        context.update(table=table, q=query, can_add=self.request.user.has_perm("schemes.add_schemekind"))
        return context


class KindCreateView(ScopedPermissionMixin, View):
    permission_required = "schemes.add_schemekind"
    template_name = "schemes/kind_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": KindForm()})

    def post(self, request):
        form = KindForm(request.POST)
        if form.is_valid():
            try:
                kind = services.kind_create(user=request.user, data=form.service_data())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, f"Đã thêm loại mô hình “{kind.name}”.")
                return redirect("schemes:kind_list")
        return render(request, self.template_name, {"form": form})


class KindUpdateView(ScopedPermissionMixin, View):
    permission_required = "schemes.change_schemekind"
    template_name = "schemes/kind_form.html"

    def get_kind(self):
        try:
            return SchemeKind.objects.get(pk=self.kwargs["pk"])
        except SchemeKind.DoesNotExist as exc:
            raise Http404("Không tìm thấy loại mô hình.") from exc

    def get(self, request, pk):
        kind = self.get_kind()
        return render(request, self.template_name, {"form": KindForm(instance=kind), "kind": kind})

    def post(self, request, pk):
        kind = self.get_kind()
        form = KindForm(request.POST, instance=kind)
        if form.is_valid():
            try:
                services.kind_update(user=request.user, kind=kind, data=form.service_data())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, "Đã lưu loại mô hình.")
                return redirect("schemes:kind_list")
        return render(request, self.template_name, {"form": form, "kind": kind})
