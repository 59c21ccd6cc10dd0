from django.contrib.auth.backends import ModelBackend

from tuquan.accounts.roles import permissions_for


class RoleBackend(ModelBackend):
    """Authenticates as Django does, and grants each user the permissions of their role."""

    def get_role_permissions(self, user_obj) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        return permissions_for(getattr(user_obj, "role", ""))

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        return super().get_all_permissions(user_obj) | self.get_role_permissions(user_obj)
