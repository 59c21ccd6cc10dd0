from django import forms

from tuquan.schemes.excel.columns import SHEET_LABELS


class ExportForm(forms.Form):
    sheets = forms.MultipleChoiceField(
        label="Các trang cần xuất",
        choices=list(SHEET_LABELS.items()),
        initial=["schemes"],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        required=False,
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Tệp Excel (.xlsx) hoặc CSV (UTF-8)",
        help_text="Tối đa 10 MB, 20.000 dòng. Dùng tệp mẫu hoặc tệp xuất từ hệ thống.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv", "class": "form-control"}),
    )
