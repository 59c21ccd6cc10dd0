"""Writes to the catalogue of kinds of scheme (tên mô hình)."""

from django.db import transaction

from tuquan.schemes.models import SchemeKind
from tuquan.schemes.services._common import _apply, _Errors, _full_clean, _require

KIND_FIELDS = frozenset({"name", "field", "description", "is_active"})


@transaction.atomic
def kind_create(*, user, data: dict) -> SchemeKind:
    _require(user, "schemes.add_schemekind")
    kind = SchemeKind()
    _apply(kind, data, KIND_FIELDS)
    return _kind_save(kind)


@transaction.atomic
def kind_update(*, user, kind: SchemeKind, data: dict) -> SchemeKind:
    _require(user, "schemes.change_schemekind")
    _apply(kind, data, KIND_FIELDS)
    return _kind_save(kind)


def _kind_save(kind: SchemeKind) -> SchemeKind:
    errors = _Errors()
    if not kind.name.strip():
        errors.add("name", "Nhập tên mô hình.")
    elif SchemeKind.objects.exclude(pk=kind.pk).filter(name__iexact=kind.name.strip()).exists():
        errors.add("name", "Đã có loại mô hình trùng tên.")
    kind.refresh_search_text()
    _full_clean(kind, errors)
    kind.save()
    return kind
