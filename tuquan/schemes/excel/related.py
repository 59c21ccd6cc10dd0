"""Importing the teams, members and activity sheets of a workbook (the sheets the export writes).

Each row names its scheme by the «Mã mô hình» column (an existing scheme the user may change). Rows
are written through the registry services (``team_create``/``team_update``, ``member_*``,
``activity_report_*``), so their rules and messages are the services' own — the national ID of 12
digits and the phone format included — and django-auditlog records each. A row matching what is
already there (same team name; same national ID, or same name and birth year; same period) updates
it, so importing the same file twice creates nothing. Masked values from an export made without the
right to see personal data ("090****45", "***123") leave the stored value as it is.

They run in the transaction of the schemes sheet: a preview rolls them back, an apply keeps them only
if no row of any sheet failed.
"""

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError

from tuquan.core.text import fold
from tuquan.schemes import services
from tuquan.schemes.choices import MemberRole
from tuquan.schemes.excel.cells import CellError, cell_text, to_bool, to_date, to_int, to_phone
from tuquan.schemes.excel.columns import SHEETS, CellType, header_key
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


def _masked(value) -> bool:
    return isinstance(value, str) and "*" in value


class _Sheet:
    key = ""

    def __init__(self, user, table, schemes: dict[str, Scheme]):
        self.user = user
        self.table = table
        self.title, columns = SHEETS[self.key]
        self.columns = {column.key: column for column in columns}
        by_header = {header_key(column.header): column for column in columns}
        self.positions = {}
        for position, header in enumerate(table.headers):
            column = by_header.get(header_key(header))
            if column is not None and column.key not in INFORMATIONAL:
                self.positions.setdefault(column.key, position)
        self.schemes = schemes
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
            if key == "scheme_code":
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

    def scheme_of(self, number: int, values: list) -> Scheme | None:
        if "scheme_code" not in self.positions:
            self.error(number, "scheme_code", "Thiếu cột «Mã mô hình»: mỗi dòng phải ghi mã mô hình của nó.")
            return None
        code = cell_text(values[self.positions["scheme_code"]])
        if not code:
            self.error(number, "scheme_code", "Nhập mã mô hình (mô hình mới: nhập trang «Mô hình» trước, rồi ghi mã).")
            return None
        scheme = self.schemes.get(code)
        if scheme is None:
            self.error(number, "scheme_code", f"Không có mô hình mã «{code}» trong địa bàn bạn được sửa.")
        return scheme

    def run(self) -> SheetResult:
        if not self.table.rows:
            return self.result
        self.load()
        for number, values in self.table.rows:
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
            for team in Team.objects.filter(scheme__in=self.schemes.values()).select_related("scheme")
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
            (team.scheme_id, fold(team.name)): team for team in Team.objects.filter(scheme__in=self.schemes.values())
        }
        self.by_id, self.by_name = {}, {}
        for member in Member.objects.filter(scheme__in=self.schemes.values()).select_related("scheme", "team"):
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
                    raise ValidationError({"team": [f"Mô hình {scheme.code} không có tổ «{team_name}»."]})
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
            for report in ActivityReport.objects.filter(scheme__in=self.schemes.values()).select_related("scheme")
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


def import_related(*, user, tables: dict, progress=None) -> list[SheetResult]:
    """Write the related sheets of a workbook (inside the caller's transaction); their results and errors."""
    codes = {
        cell_text(values[position])
        for table in tables.values()
        for position in [next((i for i, h in enumerate(table.headers) if header_key(h) == "ma mo hinh"), None)]
        if position is not None
        for _, values in table.rows
    } - {""}
    schemes = {
        scheme.code: scheme for scheme in Scheme.objects.restrict(user, "change").registered().filter(code__in=codes)
    }
    results = []
    for importer in SHEET_IMPORTERS:
        table = tables.get(importer.key)
        if table is None:
            continue
        if progress:
            progress.start(total=len(table.rows), message=f"Đang kiểm tra trang «{table.sheet}»")
        results.append(importer(user, table, schemes).run())
        if progress:
            progress.set(len(table.rows))
    return results
