"""The whole country's figures stored in ``DashboardSnapshot`` instead of being counted on every request."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from tuquan.reports.models import DashboardSnapshot

SNAPSHOT_MAX_AGE = timedelta(minutes=15)


def sees_whole_country(user) -> bool:
    """Whether ``user``'s jurisdiction is every unit (``ScopedQuerySet.restrict`` lets it see all)."""
    return bool(user and user.is_authenticated and user.is_superuser and user.jurisdiction_id is None)


def _store_snapshot(scope: str, data: dict, computed_at: datetime) -> DashboardSnapshot:
    """Store the figures of ``scope`` computed at ``computed_at`` (a national snapshot)."""
    try:
        with transaction.atomic():
            snapshot, _ = DashboardSnapshot.objects.update_or_create(
                scope=scope, defaults={"data": data, "computed_at": computed_at}
            )
    except IntegrityError:  # another request stored it at the same moment: as fresh
        snapshot = DashboardSnapshot.objects.get(scope=scope)
    return snapshot


def fresh_snapshot(scope: str, refresh: Callable[[], DashboardSnapshot]) -> DashboardSnapshot:
    """The stored figures of ``scope``, recomputed by ``refresh`` first when older than
    ``SNAPSHOT_MAX_AGE`` or never computed."""
    snapshot = DashboardSnapshot.objects.filter(scope=scope).first()
    if snapshot is None or snapshot.computed_at < timezone.now() - SNAPSHOT_MAX_AGE:
        snapshot = refresh()
    return snapshot
