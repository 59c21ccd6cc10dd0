"""Forms of the commendation pages."""

from django import forms
from django.utils import timezone

from tuquan.commendations.choices import (
    PRESET_BY_KEY,
    PRESETS,
    AwardForm,
    AwardLevel,
    CommendationStatus,
    RecipientKind,
)
from tuquan.core.forms import StyledFormMixin
from tuquan.core.search_choices import search_long_choices, searchable_form
from tuquan.core.text import vi_order
from tuquan.core.widgets import DateInput, today
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit
from tuquan.schemes.models import Scheme


class CommendationForm(StyledFormMixin, forms.Form):
    preset = forms.ChoiceField(
        label="Hình thức thường dùng",
        required=False,
        choices=[("", "— Chọn để điền sẵn —"), *((key, title) for key, title, *_ in PRESETS)],
        help_text="Điền sẵn hình thức, cấp và người ký; vẫn sửa được bên dưới.",
    )
    recipient_kind = forms.ChoiceField(label="Đối tượng", choices=RecipientKind.choices)
    scheme = forms.ModelChoiceField(
        label="Mô hình", queryset=Scheme.objects.none(), required=False, empty_label="— Chọn mô hình —"
    )
    person_name = forms.CharField(label="Họ và tên (cá nhân)", max_length=150, required=False)
    person_role = forms.CharField(label="Chức vụ", max_length=150, required=False)
    person_unit = forms.CharField(label="Đơn vị công tác", max_length=200, required=False)
    unit = forms.ModelChoiceField(
        label="Xã/phường/đặc khu (cá nhân)",
        queryset=AdminUnit.objects.none(),
        required=False,
        empty_label="— Chọn —",
        help_text="Với mô hình: lấy theo xã của mô hình.",
    )
    title = forms.CharField(label="Hình thức khen thưởng (tên đầy đủ)", max_length=200, required=False)
    award_form = forms.ChoiceField(label="Hình thức", choices=[("", "—"), *AwardForm.choices], required=False)
    level = forms.ChoiceField(label="Cấp khen thưởng", choices=[("", "—"), *AwardLevel.choices], required=False)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    reason = forms.CharField(label="Thành tích, lý do", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(label="Tình trạng", choices=CommendationStatus.choices)
    decision_number = forms.CharField(label="Số quyết định", max_length=60, required=False)
    decision_date = forms.DateField(label="Ngày quyết định", required=False, widget=DateInput(max_date=today))
    issuer = forms.CharField(label="Người/cơ quan ký", max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = (
            Scheme.objects.visible_to(user).registered().select_related("commune").order_by(vi_order("name"))
        )
        self.fields["scheme"].label_from_instance = lambda s: f"{s.name} ({s.commune.name})"
        self.fields["unit"].queryset = (
            AdminUnit.objects.restrict(user, "view")
            .filter(era=Era.CURRENT, level=Level.COMMUNE)
            .order_by(vi_order("name"))
        )
        self.fields["year"].initial = timezone.localdate().year
        if not user.has_perm("commendations.approve_commendation"):
            self.fields["status"].choices = [(CommendationStatus.PROPOSED, CommendationStatus.PROPOSED.label)]
            self.fields["status"].help_text = "Công an tỉnh (PV05) ghi quyết định khen thưởng."
        self.style()
        search_long_choices(self, "commendations.commendation", "scheme", "unit")

    def clean(self):
        data = super().clean()
        preset = data.get("preset")
        if preset in PRESET_BY_KEY:
            title, award_form, level, issuer = PRESET_BY_KEY[preset]
            data["title"] = data.get("title") or title
            data["award_form"] = data.get("award_form") or award_form
            data["level"] = data.get("level") or level
            data["issuer"] = data.get("issuer") or issuer
        if not data.get("award_form"):
            self.add_error("award_form", "Chọn hình thức khen thưởng.")
        if not data.get("level"):
            self.add_error("level", "Chọn cấp khen thưởng.")
        return data

    def service_data(self) -> dict:
        data = {name: value for name, value in self.cleaned_data.items() if name != "preset"}
        if data.get("recipient_kind") == RecipientKind.SCHEME:
            data.pop("unit", None)
        return data


class CommendationFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False)
    status = forms.ChoiceField(
        label="Tình trạng", choices=[("", "Mọi tình trạng"), *CommendationStatus.choices], required=False
    )
    year = forms.TypedChoiceField(label="Năm", required=False, coerce=int, empty_value=None)
    recipient_kind = forms.ChoiceField(
        label="Đối tượng", choices=[("", "Mọi đối tượng"), *RecipientKind.choices], required=False
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Mọi năm")] + [(y, str(y)) for y in years]
        self.fields["q"].widget.attrs["placeholder"] = "Tên mô hình hoặc người (không dấu cũng được)"
        self.style()


@searchable_form("commendations.commendation", permission="commendations.add_commendation")
def _commendation_form(user):
    return CommendationForm(user=user)
