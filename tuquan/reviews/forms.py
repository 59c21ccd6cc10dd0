from django import forms
from django.db.models.functions import Length
from django.utils import timezone

from tuquan.core.forms import style_widgets
from tuquan.core.search_choices import search_long_choices, searchable_form
from tuquan.core.text import vi_order
from tuquan.core.widgets import DateInput
from tuquan.places.choices import Level
from tuquan.places.models import AdminUnit
from tuquan.reviews.choices import NARRATIVE_SECTIONS, Half, PeriodKind
from tuquan.reviews.models import Review
from tuquan.reviews.selectors import period_for


class ReviewCreateForm(forms.Form):
    """Choose the unit and the period; the system drafts the rest."""

    unit = forms.ModelChoiceField(
        label="Đơn vị báo cáo",
        queryset=AdminUnit.objects.none(),
        empty_label=None,
        help_text="Tỉnh hoặc một xã, phường, đặc khu trong địa bàn bạn phụ trách.",
    )
    period_kind = forms.ChoiceField(label="Loại kỳ báo cáo", choices=PeriodKind.choices, initial=PeriodKind.YEAR)
    year = forms.IntegerField(label="Năm (năm cuối kỳ)", min_value=2000, max_value=2100)
    half = forms.TypedChoiceField(
        label="Nửa năm (với sơ kết 6 tháng)",
        choices=Half.choices,
        coerce=int,
        initial=Half.FIRST,
        required=False,
    )
    start_year = forms.IntegerField(
        label="Từ năm (với tổng kết nhiều năm)",
        min_value=2000,
        max_value=2100,
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            AdminUnit.objects.visible_to(user)
            .current()
            .filter(level__in=[Level.PROVINCE, Level.COMMUNE])
            .order_by(Length("path"), vi_order("name"))
        )
        self.fields["year"].initial = timezone.localdate().year
        style_widgets(self.fields.values())
        search_long_choices(self, "reviews.review", "unit")

    def clean(self):
        data = super().clean()
        kind, year = data.get("period_kind"), data.get("year")
        if kind is None or year is None:
            return data
        if kind == PeriodKind.MULTI_YEAR:
            start_year = data.get("start_year")
            if not start_year:
                self.add_error("start_year", "Nhập năm bắt đầu của giai đoạn tổng kết.")
                return data
            if start_year >= year:
                self.add_error("start_year", "Năm bắt đầu phải trước năm cuối kỳ.")
                return data
        if kind == PeriodKind.HALF_YEAR and not data.get("half"):
            self.add_error("half", "Chọn 6 tháng đầu hay cuối năm.")
            return data
        data["period"] = period_for(kind=kind, year=year, half=data.get("half"), start_year=data.get("start_year"))
        return data


class ReviewForm(forms.ModelForm):
    """The officer's part of a review; ``version`` carries the version the officer opened."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Review
        # The narrative first (what the officer opens the page for), then the document's particulars.
        fields = [
            "title",
            *[name for name, _ in NARRATIVE_SECTIONS],
            "recipients",
            "signer_title",
            "signer_name",
            "number",
            "symbol",
            "issuer_parent",
            "issuer",
            "place",
            "issued_on",
            "status",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name, _ in NARRATIVE_SECTIONS} | {
            "recipients": forms.Textarea(attrs={"rows": 4}),
            "issued_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        style_widgets(self.fields.values())


@searchable_form("reviews.review", permission="reviews.add_review")
def _review_form(user):
    return ReviewCreateForm(user=user)
