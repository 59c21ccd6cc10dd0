from django.db.models import Count
from django.views.generic import DetailView, ListView

from tuquan.core.text import vi_order
from tuquan.core.views import ScopedPermissionMixin
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit


class UnitListView(ScopedPermissionMixin, ListView):
    """Browse the unit tree: provinces by default, or search by name with or without diacritics."""

    permission_required = "places.view_adminunit"
    template_name = "places/unit_list.html"
    paginate_by = 100

    def get_queryset(self):
        query = self.request.GET.get("q", "")
        era = self.request.GET.get("era", Era.CURRENT)
        queryset = AdminUnit.objects.filter(era=era if era in Era.values else Era.CURRENT)
        if query:
            queryset = queryset.search(query)
        else:
            queryset = queryset.filter(level=Level.PROVINCE)
        return (
            queryset.select_related("parent")
            .annotate(child_count=Count("children"))
            .order_by("level", vi_order("short_name"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["eras"] = Era.choices
        context["era"] = self.request.GET.get("era", Era.CURRENT)
        return context


class UnitDetailView(ScopedPermissionMixin, DetailView):
    permission_required = "places.view_adminunit"
    template_name = "places/unit_detail.html"
    context_object_name = "unit"
    queryset = AdminUnit.objects.select_related("parent__parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.object
        context["children"] = unit.children.annotate(child_count=Count("children")).order_by(vi_order("short_name"))
        context["came_from"] = (
            AdminUnit.objects.filter(successions_as_old__new_unit=unit)
            .select_related("parent")
            .order_by(vi_order("name"))
        )
        context["went_to"] = (
            AdminUnit.objects.filter(successions_as_new__old_unit=unit)
            .select_related("parent")
            .order_by(vi_order("name"))
            .distinct()
        )
        return context
