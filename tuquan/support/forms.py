from django import forms

from tuquan.core.forms import StyledFormMixin
from tuquan.core.widgets import DateInput
from tuquan.schemes.models import Team
from tuquan.support.models import SupportRecord


class SupportRecordForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = SupportRecord
        fields = [
            "date", "kind", "category", "description", "quantity", "value",
            "source", "donor_name", "decision_number", "decision_date", "team",
        ]  # fmt: skip
        widgets = {"date": DateInput(), "decision_date": DateInput()}

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(scheme=scheme)
        self.fields["team"].required = False
        self.fields["team"].empty_label = "— Cả mô hình —"
        for name in ("kind", "category", "source"):
            self.fields[name].choices = [("", "— Chọn —"), *SupportRecord._meta.get_field(name).choices]
        self.fields["value"].help_text = "Số đồng, không có dấu chấm (ví dụ 5000000). Bắt buộc lớn hơn 0 với kinh phí."
        self.style()

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class OverviewForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label="Năm", required=False, min_value=2000, max_value=2100)
    months = forms.IntegerField(label="Không nhận hỗ trợ trong (tháng)", required=False, min_value=1, max_value=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def values(self) -> tuple[int | None, int]:
        if self.is_valid():
            return self.cleaned_data["year"], self.cleaned_data["months"] or 12
        return None, 12
