"""A scheme leaves the active registry: voided (entered by mistake) or merged into another.

Nothing is ever hard-deleted: the scheme keeps its history, with its status, end date and reason.
"""

from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from tuquan.core.text import nfc
from tuquan.schemes.choices import Status
from tuquan.schemes.models import Scheme
from tuquan.schemes.services._common import _copy_into, _editable_scheme, _Errors, _full_clean, _require, _today


def _scheme_end(
    stored: Scheme, scheme: Scheme, *, status: str, ended_on: date, note: str, errors: _Errors | None = None, **fields
) -> Scheme:
    """Save ``stored`` (as read by ``_editable_scheme``) with its new status, end and reason, one version
    on (checked by ``full_clean`` when ``errors`` is given), and hand it back in the caller's ``scheme``."""
    stored.status = status
    stored.ended_on = ended_on
    for name, value in fields.items():
        setattr(stored, name, value)
    stored.status_note = note
    stored.version += 1
    if errors is not None:
        _full_clean(stored, errors)
    stored.save()
    _copy_into(stored, scheme)
    return scheme


@transaction.atomic
def scheme_void(*, user, scheme: Scheme, reason: str) -> Scheme:
    """Mark a record entered by mistake as void; it stays in the database and the audit log."""
    _require(user, "schemes.void_scheme")
    stored = _editable_scheme(user, scheme)
    reason = nfc(reason)
    if not reason:
        raise ValidationError({"reason": ["Nhập lý do hủy bản ghi."]})
    if stored.replicas.exclude(status=Status.VOIDED).exists() or stored.merged_schemes.exists():
        raise ValidationError(
            {NON_FIELD_ERRORS: ["Không thể hủy: đã có mô hình nhân rộng từ hoặc sáp nhập vào mô hình này."]}
        )
    return _scheme_end(stored, scheme, status=Status.VOIDED, ended_on=max(_today(), stored.founded_on), note=reason)


@transaction.atomic
def scheme_merge(*, user, scheme: Scheme, into: Scheme, merged_on: date, note: str) -> Scheme:
    """Merge ``scheme`` into another active scheme; it keeps its history with status merged."""
    stored = _editable_scheme(user, scheme)
    errors = _Errors()
    if stored.status != Status.ACTIVE:
        errors.add(NON_FIELD_ERRORS, "Chỉ sáp nhập được mô hình đang hoạt động.")
    target = Scheme.objects.restrict(user, "view").filter(pk=getattr(into, "pk", None)).first()
    if target is None:
        errors.add("into", "Không tìm thấy mô hình nhận sáp nhập trong địa bàn bạn được xem.")
    elif target.pk == stored.pk:
        errors.add("into", "Không thể sáp nhập mô hình vào chính nó.")
    elif target.status != Status.ACTIVE:
        errors.add("into", "Mô hình nhận sáp nhập phải đang hoạt động.")
    if merged_on is None:
        errors.add("merged_on", "Nhập ngày sáp nhập.")
    elif merged_on > _today():
        errors.add("merged_on", "Ngày sáp nhập không được ở tương lai.")
    elif merged_on < stored.founded_on:
        errors.add("merged_on", "Ngày sáp nhập không được trước ngày thành lập.")
    errors.raise_if_any()
    return _scheme_end(
        stored, scheme, status=Status.MERGED, ended_on=merged_on, note=nfc(note), errors=errors, merged_into=target
    )
