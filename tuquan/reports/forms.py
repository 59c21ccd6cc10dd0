from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tuquan.core.forms import style_widgets
from tuquan.places.choices import Era
from tuquan.places.models import AdminUnit
from tuquan.reports.selectors import COLUMN_CHOICES, MAX_YEARS, ROW_CHOICES, selectable_units

MIN_YEAR = 1990
MAX_YEAR = 2100  # a hard bound for the database; clean() also refuses years past next year


UNIT_SELECT_LIMIT = 300


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def unit_label(unit: AdminUnit) -> str:
    if unit.era == Era.LEGACY:
        return f"{unit.name} (trước 01/7/2025)"
    return unit.name if unit.level == "province" else f"\u2003{unit.name}"


class StatisticsForm(forms.Form):
    """What the user picks on the statistics page (a GET form: the URL is the report)."""

    rows = forms.ChoiceField(
        label="Hàng",
        choices=list(ROW_CHOICES.items()),
        initial="old-district",
    )
    columns = forms.ChoiceField(
        label="Cột",
        choices=list(COLUMN_CHOICES.items()),
        initial="class",
    )
    year_from = forms.IntegerField(
        label="Từ năm",
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
    )
    year_to = forms.IntegerField(
        label="Đến năm",
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        required=False,
        help_text="Để trống nếu chỉ thống kê một năm.",
    )
    unit = forms.ModelChoiceField(
        label="Địa bàn",
        queryset=AdminUnit.objects.none(),
        required=False,
        empty_label="Toàn bộ địa bàn phụ trách",
    )
    agency_row = forms.BooleanField(
        label="Tính riêng hàng \u201cCơ quan, doanh nghiệp, nhà trường\u201d (bảng theo huyện cũ)",
        required=False,
        initial=True,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year_from"].initial = this_year
        self.fields["year_from"].widget.attrs.update({"max": this_year + 1})
        self.fields["year_to"].widget.attrs.update({"min": MIN_YEAR, "max": this_year + 1})
        units = selectable_units(user)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = unit_label
        if len(units.values_list("pk", flat=True)[: UNIT_SELECT_LIMIT + 1]) > UNIT_SELECT_LIMIT:
            # A whole country: a search box (reports:unit_options) instead of 4.000 <option>s.
            chosen = units.filter(pk=_int(self.data.get("unit"))) if self.is_bound else units.none()
            widget = forms.Select(attrs={"data-autocomplete": reverse("reports:unit_options")})
            widget.choices = [("", self.fields["unit"].empty_label), *((u.pk, unit_label(u)) for u in chosen)]
            self.fields["unit"].widget = widget
        style_widgets(self.fields.values())

    def clean(self):
        data = super().clean()
        year_from, year_to = data.get("year_from"), data.get("year_to")
        if year_from and year_to:
            if year_to < year_from:
                self.add_error("year_to", "Năm kết thúc phải từ năm bắt đầu trở đi.")
            elif year_to - year_from >= MAX_YEARS:
                self.add_error("year_to", f"Giai đoạn tối đa {MAX_YEARS} năm.")
        if year_from and year_from > timezone.localdate().year + 1:
            self.add_error("year_from", "Năm bắt đầu không được ở quá xa trong tương lai.")
        if year_to and year_to > timezone.localdate().year + 1:
            self.add_error("year_to", "Năm kết thúc không được ở quá xa trong tương lai.")
        return data

    def selector_kwargs(self) -> dict:
        if not self.is_valid():
            raise ValidationError("invalid form")
        data = self.cleaned_data
        return {
            "rows": data["rows"],
            "columns": data["columns"],
            "year_from": data["year_from"],
            "year_to": data["year_to"] or data["year_from"],
            "unit": data["unit"],
            "agency_row": data["agency_row"],
        }
