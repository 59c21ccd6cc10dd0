"""The project's form renderer writes ``<select>`` itself: the markup must stay Django's."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from tuquan.core.forms_renderer import Renderer
from tuquan.places.models import AdminUnit


def _normalise(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


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
        assert _normalise(ours[name]) == _normalise(django[name]), name
        # The option-by-option form of a template loop: {% for choice in form.focus %}{{ choice.tag }}
        for mine, theirs in zip(ours[name].subwidgets, django[name].subwidgets, strict=True):
            assert str(mine.tag()) == str(theirs.tag()), name
            assert str(mine) == str(theirs), name


def test_inputs_are_written_in_python_not_templates(monkeypatch):
    from django.forms import renderers

    renderer = Renderer()
    renderer.is_djangos_own("django/forms/widgets/text.html", "django/forms/widgets/input.html")  # warm up
    monkeypatch.setattr(renderers.DjangoTemplates, "render", lambda *args, **kwargs: pytest.fail("template used"))
    form = Inputs({"focus": ["r"]}, renderer=renderer)
    assert 'name="text"' in str(form["text"]) and 'value="r"' in "".join(str(c.tag()) for c in form["focus"])


def test_an_overridden_template_is_respected(monkeypatch):
    renderer = Renderer()
    monkeypatch.setattr(renderer, "_djangos_own", {"django/forms/widgets/input.html": False})
    rendered = str(Inputs(renderer=renderer)["text"])
    assert 'name="text"' in rendered
    assert renderer._djangos_own["django/forms/widgets/text.html"] is True  # checked, then the template used
