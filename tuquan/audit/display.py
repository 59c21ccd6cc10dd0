"""Turning an audit entry's stored changes into what a Vietnamese reader expects to see."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst

EMPTY = {"", "None", "null", "[]"}


@dataclass(frozen=True)
class ChangeRow:
    label: str
    before: str
    after: str


def _display(field, value, names: dict | None) -> str:
    if value is None or str(value) in EMPTY:
        return "—"
    value = str(value)
    if field is None:
        return value
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return {"True": "Có", "False": "Không"}.get(value, value)
    if isinstance(field, models.DateTimeField):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_naive(moment):
            # django-auditlog stores a date-time change as naive UTC (``auditlog.diff.get_field_value``).
            moment = moment.replace(tzinfo=UTC)
        return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        try:
            return date_format(date.fromisoformat(value[:10]), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    if isinstance(field, models.ForeignKey) and names is not None:
        return names.get((field.related_model, value), value)
    return value


def _changes(entry):
    """(field or None, name, before, after) for each change stored in ``entry``."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    for name, values in (entry.changes_dict or {}).items():
        field = None
        if model is not None:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
            if not isinstance(field, models.Field):
                continue  # a reverse relation (auditlog records some): not a value of this object
            if field.primary_key or not field.editable:
                continue  # the id and derived columns (search text, timestamps) are not history
        if isinstance(values, list | tuple) and len(values) == 2:
            before, after = values
        else:
            before, after = "", values
        yield field, name, before, after


def change_rows(entry, names: dict | None = None) -> list[ChangeRow]:
    """The entry's changes as (field label, before, after), labels and values in Vietnamese.

    ``names`` maps (related model, pk as text) to a display name for foreign keys
    (see ``related_names``); without it, related objects show as their key.
    """
    rows = []
    creating = entry.action == 0  # LogEntry.Action.CREATE
    for field, name, before, after in _changes(entry):
        label = capfirst(str(field.verbose_name)) if field is not None else name
        row = ChangeRow(label, _display(field, before, names), _display(field, after, names))
        if creating and row.after == "—":
            continue  # a new object: list only the values it was given
        rows.append(row)
    return rows


def related_names(entries) -> dict:
    """Display names of every object a foreign key in ``entries`` points to: one query per related model."""
    wanted: dict = {}
    for entry in entries:
        for field, _, before, after in _changes(entry):
            if isinstance(field, models.ForeignKey):
                for value in (before, after):
                    if value is not None and str(value) not in EMPTY:
                        wanted.setdefault(field.related_model, set()).add(str(value))
    names = {}
    for model, keys in wanted.items():
        valid = []
        for key in keys:
            try:
                valid.append(model._meta.pk.to_python(key))
            except (ValidationError, ValueError, TypeError):
                continue  # a key stored by an older schema: shown raw
        for pk, obj in model._default_manager.in_bulk(valid).items():
            names[(model, str(pk))] = str(obj)
    return names
