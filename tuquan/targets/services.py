"""Writes of targets: one, the same to many communes, or an imported table (all or nothing)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from tuquan.places.models import AdminUnit
from tuquan.targets.models import Target

FIELDS = ("indicator", "kind", "field", "value", "note")


def _check(user, permission: str, unit: AdminUnit) -> None:
    _check_all(user, permission, [unit])


def _check_all(user, permission: str, units) -> None:
    """The user has ``permission`` and every unit is in their jurisdiction (one query)."""
    if not user.has_perm(permission):
        raise PermissionDenied
    pks = {unit.pk for unit in units}
    if AdminUnit.objects.visible_to(user).filter(pk__in=pks).count() != len(pks):
        raise PermissionDenied


@transaction.atomic
def target_create(*, user, year: int, unit: AdminUnit, data: dict) -> Target:
    _check(user, "targets.add_target", unit)
    target = Target(year=year, unit=unit, **{key: data.get(key) for key in FIELDS if key in data})
    target.field = target.field or ""
    target.note = target.note or ""
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def target_update(*, user, target: Target, data: dict) -> Target:
    _check(user, "targets.change_target", target.unit)
    for key in ("value", "note"):
        if key in data:
            setattr(target, key, data[key] if data[key] is not None else "")
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def target_delete(*, user, target: Target) -> None:
    _check(user, "targets.change_target", target.unit)
    target.delete()


def _upsert(*, year: int, unit: AdminUnit, data: dict) -> tuple[Target, bool]:
    lookup = {"year": year, "unit": unit, "indicator": data["indicator"]}
    if data.get("kind"):
        lookup["kind"] = data["kind"]
    else:
        lookup.update(kind__isnull=True, field=data.get("field") or "")
    target = Target.objects.filter(**lookup).first()
    created = target is None
    if created:
        target = Target(
            year=year, unit=unit, indicator=data["indicator"], kind=data.get("kind"), field=data.get("field") or ""
        )
    target.value = data["value"]
    target.note = data.get("note") or ""
    target.full_clean()
    target.save()
    return target, created


@transaction.atomic
def target_assign_bulk(*, user, year: int, units, data: dict) -> tuple[int, int]:
    """The same target to every unit of ``units``; an existing one is updated. (created, updated)."""
    created = updated = 0
    units = list(units)
    if not units:
        raise ValidationError({"units": "Chưa chọn xã, phường, đặc khu nào."})
    _check_all(user, "targets.add_target", units)
    for unit in units:
        _, is_new = _upsert(year=year, unit=unit, data=data)
        created += is_new
        updated += not is_new
    return created, updated


@transaction.atomic
def target_import(*, user, rows: list[dict]) -> tuple[int, int]:
    """Rows already validated by ``tuquan.targets.excel.parse_targets``; all or nothing."""
    created = updated = 0
    _check_all(user, "targets.add_target", [row["unit"] for row in rows])
    for row in rows:
        _, is_new = _upsert(year=row["year"], unit=row["unit"], data=row)
        created += is_new
        updated += not is_new
    return created, updated
