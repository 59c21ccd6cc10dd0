from django import forms


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Tên gợi nhớ",
        max_length=100,
        help_text="Dùng để làm gì, ví dụ: \u201cBảng tính thống kê quý\u201d.",
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
