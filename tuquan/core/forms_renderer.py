"""The form renderer: Django's, except that a ``<select>`` is written in Python.

Django renders every ``<option>`` through two template includes; a form with a few hundred options
(the communes of a province, the kinds, the schemes a practice may come from) spent most of its time
there (the registration form 77 ms on SQLite, of which ~30 ms for its options). The output is the
same markup as Django's templates (``tests``: ``tuquan/core/tests/test_forms_renderer.py``); a widget
with its own option template keeps the template.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``: False is left out, True is a bare name."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def render_select(widget: dict) -> str:
    groups = []
    for group_name, options, _index in widget["optgroups"]:
        rendered = "".join(
            f'<option value="{conditional_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
            f"{conditional_escape(option['label'])}</option>"
            for option in options
        )
        if group_name:
            rendered = f'<optgroup label="{conditional_escape(group_name)}">{rendered}</optgroup>'
        groups.append(rendered)
    return mark_safe(  # noqa: S308  # nosec B308 B703 - every value escaped above
        f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>{"".join(groups)}</select>'
    )


class Renderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if template_name == SELECT and all(
            option["template_name"] == OPTION for _name, options, _index in widget["optgroups"] for option in options
        ):
            return render_select(widget)
        return super().render(template_name, context, request=request)
