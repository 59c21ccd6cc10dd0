"""Many schemes at once (the Excel import): the single-object rules per row, saved in batches.

Each row is checked by ``scheme_create``'s or ``scheme_update``'s own rules, their questions answered
by ``PreloadedSchemeChecks``; the rows are then inserted or updated in batches with the audit entries
django-auditlog would have written on each save.
"""

import copy

from django.db import models, transaction
from django.utils import timezone

from tuquan.core.bulk import bulk_insert
from tuquan.schemes.models import Scheme
from tuquan.schemes.services._common import _refuse_voided, _require
from tuquan.schemes.services.checks import PreloadedSchemeChecks
from tuquan.schemes.services.schemes import (
    SCHEME_WRITABLE_FIELDS,
    _next_number,
    _scheme_checked_change,
    _scheme_checked_new,
)

BULK_BATCH = 1000
BULK_UPDATE_FIELDS = (*SCHEME_WRITABLE_FIELDS, "search_text", "version", "updated_at")


def scheme_import_check_new(*, user, data: dict, checks: PreloadedSchemeChecks) -> Scheme:
    """``scheme_create``'s rules for one imported row, answered from ``checks``: the unsaved scheme."""
    return _scheme_checked_new(user=user, data=data, checks=checks, bulk=True)


def scheme_import_check_change(*, user, scheme: Scheme, data: dict, checks: PreloadedSchemeChecks) -> Scheme:
    """``scheme_update``'s rules for one imported row: a changed copy of ``scheme`` (read by the caller
    from ``Scheme.objects.restrict(user, "change")``), ``scheme`` itself untouched."""
    _refuse_voided(scheme)
    stored = copy.copy(scheme)
    stored._state = copy.copy(scheme._state)
    stored._state.fields_cache = dict(scheme._state.fields_cache)
    stored.co_hosts = list(scheme.co_hosts or [])
    return _scheme_checked_change(user=user, stored=stored, data=data, checks=checks, bulk=True)


def _audit_bulk(pairs, action) -> None:
    """The audit entries django-auditlog writes on each save, for rows saved in bulk (no signals there).

    ``pairs``: (before, after) instances; ``before`` is None for a creation. The changes are what
    ``auditlog.diff.model_instance_diff`` gives; for creations the "before" side (the fields' defaults)
    is the same for every row, so it is computed once and only the new values are read per row.
    """
    from auditlog.cid import get_cid
    from auditlog.context import auditlog_value
    from auditlog.diff import get_field_value, model_instance_diff
    from auditlog.models import LogEntry
    from auditlog.registry import auditlog
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.utils.encoding import smart_str

    as_json = settings.AUDITLOG_STORE_JSON_CHANGES
    context = auditlog_value.get({})
    actor = context.get("actor")
    actor = actor if getattr(actor, "is_authenticated", False) else None
    content_type = ContentType.objects.get_for_model(Scheme)
    cid = get_cid()
    registered = auditlog.get_model_fields(Scheme)
    fields = [
        field
        for field in Scheme._meta.fields
        if field.name in (registered["include_fields"] or [field.name])
        and field.name not in registered["exclude_fields"]
    ]
    fast_creation = not registered["mask_fields"] and not as_json and not settings.AUDITLOG_USE_FK_STRING_REPRESENTATION
    defaults = {field.name: get_field_value(None, field, as_json) for field in fields}
    # How auditlog's get_field_value renders each kind of field, decided once per field rather than per row
    # (tests/test_excel_jobs: identical to model_instance_diff for every field of real rows).
    readers = []
    for field in fields:
        if isinstance(field, models.DateTimeField | models.JSONField):
            readers.append((field.name, None, field))
        elif field.many_to_one or field.one_to_one:
            readers.append((field.name, field.attname, None))
        else:
            readers.append((field.name, field.name, None))
    default_texts = {name: smart_str(value) for name, value in defaults.items()}
    entries = []
    for old, new in pairs:
        if old is None and fast_creation:
            changes = {}
            for name, attribute, special in readers:
                if special is not None:
                    value = get_field_value(new, special, as_json)
                else:
                    value = getattr(new, attribute)
                    if type(value) is not str:  # smart_str gives a str back as it is
                        value = smart_str(value, strings_only=attribute != name)
                if value != defaults[name]:
                    changes[name] = (default_texts[name], value if type(value) is str else smart_str(value))
        else:
            changes = model_instance_diff(old, new, use_json_for_changes=as_json)
        if not changes:
            continue
        entries.append(
            LogEntry(
                content_type=content_type,
                object_pk=str(new.pk),
                object_id=new.pk,
                object_repr=str(new),
                action=action,
                changes=changes,
                actor=actor,
                actor_email=getattr(actor, "email", None) if actor else None,
                remote_addr=context.get("remote_addr"),
                remote_port=context.get("remote_port"),
                cid=cid,
            )
        )
    bulk_insert(LogEntry, entries, batch_size=BULK_BATCH)


@transaction.atomic
def scheme_bulk_save(*, user, new: list[Scheme], changed: list[tuple[Scheme, Scheme]], checks, progress=None) -> None:
    """Save schemes checked by ``scheme_import_check_new`` / ``_change`` in batches, with their audit entries.

    ``changed``: (as read, as changed) pairs; the caller read them in this transaction with
    ``select_for_update`` so nobody saved them meanwhile. New schemes get their codes here, numbered on
    from the last code of their commune. ``progress(count)`` is called after each batch.
    """
    from auditlog.models import LogEntry

    if new:
        _require(user, "schemes.add_scheme")
    if changed:
        _require(user, "schemes.change_scheme")
    numbers: dict[str, int] = {}
    for scheme in new:
        prefix = f"{checks.province_prefix(scheme.commune)}-{scheme.commune.code}-"
        if prefix not in numbers:
            numbers[prefix] = _next_number(prefix)
        scheme.code = f"{prefix}{numbers[prefix]:04d}"
        numbers[prefix] += 1
        scheme.refresh_search_text()
    for start in range(0, len(new), BULK_BATCH):
        batch = new[start : start + BULK_BATCH]
        bulk_insert(Scheme, batch)
        _audit_bulk([(None, scheme) for scheme in batch], LogEntry.Action.CREATE)
        if progress:
            progress(len(batch))
    now = timezone.now()
    for start in range(0, len(changed), BULK_BATCH):
        batch = changed[start : start + BULK_BATCH]
        for old, scheme in batch:
            scheme.version = old.version + 1
            scheme.updated_at = now
        Scheme.objects.bulk_update([scheme for _, scheme in batch], BULK_UPDATE_FIELDS)
        _audit_bulk(batch, LogEntry.Action.UPDATE)
        if progress:
            progress(len(batch))
