"""Django admin for the registry: scoped like every page, read-mostly, never deleting.

Rows come through ``restrict(user, ...)``, so a staff member sees only their jurisdiction.
Schemes, teams, members and reports are written through the pages (and their services);
the admin shows them read-only. Kinds are edited through ``kind_create``/``kind_update``.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError

from tuquan.schemes import services
from tuquan.schemes.models import ActivityReport, Member, Scheme, SchemeKind, Team


class ScopedReadOnlyAdmin(admin.ModelAdmin):
    """Scoped rows, no add/change/delete: the registry is written through its services."""

    def get_queryset(self, request):
        return self.model.objects.restrict(request.user, "view")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SchemeKind)
class SchemeKindAdmin(admin.ModelAdmin):
    list_display = ("name", "field", "is_active")
    list_filter = ("field", "is_active")
    search_fields = ("name", "search_text")
    fields = ("name", "field", "description", "is_active")

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in self.fields if name in form.cleaned_data}
        try:
            if change:
                services.kind_update(user=request.user, kind=obj, data=data)
            else:
                saved = services.kind_create(user=request.user, data=data)
                obj.pk = saved.pk
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), level="error")
            raise


@admin.register(Scheme)
class SchemeAdmin(ScopedReadOnlyAdmin):
    list_display = ("code", "name", "kind", "commune", "founded_on", "status", "latest_rating")
    list_filter = ("status", "kind__field", "latest_rating")
    search_fields = ("code", "name", "search_text")
    list_select_related = ("kind", "commune")
    date_hierarchy = "founded_on"
    list_per_page = 50  # the registry's page, so that bench case 7 compares the same question


@admin.register(Team)
class TeamAdmin(ScopedReadOnlyAdmin):
    list_display = ("name", "scheme", "is_active")
    list_select_related = ("scheme",)
    search_fields = ("name", "scheme__code")


@admin.register(Member)
class MemberAdmin(ScopedReadOnlyAdmin):
    list_display = ("full_name", "scheme", "team", "role", "is_anonymised")
    list_select_related = ("scheme", "team")
    search_fields = ("full_name", "scheme__code")

    def get_exclude(self, request, obj=None):
        if request.user.has_perm("schemes.view_member_personal_data"):
            return ()
        return ("phone", "national_id", "address")


@admin.register(ActivityReport)
class ActivityReportAdmin(ScopedReadOnlyAdmin):
    list_display = ("scheme", "period_start", "period_end", "patrols", "tips_to_police", "incidents")
    list_select_related = ("scheme",)
    date_hierarchy = "period_end"
