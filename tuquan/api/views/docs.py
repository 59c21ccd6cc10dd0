"""The OpenAPI schema and Swagger UI, served from this server (drf-spectacular-sidecar, no CDN).

drf-spectacular's stock Swagger page puts its start-up script and a ``<style>`` block inline,
which the site's Content-Security-Policy (no ``unsafe-inline``) blocks. We use its "split"
view, which serves the start-up script as a separate same-origin request, with our own template
whose styles live in a static file, so the page works under the unchanged site-wide CSP (no
per-view exemption needed).
"""

from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView


@method_decorator(login_not_required, name="dispatch")
class SchemaView(SpectacularJSONAPIView):
    """``/api/v1/openapi.json`` for authenticated callers (token or session); 401 otherwise."""


class DocsView(SpectacularSwaggerSplitView):
    """``/api/v1/docs``: a page of the site, so an anonymous browser is sent to the login page."""

    template_name = "api/swagger_ui.html"
    url_name = "api:schema"
    title = "tuquan API v1"

    @classmethod
    def as_view(cls, **initkwargs):
        # DRF exempts its views from LoginRequiredMiddleware; this one is a page: send to login.
        view = super().as_view(**initkwargs)
        view.login_required = True
        return view
