"""The form renderer: Django's, except that ``<select>`` and ``<input>`` are written in Python.

Django renders every ``<option>`` through two template includes; a form with a few hundred options
(the communes of a province, the kinds, the schemes a practice may come from) spent most of its time
there (the registration form 77 ms on SQLite, of which ~30 ms for its options). Inputs, checkboxes
and radio buttons go through three includes each (the registry's column chooser and filters, ~2 ms
a page). The output is the same markup as Django's templates (``tests``:
``tuquan/core/tests/test_forms_renderer.py``); a widget with its own template, or a template that an
installed app overrides, keeps the template.
"""

import html
from pathlib import Path

import django
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
INPUT = "django/forms/widgets/input.html"
INPUT_OPTION = "django/forms/widgets/input_option.html"
ATTRS = "django/forms/widgets/attrs.html"
# Django's templates that are ``{% include "django/forms/widgets/input.html" %}`` and nothing else.
INPUTS = {
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "number", "email", "url", "password", "hidden", "search", "tel", "date")
    + ("datetime", "time", "checkbox", "color", "file")
}
# ... and those that are ``input_option.html``: a checkbox or radio button of a multiple choice.
INPUT_OPTIONS = {f"django/forms/widgets/{name}.html" for name in ("input_option", "checkbox_option", "radio_option")}
DJANGO_FORMS_TEMPLATES = Path(django.__file__).parent / "forms" / "templates"


def _shown(value) -> str:
    """``{{ value }}`` in a template: localised (a number 2025 shows as 2.025), then escaped."""
    value = localize(template_localtime(value))
    return conditional_escape(value if isinstance(value, str) else str(value))


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}``: a safe string as it is, anything else escaped."""
    return str(value) if isinstance(value, SafeData) else html.escape(str(value))


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``: False is left out, True is a bare name."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_shown(name)}")
        else:
            parts.append(f' {_shown(name)}="{_formatted(value)}"')
    return "".join(parts)


def render_select(widget: dict) -> str:
    groups = []
    for group_name, options, _index in widget["optgroups"]:
        rendered = "".join(
            f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>{_shown(option["label"])}</option>'
            for option in options
        )
        if group_name:
            rendered = f'<optgroup label="{_shown(group_name)}">{rendered}</optgroup>'
        groups.append(rendered)
    return mark_safe(  # noqa: S308  # nosec B308 B703 - every value escaped above
        f'<select name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>{"".join(groups)}</select>'
    )


def render_input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
    return f'<input type="{_shown(widget["type"])}" name="{_shown(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


def render_input_option(widget: dict) -> str:
    if not widget.get("wrap_label"):
        return render_input(widget)
    option_id = widget["attrs"].get("id")
    label_for = f' for="{_shown(option_id)}"' if option_id else ""
    # input.html ends with a newline, which the include keeps inside the label.
    return f"<label{label_for}>{render_input(widget)}\n {_shown(widget['label'])}</label>"


class Renderer(DjangoTemplates):
    def __init__(self):
        super().__init__()
        self._djangos_own = {}

    def is_djangos_own(self, *template_names: str) -> bool:
        """Whether each template resolves to Django's own file (no installed app overrides it)."""
        for name in template_names:
            if name not in self._djangos_own:
                origin = Path(self.get_template(name).origin.name)
                self._djangos_own[name] = origin.is_relative_to(DJANGO_FORMS_TEMPLATES)
        return all(self._djangos_own[name] for name in template_names)

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if template_name == SELECT and all(
            option["template_name"] == OPTION for _name, options, _index in widget["optgroups"] for option in options
        ):
            return render_select(widget)
        if template_name in INPUTS and self.is_djangos_own(template_name, INPUT, ATTRS):
            return mark_safe(render_input(widget))  # noqa: S308  # nosec B308 B703 - escaped in render_input
        if template_name in INPUT_OPTIONS and self.is_djangos_own(template_name, INPUT_OPTION, INPUT, ATTRS):
            return mark_safe(render_input_option(widget))  # noqa: S308  # nosec B308 B703 - escaped above
        return super().render(template_name, context, request=request)
