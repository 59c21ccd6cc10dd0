"""The one scoping rule: what a user may see and change.

Every model whose rows belong to a jurisdiction declares a ``scope`` and uses
``ScopedQuerySet`` (``objects = ScopedQuerySet.as_manager()``). Pages, API,
exports and reports then ask ``Model.objects.restrict(user, "view")`` (or its
short form ``visible_to(user)``) and never filter by jurisdiction by hand;
``get_for_user`` fetches one object and answers 404 outside the jurisdiction.

Rules (DESIGN.md):
- anonymous or inactive users see nothing;
- a superuser without a jurisdiction sees everything;
- a scheme leader sees the rows of their own scheme only;
- everyone else sees the rows placed in the subtree of their jurisdiction
  (an administrative unit: the province for PV05, a commune for commune police);
- ``change`` additionally needs the model's ``change`` permission for the role,
  otherwise the queryset is empty.
"""

from dataclasses import dataclass

from django.db import models
from django.http import Http404


@dataclass(frozen=True)
class Scope:
    """Where a model's rows sit.

    ``unit``: lookup from the model to the ``places.AdminUnit`` that places it
    (``"commune"`` for a scheme, ``"scheme__commune"`` for a team, ``""`` for a unit itself).
    ``scheme``: lookup to the ``schemes.Scheme`` it belongs to (``"pk"`` for a scheme), or
    ``None`` when rows are not tied to one scheme (then scheme leaders see none).
    """

    unit: str
    scheme: str | None = None


ACTION_PERMISSION = {"view": "view", "change": "change", "add": "add", "delete": "delete"}


def _unit_path_lookup(unit: str) -> str:
    return f"{unit}__path__startswith" if unit else "path__startswith"


@dataclass(frozen=True)
class Reach:
    """What a user may see, whatever the model: ``nothing``, ``everything``, one ``scheme``
    (``value`` = its id) or the ``subtree`` of a unit (``value`` = the unit's path). Hashable:
    a cache of scoped reads keys on it."""

    kind: str
    value: int | str | None = None


def reach(user) -> Reach:
    """The one decision of what ``user`` sees (the rules above); ``restrict`` applies it to a model."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Reach("nothing")
    if user.is_superuser and user.jurisdiction_id is None:
        return Reach("everything")
    if user.is_scheme_leader:
        return Reach("scheme", user.scheme_id) if user.scheme_id is not None else Reach("nothing")
    if user.jurisdiction_id is None:
        return Reach("nothing")
    return Reach("subtree", user.jurisdiction.path)


class ScopedQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view") -> "ScopedQuerySet":
        """The rows ``user`` may ``action`` ("view", "change", ...)."""
        scope: Scope = self.model.scope
        where = reach(user)
        if where.kind == "nothing":
            return self.none()
        if action != "view":
            meta = self.model._meta
            if not user.has_perm(f"{meta.app_label}.{ACTION_PERMISSION[action]}_{meta.model_name}"):
                return self.none()
        if where.kind == "everything":
            return self
        if where.kind == "scheme":
            return self.filter(**{scope.scheme: where.value}) if scope.scheme is not None else self.none()
        return self.filter(**{_unit_path_lookup(scope.unit): where.value})

    def visible_to(self, user) -> "ScopedQuerySet":
        return self.restrict(user, "view")

    def editable_by(self, user) -> "ScopedQuerySet":
        return self.restrict(user, "change")


def get_for_user(queryset, user, action: str = "view", **lookup):
    """One object of ``queryset`` by ``lookup`` if ``user`` may ``action`` it, else 404."""
    if isinstance(queryset, type) and issubclass(queryset, models.Model):
        queryset = queryset.objects.all()
    try:
        return queryset.restrict(user, action).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404("Không tìm thấy đối tượng hoặc bạn không có quyền truy cập.") from exc
    except (ValueError, TypeError) as exc:
        raise Http404("Mã đối tượng không hợp lệ.") from exc
