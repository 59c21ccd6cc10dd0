"""Forms of the good-practices pages: they parse input; the services validate and save."""

from django import forms
from django.utils import timezone

from tuquan.core.forms import StyledFormMixin
from tuquan.core.search_choices import search_long_choices, searchable_form
from tuquan.core.text import vi_order
from tuquan.places.choices import Era
from tuquan.places.models import AdminUnit
from tuquan.practices.choices import AttachmentKind
from tuquan.practices.services import ALLOWED_EXTENSIONS
from tuquan.schemes.choices import Field
from tuquan.schemes.models import Scheme


class PracticeForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label="Tên kinh nghiệm, điển hình", max_length=300)
    summary = forms.CharField(label="Tóm tắt", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    body = forms.CharField(label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 10}))
    schemes = forms.ModelMultipleChoiceField(
        label="Mô hình",
        queryset=Scheme.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Giữ Ctrl (hoặc chạm trên điện thoại) để chọn nhiều mô hình.",
    )
    unit = forms.ModelChoiceField(label="Đơn vị", queryset=AdminUnit.objects.none(), empty_label="— Chọn đơn vị —")
    year = forms.IntegerField(label="Năm", min_value=1945, max_value=2100)
    field = forms.ChoiceField(label="Lĩnh vực", choices=[("", "— Không chọn —"), *Field.choices], required=False)
    tags = forms.CharField(
        label="Từ khóa",
        max_length=300,
        required=False,
        help_text="Cách nhau bằng dấu phẩy, ví dụ: camera, thanh niên, giáo xứ.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schemes"].queryset = (
            Scheme.objects.visible_to(user).registered().select_related("commune").order_by(vi_order("name"))
        )
        self.fields["schemes"].label_from_instance = lambda s: f"{s.name} ({s.commune.name})"
        self.fields["unit"].queryset = (
            AdminUnit.objects.restrict(user, "view").filter(era=Era.CURRENT).order_by("level", vi_order("name"))
        )
        self.fields["year"].initial = timezone.localdate().year
        if user.jurisdiction_id:
            self.fields["unit"].initial = user.jurisdiction_id
        self.style()
        search_long_choices(self, "practices.practice", "schemes", "unit")

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class AttachmentForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Loại tệp", choices=AttachmentKind.choices, initial=AttachmentKind.PHOTO)
    file = forms.FileField(
        label="Tệp",
        help_text="Ảnh (JPG, PNG, GIF, WEBP), PDF hoặc Word (DOC, DOCX); tối đa 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class PracticeFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False)
    year = forms.TypedChoiceField(label="Năm", required=False, coerce=int, empty_value=None)
    field = forms.ChoiceField(label="Lĩnh vực", choices=[("", "Mọi lĩnh vực"), *Field.choices], required=False)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Mọi năm")] + [(y, str(y)) for y in years]
        self.fields["q"].widget.attrs["placeholder"] = "Tên, nội dung, từ khóa (gõ không dấu cũng được)"
        self.style()


@searchable_form("practices.practice", permission="practices.add_goodpractice")
def _practice_form(user):
    return PracticeForm(user=user)
