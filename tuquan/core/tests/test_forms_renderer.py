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
