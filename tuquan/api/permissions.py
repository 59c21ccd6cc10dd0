"""Which role may call which endpoint: HTTP methods mapped to the model's Django permissions.

The permissions come from ``tuquan.accounts.roles`` through ``user.has_perm`` (like the pages);
where a row sits is then decided by the scoping rule in each view's queryset (404 outside).
"""

from rest_framework import exceptions, permissions


class RolePermissions(permissions.DjangoModelPermissions):
    """GET needs ``view_<model>``, POST ``add_``, PUT/PATCH ``change_``, DELETE ``delete_``.

    A view may name other permissions for an action (``action_permissions = {"submit":
    ["assessments.submit_assessment"]}``) and a model other than its queryset's
    (``permission_model``). Anonymous callers get 401, a role without the permission 403.
    """

    perms_map = {
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "POST": ["%(app_label)s.add_%(model_name)s"],
        "PUT": ["%(app_label)s.change_%(model_name)s"],
        "PATCH": ["%(app_label)s.change_%(model_name)s"],
        "DELETE": ["%(app_label)s.delete_%(model_name)s"],
    }

    def required_permissions(self, request, view) -> list[str]:
        action_permissions = getattr(view, "action_permissions", {}) or {}
        action = getattr(view, "action", None)
        if action in action_permissions:
            return list(action_permissions[action])
        model = getattr(view, "permission_model", None)
        if model is None:
            model = self._queryset(view).model
        if request.method not in self.perms_map:
            raise exceptions.MethodNotAllowed(request.method)
        return self.get_required_permissions(request.method, model)

    def has_permission(self, request, view) -> bool:
        if getattr(view, "_ignore_model_permissions", False):
            return True
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if not hasattr(view, request.method.lower()):
            return True  # no such operation here: let the view answer 405, not 403
        return user.has_perms(self.required_permissions(request, view))


class HasPermissions(permissions.BasePermission):
    """For views without a model: ``required_permissions = ["reports.view_statistics"]``."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        return user.has_perms(getattr(view, "required_permissions", ()))
