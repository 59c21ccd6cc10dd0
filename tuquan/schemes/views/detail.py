"""A scheme's page, and the pages that create, edit, void, merge or replicate a scheme."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from tuquan.core.scoping import get_for_user
from tuquan.core.views import ScopedPermissionMixin
from tuquan.schemes import selectors, services
from tuquan.schemes.choices import HostOrganisation
from tuquan.schemes.forms import (
    MergeForm,
    SchemeForm,
    VoidForm,
)
from tuquan.schemes.models import Scheme
from tuquan.schemes.replication import scheme_family_tree
from tuquan.schemes.replication_forms import ReplicateForm
from tuquan.schemes.views.base import is_htmx
from tuquan.schemes.views.sections import scheme_sections


class SchemeDetailView(ScopedPermissionMixin, TemplateView):
    permission_required = "schemes.view_scheme"
    template_name = "schemes/scheme_detail.html"

    def get(self, request, *args, **kwargs):
        """The page; for HTMX's "Trang x/y" links of the members, only that section."""
        if is_htmx(request) and request.htmx.target == "members-section":
            scheme, editable = self.get_scheme()
            context = {"scheme": scheme, **scheme_sections(request=request, scheme=scheme, editable=editable)}
            return render(request, "schemes/partials/members_section.html", context)
        return super().get(request, *args, **kwargs)

    def get_scheme(self) -> tuple[Scheme, bool]:
        """The scheme (404 outside the user's reach) and whether the user may change it."""
        user = self.request.user
        scheme = selectors.scheme_for_detail(user=user, pk=self.kwargs["pk"])
        editable = scheme.status != "voided" and Scheme.objects.editable_by(user).filter(pk=scheme.pk).exists()
        return scheme, editable

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        scheme, editable = self.get_scheme()
        context.update(
            scheme=scheme,
            object=scheme,
            editable=editable,
            co_host_labels=[HostOrganisation(v).label for v in scheme.co_hosts if v in HostOrganisation.values],
            **scheme_sections(request=self.request, scheme=scheme, editable=editable),
            **selectors.scheme_related(user=user, scheme=scheme),
            family_tree=scheme_family_tree(user=user, scheme=scheme),
            can_replicate=scheme.status == "active" and user.has_perm("schemes.add_scheme"),
        )
        return context


class SchemeCreateView(ScopedPermissionMixin, View):
    permission_required = "schemes.add_scheme"
    template_name = "schemes/scheme_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": SchemeForm(user=request.user)})

    def post(self, request):
        form = SchemeForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                scheme = services.scheme_create(user=request.user, data=form.service_data())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, f"Đã đăng ký mô hình “{scheme.name}” (mã {scheme.code}).")
                return redirect(scheme)
        return render(request, self.template_name, {"form": form}, status=200)


class SchemeUpdateView(ScopedPermissionMixin, View):
    permission_required = "schemes.change_scheme"
    template_name = "schemes/scheme_form.html"

    def get_scheme(self):
        scheme = get_for_user(
            Scheme.objects.select_related("commune"), self.request.user, "change", pk=self.kwargs["pk"]
        )
        if scheme.status == "voided":
            raise Http404("Bản ghi đã hủy.")
        return scheme

    def get(self, request, pk):
        scheme = self.get_scheme()
        form = SchemeForm(instance=scheme, user=request.user)
        return render(request, self.template_name, {"form": form, "scheme": scheme})

    def post(self, request, pk):
        scheme = self.get_scheme()
        form = SchemeForm(request.POST, instance=scheme, user=request.user)
        if form.is_valid():
            try:
                services.scheme_update(
                    user=request.user,
                    scheme=scheme,
                    data=form.service_data(),
                    expected_version=form.cleaned_data.get("version"),
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, "Đã lưu thay đổi.")
                return redirect(scheme)
        return render(request, self.template_name, {"form": form, "scheme": scheme})


class _SchemeActionView(ScopedPermissionMixin, View):
    """A status change on one scheme (void, merge): a form page and its POST."""

    template_name = ""
    form_class = None

    def get_scheme(self):
        return get_for_user(
            Scheme.objects.select_related("commune", "kind"), self.request.user, "change", pk=self.kwargs["pk"]
        )

    def make_form(self, scheme, data=None):
        return self.form_class(data)

    def get(self, request, pk):
        scheme = self.get_scheme()
        return render(request, self.template_name, {"scheme": scheme, "form": self.make_form(scheme)})

    def post(self, request, pk):
        scheme = self.get_scheme()
        form = self.make_form(scheme, request.POST)
        if form.is_valid():
            try:
                self.perform(scheme, form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error) if not hasattr(form, "add_service_errors") else form.add_service_errors(
                    error
                )
            else:
                return redirect(scheme)
        return render(request, self.template_name, {"scheme": scheme, "form": form})


class SchemeVoidView(_SchemeActionView):
    permission_required = ("schemes.change_scheme", "schemes.void_scheme")
    template_name = "schemes/scheme_void.html"
    form_class = VoidForm

    def perform(self, scheme, data):
        services.scheme_void(user=self.request.user, scheme=scheme, reason=data["reason"])
        messages.warning(self.request, "Đã hủy bản ghi. Bản ghi vẫn được lưu trong nhật ký.")


class SchemeMergeView(_SchemeActionView):
    permission_required = "schemes.change_scheme"
    template_name = "schemes/scheme_merge.html"

    def make_form(self, scheme, data=None):
        return MergeForm(data, user=self.request.user, scheme=scheme)

    def perform(self, scheme, data):
        services.scheme_merge(
            user=self.request.user,
            scheme=scheme,
            into=data["into"],
            merged_on=data["merged_on"],
            note=data.get("note", ""),
        )
        messages.success(self.request, f"Đã sáp nhập vào “{data['into'].name}”.")


class SchemeReplicateView(ScopedPermissionMixin, View):
    """Nhân rộng: a new scheme in another commune, pre-filled from this one, confirmed by the officer."""

    permission_required = "schemes.add_scheme"
    template_name = "schemes/scheme_replicate.html"

    def get_source(self):
        return get_for_user(
            Scheme.objects.select_related("commune", "kind"), self.request.user, "view", pk=self.kwargs["pk"]
        )

    def get(self, request, pk):
        source = self.get_source()
        initial = services.scheme_replica_initial(source=source) | {"founded_on": timezone.localdate()}
        form = ReplicateForm(user=request.user, source=source, initial=initial)
        return render(request, self.template_name, {"form": form, "scheme": source})

    def post(self, request, pk):
        source = self.get_source()
        form = ReplicateForm(request.POST, user=request.user, source=source)
        if form.is_valid():
            try:
                replica = services.scheme_replicate(user=request.user, source=source, data=form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, f"Đã nhân rộng thành mô hình “{replica.name}” (mã {replica.code}).")
                return redirect(replica)
        return render(request, self.template_name, {"form": form, "scheme": source})
