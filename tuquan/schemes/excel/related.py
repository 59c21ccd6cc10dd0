"""Importing the teams, members and activity sheets of a workbook (the sheets the export writes).

Each row names its scheme by the «Mã mô hình» column (an existing scheme the user may change) or by
«STT mô hình», the «STT» of a row of the «Mô hình» sheet of the same file — the way to attach teams,
members and reports to a scheme the file creates (it has no code yet); when both are given they must
name the same scheme. Rows are written through the registry services (``team_create``/``team_update``, ``member_*``,
``activity_report_*``), so their rules and messages are the services' own — the national ID of 12
digits and the phone format included — and django-auditlog records each. A row matching what is
already there (same team name; same national ID, or same name and birth year; same period) updates
it, so importing the same file twice creates nothing. Masked values from an export made without the
right to see personal data ("090****45", "***123") leave the stored value as it is.

They run in the transaction of the schemes sheet, after its rows are written (a preview writes them
too, so that a new scheme exists for its teams): a preview rolls everything back, an apply keeps it
only if no row of any sheet failed.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError

from tuquan.core.text import fold
from tuquan.schemes import services
from tuquan.schemes.choices import MemberRole
from tuquan.schemes.excel.cells import CellError, cell_text, to_bool, to_date, to_int, to_phone
from tuquan.schemes.excel.columns import SCHEME_ROW_COLUMN, SCHEME_SHEET_TITLE, SHEETS, STT_KEYS, CellType, header_key
from tuquan.schemes.excel.exporters import RELATED_INFORMATIONAL
from tuquan.schemes.models import ActivityReport, Member, Scheme, Team

INFORMATIONAL = set(RELATED_INFORMATIONAL)
ROLE_BY_TEXT = {fold(label): value for value, label in MemberRole.choices} | {
    value: value for value in MemberRole.values
}


@dataclass
class SheetResult:
    title: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # (row, column header, message)
    # scheme pk → {"created": n, "updated": n, "unchanged": n}: which scheme each written row went to
    by_scheme: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))


@dataclass
class SchemeRow:
    """A row of the «Mô hình» sheet, as the related rows that name it by its «STT» see it."""

    row: int
    name: str
    scheme: Scheme | None = None  # the scheme it creates or updates, saved; None if the row has errors
    new: bool = False

    def describe(self) -> str:
        if self.scheme is None:
            return f"dòng {self.row} (còn lỗi)"
        if self.new:
            return f"mô hình mới «{self.name}» (dòng {self.row})"
        return f"mô hình {self.scheme.code} «{self.name}» (dòng {self.row})"


@dataclass
class SchemeRows:
    """The «Mô hình» sheet's rows by their «STT» (text as written: 3, "3" and 3.0 are the same)."""

    has_stt: bool = False
    by_stt: dict[str, list[SchemeRow]] = field(default_factory=dict)
    new_pks: frozenset[int] = frozenset()  # schemes the file creates: they have no code the file could know


def scheme_label(scheme: Scheme, new_pks: frozenset[int]) -> str:
    return f"«{scheme.name}»" if scheme.pk in new_pks else scheme.code


def _masked(value) -> bool:
    return isinstance(value, str) and "*" in value


