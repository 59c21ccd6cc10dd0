"""The form an officer confirms to replicate (nhân rộng) a scheme to another commune."""

from django import forms

from tuquan.core.forms import StyledFormMixin
from tuquan.core.search_choices import search_long_choices, searchable_form
from tuquan.core.text import vi_order
from tuquan.core.widgets import DateInput, today
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit
from tuquan.schemes.choices import HostOrganisation
from tuquan.schemes.models import Scheme
from tuquan.schemes.services import FOUNDED_EARLIEST


class ReplicateForm(StyledFormMixin, forms.Form):
    commune = forms.ModelChoiceField(
        label="Nhân rộng sang xã/phường/đặc khu",
        queryset=AdminUnit.objects.none(),
        empty_label="— Chọn xã/phường/đặc khu —",
    )
    name = forms.CharField(label="Tên mô hình, tổ chức", max_length=255)
    area = forms.CharField(label="Thôn, tổ dân phố", max_length=150, required=False)
    founded_on = forms.DateField(label="Ngày thành lập", widget=DateInput(min_date=FOUNDED_EARLIEST, max_date=today))
    founding_decision_number = forms.CharField(label="Số quyết định thành lập", max_length=60, required=False)
    founding_decision_date = forms.DateField(label="Ngày quyết định", required=False, widget=DateInput(max_date=today))
    founding_decision_issuer = forms.CharField(label="Cơ quan ban hành quyết định", max_length=200, required=False)
    host = forms.ChoiceField(label="Tổ chức nòng cốt", choices=HostOrganisation.choices)
    host_detail = forms.CharField(label="Tên tổ chức nòng cốt cụ thể", max_length=200, required=False)
    leader_name = forms.CharField(label="Người phụ trách (trưởng mô hình)", max_length=150, required=False)
    leader_phone = forms.CharField(label="Điện thoại người phụ trách", max_length=15, required=False)
    rules = forms.CharField(
        label="Quy chế hoạt động",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Lấy từ mô hình gốc; sửa cho phù hợp địa bàn mới.",
    )
    zalo_group = forms.CharField(label="Nhóm Zalo", max_length=200, required=False)
    facebook_url = forms.URLField(label="Trang Facebook", required=False, assume_scheme="https")

    def __init__(self, *args, user, source: Scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = (
            AdminUnit.objects.restrict(user, "view")
            .filter(era=Era.CURRENT, level=Level.COMMUNE)
            .exclude(pk=source.commune_id)
            .order_by(vi_order("name"))
        )
        self.style()
        search_long_choices(self, "schemes.replicate", "commune")


@searchable_form("schemes.replicate", permission="schemes.add_scheme")
def _replicate_form(user):
    return ReplicateForm(user=user, source=Scheme())
