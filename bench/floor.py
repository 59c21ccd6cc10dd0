"""The floor of a page: what any logged-in page of tuquan costs before it asks its own question.

The bench serves these addresses (``ROOT_URLCONF``) so that it can time one page that reads no data:
the base layout (menu, messages, the user's name) through every middleware, with the session and
the user read as on every page. A page whose hand-written SQL takes less than half of this cannot be
within 2× of it, however its own work is done (docs/performance.md).
"""

from django.urls import include, path
from django.views.generic import TemplateView

from tuquan.core.views import ScopedPermissionMixin


class FloorView(ScopedPermissionMixin, TemplateView):
    """The base layout with nothing in it, for any logged-in user."""

    permission_required = ()
    template_name = "base.html"


urlpatterns = [
    path("bench/khung-trang/", FloorView.as_view(), name="bench_floor"),
    path("", include("config.urls")),
]
