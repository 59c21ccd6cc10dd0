"""Importing the scheme registry from .xlsx and .csv in the layout officers keep.

Three steps, each a function a view, a background job (tasks.py) or a script calls:

1. ``upload_check`` (files.py) refuses what must never be opened: over 10 MB, not .xlsx/.csv, macro-bearing
   workbooks (.xlsm, ``vbaProject.bin``), zip bombs (the declared uncompressed size of the parts
   is checked before openpyxl reads them) and files that are not what their name says.
2. ``import_plan`` reads the table (header row found among the first rows, headers matched
   without regard to case, diacritics, spacing and common synonyms), resolves every row (units
   through the succession table, kinds by folded name, dates, numbers, yes/no), matches existing
   schemes (on ``code`` when given, else on commune and folded name) and checks each row with the
   registry services' own rules (``services.scheme_import_check_new`` / ``_change``), answered from
   lookups read once (``services.PreloadedSchemeChecks``): a handful of queries whatever the file's
   length, and nothing written. The preview shows exactly what confirming would do, every error
   with its row number and column header.
3. ``scheme_import_apply`` checks again inside one transaction (the schemes it updates locked) and,
   only if not one row fails, writes them all with ``services.scheme_bulk_save`` (batched inserts and
   updates, audit entries in bulk): all or nothing. Rows already matching the registry are left
   untouched, so importing the same file twice creates nothing the second time.

The teams, members and activity sheets (related.py) name their scheme by «Mã mô hình» or by «STT mô
hình», the «STT» of a row of this sheet: they are written after this sheet's rows, in the same
transaction, so a scheme the file creates can have its teams and members in the same file. A preview
does the same and rolls it all back; its rows show how many rows of each sheet went to each scheme.

Files of ``SYNC_ROWS`` rows or more are checked and written by background jobs with progress (tasks.py).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction

from tuquan.core.actor import acting_as
from tuquan.places.models import REORGANISATION_DATE, AdminUnit
from tuquan.schemes import services
from tuquan.schemes.choices import HostOrganisation, Status
from tuquan.schemes.excel.cells import (
    CellError,
    cell_text,
    to_bool,
    to_date,
    to_host,
    to_hosts,
    to_int,
    to_phone,
)
from tuquan.schemes.excel.columns import (
    COLUMN_BY_KEY,
    IGNORED_HEADERS,
    STT_KEYS,
    CellType,
    Column,
    header_key,
    match_header,
)
from tuquan.schemes.excel.files import (  # noqa: F401 - the import's public names, for views and tests
    EXTENSIONS,
    MAX_FILE_SIZE,
    MAX_ROWS,
    ImportFileError,
    Table,
    count_rows,
    read_table,
    upload_check,
)
from tuquan.schemes.excel.plan import (
    CREATE,
    UNCHANGED,
    UPDATE,
    Change,
    ImportPlan,
    ImportRejected,
    PlannedRow,
    RowError,
)
from tuquan.schemes.excel.units import UnitResolver, unit_key  # noqa: F401
from tuquan.schemes.models import Scheme, SchemeKind

UNIT_COLUMNS = ("commune", "legacy_commune", "legacy_district")
OUTCOMES = ("created", "updated", "unchanged")
SYNC_ROWS = 500  # smaller files are checked and written in the request; larger ones as background jobs


@dataclass
class _Row:
    number: int
    cells: dict[str, object]
    data: dict = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    commune: AdminUnit | None = None
    kind: SchemeKind | None = None
    code: str = ""
    scheme: Scheme | None = None
    stt: str = ""


def _display(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list):
        labels = dict(HostOrganisation.choices)
        return "; ".join(labels.get(item, item) for item in value) or "—"
    if isinstance(value, str) and value in HostOrganisation.values:
        return HostOrganisation(value).label
    return str(value)


class _Importer:
    def __init__(self, user, table: Table, progress=None):
        self.user = user
        self.table = table
        self.progress = progress or NoProgress()
        self.plan = ImportPlan(sheet=table.sheet, total_rows=len(table.rows))
        self.columns: dict[int, Column] = {}
        self.headers: dict[str, str] = {}  # column key → the header as written in the file
        self.stt_position: int | None = None  # the «STT» column: related rows name new schemes by it
        self.rows: list[_Row] = []
        self.new: list[tuple[PlannedRow, Scheme]] = []
        self.changed: list[tuple[Scheme, Scheme]] = []

    # -- headers
    def map_headers(self) -> None:
        for position, header in enumerate(self.table.headers):
            column = match_header(header)
            if column is None:
                if header_key(header) in STT_KEYS and self.stt_position is None:
                    self.stt_position = position
                if header_key(header) not in IGNORED_HEADERS:
                    self.plan.ignored_headers.append(header)
                continue
            if column.key in self.headers or not column.importable:
                if column.importable:
                    self.plan.ignored_headers.append(header)
                continue
            self.columns[position] = column
            self.headers[column.key] = header
        missing = [COLUMN_BY_KEY[key].header for key in ("name", "kind", "founded_on") if key not in self.headers]
        if not any(key in self.headers for key in UNIT_COLUMNS) and "code" not in self.headers:
            missing.append(COLUMN_BY_KEY["commune"].header)
        if missing:
            raise ImportFileError(
                "Tệp thiếu cột bắt buộc: " + ", ".join(f"«{header}»" for header in missing) + ". Hãy dùng tệp mẫu."
            )
        if self.stt_position is not None:  # rows numbered in advance and left empty are not rows
            position = self.stt_position
            self.table.rows = [
                (number, values)
                for number, values in self.table.rows
                if any(cell_text(value).strip() for i, value in enumerate(values) if i != position)
            ]
            self.plan.total_rows = len(self.table.rows)

    def column_values(self, key: str) -> set[str]:
        positions = [position for position, column in self.columns.items() if column.key == key]
        return {cell_text(values[i]) for _, values in self.table.rows for i in positions} - {""}

    def header(self, key: str) -> str:
        if key in self.headers:
            return self.headers[key]
        column = COLUMN_BY_KEY.get(key)
        return column.header if column else "—"

    # -- rows
    def parse(self, number: int, values: list) -> _Row:
        row = _Row(number=number, cells={column.key: values[i] for i, column in self.columns.items()})
        if self.stt_position is not None:
            row.stt = cell_text(values[self.stt_position]).strip()
        for key, value in row.cells.items():
            column = COLUMN_BY_KEY[key]
            if key in ("kind", "commune", "legacy_commune", "legacy_district", "code", "replicated_from"):
                continue
            try:
                if key == "host":
                    if cell_text(value):
                        row.data["host"] = to_host(value)
                elif key == "co_hosts":
                    row.data["co_hosts"] = to_hosts(value)
                elif column.type == CellType.DATE:
                    row.data[key] = to_date(value)
                elif column.type == CellType.INT:
                    row.data[key] = to_int(value)
                elif column.type == CellType.BOOL:
                    row.data[key] = to_bool(value)
                elif column.type == CellType.PHONE:
                    row.data[key] = to_phone(value)
                else:
                    row.data[key] = cell_text(value)
            except CellError as exc:
                row.errors[key] = str(exc)
        row.code = cell_text(row.cells.get("code"))
        if not row.data.get("name") and "name" not in row.errors:
            row.errors["name"] = "Nhập tên mô hình, tổ chức."
        if row.data.get("founded_on") is None and "founded_on" not in row.errors:
            row.errors["founded_on"] = "Nhập ngày thành lập."
        kind_text = cell_text(row.cells.get("kind"))
        if not kind_text:
            row.errors["kind"] = "Nhập loại mô hình."
        else:
            if kind_text not in self.kinds_by_text:
                self.kinds_by_text[kind_text] = self.kinds.get(header_key(kind_text))
            row.kind = self.kinds_by_text[kind_text]
            if row.kind is None:
                row.errors["kind"] = (
                    f"Không có loại mô hình «{kind_text}» trong danh mục (xem trang «Danh mục» của tệp mẫu)."
                )
            else:
                row.data["kind"] = row.kind
        unit_texts = tuple(cell_text(row.cells.get(key)) for key in ("commune", "legacy_commune", "legacy_district"))
        if unit_texts not in self.resolved:  # a file names the same few communes thousands of times
            self.resolved[unit_texts] = self.units.resolve(*unit_texts)
        commune, old_commune, unit_errors = self.resolved[unit_texts]
        unit_errors = dict(unit_errors)
        unit_given = any(cell_text(row.cells.get(key)) for key in UNIT_COLUMNS)
        if row.code and not unit_given:
            unit_errors = {}  # a row with its code and no unit keeps the scheme's commune (see match)
        row.errors.update(unit_errors)
        if commune is not None:
            if commune.pk not in self.allowed_communes:
                row.errors["commune"] = f"{commune.name} nằm ngoài địa bàn bạn phụ trách."
            else:
                row.commune = commune
                row.data["commune"] = commune
        founded = row.data.get("founded_on")
        if old_commune is not None and founded is not None and founded < REORGANISATION_DATE:
            row.data["legacy_commune"] = old_commune
        replicated = cell_text(row.cells.get("replicated_from"))
        if "replicated_from" in row.cells:
            row.data["replicated_from"] = None
            if replicated:
                row.data["replicated_from"] = self.replicated.get(replicated)
                if row.data["replicated_from"] is None:
                    row.errors["replicated_from"] = f"Không tìm thấy mô hình gốc mã «{replicated}»."
        return row

    def load_lookups(self, code_texts: set[str], replicated_codes: set[str]) -> None:
        """Everything the rows are checked against, read once (a few queries whatever the file's size)."""
        self.kinds = {header_key(kind.name): kind for kind in SchemeKind.objects.all()}
        self.kinds_by_text: dict[str, SchemeKind | None] = {}
        self.units = UnitResolver(self.user)
        self.resolved: dict[tuple[str, str, str], tuple] = {}
        self.replicated = {
            scheme.code: scheme for scheme in Scheme.objects.visible_to(self.user).filter(code__in=replicated_codes)
        }
        self.checks = services.PreloadedSchemeChecks(
            self.user, visible_schemes={scheme.pk for scheme in self.replicated.values()}
        )
        self.allowed_communes = self.checks.allowed
        by_code = self._existing(Scheme.objects.filter(code__in=code_texts))
        self.by_code = {scheme.code: scheme for scheme in by_code}
        self.editable = set(
            Scheme.objects.restrict(self.user, "change").filter(code__in=code_texts).values_list("pk", flat=True)
        )

    def _existing(self, queryset):
        """Schemes the rows may update, with what checking them needs; locked while applying."""
        queryset = queryset.select_related("kind", "commune", "legacy_commune", "replicated_from")
        if self.lock:
            queryset = queryset.select_for_update(of=("self",))
        return list(queryset)

    def match(self, rows: list[_Row]) -> None:
        """Find the existing scheme of each row: by code, else by (commune, folded name)."""
        communes = {row.commune.pk for row in rows if row.commune is not None and not row.code}
        by_name: dict[tuple[int, str], list[Scheme]] = defaultdict(list)
        if communes:
            # Names first (three columns of every scheme of those communes), whole schemes only for the
            # names the file has: a commune with thousands of schemes costs a few tuples, not models.
            names = {header_key(row.data["name"]) for row in rows if row.data.get("name")}
            wanted: dict[tuple[int, str], list[int]] = defaultdict(list)
            existing = (
                Scheme.objects.restrict(self.user, "change")
                .registered()
                .filter(commune_id__in=communes)
                .values_list("pk", "commune_id", "name")
            )
            for pk, commune_id, name in existing.iterator(chunk_size=5000):
                key = header_key(name)
                if key in names:
                    wanted[(commune_id, key)].append(pk)
            found = {
                scheme.pk: scheme
                for scheme in self._existing(
                    Scheme.objects.filter(pk__in=[pk for pks in wanted.values() for pk in pks])
                )
            }
            for key, pks in wanted.items():
                by_name[key] = [found[pk] for pk in pks if pk in found]
        seen: dict[tuple, int] = {}
        for row in rows:
            if row.code:
                key: tuple = ("code", row.code)
                scheme = self.by_code.get(row.code)
                if scheme is None:
                    row.errors["code"] = (
                        f"Không có mô hình mã «{row.code}» (mã do hệ thống cấp; để trống nếu là mô hình mới)."
                    )
                elif scheme.pk not in self.editable:
                    row.errors["code"] = f"Mô hình mã «{row.code}» nằm ngoài địa bàn bạn được sửa."
                elif scheme.status == Status.VOIDED:
                    row.errors["code"] = f"Mô hình mã «{row.code}» đã bị hủy (nhập nhầm), không sửa được."
                else:
                    row.scheme = scheme
                    if row.commune is None and "commune" not in row.errors:
                        row.commune = scheme.commune
            elif row.commune is not None and row.data.get("name"):
                key = ("name", row.commune.pk, header_key(row.data["name"]))
                found = by_name.get(key[1:], [])
                if len(found) > 1:
                    codes = ", ".join(sorted(scheme.code for scheme in found))
                    row.errors["name"] = f"Xã đã có {len(found)} mô hình cùng tên ({codes}): ghi mã mô hình để chọn."
                elif found:
                    row.scheme = found[0]
            else:
                continue
            if key in seen:
                row.errors.setdefault("name" if key[0] == "name" else "code", f"Trùng với dòng {seen[key]} trong tệp.")
            else:
                seen[key] = row.number

    # -- changes
    @staticmethod
    def _same(scheme: Scheme, name: str, value) -> bool:
        current = getattr(scheme, name)
        if isinstance(value, AdminUnit | SchemeKind | Scheme) or (value is None and name in {"replicated_from"}):
            return getattr(scheme, f"{name}_id") == (value.pk if value is not None else None)
        if name == "co_hosts":
            host = scheme.host
            return [item for item in value if item != host] == list(current or [])
        if isinstance(current, str) or current is None:
            return (current or "") == (value or "")
        return current == value

    def changes(self, row: _Row) -> list[Change]:
        scheme = row.scheme
        result = []
        for name, value in row.data.items():
            if not self._same(scheme, name, value):
                before = getattr(scheme, name)
                result.append(Change(self.header(name), _display(before), _display(value)))
        return result

    # -- the run
    lock = False

    def run(self, *, commit: bool) -> ImportPlan:
        """Check every row in Python (the services' rules, lookups read once); with ``commit`` and not
        one error, write them all in batches inside one transaction, or nothing."""
        if not (self.user.has_perm("schemes.add_scheme") or self.user.has_perm("schemes.change_scheme")):
            raise PermissionDenied("Bạn không có quyền nhập mô hình.")
        self.map_headers()
        if not commit:
            plan = self._check()
            if self.table.related:
                with self.progress.transaction():  # the related sheets are checked by writing them, rolled back
                    if any(table.rows for table in self.table.related.values()):
                        self._write(preview=True)  # their rows see the schemes as confirming would leave them
                    self._related()
                    transaction.set_rollback(True)
            return plan
        try:
            with self.progress.transaction():
                plan = self._check(lock=True)
                if plan.errors:
                    raise ImportRejected(plan)
                self._write()
                if self.table.related:
                    self._related()
                    if plan.errors:
                        raise ImportRejected(plan)
        except ImportRejected as rejected:
            return rejected.plan
        return self.plan

    def _scheme_rows(self):
        """This sheet's rows by «STT», each with the scheme it was saved as (after ``_write``)."""
        from tuquan.schemes.excel.related import SchemeRow, SchemeRows

        valid = {planned.row for planned in self.plan.rows}
        new = {planned.row: scheme for planned, scheme in self.new}
        by_stt: dict[str, list[SchemeRow]] = defaultdict(list)
        for row in self.rows:
            if not row.stt:
                continue
            scheme = (new.get(row.number) or row.scheme) if row.number in valid else None
            name = row.data.get("name") or cell_text(row.cells.get("name"))
            by_stt[row.stt].append(SchemeRow(row=row.number, name=name, scheme=scheme, new=row.number in new))
        return SchemeRows(
            has_stt=self.stt_position is not None,
            by_stt=dict(by_stt),
            new_pks=frozenset(scheme.pk for _, scheme in self.new if scheme.pk is not None),
        )

    def _related(self) -> None:
        """The teams, members and activity sheets, through the services, after the schemes sheet."""
        from tuquan.schemes.excel.related import import_related

        with acting_as(self.user):
            results = import_related(
                user=self.user, tables=self.table.related, progress=self.progress, scheme_rows=self._scheme_rows()
            )
        planned_by_pk = {planned.scheme_id: planned for planned in self.plan.rows if planned.scheme_id}
        planned_by_pk.update({scheme.pk: planned for planned, scheme in self.new if scheme.pk is not None})
        for result in results:
            for pk, counts in result.by_scheme.items():
                planned = planned_by_pk.get(pk)
                if planned is not None:
                    planned.related.append({"title": result.title, **{key: counts[key] for key in OUTCOMES}})
            self.plan.related.append(
                {
                    "title": result.title,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                }
            )
            self.plan.errors.extend(
                RowError(row, column, message, result.title) for row, column, message in result.errors
            )

    def _check(self, lock: bool = False) -> ImportPlan:
        self.lock = lock
        self.load_lookups(self.column_values("code"), self.column_values("replicated_from"))
        self.progress.start(total=len(self.table.rows), message="Đang đọc từng dòng")
        rows = []
        for number, values in self.table.rows:
            rows.append(self.parse(number, values))
            self.progress.advance()
        self.match(rows)
        self.progress.start(total=len(rows), message="Đang kiểm tra từng dòng theo quy định của sổ đăng ký")
        self.new: list[tuple[PlannedRow, Scheme]] = []
        self.changed: list[tuple[Scheme, Scheme]] = []
        for row in rows:
            self.check(row)
            self.progress.advance()
        self.rows = rows
        self.plan.errors.sort(key=lambda error: error.row or 0)
        return self.plan

    def _write(self, preview: bool = False) -> None:
        """Save the checked rows; a ``preview`` does so inside a transaction it rolls back, and the plan's
        rows keep no code (the codes a preview draws are not those confirming will give)."""
        total = len(self.new) + len(self.changed)
        message = (
            "Đang thử ghi để kiểm tra các trang tổ, thành viên, kết quả hoạt động (chưa ghi thật)"
            if preview
            else "Đang ghi vào sổ đăng ký"
        )
        self.progress.start(total=total, message=message)
        with acting_as(self.user):
            services.scheme_bulk_save(
                user=self.user,
                new=[scheme for _, scheme in self.new],
                changed=self.changed,
                checks=self.checks,
                progress=self.progress.advance,
            )
        if not preview:
            for planned, scheme in self.new:
                planned.code, planned.scheme_id = scheme.code, scheme.pk

    def add_errors(self, row: _Row, errors: dict[str, str | list[str]]) -> None:
        for key, messages in errors.items():
            for message in [messages] if isinstance(messages, str) else messages:
                column = "—" if key in (NON_FIELD_ERRORS, "__all__") else self.header(key)
                self.plan.errors.append(RowError(row.number, column, message))

    def check(self, row: _Row) -> None:
        if row.errors:
            self.add_errors(row, row.errors)
            return
        planned = PlannedRow(
            row=row.number,
            action=CREATE if row.scheme is None else UPDATE,
            name=row.data["name"],
            kind=row.kind.name,
            commune=row.commune.name,
            stt=row.stt,
        )
        if row.scheme is not None:
            planned.code, planned.scheme_id = row.scheme.code, row.scheme.pk
            planned.changes = self.changes(row)
            if not planned.changes:
                planned.action = UNCHANGED
                self.plan.rows.append(planned)
                return
        try:
            if row.scheme is None:
                scheme = services.scheme_import_check_new(user=self.user, data=dict(row.data), checks=self.checks)
                self.new.append((planned, scheme))
            else:
                scheme = services.scheme_import_check_change(
                    user=self.user, scheme=row.scheme, data=dict(row.data), checks=self.checks
                )
                self.changed.append((row.scheme, scheme))
        except ValidationError as exc:
            self.add_errors(row, exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages})
            return
        self.plan.rows.append(planned)


class NoProgress:
    """Progress reports nobody reads (an import run inside the request)."""

    def start(self, *, total: int, message: str = "", unit_label: str | None = None) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass

    def set(self, done: int) -> None:
        pass

    def transaction(self):
        return transaction.atomic()


def import_plan(*, user, path: Path, extension: str, progress=None) -> ImportPlan:
    """What importing the file would do, row by row, with every error; nothing is written."""
    table = read_table(path, extension)
    return _Importer(user, table, progress).run(commit=False)


def scheme_import_apply(*, user, path: Path, extension: str, progress=None) -> ImportPlan:
    """Import the file: every row or none (the plan's ``errors`` say why none), in one transaction."""
    table = read_table(path, extension)
    return _Importer(user, table, progress).run(commit=True)
