"""Pages to browse the administrative units of both maps and the succession between them.

Units are reference data that every role may read across the whole country (an officer
looks up where a former commune went, whatever their jurisdiction), so these pages need
``places.view_adminunit`` but do not narrow the tree to the user's jurisdiction; the
jurisdiction rule applies to the rows placed *in* units (schemes, teams, ...).
"""

from django.db.models import Case, Count, IntegerField, Value, When
from django.views.generic import DetailView, ListView

from tuquan.core.text import vi_order
from tuquan.core.views import ScopedPermissionMixin
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit

ALL_ERAS = "all"
ERA_CHOICES = [(ALL_ERAS, "Cả hai thời kỳ"), *Era.choices]

LEVEL_RANK = Case(
    When(level=Level.PROVINCE, then=Value(0)),
    When(level=Level.DISTRICT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


class UnitListView(ScopedPermissionMixin, ListView):
    """Browse the unit tree: provinces by default, or search by name with or without diacritics."""

    permission_required = "places.view_adminunit"
    template_name = "places/unit_list.html"
    paginate_by = 100

    def _era(self) -> str:
        era = self.request.GET.get("era", "")
        if era in Era.values or era == ALL_ERAS:
            return era
        # Searching looks in both maps ("cam lam" finds Huyện Cam Lâm and Xã Cam Lâm);
        # browsing starts from the current provinces.
        return ALL_ERAS if self.request.GET.get("q", "").strip() else Era.CURRENT

    def get_queryset(self):
        query = self.request.GET.get("q", "")
        era = self._era()
        queryset = AdminUnit.objects.all() if era == ALL_ERAS else AdminUnit.objects.filter(era=era)
        queryset = queryset.search(query) if query.strip() else queryset.filter(level=Level.PROVINCE)
        return (
            queryset.select_related("parent__parent")
            .annotate(child_count=Count("children"), level_rank=LEVEL_RANK)
            .order_by("level_rank", vi_order("short_name"), "era", "code")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["eras"] = ERA_CHOICES
        context["era"] = self._era()
        context["query"] = self.request.GET.get("q", "")
        return context


class UnitDetailView(ScopedPermissionMixin, DetailView):
    """One unit: its parents, its children, the old units it came from or the new ones it went to."""

    permission_required = "places.view_adminunit"
    template_name = "places/unit_detail.html"
    context_object_name = "unit"
    queryset = AdminUnit.objects.select_related("parent__parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.object
        context["children"] = unit.children.annotate(child_count=Count("children")).order_by(vi_order("short_name"))
        context["child_types"] = (
            unit.children.values("division_type").annotate(total=Count("pk")).order_by("-total", "division_type")
        )
        predecessors = (
            AdminUnit.objects.filter(successions_as_old__new_unit=unit)
            .select_related("parent")
            .order_by(vi_order("short_name"), "code")
        )
        # A new commune came from old communes (the old districts are shown as context);
        # a new province came from old provinces.
        context["came_from"] = predecessors.filter(level=unit.level)
        districts = predecessors.filter(level=Level.DISTRICT)
        context["came_from_districts"] = districts if unit.level == Level.COMMUNE else districts.none()
        context["went_to"] = (
            AdminUnit.objects.filter(successions_as_new__old_unit=unit)
            .select_related("parent")
            .order_by(vi_order("short_name"), "code")
        )
        return context
