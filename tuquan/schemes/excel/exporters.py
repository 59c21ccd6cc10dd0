"""Writing the scheme registry to .xlsx: the export of a (filtered) list and the import template.

openpyxl's write-only mode streams rows to temporary files, so 150,000 schemes stay within a
few hundred MB; the rows come from ``.iterator(chunk_size=...)`` over one query per sheet.
Text cells that a spreadsheet would run as a formula (``= + - @``) are prefixed with ``'``.
"""

import tempfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, QuerySet
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from tuquan.core.text import vi_order
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit
from tuquan.schemes.choices import Field, HostOrganisation
from tuquan.schemes.excel.columns import SCHEME_COLUMNS, SHEETS, CellType, Column
from tuquan.schemes.models import ActivityReport, Member, Scheme, SchemeKind, Team

CHUNK_SIZE = 2000
DATE_FORMAT = "DD/MM/YYYY"
INT_FORMAT = "#,##0"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F3B5A")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
MASK = "***"


def neutralise(value):
    """A text that a spreadsheet would evaluate as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def mask_phone(phone: str) -> str:
    return f"{phone[:3]}****{phone[-2:]}" if len(phone) >= 6 else (MASK if phone else "")


def mask_national_id(national_id: str) -> str:
    return f"{MASK}{national_id[-3:]}" if national_id else ""


class _Sheet:
    """A write-only worksheet with a styled, frozen header and typed cells."""

    def __init__(self, workbook: Workbook, title: str, columns: Iterable[Column]):
        self.columns = tuple(columns)
        self.sheet = workbook.create_sheet(title=title)
        for position, column in enumerate(self.columns, start=1):
            self.sheet.column_dimensions[get_column_letter(position)].width = column.width
        self.sheet.freeze_panes = "A2"
        header = []
        for column in self.columns:
            cell = WriteOnlyCell(self.sheet, value=column.header)
            cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
            header.append(cell)
        self.sheet.append(header)
        self.rows = 0

    def append(self, values: Iterable) -> None:
        row = []
        for column, value in zip(self.columns, values, strict=True):
            if isinstance(value, datetime):
                value = value.date()
            if isinstance(value, date):
                cell = WriteOnlyCell(self.sheet, value=value)
                cell.number_format = DATE_FORMAT
                row.append(cell)
            elif column.type == CellType.BOOL:
                row.append("Có" if value else "")
            elif isinstance(value, int) and column.type == CellType.INT:
                cell = WriteOnlyCell(self.sheet, value=value)
                cell.number_format = INT_FORMAT if column.key != "latest_rating_year" else "0"
                row.append(cell)
            else:
                row.append(neutralise(value))
        self.sheet.append(row)
        self.rows += 1


# --------------------------------------------------------------------------- rows


def _scheme_rows(schemes: QuerySet) -> Iterator[list]:
    field_labels = dict(Field.choices)
    host_labels = dict(HostOrganisation.choices)
    queryset = schemes.select_related("kind", "commune", "legacy_commune__parent", "replicated_from").only(
        *(f.name for f in Scheme._meta.concrete_fields if f.name != "search_text"),
        "kind__name",
        "kind__field",
        "commune__name",
        "legacy_commune__name",
        "legacy_commune__parent__name",
        "replicated_from__code",
    )
    for scheme in queryset.iterator(chunk_size=CHUNK_SIZE):
        legacy = scheme.legacy_commune
        values = {
            "code": scheme.code,
            "name": scheme.name,
            "kind": scheme.kind.name,
            "field": field_labels.get(scheme.kind.field, scheme.kind.field),
            "commune": scheme.commune.name,
            "legacy_commune": legacy.name if legacy else "",
            "legacy_district": legacy.parent.name if legacy and legacy.parent else "",
            "area": scheme.area,
            "founding_decision_number": scheme.founding_decision_number,
            "founding_decision_date": scheme.founding_decision_date,
            "founding_decision_issuer": scheme.founding_decision_issuer,
            "founded_on": scheme.founded_on,
            "host": host_labels.get(scheme.host, scheme.host),
            "co_hosts": "; ".join(host_labels.get(value, value) for value in scheme.co_hosts or []),
            "host_detail": scheme.host_detail,
            "leader_name": scheme.leader_name,
            "leader_phone": scheme.leader_phone,
            "rules": scheme.rules,
            "facebook_url": scheme.facebook_url,
            "zalo_group": scheme.zalo_group,
            "camera_count": scheme.camera_count,
            "focus_religion": scheme.focus_religion,
            "focus_ethnic": scheme.focus_ethnic,
            "focus_enterprise": scheme.focus_enterprise,
            "replicated_from": scheme.replicated_from.code if scheme.replicated_from_id else "",
            "status": scheme.get_status_display(),
            "ended_on": scheme.ended_on,
            "latest_rating": scheme.get_latest_rating_display(),
            "latest_rating_year": scheme.latest_rating_year,
        }
        yield [values[column.key] for column in SCHEME_COLUMNS]


def _team_rows(user, schemes: QuerySet) -> Iterator[list]:
    teams = (
        Team.objects.visible_to(user)
        .filter(scheme__in=schemes.values("pk"))
        .select_related("scheme__commune")
        .annotate(member_count=Count("members"))
        .order_by("scheme__commune__path", "scheme__code", vi_order("name"), "pk")
    )
    for team in teams.iterator(chunk_size=CHUNK_SIZE):
        yield [
            team.scheme.code,
            team.scheme.name,
            team.scheme.commune.name,
            team.name,
            team.area,
            team.founded_on,
            team.is_active,
            team.member_count,
        ]


def _member_rows(user, schemes: QuerySet, personal_data: bool) -> Iterator[list]:
    members = (
        Member.objects.visible_to(user)
        .filter(scheme__in=schemes.values("pk"))
        .select_related("scheme__commune", "team")
        .order_by("scheme__commune__path", "scheme__code", "team__name", vi_order("full_name"), "pk")
    )
    for member in members.iterator(chunk_size=CHUNK_SIZE):
        phone, national_id, address = member.phone, member.national_id, member.address
        if not personal_data:
            phone, national_id, address = mask_phone(phone), mask_national_id(national_id), MASK if address else ""
        yield [
            member.scheme.code,
            member.scheme.name,
            member.scheme.commune.name,
            member.team.name if member.team_id else "",
            member.full_name,
            member.birth_year,
            member.get_role_display(),
            phone,
            national_id,
            address,
            member.joined_on,
            member.left_on,
        ]


def _activity_rows(user, schemes: QuerySet) -> Iterator[list]:
    reports = (
        ActivityReport.objects.visible_to(user)
        .filter(scheme__in=schemes.values("pk"))
        .select_related("scheme__commune")
        .order_by("scheme__commune__path", "scheme__code", "period_start", "pk")
    )
    for report in reports.iterator(chunk_size=CHUNK_SIZE):
        yield [
            report.scheme.code,
            report.scheme.name,
            report.scheme.commune.name,
            report.period_start,
            report.period_end,
            report.patrols,
            report.meetings,
            report.propaganda_sessions,
            report.propaganda_attendance,
            report.tips_to_police,
            report.cases_detected,
            report.cases_handed_over,
            report.disputes_mediated,
            report.incidents,
            report.notes,
        ]


# --------------------------------------------------------------------------- workbooks


def _default_order(schemes: QuerySet) -> QuerySet:
    if schemes.query.order_by:
        return schemes
    return schemes.order_by("commune__path", vi_order("name"), "pk")


def _log_personal_data_export(user, count: int, description: str) -> None:
    """DESIGN.md: every export of members' personal data is logged (who, when, how many, which list)."""
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Member),
        object_pk="",
        object_repr=f"Xuất Excel dữ liệu cá nhân của {count} thành viên",
        action=LogEntry.Action.ACCESS,
        actor=user if user.is_authenticated else None,
        changes={},
        additional_data={"export": "schemes.excel", "members": count, "filter": description},
    )


