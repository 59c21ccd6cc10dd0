from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from tuquan.accounts.roles import permissions_for


class RoleBackend(ModelBackend):
    """Authenticates as Django does, and grants each user the permissions of their role, only."""

    def get_role_permissions(self, user_obj) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        return permissions_for(getattr(user_obj, "role", ""))

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        # The role table is the only grant (tuquan/accounts/roles.py): Django's per-user and group
        # permissions are not offered anywhere, and asking for them cost every page two queries.
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        return self.get_role_permissions(user_obj)

    def get_user(self, user_id):
        # Every scoped page reads the user's jurisdiction (its path): fetched with the user, it costs
        # no query of its own.
        model = get_user_model()
        try:
            user = model._default_manager.select_related("jurisdiction").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
