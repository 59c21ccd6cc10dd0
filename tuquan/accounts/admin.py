"""Django admin for users: scoped to the administrator's jurisdiction; users are deactivated, never deleted."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from tuquan.accounts import selectors, services
from tuquan.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "role", "jurisdiction", "scheme", "is_active", "last_login"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "search_text", "email"]
    list_select_related = ["jurisdiction", "scheme"]
    raw_id_fields = ["jurisdiction", "scheme"]
    ordering = ["username"]
    actions = ["deactivate_users"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Thông tin cá nhân", {"fields": ["full_name", "email", "phone"]}),
        ("Vai trò và địa bàn", {"fields": ["role", "jurisdiction", "scheme"]}),
        ("Trạng thái", {"fields": ["is_active", "is_staff", "is_superuser", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "password1", "password2"]}),
        ("Vai trò và địa bàn", {"fields": ["full_name", "role", "jurisdiction", "scheme"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request):
        return selectors.users_managed_by(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("is_superuser")
        return fields

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # users keep their history: deactivate instead

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description="Vô hiệu hóa các tài khoản đã chọn", permissions=["change"])
    def deactivate_users(self, request, queryset):
        count = 0
        for user in queryset.exclude(pk=request.user.pk).filter(is_active=True):
            services.user_deactivate(user=user)
            count += 1
        self.message_user(request, f"Đã vô hiệu hóa {count} tài khoản.", messages.SUCCESS)
