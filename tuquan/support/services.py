"""Writes of support records (through the scheme's jurisdiction)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from tuquan.schemes.models import Scheme
from tuquan.support.models import SupportRecord

FIELDS = (
    "team", "date", "kind", "category", "description", "quantity", "value",
    "source", "donor_name", "decision_number", "decision_date",
)  # fmt: skip


@transaction.atomic
def support_record_create(*, user, scheme: Scheme, data: dict) -> SupportRecord:
    if (
        not user.has_perm("support.add_supportrecord")
        or not Scheme.objects.visible_to(user).filter(pk=scheme.pk).exists()
    ):
        raise PermissionDenied
    record = SupportRecord(scheme=scheme)
    for key in FIELDS:
        if key in data:
            setattr(record, key, data[key] if data[key] is not None or key in ("team", "decision_date") else "")
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def support_record_update(*, user, record: SupportRecord, data: dict) -> SupportRecord:
    if not SupportRecord.objects.editable_by(user).filter(pk=record.pk).exists():
        raise PermissionDenied
    for key in FIELDS:
        if key in data:
            setattr(record, key, data[key] if data[key] is not None or key in ("team", "decision_date") else "")
    record.full_clean()
    record.save()
    return record
