from django.contrib import admin

from tuquan.assessments.models import Campaign, CampaignCriterion, CriteriaSet, Criterion, Elimination


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "is_active", "threshold_good", "threshold_fair", "threshold_average"]
    inlines = [CriterionInline]


class CampaignCriterionInline(admin.TabularInline):
    model = CampaignCriterion
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False  # frozen copy: results must not change once a campaign exists

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "root_unit", "self_assessment_deadline", "approval_deadline"]
    readonly_fields = ["criteria_source", "threshold_good", "threshold_fair", "threshold_average", "min_age_months"]
    inlines = [CampaignCriterionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).restrict(request.user, "view")


@admin.register(Elimination)
class EliminationAdmin(admin.ModelAdmin):
    list_display = ["decision_number", "decision_date", "issuer"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False  # only through the page, which updates the schemes in the same transaction