class _Sheet:
    key = ""

    def __init__(self, user, table, schemes: dict[str, Scheme], scheme_rows: SchemeRows | None = None):
        self.user = user
        self.table = table
        self.title, columns = SHEETS[self.key]
        columns = (*columns, SCHEME_ROW_COLUMN)
        self.columns = {column.key: column for column in columns}
        by_header = {}
        for column in columns:
            for text in (column.header, *column.synonyms):
                by_header.setdefault(header_key(text), column)
        self.positions = {}
        self.own_stt = None  # the sheet's own «STT» column: numbers its rows, refers to nothing
        for position, header in enumerate(table.headers):
            column = by_header.get(header_key(header))
            if column is not None and column.key not in INFORMATIONAL:
                self.positions.setdefault(column.key, position)
            elif column is None and header_key(header) in STT_KEYS and self.own_stt is None:
                self.own_stt = position
        self.schemes = schemes  # existing schemes by code
        self.scheme_rows = scheme_rows or SchemeRows()
        self.result = SheetResult(self.title)

    def header(self, key: str) -> str:
        column = self.columns.get(key)
        return self.table.headers[self.positions[key]] if key in self.positions else (column.header if column else "—")

    def error(self, number: int, key: str, message: str) -> None:
        column = "—" if key in (NON_FIELD_ERRORS, "__all__") else self.header(key)
        self.result.errors.append((number, column, message))

    def cells(self, number: int, values: list) -> dict | None:
        data, failed = {}, False
        for key, position in self.positions.items():
            value = values[position]
            if key in ("scheme_code", "scheme_row"):
                continue
            column = self.columns[key]
            if _masked(value):
                continue
            try:
                if column.type == CellType.DATE:
                    data[key] = to_date(value)
                elif column.type == CellType.INT:
                    data[key] = to_int(value) if cell_text(value) or key != "birth_year" else None
                elif column.type == CellType.BOOL:
                    data[key] = to_bool(value)
                elif key == "phone":
                    data[key] = to_phone(value) if cell_text(value) else ""
                else:
                    data[key] = cell_text(value)
            except CellError as exc:
                self.error(number, key, str(exc))
                failed = True
        return None if failed else data

    def text(self, values: list, key: str) -> str:
        return cell_text(values[self.positions[key]]).strip() if key in self.positions else ""

    def blank(self, values: list) -> bool:
        """A row with nothing but its own «STT» (numbered in advance) is an empty row."""
        return not any(cell_text(value).strip() for i, value in enumerate(values) if i != self.own_stt)

    def scheme_of(self, number: int, values: list) -> Scheme | None:
        """The scheme a row names: by «Mã mô hình» (existing), by «STT mô hình» (a row of the «Mô hình»
        sheet of this file), or by both when they agree."""
        code, stt = self.text(values, "scheme_code"), self.text(values, "scheme_row")
        if not code and not stt:
            if "scheme_code" not in self.positions and "scheme_row" not in self.positions:
                message = (
                    "Thiếu cột «Mã mô hình» (mô hình đã có trong sổ đăng ký) hoặc «STT mô hình» (STT của mô hình "
                    f"ở trang «{SCHEME_SHEET_TITLE}» trong tệp này): mỗi dòng phải ghi một trong hai."
                )
            else:
                message = (
                    "Ghi «Mã mô hình» của mô hình đã có, hoặc «STT mô hình» là số STT của mô hình ở trang "
                    f"«{SCHEME_SHEET_TITLE}» trong tệp này (mô hình mới chưa có mã)."
                )
            self.error(number, "scheme_code" if "scheme_code" in self.positions else "scheme_row", message)
            return None
        coded = None
        if code:
            coded = self.schemes.get(code)
            if coded is None:
                self.error(number, "scheme_code", f"Không có mô hình mã «{code}» trong địa bàn bạn được sửa.")
                return None
        if not stt:
            return coded
        candidates = self.scheme_rows.by_stt.get(stt, [])
        if not candidates:
            hint = (
                "" if self.scheme_rows.has_stt else f" (trang «{SCHEME_SHEET_TITLE}» không có cột «STT» để đối chiếu)"
            )
            self.error(number, "scheme_row", f"Trang «{SCHEME_SHEET_TITLE}» không có dòng nào có STT «{stt}»{hint}.")
            return None
        if coded is not None:
            if any(row.scheme is not None and row.scheme.pk == coded.pk for row in candidates):
                return coded
            named = "; ".join(row.describe() for row in candidates)
            self.error(
                number,
                "scheme_row",
                f"«Mã mô hình» {code} và «STT mô hình» {stt} không chỉ cùng một mô hình: STT {stt} ở trang "
                f"«{SCHEME_SHEET_TITLE}» là {named}. Chỉ ghi một trong hai, hoặc sửa cho khớp.",
            )
            return None
        if len(candidates) > 1:
            rows = ", ".join(str(row.row) for row in candidates)
            self.error(
                number,
                "scheme_row",
                f"STT «{stt}» có ở {len(candidates)} dòng của trang «{SCHEME_SHEET_TITLE}» (dòng {rows}), không "
                "biết chọn mô hình nào: đánh STT khác nhau hoặc ghi «Mã mô hình».",
            )
            return None
        target = candidates[0]
        if target.scheme is None:
            self.error(
                number,
                "scheme_row",
                f"Dòng {target.row} của trang «{SCHEME_SHEET_TITLE}» (STT {stt}) còn lỗi nên chưa kiểm tra được "
                "dòng này; sửa dòng đó trước.",
            )
            return None
        return target.scheme

    def targets(self) -> list[int]:
        """The pks of every scheme the sheet's rows may name (to read their teams, members, reports once)."""
        pks = {scheme.pk for scheme in self.schemes.values()}
        for rows in self.scheme_rows.by_stt.values():
            pks.update(row.scheme.pk for row in rows if row.scheme is not None)
        return sorted(pks)

    def run(self) -> SheetResult:
        if not self.table.rows:
            return self.result
        self.load()
        for number, values in self.table.rows:
            if self.blank(values):
                continue
            scheme = self.scheme_of(number, values)
            data = self.cells(number, values)
            if scheme is None or data is None:
                continue
            try:
                outcome = self.write(scheme, data)
            except ValidationError as exc:
                errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
                for key, messages in errors.items():
                    for message in messages:
                        self.error(number, key, message)
                continue
            except PermissionDenied as exc:
                self.error(number, "scheme_code", str(exc) or "Bạn không có quyền ghi dòng này.")
                continue
            setattr(self.result, outcome, getattr(self.result, outcome) + 1)
            self.result.by_scheme[scheme.pk][outcome] += 1
        return self.result

    @staticmethod
    def _changed(instance, data: dict) -> dict:
        return {key: value for key, value in data.items() if getattr(instance, key) != value}

    def load(self) -> None:
        raise NotImplementedError

    def write(self, scheme: Scheme, data: dict) -> str:
        raise NotImplementedError


