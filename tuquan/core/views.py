"""Views every app shares: the home page and the generic, scoped view mixins."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.views.generic import TemplateView

from tuquan.core import selectors


class ScopedPermissionMixin(PermissionRequiredMixin):
    """A view that declares the permission it needs (403 without it).

    Every view of tuquan declares ``permission_required`` (or ``public = True``);
    the permission matrix test fails on a view that does not.
    """

    raise_exception = True

    def handle_no_permission(self):
        if not self.request.user.is_authenticated:
            self.raise_exception = False
        return super().handle_no_permission()


class HtmxTemplateMixin:
    """Render ``partial_template_name`` for HTMX requests and the full page otherwise."""

    partial_template_name: str | None = None

    def get_template_names(self):
        if self.partial_template_name and getattr(self.request, "htmx", False) and not self.request.htmx.boosted:
            return [self.partial_template_name]
        return super().get_template_names()


class HomeView(ScopedPermissionMixin, TemplateView):
    template_name = "core/home.html"
    permission_required = ()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overview"] = selectors.home_overview(user=self.request.user)
        return context
