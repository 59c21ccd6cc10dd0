"""The registry table (django-tables2): Vietnamese sort, and the columns each user chooses."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from tuquan.core.text import vi_order
from tuquan.core.views import address_pattern
from tuquan.schemes.models import Scheme, SchemeKind

SESSION_KEY = "schemes.table.columns"
# The columns the registry table reads (any chosen column): the list loads only these, not the
# scheme's long texts (rules, search text) nor the related units' other fields.
LOADED_FIELDS = (
    "code",
    "name",
    "kind__name",
    "kind__field",
    "commune__name",
    "legacy_commune__name",
    "legacy_commune__parent__short_name",
    "area",
    "founded_on",
    "host",
    "leader_name",
    "camera_count",
    "focus_religion",
    "focus_ethnic",
    "focus_enterprise",
    "status",
    "latest_rating",
    "latest_rating_year",
)
# Columns a user cannot hide: the table is useless without them.
FIXED_COLUMNS = ("name",)
DEFAULT_COLUMNS = ("code", "name", "kind", "commune", "founded_on", "team_count", "status", "latest_rating")


class TemplateRowsMixin:
    """A table whose rows are a Django template loop (its ``Meta.template_name``), not django-tables2's cells.

    django-tables2's generic cells (a template render, the attributes computed again and the
    ``render_*`` method looked up for every cell) cost ~1.5 ms a row of the registry (ADR 0012); a
    loop written in the table's template costs a fraction of it (ADR 0017). Header, sorting, column
    choice and pagination stay django-tables2's, and ``tests/test_tables.py`` holds the rows equal
    to what django-tables2's own template renders from the ``render_*`` methods.
    """

    def cell_attrs(self) -> dict:
        """Each shown column's ``<td>`` attributes as django-tables2 writes them, asked once a page."""
        return {column.name: column.attrs["td"].as_html() for column in self.columns if column.visible}


class SchemeTable(TemplateRowsMixin, tables.Table):
    code = tables.Column(verbose_name="Mã", attrs={"td": {"class": "text-nowrap"}})
    name = tables.Column(verbose_name="Tên mô hình", linkify=True, attrs={"td": {"class": "col-name"}})
    kind = tables.Column(verbose_name="Loại mô hình", order_by=("kind__name",))
    field = tables.Column(verbose_name="Lĩnh vực", accessor="kind__get_field_display", order_by=("kind__field",))
    commune = tables.Column(verbose_name="Xã/phường/đặc khu")
    legacy_commune = tables.Column(verbose_name="Đơn vị cũ (trước 01/7/2025)")
    area = tables.Column(verbose_name="Thôn, tổ dân phố")
    founded_on = tables.DateColumn(
        verbose_name="Ngày thành lập", format="d/m/Y", attrs={"td": {"class": "text-nowrap"}}
    )
    host = tables.Column(verbose_name="Tổ chức nòng cốt")
    leader_name = tables.Column(verbose_name="Người phụ trách")
    team_count = tables.Column(verbose_name="Số tổ", attrs={"td": {"class": "num"}, "th": {"class": "num"}})
    member_count = tables.Column(verbose_name="Số thành viên", attrs={"td": {"class": "num"}, "th": {"class": "num"}})
    camera_count = tables.Column(verbose_name="Số camera", attrs={"td": {"class": "num"}, "th": {"class": "num"}})
    focus = tables.Column(verbose_name="Trọng điểm", accessor="pk", orderable=False)
    status = tables.Column(verbose_name="Tình trạng")
    latest_rating = tables.Column(verbose_name="Xếp loại gần nhất")

    class Meta:
        model = Scheme
        fields = ()
        sequence = (
            "code",
            "name",
            "kind",
            "field",
            "commune",
            "legacy_commune",
            "area",
            "founded_on",
            "host",
            "leader_name",
            "team_count",
            "member_count",
            "camera_count",
            "focus",
            "status",
            "latest_rating",
        )
        # By code: the unique index orders (and pages) any number of schemes; codes group by unit.
        order_by = ("code",)
        # The page size is the view's (checked against PAGE_SIZES), passed in; django-tables2 would
        # otherwise read ?per_page= itself, unchecked (?per_page=-1 was a 500).
        per_page_field = "_table_page_size"
        empty_text = "Không có mô hình nào khớp điều kiện lọc."
        template_name = "schemes/partials/scheme_table.html"
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "scheme-table"}

    def __init__(self, *args, visible_columns=None, **kwargs):
        super().__init__(*args, **kwargs)
        visible = set(visible_columns or DEFAULT_COLUMNS) | set(FIXED_COLUMNS)
        for name in self.base_columns:
            if name not in visible:
                self.columns.hide(name)

    @classmethod
    def column_choices(cls) -> list[tuple[str, str]]:
        return [(name, str(cls.base_columns[name].verbose_name)) for name in cls._meta.sequence]

    def order_name(self, queryset, is_descending):
        return queryset.order_by(vi_order("name", is_descending), "pk"), True

    def order_commune(self, queryset, is_descending):
        return queryset.order_by(vi_order("commune__name", is_descending), vi_order("name"), "pk"), True

    def order_kind(self, queryset, is_descending):
        return queryset.order_by(vi_order("kind__name", is_descending), vi_order("name"), "pk"), True

    def order_legacy_commune(self, queryset, is_descending):
        return queryset.order_by(vi_order("legacy_commune__name", is_descending), vi_order("name"), "pk"), True

    def order_leader_name(self, queryset, is_descending):
        return queryset.order_by(vi_order("leader_name", is_descending), vi_order("name"), "pk"), True

    def page_records(self) -> list:
        """The schemes of the page, each with ``detail_url`` (Scheme.get_absolute_url, reversed once a page)."""
        pattern = address_pattern("schemes:scheme_detail")
        records = list(self.paginated_rows.data)  # the records themselves (no pinned rows here)
        for record in records:
            record.detail_url = pattern.format(record.pk)
        return records

    def render_status(self, record, value):
        css = {"active": "success", "eliminated": "secondary", "merged": "info", "voided": "danger"}
        return format_html(
            '<span class="badge text-bg-{}">{}</span>', css.get(record.status, "light"), record.get_status_display()
        )

    def render_focus(self, record):
        labels = [
            label
            for flag, label in (
                (record.focus_religion, "Tôn giáo"),
                (record.focus_ethnic, "DTTS"),
                (record.focus_enterprise, "DN trọng điểm"),
            )
            if flag
        ]
        return ", ".join(labels) or "—"

    def render_latest_rating(self, record, value):
        return (
            f"{record.get_latest_rating_display()} ({record.latest_rating_year})"
            if record.latest_rating_year
            else value
        )

    def render_commune(self, record):
        return record.commune.name

    def render_legacy_commune(self, record):
        unit = record.legacy_commune
        return f"{unit.name} ({unit.parent.short_name})" if unit.parent_id else unit.name


