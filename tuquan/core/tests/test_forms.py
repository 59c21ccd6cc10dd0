"""One Bootstrap styling and one way to show a service's errors for every form of the project."""

from django import forms
from django.core.exceptions import ValidationError

from tuquan.core.forms import StyledFormMixin, bootstrap_class, style_widgets


class Sample(StyledFormMixin, forms.Form):
    name = forms.CharField()
    kind = forms.ChoiceField(choices=[("a", "A")])
    focus = forms.MultipleChoiceField(choices=[("r", "Tôn giáo")], widget=forms.CheckboxSelectMultiple, required=False)
    agree = forms.BooleanField(required=False)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"class": "form-control notes"}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


def classes(form) -> dict:
    return {name: field.widget.attrs.get("class") for name, field in form.fields.items()}


def test_each_kind_of_widget_gets_its_bootstrap_class():
    assert classes(Sample()) == {
        "name": "form-control",
        "kind": "form-select",
        "focus": "form-check-input",
        "agree": "form-check-input",
        "note": "form-control notes",  # the form's own class is kept
        "version": None,  # hidden
    }


def test_filters_use_the_small_size_and_may_replace_declared_classes():
    form = Sample()
    style_widgets(form.fields.values(), small=True, replace=True)
    assert classes(form)["name"] == "form-control form-control-sm"
    assert classes(form)["kind"] == "form-select form-select-sm"
    assert classes(form)["note"] == "form-control form-control-sm"
    assert bootstrap_class(forms.RadioSelect(), small=True) == "form-check-input"


def test_a_field_with_an_error_is_marked_invalid_once():
    form = Sample({"kind": "x"})
    assert not form.is_valid()
    form.full_clean()
    assert classes(form)["name"] == "form-control is-invalid"
    assert classes(form)["kind"] == "form-select is-invalid"
    assert "is-invalid" not in classes(form)["note"]


def test_a_services_errors_go_beside_the_fields_they_name_and_the_rest_on_top():
    form = Sample({"name": "Tổ tự quản", "kind": "a"})
    assert form.is_valid()
    form.add_service_errors(ValidationError({"name": "Tên đã có.", "founded_on": "Ngày không hợp lệ."}))
    assert form.errors["name"] == ["Tên đã có."]
    assert form.non_field_errors() == ["Ngày không hợp lệ."]
    assert classes(form)["name"] == "form-control is-invalid"

    form = Sample({"name": "Tổ tự quản", "kind": "a"})
    form.is_valid()
    form.add_service_errors(ValidationError("Bản ghi đã được người khác sửa."))
    assert form.non_field_errors() == ["Bản ghi đã được người khác sửa."]
