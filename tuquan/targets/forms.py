from django import forms

from tuquan.core.forms import StyledFormMixin
from tuquan.core.search_choices import search_long_choices, searchable_form
from tuquan.core.text import vi_order
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit
from tuquan.schemes.choices import Field
from tuquan.schemes.models import SchemeKind
from tuquan.targets.choices import Indicator, TargetStatus


def _communes(user):
    return AdminUnit.objects.visible_to(user).filter(era=Era.CURRENT, level=Level.COMMUNE).order_by(vi_order("name"))


class TargetFieldsMixin(forms.Form):
    indicator = forms.ChoiceField(label="Chỉ tiêu", choices=Indicator.choices)
    kind = forms.ModelChoiceField(
        label="Loại mô hình",
        queryset=SchemeKind.objects.none(),
        required=False,
        empty_label="— (không) —",
        help_text="Chỉ với chỉ tiêu “Có mô hình thuộc loại / lĩnh vực”: chọn loại hoặc lĩnh vực.",
    )
    field = forms.ChoiceField(label="Lĩnh vực", choices=[("", "— (không) —"), *Field.choices], required=False)
    value = forms.IntegerField(
        label="Giá trị giao",
        min_value=0,
        max_value=100_000,
        help_text="Số mô hình; với chỉ tiêu tỉ lệ là phần trăm (0–100).",
    )
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def _init_kinds(self):
        self.fields["kind"].queryset = SchemeKind.objects.order_by(vi_order("name"))

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {k: data.get(k) for k in ("indicator", "kind", "field", "value", "note")}


class TargetForm(StyledFormMixin, TargetFieldsMixin):
    unit = forms.ModelChoiceField(label="Xã, phường, đặc khu", queryset=AdminUnit.objects.none())
    field_order = ["unit", "indicator", "kind", "field", "value", "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _communes(user)
        self._init_kinds()
        self.style()
        search_long_choices(self, "targets.target", "unit", "kind")


class TargetEditForm(StyledFormMixin, forms.Form):
    value = forms.IntegerField(label="Giá trị giao", min_value=0, max_value=100_000)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class BulkForm(StyledFormMixin, TargetFieldsMixin):
    units = forms.ModelMultipleChoiceField(
        label="Xã, phường, đặc khu",
        queryset=AdminUnit.objects.none(),
        required=False,
        help_text="Để trống để giao cho tất cả xã, phường, đặc khu của tỉnh. Giữ Ctrl để chọn nhiều.",
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    field_order = ["indicator", "kind", "field", "value", "note", "units"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = _communes(user)
        self._init_kinds()
        self.style()
        search_long_choices(self, "targets.bulk", "units", "kind")

    def chosen_units(self):
        return self.cleaned_data["units"] or self.fields["units"].queryset


class ImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx) theo mẫu")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".xlsx"
        self.style()


class FilterForm(StyledFormMixin, forms.Form):
    indicator = forms.ChoiceField(
        label="Chỉ tiêu", choices=[("", "Tất cả chỉ tiêu"), *Indicator.choices], required=False
    )
    status = forms.ChoiceField(
        label="Kết quả", choices=[("", "Đạt và chưa đạt"), *TargetStatus.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def values(self) -> dict:
        if self.is_valid():
            return {"indicator": self.cleaned_data["indicator"], "status": self.cleaned_data["status"]}
        return {"indicator": "", "status": ""}


@searchable_form("targets.target", permission="targets.add_target")
def _target_form(user):
    return TargetForm(user=user)


@searchable_form("targets.bulk", permission="targets.add_target")
def _bulk_form(user):
    return BulkForm(user=user)
