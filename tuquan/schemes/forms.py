"""Forms of the registry pages. They parse input only; the services validate and save."""

from django import forms

from tuquan.core.forms import StyledFormMixin
from tuquan.core.search_choices import search_long_choices, searchable_form
from tuquan.core.text import vi_order
from tuquan.core.widgets import DateInput, today
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit
from tuquan.schemes import selectors
from tuquan.schemes.choices import HostOrganisation, Status
from tuquan.schemes.models import ActivityReport, Member, Scheme, SchemeKind, Team
from tuquan.schemes.services import FOUNDED_EARLIEST


class ServiceForm(StyledFormMixin, forms.ModelForm):
    """A ModelForm that parses input and leaves validation to the service it feeds.

    ``_post_clean`` normally runs the model's ``full_clean``; the service does that itself
    (with its Vietnamese messages), so the form does not validate twice.
    """

    service_fields: tuple[str, ...] = ()

    def _post_clean(self):
        pass

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def service_data(self) -> dict:
        names = self.service_fields or tuple(self._meta.fields)
        return {name: self.cleaned_data.get(name) for name in names if name in self.cleaned_data}


class SchemeForm(ServiceForm):
    co_hosts = forms.MultipleChoiceField(
        label="Tổ chức phối hợp",
        choices=HostOrganisation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Scheme
        fields = [
            "kind",
            "name",
            "commune",
            "area",
            "founded_on",
            "legacy_commune",
            "founding_decision_number",
            "founding_decision_date",
            "founding_decision_issuer",
            "host",
            "co_hosts",
            "host_detail",
            "leader_name",
            "leader_phone",
            "rules",
            "facebook_url",
            "zalo_group",
            "camera_count",
            "focus_religion",
            "focus_ethnic",
            "focus_enterprise",
            "replicated_from",
        ]
        widgets = {
            "founded_on": DateInput(min_date=FOUNDED_EARLIEST, max_date=today),
            "founding_decision_date": DateInput(max_date=today),
            "rules": forms.Textarea(attrs={"rows": 3}),
            "leader_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
            "camera_count": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        communes = selectors.user_communes(user=user)
        self.fields["commune"].queryset = communes
        self.fields["commune"].empty_label = "— Chọn xã/phường/đặc khu —"
        self.fields["commune"].help_text = "Đơn vị cấp xã hiện hành trong địa bàn bạn phụ trách."
        kinds = SchemeKind.objects.order_by("field", vi_order("name"))
        if not self.instance.pk:
            kinds = kinds.filter(is_active=True)
        self.fields["kind"].queryset = kinds
        self.fields["kind"].empty_label = "— Chọn loại mô hình —"
        legacy = AdminUnit.objects.filter(
            era=Era.LEGACY,
            level=Level.COMMUNE,
            successions_as_old__new_unit__in=communes.values("pk"),
        ).distinct()
        if self.instance.pk and self.instance.commune_id not in set(communes.values_list("pk", flat=True)):
            # A leader (or an officer whose scheme sits elsewhere) keeps the current values.
            self.fields["commune"].queryset = AdminUnit.objects.filter(pk=self.instance.commune_id)
            legacy = AdminUnit.objects.filter(pk=self.instance.legacy_commune_id)
        self.fields["legacy_commune"].queryset = legacy.select_related("parent").order_by("path")
        self.fields["legacy_commune"].label_from_instance = lambda unit: f"{unit.name} ({unit.parent.short_name})"
        self.fields["legacy_commune"].empty_label = "— Tự xác định nếu chỉ có một đơn vị cũ —"
        replicas = selectors.Scheme.objects.visible_to(user).exclude(status=Status.VOIDED).order_by(vi_order("name"))
        if self.instance.pk:
            # Keep the current origin selectable even when it lies outside the user's jurisdiction.
            replicas = replicas.exclude(pk=self.instance.pk) | Scheme.objects.filter(
                pk=self.instance.replicated_from_id
            )
        self.fields["replicated_from"].queryset = replicas.select_related("commune")
        self.fields["replicated_from"].label_from_instance = scheme_label
        self.fields["replicated_from"].empty_label = "— Không (mô hình mới) —"
        self.fields["co_hosts"].initial = self.instance.co_hosts
        self.fields["version"].initial = self.instance.version if self.instance.pk else None
        self.fields["leader_phone"].help_text = "Ví dụ 0905123456."
        self.fields["camera_count"].required = False
        search_long_choices(self, "schemes.scheme", "kind", "commune", "legacy_commune", "replicated_from")

    def service_data(self) -> dict:
        data = super().service_data()
        data.pop("version", None)
        return data


def scheme_label(scheme: Scheme) -> str:
    """A scheme among many of the same name: its commune and code tell them apart."""
    return f"{scheme.name} — {scheme.commune.name} ({scheme.code})"


@searchable_form("schemes.scheme", permission="schemes.add_scheme")
def _scheme_form(user):
    return SchemeForm(user=user)


class VoidForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label="Lý do hủy bản ghi",
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        help_text="Chỉ dùng cho bản ghi nhập nhầm; bản ghi vẫn được lưu và ghi nhật ký.",
    )


class MergeForm(StyledFormMixin, forms.Form):
    into = forms.ModelChoiceField(
        label="Sáp nhập vào mô hình",
        queryset=Scheme.objects.none(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    merged_on = forms.DateField(
        label="Ngày sáp nhập", widget=DateInput(attrs={"class": "form-control"}, max_date=today)
    )
    note = forms.CharField(
        label="Ghi chú, căn cứ",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )

    def __init__(self, *args, user, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = (
            Scheme.objects.visible_to(user)
            .active()
            .exclude(pk=scheme.pk)
            .select_related("commune")
            .order_by(vi_order("name"))
        )
        self.fields["into"].label_from_instance = scheme_label
        search_long_choices(self, "schemes.merge", "into")


@searchable_form("schemes.merge", permission="schemes.change_scheme")
def _merge_form(user):
    return MergeForm(user=user, scheme=Scheme())


class KindForm(ServiceForm):
    class Meta:
        model = SchemeKind
        fields = ["name", "field", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class TeamForm(ServiceForm):
    class Meta:
        model = Team
        fields = ["name", "area", "founded_on", "is_active"]
        widgets = {"founded_on": DateInput(max_date=today)}


class MemberForm(ServiceForm):
    class Meta:
        model = Member
        fields = ["full_name", "team", "role", "birth_year", "phone", "national_id", "address", "joined_on", "left_on"]
        widgets = {
            "joined_on": DateInput(max_date=today),
            "left_on": DateInput(max_date=today),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
            "national_id": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "birth_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = scheme.teams.order_by(vi_order("name"))
        self.fields["team"].empty_label = "— Chưa xếp tổ —"


class ActivityReportForm(ServiceForm):
    class Meta:
        model = ActivityReport
        fields = ["period_start", "period_end", *ActivityReport.COUNTERS, "notes"]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields[2:-1]:
            self.fields[name].required = False  # blank means 0
            self.fields[name].widget.attrs.update({"min": 0, "inputmode": "numeric"})


class ColumnsForm(forms.Form):
    columns = forms.MultipleChoiceField(
        label="Cột hiển thị",
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["columns"].choices = choices
