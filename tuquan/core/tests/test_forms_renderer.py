"""The project's form renderer sends Django's widgets through their Jinja2 templates: the markup must
stay Django's (MarkupSafe writes a quote as ``&#34;`` where Django writes ``&quot;``: the same HTML)."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from tuquan.core.forms_renderer import Renderer
from tuquan.places.models import AdminUnit


def _normalise(html: str) -> str:
    html = str(html).replace("&#34;", "&quot;").replace("&#39;", "&#x27;")
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


class Sample(forms.Form):
    plain = forms.ChoiceField(choices=[("", "—"), ("a", 'A & "b" <c>'), ("2025", "Năm 2025")])
    grouped = forms.ChoiceField(
        choices=[("", "Toàn bộ"), ("Hiện hành", [(1, "Phường Bắc Nha Trang"), (2, "Xã <Cam> Lâm")]), ("Cũ", [(3, "x")])]
    )
    many = forms.MultipleChoiceField(choices=[("r", "Tôn giáo"), ("e", "Dân tộc")], required=False)
    flag = forms.NullBooleanField(required=False)
    styled = forms.ChoiceField(
        choices=[("1", "Một")],
        widget=forms.Select(attrs={"class": "form-select", "data-autocomplete": "/x/?a=1&b=2", "disabled": True}),
    )


@pytest.mark.parametrize(
    "data",
    [{}, {"plain": "a", "grouped": "2", "many": ["r", "e"], "flag": "true", "styled": "1"}, {"plain": "<nope>"}],
)
def test_selects_render_as_djangos_templates_do(data):
    ours, django = Sample(data or None, renderer=Renderer()), Sample(data or None, renderer=DjangoTemplates())
    for name in Sample.base_fields:
        assert _normalise(ours[name]) == _normalise(django[name]), name
    assert "&lt;c&gt;" in str(ours["plain"]) and "selected" in str(Sample({"grouped": "2"})["grouped"])


@pytest.mark.django_db
def test_a_model_choice_select_renders_as_djangos(khanh_hoa):
    class UnitForm(forms.Form):
        unit = forms.ModelChoiceField(queryset=AdminUnit.objects.order_by("pk")[:30])

    first = AdminUnit.objects.order_by("pk").first()
    ours = UnitForm({"unit": first.pk}, renderer=Renderer())["unit"]
    django = UnitForm({"unit": first.pk}, renderer=DjangoTemplates())["unit"]
    assert _normalise(ours) == _normalise(django)
    assert f'<option value="{first.pk}" selected>' in str(ours)


def test_the_project_uses_it(settings):
    assert settings.FORM_RENDERER == "tuquan.core.forms_renderer.Renderer"


class Inputs(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"placeholder": 'Tên "mô hình" <a>', "autocomplete": "off"}))
    number = forms.IntegerField(min_value=1900, max_value=2100)
    amount = forms.DecimalField(required=False, localize=True)
    when = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    search = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "search", "required": False}))
    agree = forms.BooleanField(required=False)
    focus = forms.MultipleChoiceField(
        choices=[("r", "Tôn giáo"), ("e", "Dân <tộc> & thiểu số")], widget=forms.CheckboxSelectMultiple, required=False
    )
    year = forms.TypedChoiceField(choices=[(2024, 2024), (2025, 2025)], coerce=int, widget=forms.RadioSelect)
    grouped = forms.ChoiceField(
        choices=[("Hiện hành", [("1", "Phường A")]), ("Cũ", [("2", "Xã B")])], widget=forms.RadioSelect
    )


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"text": 'Tiếng kẻng <b>an ninh</b> & "x"', "number": "2025", "amount": "1234567,5", "when": "2026-11-29"},
        {"hidden": "a&b", "search": "'q'", "agree": "on", "focus": ["r", "e"], "year": "2025", "grouped": "2"},
        {"number": "abc", "when": "31/02/2026", "year": "1999"},
    ],
)
def test_inputs_checkboxes_and_radios_render_as_djangos_templates_do(data):
    ours, django = Inputs(data or None, renderer=Renderer()), Inputs(data or None, renderer=DjangoTemplates())
    for name in Inputs.base_fields:
        assert _normalise(ours[name]) == _unlocalised_years(django[name]), name
        # The option-by-option form of a template loop: {% for choice in form.focus %}{{ choice.tag }}
        for mine, theirs in zip(ours[name].subwidgets, django[name].subwidgets, strict=True):
            assert _normalise(mine.tag()) == _normalise(theirs.tag()), name
            assert _normalise(mine) == _unlocalised_years(theirs), name


def _unlocalised_years(html) -> str:
    """Django's template language writes a label that is a number localised ("2.025"); Jinja2 writes it
    as it is ("2025"), which is what a year should look like (test below)."""
    return _normalise(html).replace("> 2.024<", "> 2024<").replace("> 2.025<", "> 2025<")


def test_a_year_label_is_written_as_a_year():
    ours, django = str(Inputs(renderer=Renderer())["year"]), str(Inputs(renderer=DjangoTemplates())["year"])
    assert "2.025" in django and "2.025" not in ours and " 2025</label>" in ours


def test_djangos_widgets_go_through_jinja2(monkeypatch):
    from django.forms import renderers

    renderer = Renderer()
    monkeypatch.setattr(renderers.DjangoTemplates, "render", lambda *args, **kwargs: pytest.fail("template used"))
    form = Inputs({"focus": ["r"]}, renderer=renderer)
    assert 'name="text"' in str(form["text"]) and 'value="r"' in "".join(str(c.tag()) for c in form["focus"])
    assert "<select" in str(Sample(renderer=renderer)["plain"])


def test_an_overridden_template_is_respected(monkeypatch):
    """A widget template that an installed app overrides is rendered by the Django template engine."""
    renderer = Renderer()
    monkeypatch.setattr(renderer, "_djangos_own", {"django/forms/widgets/text.html": False})
    monkeypatch.setattr(renderer.jinja2, "render", lambda *args, **kwargs: pytest.fail("Jinja2 used"))
    assert 'name="text"' in str(Inputs(renderer=renderer)["text"])


def test_only_the_mapped_widgets_of_django_go_through_jinja2():
    renderer = Renderer()
    assert renderer.is_djangos_own("django/forms/widgets/select.html")
    assert not renderer.is_djangos_own("django/forms/widgets/multiwidget.html")  # not mapped: a Django template
    assert not renderer.is_djangos_own("core/widgets/unit_autocomplete.html")
