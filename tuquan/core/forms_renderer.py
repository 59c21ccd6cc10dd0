"""The form renderer: Django's widgets through Django's own Jinja2 widget templates, the rest as usual.

Django renders every ``<option>`` through two template includes; a form with a few hundred options
(the communes of a province, the kinds, the schemes a practice may come from) spent most of its time
there (the registration form 77 ms on SQLite, of which ~30 ms for its options). Django ships the same
widget templates for Jinja2 (``django/forms/jinja2/``), which compiles them to Python functions and
renders the options in a fraction of that time, autoescaping on. So a widget whose template, and
every template it includes, is Django's own goes through ``django.forms.renderers.Jinja2``; a widget
with a template of its own, a template an installed app overrides, and every form and field layout
stay Django templates (ADR 0017). ``tuquan/core/tests/test_forms_renderer.py`` holds the markup equal
to Django's templates.
"""

from pathlib import Path

import django
from django.forms.renderers import DjangoTemplates, Jinja2

WIDGETS = "django/forms/widgets/"
DJANGO_FORMS_TEMPLATES = Path(django.__file__).parent / "forms" / "templates"
# What each of Django's widget templates includes (the Jinja2 copy includes the same files).
INCLUDES = {
    "select.html": ("select_option.html", "attrs.html"),
    "select_option.html": ("attrs.html",),
    "input.html": ("attrs.html",),
    "textarea.html": ("attrs.html",),
    "input_option.html": ("input.html", "attrs.html"),
    "checkbox_option.html": ("input_option.html", "input.html", "attrs.html"),
    "radio_option.html": ("input_option.html", "input.html", "attrs.html"),
    **{
        f"{name}.html": ("multiple_input.html", "radio_option.html", "checkbox_option.html", "input_option.html")
        + ("input.html", "attrs.html")
        for name in ("multiple_input", "radio", "checkbox_select")
    },
    **{
        f"{name}.html": ("input.html", "attrs.html")
        for name in ("text", "number", "email", "url", "password", "hidden", "search", "tel", "date")
        + ("datetime", "time", "checkbox", "color", "file")
    },
}


class Renderer(DjangoTemplates):
    def __init__(self):
        super().__init__()
        self.jinja2 = Jinja2()
        self._djangos_own: dict[str, bool] = {}

    def is_djangos_own(self, template_name: str) -> bool:
        """Whether the widget template and what it includes resolve to Django's own files."""
        if template_name not in self._djangos_own:
            short = template_name.removeprefix(WIDGETS)
            names = (template_name, *(WIDGETS + name for name in INCLUDES.get(short, ())))
            self._djangos_own[template_name] = short in INCLUDES and all(
                Path(super(Renderer, self).get_template(name).origin.name).is_relative_to(DJANGO_FORMS_TEMPLATES)
                for name in names
            )
        return self._djangos_own[template_name]

    def render(self, template_name, context, request=None):
        if template_name.startswith(WIDGETS) and self.is_djangos_own(template_name):
            return self.jinja2.render(template_name, context, request=request)
        return super().render(template_name, context, request=request)