class TeamSheet(_Sheet):
    key = "teams"

    def load(self) -> None:
        self.teams = {
            (team.scheme_id, fold(team.name)): team
            for team in Team.objects.filter(scheme_id__in=self.targets()).select_related("scheme")
        }

    def write(self, scheme: Scheme, data: dict) -> str:
        team = self.teams.get((scheme.pk, fold(data.get("name", ""))))
        if team is None:
            team = services.team_create(user=self.user, scheme=scheme, data=data)
            self.teams[(scheme.pk, fold(team.name))] = team
            return "created"
        changed = self._changed(team, data)
        if not changed:
            return "unchanged"
        services.team_update(user=self.user, team=team, data=changed)
        return "updated"


class MemberSheet(_Sheet):
    key = "members"

    def load(self) -> None:
        self.teams = {
            (team.scheme_id, fold(team.name)): team for team in Team.objects.filter(scheme_id__in=self.targets())
        }
        self.by_id, self.by_name = {}, {}
        for member in Member.objects.filter(scheme_id__in=self.targets()).select_related("scheme", "team"):
            if member.national_id:
                self.by_id[(member.scheme_id, member.national_id)] = member
            self.by_name[(member.scheme_id, fold(member.full_name), member.birth_year)] = member

    def cells(self, number: int, values: list) -> dict | None:
        data = super().cells(number, values)
        if data is None:
            return None
        if "role" in data:
            text = data.pop("role")
            if text:
                role = ROLE_BY_TEXT.get(fold(text))
                if role is None:
                    labels = ", ".join(label for _, label in MemberRole.choices)
                    self.error(number, "role", f"Không nhận ra chức danh «{text}»; chọn một trong: {labels}.")
                    return None
                data["role"] = role
        if "national_id" in data:
            data["national_id"] = data["national_id"].replace(" ", "")
        return data

    def write(self, scheme: Scheme, data: dict) -> str:
        team_name = data.pop("team", None)
        if team_name is not None:
            data["team"] = None
            if team_name:
                data["team"] = self.teams.get((scheme.pk, fold(team_name)))
                if data["team"] is None:
                    label = scheme_label(scheme, self.scheme_rows.new_pks)
                    raise ValidationError(
                        {"team": [f"Mô hình {label} không có tổ «{team_name}» (trên trang «Tổ» hay trong sổ đăng ký)."]}
                    )
        member = None
        if data.get("national_id"):
            member = self.by_id.get((scheme.pk, data["national_id"]))
        if member is None:
            member = self.by_name.get((scheme.pk, fold(data.get("full_name", "")), data.get("birth_year")))
        if member is None:
            member = services.member_create(user=self.user, scheme=scheme, data=data)
            if member.national_id:
                self.by_id[(scheme.pk, member.national_id)] = member
            self.by_name[(scheme.pk, fold(member.full_name), member.birth_year)] = member
            return "created"
        changed = self._changed(member, data)
        if not changed:
            return "unchanged"
        services.member_update(user=self.user, member=member, data=changed)
        return "updated"


class ActivitySheet(_Sheet):
    key = "activity"

    def load(self) -> None:
        self.reports = {
            (report.scheme_id, report.period_start, report.period_end): report
            for report in ActivityReport.objects.filter(scheme_id__in=self.targets()).select_related("scheme")
        }

    def write(self, scheme: Scheme, data: dict) -> str:
        report = self.reports.get((scheme.pk, data.get("period_start"), data.get("period_end")))
        if report is None:
            report = services.activity_report_create(user=self.user, scheme=scheme, data=data)
            self.reports[(scheme.pk, report.period_start, report.period_end)] = report
            return "created"
        changed = self._changed(report, data)
        if not changed:
            return "unchanged"
        services.activity_report_update(user=self.user, report=report, data=changed)
        return "updated"


SHEET_IMPORTERS = (TeamSheet, MemberSheet, ActivitySheet)  # teams first: members name their team


def import_related(*, user, tables: dict, progress=None, scheme_rows: SchemeRows | None = None) -> list[SheetResult]:
    """Write the related sheets of a workbook (inside the caller's transaction); their results and errors.

    ``scheme_rows``: the «Mô hình» sheet's rows by «STT», with the schemes they were saved as.
    """
    scheme_rows = scheme_rows or SchemeRows()
    codes = {
        cell_text(values[position])
        for table in tables.values()
        for position in [next((i for i, h in enumerate(table.headers) if header_key(h) == "ma mo hinh"), None)]
        if position is not None
        for _, values in table.rows
    } - {""}
    schemes = {
        scheme.code: scheme
        for scheme in Scheme.objects.restrict(user, "change")
        .registered()
        .filter(code__in=codes)
        .exclude(pk__in=scheme_rows.new_pks)  # a code names a scheme that was there before the file
    }
    results = []
    for importer in SHEET_IMPORTERS:
        table = tables.get(importer.key)
        if table is None:
            continue
        if progress:
            progress.start(total=len(table.rows), message=f"Đang kiểm tra trang «{table.sheet}»")
        results.append(importer(user, table, schemes, scheme_rows).run())
        if progress:
            progress.set(len(table.rows))
    return results
