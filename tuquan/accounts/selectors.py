"""Reads about users: which accounts an administrator manages."""

from django.db.models import Q

from tuquan.accounts.models import User


def users_managed_by(actor):
    """The users whose unit (or whose scheme's commune) lies in ``actor``'s jurisdiction.

    A superuser without a jurisdiction manages everyone; an administrator of one province
    never sees the accounts of another.
    """
    queryset = User.objects.select_related("jurisdiction", "scheme")
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return queryset.none()
    if actor.is_superuser and actor.jurisdiction_id is None:
        return queryset
    if actor.jurisdiction_id is None:
        return queryset.none()
    path = actor.jurisdiction.path
    return queryset.filter(Q(jurisdiction__path__startswith=path) | Q(scheme__commune__path__startswith=path))
