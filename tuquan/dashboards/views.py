"""The home page and the dashboard: the statistics engine's figures of a jurisdiction, with its targets."""

from django.views.generic import TemplateView

from tuquan.core.views import ScopedPermissionMixin
from tuquan.dashboards import selectors
from tuquan.reports.views import unit_from_request


class HomeView(ScopedPermissionMixin, TemplateView):
    template_name = "dashboards/home.html"
    permission_required = ()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The home page is the dashboard of the user's jurisdiction.
        context["overview"] = selectors.dashboard(user=self.request.user)
        return context


class DashboardView(ScopedPermissionMixin, TemplateView):
    """The dashboard of the user's jurisdiction, or of one unit inside it (drill-down)."""

    permission_required = "reports.view_statistics"
    template_name = "dashboards/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = unit_from_request(self.request)
        context["dashboard"] = selectors.dashboard(user=self.request.user, unit=unit)
        return context