def visible_columns_from_session(session) -> list[str]:
    stored = session.get(SESSION_KEY)
    valid = set(SchemeTable.base_columns)
    if isinstance(stored, list) and stored:
        return [name for name in stored if name in valid]
    return list(DEFAULT_COLUMNS)


def store_visible_columns(session, names) -> list[str]:
    valid = set(SchemeTable.base_columns)
    chosen = [name for name in SchemeTable._meta.sequence if name in set(names) and name in valid]
    session[SESSION_KEY] = chosen or list(DEFAULT_COLUMNS)
    return session[SESSION_KEY]


class KindTable(TemplateRowsMixin, tables.Table):
    name = tables.Column(verbose_name="Tên mô hình")
    field = tables.Column(verbose_name="Lĩnh vực")
    scheme_count = tables.Column(verbose_name="Số mô hình", attrs={"td": {"class": "num"}, "th": {"class": "num"}})
    is_active = tables.BooleanColumn(verbose_name="Đang sử dụng", yesno="Có,Ngừng")
    actions = tables.Column(verbose_name="", accessor="pk", orderable=False)

    class Meta:
        model = SchemeKind
        fields = ()
        sequence = ("name", "field", "scheme_count", "is_active", "actions")
        orderable = False
        empty_text = "Không có loại mô hình nào."
        template_name = "schemes/partials/kind_table.html"

    def render_scheme_count(self, record, value):
        """The count links to the registry filtered by this kind."""
        if not hasattr(self, "_list_url"):
            self._list_url = reverse("schemes:scheme_list")
        return format_html('<a href="{}?kind={}">{}</a>', self._list_url, record.pk, value)

    def render_actions(self, record):
        """A pencil to the kind's form, for those who may change the catalogue (asked once a page)."""
        if not hasattr(self, "_may_change"):
            self._may_change = self.request.user.has_perm("schemes.change_schemekind")
            self._update_url = address_pattern("schemes:kind_update")
        if not self._may_change:
            return ""
        return format_html(
            '<a class="btn btn-sm btn-link py-0" href="{}" aria-label="Sửa {}"><i class="bi bi-pencil"></i></a>',
            self._update_url.format(record.pk),
            record.name,
        )
