"""The steps every write of the registry takes the same way, written once.

Check the permission and the scheme's scope, set the data a caller may set, collect the rules'
messages with ``full_clean``'s, save; for a scheme, the optimistic lock (``version``) and handing
the saved values back to the caller's instance. django-auditlog records each save.
"""

import re
from collections.abc import Callable
from datetime import date

from django.contrib.auth import get_permission_codename
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone

from tuquan.core.text import nfc
from tuquan.schemes.choices import Status
from tuquan.schemes.models import Scheme

CONFLICT_MESSAGE = (
    "Bản ghi đã được người khác sửa trong lúc bạn đang sửa. Hãy tải lại trang để xem thay đổi mới nhất rồi sửa lại."
)
VOIDED_MESSAGE = "Bản ghi đã bị hủy (nhập nhầm), không thể sửa."


def _today() -> date:
    return timezone.localdate()


class _Errors:
    """Collects field → messages and raises them together."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def __contains__(self, field: str) -> bool:
        return field in self.errors

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _apply(instance: models.Model, data: dict, allowed: frozenset[str]) -> None:
    """Set ``data`` on ``instance``: model instances for foreign keys, or their ids."""
    unknown = set(data) - allowed
    if unknown:
        raise TypeError(f"{type(instance).__name__}: fields not settable here: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        field = instance._meta.get_field(name)
        if isinstance(value, str) and not field.is_relation:
            value = nfc(value)
        if field.is_relation and value is not None and not isinstance(value, models.Model):
            setattr(instance, field.attname, value)
        elif value is None and not field.null and isinstance(field, models.CharField | models.TextField):
            setattr(instance, name, "")
        else:
            setattr(instance, name, value)


def _full_clean(instance: models.Model, errors: _Errors, exclude: list[str] | None = None) -> None:
    """Merge ``full_clean`` errors (model validators, constraints) into ``errors`` and raise."""
    _clean(instance, errors, exclude)


def _bulk_clean(instance: models.Model, errors: _Errors, exclude: list[str] | None = None) -> None:
    """``_full_clean`` for an import: the caller has read every foreign key from the database and
    applies the services' uniqueness and date rules itself, so the per-row queries of ``full_clean``
    (foreign key existence, unique and check constraints) are left out; the field validators run."""
    relations = [field.name for field in instance._meta.concrete_fields if field.is_relation]
    _clean(instance, errors, [*(exclude or []), *relations], validate_unique=False, validate_constraints=False)


def _clean(instance: models.Model, errors: _Errors, exclude: list[str] | None, **options) -> None:
    try:
        instance.full_clean(exclude=[*(exclude or []), *errors.errors.keys()], **options)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            for message in messages:
                if message not in errors.errors.get(field, []):
                    errors.add(field, message)
    errors.raise_if_any()


def _require(user, permission: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def _normalise_phone(phone: str) -> str:
    """'090 512.34-56' → '0905123456': the separators people type go."""
    return re.sub(r"[\s.\-()]", "", phone)


# --------------------------------------------------------------------------- a scheme


def _refuse_voided(scheme: Scheme) -> None:
    if scheme.status == Status.VOIDED:
        raise ValidationError({NON_FIELD_ERRORS: [VOIDED_MESSAGE]})


def _editable_scheme(user, scheme: Scheme) -> Scheme:
    """The scheme, freshly read, if ``user`` may change it; PermissionDenied otherwise."""
    try:
        fresh = Scheme.objects.restrict(user, "change").select_related("commune").get(pk=scheme.pk)
    except Scheme.DoesNotExist as exc:
        raise PermissionDenied("Bạn không có quyền sửa mô hình này.") from exc
    _refuse_voided(fresh)
    return fresh


def _held_version(stored: Scheme, expected_version: int | None) -> int:
    """The version the writer holds: ``expected_version`` (refused if someone saved meanwhile) or the stored one."""
    if expected_version is not None and stored.version != expected_version:
        raise ValidationError({NON_FIELD_ERRORS: [CONFLICT_MESSAGE]})
    return stored.version if expected_version is None else expected_version


def _claim_version(stored: Scheme, version: int) -> None:
    """Compare-and-swap: only the writer that still holds ``version`` moves it on."""
    if not Scheme.objects.filter(pk=stored.pk, version=version).update(version=F("version") + 1):
        raise ValidationError({NON_FIELD_ERRORS: [CONFLICT_MESSAGE]})
    stored.version = version + 1


def _copy_into(source: Scheme, target: Scheme) -> None:
    """Hand the saved values of ``source`` (as read and written here) back to the caller's ``target``."""
    if source is target:
        return
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    target._state.fields_cache = dict(source._state.fields_cache)


# --------------------------------------------------------------------------- a team, member or report of a scheme


def _part_of_editable_scheme(part: models.Model, *, user, action: str, scheme: Scheme | None = None):
    """``part`` (a team, member or activity report) tied to its scheme freshly read, if ``user`` may
    ``action`` ("add", "change") such a part and change that scheme; PermissionDenied otherwise."""
    options = part._meta
    _require(user, f"{options.app_label}.{get_permission_codename(action, options)}")
    part.scheme = _editable_scheme(user, scheme if scheme is not None else part.scheme)
    return part


def _part_save(part: models.Model, *, data: dict, fields: frozenset[str], validate: Callable) -> models.Model:
    """Set ``data`` on ``part``, check it with ``validate(part, errors)`` and ``full_clean``, save it."""
    _apply(part, data, fields)
    errors = _Errors()
    validate(part, errors)
    _full_clean(part, errors)
    part.save()
    return part
