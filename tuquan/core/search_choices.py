"""Choice fields with thousands of options become search boxes.

A national administrator's forms would otherwise render every commune of the country (3.321), every
unit (14.000) or every scheme (150.000) as ``<option>``s: megabytes and seconds per page. A form
registers itself under a key with the permission needed to fill it::

    @searchable_form("schemes.scheme", permission="schemes.add_scheme")
    def _scheme_form(user):
        return SchemeForm(user=user)

and, at the end of its ``__init__``, calls ``search_long_choices(self, "schemes.scheme", "commune", ...)``.
A field with more than ``SELECT_LIMIT`` choices then renders only its chosen value(s) with a
``data-autocomplete`` address; ``schemes/autocomplete.js`` (loaded by every page) puts a search box
before it and fills it from ``core:choice_options``, which searches *the form's own queryset* for that
user — so the jurisdiction, and what the field accepts, are the form's, in one place. Validation is
unchanged: the field still checks the posted value against its whole queryset.
"""

from collections.abc import Callable

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import reverse

# More choices than this and a field becomes a search box instead of a <select> of every choice.
SELECT_LIMIT = 300

_FORMS: dict[str, tuple[Callable, str]] = {}


def searchable_form(key: str, *, permission: str):
    """Register ``factory(user) -> form`` whose long choice fields are searched by ``key``."""

    def register(factory):
        _FORMS[key] = (factory, permission)
        return factory

    return register


def _is_long(field: forms.ModelChoiceField) -> bool:
    return field.queryset.order_by().values("pk")[: SELECT_LIMIT + 1].count() > SELECT_LIMIT


def _chosen_pks(value) -> list[int]:
    values = value if isinstance(value, list | tuple) else [value]
    pks = []
    for item in values:
        try:
            pks.append(int(item))
        except (TypeError, ValueError):
            continue
    return pks


def search_long_choices(form: forms.BaseForm, key: str, *names: str) -> None:
    """Turn each of ``names`` that has more than ``SELECT_LIMIT`` choices into a search box."""
    for name in names:
        field = form.fields[name]
        if not _is_long(field):
            continue
        multiple = isinstance(field, forms.ModelMultipleChoiceField)
        pks = _chosen_pks(form[name].value())
        chosen = [(obj.pk, field.label_from_instance(obj)) for obj in field.queryset.filter(pk__in=pks)] if pks else []
        source = f"{reverse('core:choice_options')}?form={key}&field={name}"
        widget = (forms.SelectMultiple if multiple else forms.Select)(
            attrs={**field.widget.attrs, "data-autocomplete": source}
        )
        widget.choices = chosen if multiple else [("", field.empty_label or "—"), *chosen]
        field.widget = widget


def choice_options(*, user, key: str, field_name: str, query: str, limit: int = 30) -> list[dict]:
    """Choices of the registered form ``key``'s ``field_name`` matching ``query`` (no diacritics
    needed), as that form offers them to ``user``. ``PermissionDenied`` without the form's permission."""
    if key not in _FORMS:
        return []
    factory, permission = _FORMS[key]
    if not user.has_perm(permission):
        raise PermissionDenied
    if not query.strip():
        return []
    field = factory(user).fields.get(field_name)
    if not isinstance(field, forms.ModelChoiceField) or not hasattr(field.queryset, "search"):
        return []
    matches = field.queryset
    for word in query.split()[:8]:  # every word, in any order, like the registry's search
        matches = matches.search(word)
    return [{"id": obj.pk, "text": field.label_from_instance(obj), "group": ""} for obj in matches[:limit]]
