from django.views.generic import DetailView, ListView

from tuquan.core.scoping import get_for_user
from tuquan.core.views import ScopedPermissionMixin
from tuquan.schemes.models import Scheme, SchemeKind


class SchemeListView(ScopedPermissionMixin, ListView):
    permission_required = "schemes.view_scheme"
    template_name = "schemes/scheme_list.html"
    paginate_by = 50

    def get_queryset(self):
        queryset = Scheme.objects.visible_to(self.request.user).registered().select_related("kind", "commune")
        return queryset.search(self.request.GET.get("q", ""))


class SchemeDetailView(ScopedPermissionMixin, DetailView):
    permission_required = "schemes.view_scheme"
    template_name = "schemes/scheme_detail.html"
    context_object_name = "scheme"

    def get_object(self, queryset=None):
        return get_for_user(Scheme.objects.select_related("kind", "commune"), self.request.user, pk=self.kwargs["pk"])


class KindListView(ScopedPermissionMixin, ListView):
    permission_required = "schemes.view_schemekind"
    template_name = "schemes/kind_list.html"
    queryset = SchemeKind.objects.all()
