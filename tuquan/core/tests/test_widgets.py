"""The one date widget: shows dd/mm/yyyy, takes dd/mm/yyyy (and ISO), says in Vietnamese what is wrong."""

import importlib
import inspect
import pkgutil
import re
from datetime import date

import django_filters
import pytest
from django import forms
from django.utils.translation import gettext, override

import tuquan
from tuquan.core import widgets
from tuquan.core.widgets import INVALID_MESSAGE, DateInput


class EventForm(forms.Form):
    held_on = forms.DateField(label="Ngày", widget=DateInput())
    until = forms.DateField(
        label="Đến", required=False, widget=DateInput(min_date=date(1945, 1, 1), max_date=widgets.today)
    )


def _attrs(html: str) -> dict[str, str]:
    return dict(re.findall(r'([\w-]+)="([^"]*)"', html))


def test_renders_a_text_box_with_the_date_as_dd_mm_yyyy():
    html = DateInput().render("held_on", date(2026, 11, 5))
    attrs = _attrs(html)
    assert attrs["type"] == "text"
    assert attrs["value"] == "05/11/2026"
    assert attrs["placeholder"] == "dd/mm/yyyy"
    assert attrs["inputmode"] == "numeric"
    assert attrs["autocomplete"] == "off"
    assert attrs["maxlength"] == "10"
    assert attrs["pattern"] == widgets.PATTERN
    assert " data-datepicker" in html


def test_calendar_bounds_are_rendered_as_iso_dates_evaluated_when_shown(monkeypatch):
    monkeypatch.setattr(widgets.timezone, "localdate", lambda: date(2026, 3, 1))
    attrs = _attrs(str(EventForm()["until"]))
    assert (attrs["data-min-date"], attrs["data-max-date"]) == ("1945-01-01", "2026-03-01")
    assert "data-max-date" not in str(EventForm()["held_on"])


def test_attrs_given_by_a_form_are_kept_with_the_defaults():
    attrs = _attrs(DateInput(attrs={"class": "form-control form-control-sm"}).render("since", None))
    assert attrs["class"] == "form-control form-control-sm" and attrs["placeholder"] == "dd/mm/yyyy"
    assert "value" not in attrs


@pytest.mark.parametrize(
    "typed",
    ["15/11/2026", "15-11-2026", "15.11.2026", " 15/11/2026 ", "15112026", "2026-11-15"],
)
def test_parses_dd_mm_yyyy_in_any_usual_shape_and_iso(typed):
    form = EventForm(data={"held_on": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["held_on"] == date(2026, 11, 15)


def test_parses_single_digit_day_and_month():
    form = EventForm(data={"held_on": "5/3/2026"})
    assert form.is_valid() and form.cleaned_data["held_on"] == date(2026, 3, 5)


def test_day_comes_first_even_where_month_first_would_also_be_a_date():
    form = EventForm(data={"held_on": "03/04/2026"})
    assert form.is_valid() and form.cleaned_data["held_on"] == date(2026, 4, 3)


@pytest.mark.parametrize("typed", ["31/02/2026", "abc", "29/02/2025", "15/13/2026", "15/11/26", "11/15/2026"])
def test_a_wrong_date_gets_the_vietnamese_message_and_keeps_what_was_typed(typed):
    form = EventForm(data={"held_on": typed})
    assert not form.is_valid()
    assert form.errors["held_on"] == [INVALID_MESSAGE]
    assert _attrs(str(form["held_on"]))["value"] == typed


def test_the_message_is_the_translation_of_djangos_invalid_date():
    """Every DateField (admin included) says it: locale/vi overrides Django's "Nhập một ngày hợp lệ."."""
    with override("vi"):
        assert (
            gettext("Enter a valid date.") == INVALID_MESSAGE == "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/11/2026."
        )


@pytest.mark.parametrize(
    ("typed", "accepted"),
    [
        ("15/11/2026", True),
        ("5.3.2026", True),
        ("15-11-2026", True),
        ("15112026", True),
        ("2026-11-15", True),
        ("abc", False),
        ("15/11/26", False),
        ("2026/11/15", False),
    ],
)
def test_the_browser_pattern_accepts_what_the_server_reads(typed, accepted):
    """``pattern`` is matched whole, as the browser does; shapes outside it are also refused by the server."""
    assert bool(re.fullmatch(widgets.PATTERN, typed)) is accepted
    assert EventForm(data={"held_on": typed}).is_valid() is accepted


def _tuquan_modules():
    for info in pkgutil.walk_packages(tuquan.__path__, "tuquan."):
        if ".tests" in info.name or ".migrations" in info.name or info.name.endswith((".admin", ".management")):
            continue
        yield importlib.import_module(info.name)


def test_every_date_field_of_every_form_and_filter_uses_the_project_widget():
    """No ``<input type="date">`` (the browser's locale: mm/dd/yyyy in an en-US browser) anywhere."""
    checked, wrong = 0, []
    for module in _tuquan_modules():
        for cls in vars(module).values():
            if not inspect.isclass(cls) or cls.__module__ != module.__name__:
                continue
            fields = {}
            if issubclass(cls, forms.BaseForm):
                fields = cls.base_fields
            elif issubclass(cls, django_filters.FilterSet):
                fields = {name: f.field for name, f in cls.base_filters.items() if "Date" in type(f).__name__}
            for name, field in fields.items():
                if isinstance(field, forms.DateField | forms.DateTimeField):
                    checked += 1
                    if not isinstance(field.widget, DateInput):
                        wrong.append(f"{cls.__module__}.{cls.__name__}.{name}: {type(field.widget).__name__}")
    assert checked >= 20  # the walk found the forms (schemes, assessments, reviews, audit, support)
    assert wrong == []
