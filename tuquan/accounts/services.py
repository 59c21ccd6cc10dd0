from axes.utils import reset
from django.db import transaction

from tuquan.accounts.models import User


@transaction.atomic
def user_save(*, form) -> User:
    """Create or update a user from a validated ``UserForm`` (audit-logged)."""
    user = form.save(commit=False)
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def user_deactivate(*, user: User) -> User:
    """Users are never deleted: they are deactivated and keep their history."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user


def user_unlock(*, user: User) -> int:
    """Clear the failed-login lockout of ``user``; returns how many attempts were removed."""
    return reset(username=user.username)
