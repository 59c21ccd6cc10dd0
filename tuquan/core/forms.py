"""What the project's forms share: Bootstrap classes on their widgets, errors beside their fields.

Every form and filter of every app styles its widgets with ``style_widgets`` (directly, or through
``StyledFormMixin.style``), so a widget of one kind looks the same on every page.
"""

from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError


def bootstrap_class(widget: forms.Widget, *, small: bool = False) -> str | None:
    """Bootstrap 5's class for a widget: ``form-check-input`` for a checkbox, radio buttons and a
    group of checkboxes, ``form-select`` for a select, ``form-control`` for any other input, none for
    a hidden one; ``small`` adds the ``-sm`` size (filters above a list)."""
    if isinstance(widget, forms.HiddenInput | forms.MultipleHiddenInput):
        return None
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select form-select-sm" if small else "form-select"
    return "form-control form-control-sm" if small else "form-control"


def style_widgets(fields: Iterable[forms.Field], *, small: bool = False, replace: bool = False) -> None:
    """Give each field's widget its Bootstrap class; a class set by the form's own declaration is
    kept unless ``replace``."""
    for field in fields:
        css = bootstrap_class(field.widget, small=small)
        if css is None:
            continue
        if replace:
            field.widget.attrs["class"] = css
        else:
            field.widget.attrs.setdefault("class", css)


def mark_invalid(form: forms.BaseForm, names: Iterable[str]) -> None:
    """``is-invalid`` on the widgets of the named fields, so that their messages show beside them."""
    for name in names:
        if name in form.fields:
            widget = form.fields[name].widget
            css = widget.attrs.get("class", "")
            if "is-invalid" not in css.split():
                widget.attrs["class"] = f"{css} is-invalid".strip()


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's ``ValidationError`` on the fields it names, the rest on top of the form."""
    if hasattr(error, "error_dict"):
        for key, messages in error.message_dict.items():
            form.add_error(key if key in form.fields else None, messages)
        mark_invalid(form, error.message_dict)
    else:
        form.add_error(None, error.messages)


class StyledFormMixin:
    """A form mixin: ``style()`` gives the widgets their Bootstrap classes (call it at the end of
    ``__init__``), a field with an error is marked ``is-invalid``, ``add_service_errors`` puts a
    service's errors on the fields they name."""

    def style(self) -> None:
        style_widgets(self.fields.values())

    def add_service_errors(self, error: ValidationError) -> None:
        add_service_errors(self, error)

    def full_clean(self):
        super().full_clean()
        mark_invalid(self, self.errors)
