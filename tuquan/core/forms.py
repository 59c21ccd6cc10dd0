"""What the project's plain forms share: Bootstrap classes on their widgets, service errors on their fields."""

from django import forms
from django.core.exceptions import ValidationError


class StyledFormMixin:
    """A form mixin: ``style()`` gives every visible widget its Bootstrap class (``form-select`` for
    selects, ``form-control`` for other inputs but checkboxes); a field with an error gets
    ``is-invalid`` so its message shows beside it; ``add_service_errors`` puts a service's
    ``ValidationError`` on the fields it names (the rest on the form)."""

    def style(self) -> None:
        for bound in self.visible_fields():
            widget = bound.field.widget
            if isinstance(widget, forms.Select | forms.SelectMultiple):
                widget.attrs.setdefault("class", "form-select")
            elif not isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-control")

    def add_service_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for key, messages in error.message_dict.items():
                self.add_error(key if key in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                css = self.fields[name].widget.attrs.get("class", "")
                if "is-invalid" not in css:
                    self.fields[name].widget.attrs["class"] = f"{css} is-invalid".strip()
