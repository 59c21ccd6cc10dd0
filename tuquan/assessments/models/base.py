"""What the assessment models share: rows that belong to a unit and concern everything under it."""

from django.db.models import Q

from tuquan.core.scoping import ACTION_PERMISSION, Scope, ScopedQuerySet


def _ancestor_paths(path: str) -> list[str]:
    """``"N56/22333/"`` → ``["N56/", "N56/22333/"]``."""
    parts = [p for p in path.split("/") if p]
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


class UnitWideQuerySet(ScopedQuerySet):
    """Rows that belong to a unit and concern everything under it (a province-wide campaign).

    A user sees the rows of their jurisdiction's subtree and of every unit above it:
    a commune officer sees the province's campaign; PV05 sees every campaign in the province.
    """

    def restrict(self, user, action: str = "view") -> "UnitWideQuerySet":
        scope: Scope = self.model.scope
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if action != "view":
            meta = self.model._meta
            if not user.has_perm(f"{meta.app_label}.{ACTION_PERMISSION[action]}_{meta.model_name}"):
                return self.none()
        if user.is_superuser and user.jurisdiction_id is None:
            return self
        if user.is_scheme_leader:
            if user.scheme_id is None:
                return self.none()
            path = user.scheme.commune.path
        elif user.jurisdiction_id is None:
            return self.none()
        else:
            path = user.jurisdiction.path
        below = Q(**{f"{scope.unit}__path__startswith": path})
        if user.is_scheme_leader:
            below = Q(pk__in=[])
        above = Q(**{f"{scope.unit}__path__in": _ancestor_paths(path)})
        return self.filter(below | above)
