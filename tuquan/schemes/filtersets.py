"""The one FilterSet of schemes, reused by the list page, the Excel export and the API."""

import django_filters
from django import forms
from django.db.models import Q

from tuquan.core.forms import style_widgets
from tuquan.core.text import fold, vi_order
from tuquan.places.choices import Era
from tuquan.places.models import AdminUnit
from tuquan.schemes.choices import Field, HostOrganisation, Rating, Status
from tuquan.schemes.models import Scheme, SchemeKind
from tuquan.schemes.selectors import kind_total

FOCUS_CHOICES = [
    ("religion", "Trọng điểm tôn giáo"),
    ("ethnic", "Trọng điểm dân tộc thiểu số"),
    ("enterprise", "Doanh nghiệp trọng điểm"),
]
FOCUS_FIELDS = {"religion": "focus_religion", "ethnic": "focus_ethnic", "enterprise": "focus_enterprise"}


# More choices than this and a filter becomes a search box instead of a <select> of every choice.
SELECT_LIMIT = 300


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def search_select(*, source: str, empty_label: str, chosen) -> forms.Select:
    """A ``<select>`` holding only the empty and the chosen option; ``schemes/autocomplete.js`` puts
    a search box before it that fills it from ``source`` (JSON), so a catalogue of 2.500 kinds
    is not rendered into every page."""
    widget = forms.Select(attrs={"data-autocomplete": source})
    widget.choices = [("", empty_label), *chosen]
    return widget


class SchemeFilterSet(django_filters.FilterSet):
    """Filters of the registry. Pass the user's visible queryset; voided records show only on request.

    ``unit`` takes an AdminUnit id: a current unit filters on the scheme's commune subtree, a
    pre-2025 district or commune on the commune the scheme was founded in (``legacy_commune``).
    """

    q = django_filters.CharFilter(method="filter_q", label="Tìm kiếm")
    unit = django_filters.NumberFilter(method="filter_unit", label="Địa bàn", widget=forms.Select)
    kind = django_filters.ModelChoiceFilter(
        queryset=SchemeKind.objects.order_by(vi_order("name")),
        label="Loại mô hình",
        empty_label="Tất cả loại mô hình",
    )
    field = django_filters.ChoiceFilter(
        field_name="kind__field", choices=Field.choices, label="Lĩnh vực", empty_label="Tất cả lĩnh vực"
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, label="Tình trạng", empty_label="Mọi tình trạng")
    latest_rating = django_filters.ChoiceFilter(
        choices=[*Rating.choices, ("none", "Chưa có xếp loại")],
        method="filter_rating",
        label="Xếp loại gần nhất",
        empty_label="Mọi xếp loại",
    )
    focus = django_filters.MultipleChoiceFilter(
        choices=FOCUS_CHOICES,
        method="filter_focus",
        label="Trọng điểm",
        widget=forms.CheckboxSelectMultiple,
    )
    founded_year = django_filters.NumberFilter(
        field_name="founded_on",
        lookup_expr="year",
        label="Năm thành lập",
        min_value=1900,
        max_value=2100,
    )
    host = django_filters.ChoiceFilter(
        choices=HostOrganisation.choices, method="filter_host", label="Tổ chức nòng cốt", empty_label="Mọi tổ chức"
    )

    class Meta:
        model = Scheme
        fields = ["q", "unit", "kind", "field", "status", "latest_rating", "focus", "founded_year", "host"]

    def __init__(
        self, data=None, queryset=None, *, request=None, prefix=None, unit_choices=None, kind_source: str = ""
    ):
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.unit_choices = unit_choices
        if kind_source and kind_total() > SELECT_LIMIT:
            kind = _int((data or {}).get("kind"))
            self.form.fields["kind"].widget = search_select(
                source=kind_source,
                empty_label="Tất cả loại mô hình",
                chosen=SchemeKind.objects.filter(pk=kind).values_list("pk", "name") if kind is not None else [],
            )
        style_widgets(self.form.fields.values(), small=True, replace=True)
        for name, field in self.form.fields.items():
            field.widget.attrs.setdefault("id", f"id_{name}")
        if unit_choices is not None:
            self.form.fields["unit"].widget.choices = unit_choices

    def get_form_class(self):
        # django-filter builds a form class for every request; these filters' fields do not depend
        # on the request, so one class serves the process (its forms copy the fields as any form does).
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    @property
    def qs(self):
        return self.hide_voided(super().qs)

    def hide_voided(self, queryset):
        """``queryset`` (of anything with a scheme ``status``) without voided records, unless a status is asked for."""
        if self.is_bound and self.form.is_valid() and self.form.cleaned_data.get("status"):
            return queryset
        return queryset.exclude(status=Status.VOIDED)

    def filter_q(self, queryset, name, value):
        for word in fold(value).split()[:8]:
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def filter_unit(self, queryset, name, value):
        unit = AdminUnit.objects.filter(pk=value).only("path", "era").first()
        if unit is None:
            return queryset.none()
        if unit.era == Era.LEGACY:
            return queryset.filter(legacy_commune__path__startswith=unit.path)
        return queryset.filter(commune__path__startswith=unit.path)

    def filter_rating(self, queryset, name, value):
        if value == "none":
            return queryset.filter(latest_rating="")
        return queryset.filter(latest_rating=value)

    def filter_focus(self, queryset, name, value):
        condition = Q()
        for key in value:
            condition |= Q(**{FOCUS_FIELDS[key]: True})
        return queryset.filter(condition) if value else queryset

    def filter_host(self, queryset, name, value):
        # JSON "contains" is not available on SQLite; the quoted value inside the JSON text is.
        return queryset.filter(Q(host=value) | Q(co_hosts__icontains=f'"{value}"'))


def filtered_schemes_for(user, query):
    """The list page's schemes for ``user`` and its query string: scoped, then filtered by the list's FilterSet.

    The registry export (page and background job) writes exactly what the list shows."""
    return SchemeFilterSet(query, queryset=Scheme.objects.visible_to(user)).qs
