"""Forms of the inspection pages. They parse input only; the services validate and save."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from tuquan.assessments.choices import Rating, Recommendation
from tuquan.assessments.models import CriteriaSet
from tuquan.assessments.services import ScoreInput
from tuquan.core.forms import mark_invalid, style_widgets
from tuquan.core.widgets import DateInput

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
EVIDENCE_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".xlsx")


def _style(form: forms.Form) -> None:
    """Bootstrap classes on the widgets; a bound form's invalid fields marked at once."""
    style_widgets(form.fields.values())
    if form.is_bound:
        mark_invalid(form, form.errors)


class CampaignForm(forms.Form):
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    name = forms.CharField(label="Tên đợt kiểm tra", max_length=255)
    criteria_set = forms.ModelChoiceField(
        label="Bộ tiêu chí",
        queryset=CriteriaSet.objects.filter(is_active=True),
        empty_label=None,
        help_text="Tiêu chí và ngưỡng điểm được sao chép vào đợt; sửa bộ tiêu chí sau này không ảnh hưởng đợt này.",
    )
    period_start = forms.DateField(
        label="Kỳ đánh giá từ ngày", required=False, widget=DateInput(), help_text="Bỏ trống: 15/11 năm trước."
    )
    period_end = forms.DateField(
        label="Kỳ đánh giá đến ngày", required=False, widget=DateInput(), help_text="Bỏ trống: 14/11 năm đánh giá."
    )
    self_assessment_deadline = forms.DateField(label="Hạn tự đánh giá (Công an xã)", widget=DateInput())
    approval_deadline = forms.DateField(label="Hạn phê duyệt (PV05)", widget=DateInput())
    threshold_good = forms.DecimalField(label="Điểm tối thiểu loại Tốt", required=False, min_value=0, max_value=1000)
    threshold_fair = forms.DecimalField(label="Điểm tối thiểu loại Khá", required=False, min_value=0, max_value=1000)
    threshold_average = forms.DecimalField(
        label="Điểm tối thiểu loại Trung bình", required=False, min_value=0, max_value=1000
    )
    min_age_months = forms.IntegerField(
        label="Số tháng hoạt động tối thiểu để phân loại", required=False, min_value=1, max_value=120
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if bool(start) != bool(end):
            raise ValidationError("Nhập cả ngày bắt đầu và ngày kết thúc kỳ đánh giá, hoặc bỏ trống cả hai.")
        return data


class ScoreForm(forms.Form):
    """Criterion by criterion: score, note and optional evidence; plus recommendation and remarks.

    ``mode`` is "edit" (commune officer), "review" (PV05 may adjust) or "read".
    """

    version = forms.IntegerField(widget=forms.HiddenInput)
    recommendation = forms.ChoiceField(
        label="Kiến nghị",
        choices=[("", "— chưa chọn —"), *Recommendation.choices],
        required=False,
    )
    general_note = forms.CharField(
        label="Nhận xét chung",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, criteria, scores=None, mode: str = "edit", **kwargs):
        super().__init__(*args, **kwargs)
        scores = scores or {}
        self.criteria = list(criteria)
        self.mode = mode
        for criterion in self.criteria:
            existing = scores.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.DecimalField(
                label=f"{criterion.code}. {criterion.name}",
                required=False,
                min_value=Decimal("0"),
                max_value=criterion.max_points,
                decimal_places=2,
                initial=existing.score if existing else None,
                widget=forms.NumberInput(
                    attrs={
                        "class": "form-control form-control-sm score-input",
                        "step": "0.25",
                        "min": "0",
                        "max": f"{criterion.max_points:f}",
                        "data-score": "1",
                        "inputmode": "decimal",
                    }
                ),
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label="Ghi chú",
                required=False,
                max_length=500,
                initial=existing.note if existing else "",
                widget=forms.TextInput(
                    attrs={"class": "form-control form-control-sm", "placeholder": "Ghi chú, minh chứng"}
                ),
            )
            self.fields[f"evidence_{criterion.pk}"] = forms.FileField(
                label="Minh chứng",
                required=False,
                widget=forms.ClearableFileInput(attrs={"class": "form-control form-control-sm"}),
            )
        if mode == "review":
            self.fields["final_rating"] = forms.ChoiceField(
                label="Xếp loại chính thức",
                choices=[("", "— theo loại đề xuất —"), *Rating.choices],
                required=False,
            )
            self.fields["adjustment_reason"] = forms.CharField(
                label="Lý do điều chỉnh điểm/xếp loại",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Bắt buộc khi sửa điểm hoặc chọn loại khác loại đề xuất.",
            )
            self.fields["return_comment"] = forms.CharField(
                label="Lý do trả lại",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if mode == "read":
            for field in self.fields.values():
                field.disabled = True
        _style(self)

    def clean(self):
        data = super().clean()
        for criterion in self.criteria:
            upload = data.get(f"evidence_{criterion.pk}")
            if upload:
                if upload.size > MAX_EVIDENCE_BYTES:
                    self.add_error(f"evidence_{criterion.pk}", "Tệp minh chứng tối đa 10 MB.")
                elif not upload.name.lower().endswith(EVIDENCE_EXTENSIONS):
                    self.add_error(f"evidence_{criterion.pk}", "Chỉ nhận tệp PDF, ảnh JPG/PNG, Word hoặc Excel.")
        return data

    def rows(self):
        """(criterion, score field, note field, evidence field) for the template, grouped in order."""
        for criterion in self.criteria:
            yield (
                criterion,
                self[f"score_{criterion.pk}"],
                self[f"note_{criterion.pk}"],
                self[f"evidence_{criterion.pk}"],
            )

    def score_inputs(self) -> dict:
        out = {}
        for criterion in self.criteria:
            out[criterion.pk] = ScoreInput(
                score=self.cleaned_data.get(f"score_{criterion.pk}"),
                note=self.cleaned_data.get(f"note_{criterion.pk}") or "",
                evidence=self.cleaned_data.get(f"evidence_{criterion.pk}"),
            )
        return out


class EliminationForm(forms.Form):
    decision_number = forms.CharField(label="Số quyết định", max_length=60)
    decision_date = forms.DateField(label="Ngày quyết định", widget=DateInput())
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=200, initial="Công an tỉnh Khánh Hòa")
    reason = forms.CharField(label="Lý do thanh loại", widget=forms.Textarea(attrs={"rows": 2}))
    schemes = forms.ModelMultipleChoiceField(
        label="Mô hình thanh loại",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Chọn ít nhất một mô hình để thanh loại."},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schemes"].queryset = candidates
        _style(self)


class ImportUploadForm(forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx) đã điền điểm")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError("Chỉ nhận tệp .xlsx (tải mẫu ở trên rồi điền).")
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError("Tệp quá lớn (tối đa 5 MB).")
        return upload


class CriteriaSetVersionForm(forms.Form):
    threshold_good = forms.DecimalField(label="Điểm tối thiểu loại Tốt", min_value=0, max_value=1000)
    threshold_fair = forms.DecimalField(label="Điểm tối thiểu loại Khá", min_value=0, max_value=1000)
    threshold_average = forms.DecimalField(label="Điểm tối thiểu loại Trung bình", min_value=0, max_value=1000)
    min_age_months = forms.IntegerField(label="Số tháng hoạt động tối thiểu để phân loại", min_value=1, max_value=120)
    notes = forms.CharField(label="Ghi chú thay đổi", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class CriterionRowForm(forms.Form):
    group = forms.CharField(label="Nhóm", max_length=200, required=False)
    code = forms.CharField(label="Mã", max_length=20, required=False)
    name = forms.CharField(label="Nội dung tiêu chí", max_length=500, required=False)
    max_points = forms.DecimalField(label="Điểm tối đa", required=False, min_value=Decimal("0.01"), max_value=1000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)
        for field in self.fields.values():
            field.widget.attrs["class"] += " form-control-sm"

    def clean(self):
        data = super().clean()
        if data.get("code") and (not data.get("name") or not data.get("max_points")):
            raise ValidationError("Tiêu chí cần có nội dung và điểm tối đa.")
        return data


CriterionFormSet = forms.formset_factory(CriterionRowForm, extra=3)