def export_workbook(
    *, user, schemes: QuerySet, sheets: Iterable[str], description: str = ""
) -> tempfile.SpooledTemporaryFile:
    """The .xlsx of ``schemes`` (already scoped to ``user``) with the asked ``sheets``, as an open temp file.

    ``sheets``: keys of ``columns.SHEETS`` ("schemes", "teams", "members", "activity").
    Members' phone, national ID and address are masked unless the user may see personal data.
    """
    wanted = [key for key in SHEETS if key in set(sheets)] or ["schemes"]
    schemes = _default_order(schemes)
    workbook = Workbook(write_only=True)
    personal_data = user.has_perm("schemes.view_member_personal_data")
    for key in wanted:
        title, columns = SHEETS[key]
        sheet = _Sheet(workbook, title, columns)
        if key == "schemes":
            rows = _scheme_rows(schemes)
        elif key == "teams":
            rows = _team_rows(user, schemes)
        elif key == "members":
            rows = _member_rows(user, schemes, personal_data)
        else:
            rows = _activity_rows(user, schemes)
        for row in rows:
            sheet.append(row)
        if key == "members" and personal_data and sheet.rows:
            _log_personal_data_export(user, sheet.rows, description)
    output = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(output)
    output.seek(0)
    return output


def template_workbook(*, user) -> tempfile.SpooledTemporaryFile:
    """The import template: the scheme sheet's headers and a sheet of valid kinds, communes and hosts."""
    workbook = Workbook(write_only=True)
    importable = [column for column in SCHEME_COLUMNS if column.importable]
    _Sheet(workbook, SHEETS["schemes"][0], importable)

    catalogue = workbook.create_sheet(title="Danh mục")
    widths = {"A": 40, "B": 34, "D": 12, "E": 34, "G": 36}
    for letter, width in widths.items():
        catalogue.column_dimensions[letter].width = width
    catalogue.freeze_panes = "A2"
    header = []
    for text in ("Loại mô hình", "Lĩnh vực", "", "Mã xã", "Xã/phường/đặc khu", "", "Tổ chức nòng cốt"):
        cell = WriteOnlyCell(catalogue, value=text or None)
        if text:
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        header.append(cell)
    catalogue.append(header)
    field_labels = dict(Field.choices)
    kinds = [
        (kind.name, field_labels.get(kind.field, kind.field))
        for kind in SchemeKind.objects.filter(is_active=True).order_by(vi_order("name")).only("name", "field")
    ]
    communes = list(
        AdminUnit.objects.visible_to(user)
        .filter(era=Era.CURRENT, level=Level.COMMUNE)
        .order_by(vi_order("name"))
        .values_list("code", "name")
    )
    hosts = [label for _, label in HostOrganisation.choices]
    for position in range(max(len(kinds), len(communes), len(hosts))):
        kind = kinds[position] if position < len(kinds) else ("", "")
        commune = communes[position] if position < len(communes) else ("", "")
        host = hosts[position] if position < len(hosts) else ""
        catalogue.append([kind[0], kind[1], None, commune[0], commune[1], None, host])
    output = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(output)
    output.seek(0)
    return output
