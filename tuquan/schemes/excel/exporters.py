"""Writing the scheme registry to .xlsx: the export of a (filtered) list and the import template.

Exports stream: rows come from ``values_list(...).iterator(chunk_size=...)`` (one query per sheet, no
model instances) into ``xlsx.XlsxStream``, which writes each row as XML text into the zip (150,000
schemes in seconds, memory flat); the small import template is built with openpyxl.
Text cells that a spreadsheet would run as a formula (``= + - @``) are prefixed with ``'``.
"""

import tempfile
from collections.abc import Iterable, Iterator

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
from tuquan.schemes.choices import Field, HostOrganisation, MemberRole, Rating, Status
from tuquan.schemes.excel.columns import (
    SCHEME_COLUMNS,
    SCHEME_ROW_COLUMN,
    SCHEME_SHEET_TITLE,
    SHEETS,
    STT_HEADER,
    CellType,
    Column,
)
from tuquan.schemes.excel.xlsx import XlsxStream
from tuquan.schemes.models import ActivityReport, Member, SchemeKind, Team

CHUNK_SIZE = 2000
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F3B5A")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
MASK = "***"
RELATED_INFORMATIONAL = ("scheme_name", "commune", "member_count")  # exported for reading, ignored on import


def neutralise(value):
    """A text that a spreadsheet would evaluate as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def mask_phone(phone: str) -> str:
    return f"{phone[:3]}****{phone[-2:]}" if len(phone) >= 6 else (MASK if phone else "")


def mask_national_id(national_id: str) -> str:
    return f"{MASK}{national_id[-3:]}" if national_id else ""


def _cell_kind(column: Column) -> str:
    if column.key == "latest_rating_year":
        return "year"
    return {CellType.BOOL: "bool", CellType.INT: "int"}.get(column.type, "other")


class _Sheet:
    """A write-only openpyxl worksheet with a styled, frozen header (the import template)."""

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


# --------------------------------------------------------------------------- rows


SCHEME_VALUES = {
    # column key → the value it shows, read with values_list (no model instances: 150,000 rows stream fast)
    "code": "code",
    "name": "name",
    "kind": "kind__name",
    "field": "kind__field",
    "commune": "commune__name",
    "legacy_commune": "legacy_commune__name",
    "legacy_district": "legacy_commune__parent__name",
    "area": "area",
    "founding_decision_number": "founding_decision_number",
    "founding_decision_date": "founding_decision_date",
    "founding_decision_issuer": "founding_decision_issuer",
    "founded_on": "founded_on",
    "host": "host",
    "co_hosts": "co_hosts",
    "host_detail": "host_detail",
    "leader_name": "leader_name",
    "leader_phone": "leader_phone",
    "rules": "rules",
    "facebook_url": "facebook_url",
    "zalo_group": "zalo_group",
    "camera_count": "camera_count",
    "focus_religion": "focus_religion",
    "focus_ethnic": "focus_ethnic",
    "focus_enterprise": "focus_enterprise",
    "replicated_from": "replicated_from__code",
    "status": "status",
    "ended_on": "ended_on",
    "latest_rating": "latest_rating",
    "latest_rating_year": "latest_rating_year",
}


def _scheme_rows(schemes: QuerySet) -> Iterator[list]:
    labels = {
        "field": dict(Field.choices),
        "host": dict(HostOrganisation.choices),
        "status": dict(Status.choices),
        "latest_rating": dict(Rating.choices),
    }
    host_labels = labels["host"]
    keys = [column.key for column in SCHEME_COLUMNS]
    lookups = [SCHEME_VALUES[key] for key in keys]
    co_hosts = keys.index("co_hosts")
    labelled = [(keys.index(key), mapping) for key, mapping in labels.items()]
    texts = [
        position
        for position, key in enumerate(keys)
        if SCHEME_VALUES[key].endswith("__name") or key == "replicated_from"
    ]
    for values in schemes.values_list(*lookups).iterator(chunk_size=CHUNK_SIZE):
        row = list(values)
        for position, mapping in labelled:
            row[position] = mapping.get(row[position], row[position] or "")
        row[co_hosts] = "; ".join(host_labels.get(value, value) for value in row[co_hosts] or [])
        for position in texts:
            if row[position] is None:
                row[position] = ""
        yield row


def _team_rows(user, schemes: QuerySet) -> Iterator[list]:
    teams = (
        Team.objects.visible_to(user)
        .filter(scheme__in=schemes.values("pk"))
        .annotate(member_count=Count("members"))
        .order_by("scheme__commune__path", "scheme__code", vi_order("name"), "pk")
        .values_list(
            "scheme__code",
            "scheme__name",
            "scheme__commune__name",
            "name",
            "area",
            "founded_on",
            "is_active",
            "member_count",
        )
    )
    for values in teams.iterator(chunk_size=CHUNK_SIZE):
        yield list(values)


def _member_rows(user, schemes: QuerySet, personal_data: bool) -> Iterator[list]:
    roles = dict(MemberRole.choices)
    members = (
        Member.objects.visible_to(user)
        .filter(scheme__in=schemes.values("pk"))
        .order_by("scheme__commune__path", "scheme__code", "team__name", vi_order("full_name"), "pk")
        .values_list(
            "scheme__code",
            "scheme__name",
            "scheme__commune__name",
            "team__name",
            "full_name",
            "birth_year",
            "role",
            "phone",
            "national_id",
            "address",
            "joined_on",
            "left_on",
        )
    )
    for values in members.iterator(chunk_size=CHUNK_SIZE):
        row = list(values)
        row[3] = row[3] or ""
        row[6] = roles.get(row[6], row[6])
        if not personal_data:
            row[7], row[8], row[9] = mask_phone(row[7]), mask_national_id(row[8]), MASK if row[9] else ""
        yield row


def _activity_rows(user, schemes: QuerySet) -> Iterator[list]:
    reports = (
        ActivityReport.objects.visible_to(user)
        .filter(scheme__in=schemes.values("pk"))
        .order_by("scheme__commune__path", "scheme__code", "period_start", "pk")
        .values_list(
            "scheme__code",
            "scheme__name",
            "scheme__commune__name",
            "period_start",
            "period_end",
            *ActivityReport.COUNTERS,
            "notes",
        )
    )
    for values in reports.iterator(chunk_size=CHUNK_SIZE):
        yield list(values)


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


def _sheet_querysets(user, schemes: QuerySet) -> dict[str, QuerySet]:
    """What each sheet counts (for progress)."""
    ids = schemes.values("pk")
    return {
        "schemes": schemes,
        "teams": Team.objects.visible_to(user).filter(scheme__in=ids),
        "members": Member.objects.visible_to(user).filter(scheme__in=ids),
        "activity": ActivityReport.objects.visible_to(user).filter(scheme__in=ids),
    }


def write_workbook(output, *, user, schemes: QuerySet, sheets: Iterable[str], description: str = "", progress=None):
    """Write the .xlsx of ``schemes`` (already scoped to ``user``) with the asked ``sheets`` into ``output``.

    ``sheets``: keys of ``columns.SHEETS`` ("schemes", "teams", "members", "activity").
    Members' phone, national ID and address are masked unless the user may see personal data.
    ``progress`` (a ``tuquan.core.jobs.Progress``): told each sheet's size and every row written.
    """
    wanted = [key for key in SHEETS if key in set(sheets)] or ["schemes"]
    schemes = _default_order(schemes)
    personal_data = user.has_perm("schemes.view_member_personal_data")
    written = 0
    if progress:
        counted = _sheet_querysets(user, schemes)
        progress.start(total=sum(counted[key].count() for key in wanted), unit_label="dòng")
    with XlsxStream(output) as book:
        for key in wanted:
            title, columns = SHEETS[key]
            kinds = [_cell_kind(column) for column in columns]
            sheet = book.sheet(
                title,
                widths=[column.width for column in columns],
                kinds=kinds,
                header=[column.header for column in columns],
            )
            if key == "schemes":
                rows = _scheme_rows(schemes)
            elif key == "teams":
                rows = _team_rows(user, schemes)
            elif key == "members":
                rows = _member_rows(user, schemes, personal_data)
            else:
                rows = _activity_rows(user, schemes)
            if progress:
                progress.note(f"Trang «{title}»")
            flags = [position for position, kind in enumerate(kinds) if kind == "bool"]
            for row in rows:
                for position in flags:
                    row[position] = "Có" if row[position] else None
                sheet.append([neutralise(value) if isinstance(value, str) else value for value in row])
                if progress and sheet.rows % PROGRESS_ROWS == 0:
                    progress.set(written + sheet.rows)
            written += sheet.rows
            if progress:
                progress.set(written)
            if key == "members" and personal_data and sheet.rows:
                _log_personal_data_export(user, sheet.rows, description)
        if progress:
            progress.note("Đang đóng gói tệp .xlsx")


PROGRESS_ROWS = 500
SYNC_SCHEMES = 5_000  # larger lists are exported by a background job with progress


def export_workbook(
    *, user, schemes: QuerySet, sheets: Iterable[str], description: str = ""
) -> tempfile.SpooledTemporaryFile:
    """The .xlsx of ``schemes`` (already scoped to ``user``) with the asked ``sheets``, as an open temp file."""
    output = tempfile.TemporaryFile(suffix=".xlsx")
    write_workbook(output, user=user, schemes=schemes, sheets=sheets, description=description)
    output.seek(0)
    return output


def export_workbook_to(path, *, user, schemes: QuerySet, sheets: Iterable[str], description: str = "", progress=None):
    """The same workbook written to ``path`` (a background export job's result file)."""
    with open(path, "wb") as output:
        write_workbook(output, user=user, schemes=schemes, sheets=sheets, description=description, progress=progress)


STT_COLUMN = Column("stt", STT_HEADER, 6, CellType.INT)
TEMPLATE_NOTES_TITLE = "Hướng dẫn"
TEMPLATE_NOTES = (
    f"Trang «{SCHEME_SHEET_TITLE}»: mỗi dòng một mô hình, tổ chức. Bắt buộc: Tên mô hình, tổ chức; Loại mô hình; "
    "Ngày thành lập (dd/mm/yyyy); Xã/phường/đặc khu (có thể ghi tên cũ trước 01/7/2025).",
    "«Mã mô hình» do hệ thống cấp: để trống với mô hình mới; ghi mã để cập nhật mô hình đã có. Dòng không có mã "
    "được so theo xã và tên mô hình, nên nhập lại cùng một tệp không tạo trùng.",
    "«STT»: số thứ tự của dòng, như sổ theo dõi vẫn đánh (1, 2, 3...). Trên trang «Mô hình» các STT phải khác "
    "nhau nếu các trang khác dùng đến.",
    "Trang «Tổ», «Thành viên», «Kết quả hoạt động»: mỗi dòng ghi mô hình của nó bằng MỘT trong hai cột: "
    "«Mã mô hình» (mô hình đã có trong sổ đăng ký) hoặc «STT mô hình» = số STT của mô hình đó ở trang «Mô hình» "
    "trong cùng tệp (dùng cho mô hình mới, chưa có mã). Ghi cả hai thì phải cùng chỉ một mô hình.",
    "Thành viên ghi «Tổ» bằng tên tổ (của trang «Tổ» hoặc đã có); số định danh cá nhân (CCCD) 12 chữ số; số "
    "điện thoại bắt đầu bằng 0 hoặc +84. Tổ trùng tên, thành viên trùng số định danh (hoặc trùng họ tên và năm "
    "sinh), kết quả hoạt động trùng kỳ được cập nhật chứ không thêm mới.",
    "Cả tệp được ghi cùng lúc, hoặc không dòng nào nếu còn lỗi; trước khi ghi có trang xem trước nêu từng lỗi "
    "(trang, dòng, cột).",
    "Trang «Danh mục» liệt kê loại mô hình, xã/phường/đặc khu và tổ chức nòng cốt hợp lệ.",
)


def template_workbook(*, user) -> tempfile.SpooledTemporaryFile:
    """The import template: the scheme sheet's headers and a sheet of valid kinds, communes and hosts."""
    workbook = Workbook(write_only=True)
    importable = [column for column in SCHEME_COLUMNS if column.importable]
    _Sheet(workbook, SHEETS["schemes"][0], [STT_COLUMN, *importable])
    # Teams, members and activity, each row naming its scheme by «Mã mô hình» (an existing scheme) or by
    # «STT mô hình» (the STT of its row on the schemes sheet: a scheme the same file creates).
    for key in ("teams", "members", "activity"):
        title, columns = SHEETS[key]
        code, *rest = [column for column in columns if column.key not in RELATED_INFORMATIONAL]
        _Sheet(workbook, title, [STT_COLUMN, code, SCHEME_ROW_COLUMN, *rest])

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

    notes = workbook.create_sheet(title=TEMPLATE_NOTES_TITLE)
    notes.column_dimensions["A"].width = 120
    title = WriteOnlyCell(notes, value="Cách điền tệp mẫu nhập mô hình")
    title.font = Font(bold=True, size=13)
    notes.append([title])
    for text in TEMPLATE_NOTES:
        cell = WriteOnlyCell(notes, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        notes.append([cell])
    output = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(output)
    output.seek(0)
    return output
