"""Importing the scheme registry from .xlsx and .csv in the layout officers keep.

Three steps, each a function a view (or a script) calls:

1. ``upload_check`` refuses what must never be opened: over 10 MB, not .xlsx/.csv, macro-bearing
   workbooks (.xlsm, ``vbaProject.bin``), zip bombs (the declared uncompressed size of the parts
   is checked before openpyxl reads them) and files that are not what their name says.
2. ``import_plan`` reads the table (header row found among the first rows, headers matched
   without regard to case, diacritics, spacing and common synonyms), resolves every row (units
   through the succession table, kinds by folded name, dates, numbers, yes/no), matches existing
   schemes (on ``code`` when given, else on commune and folded name) and runs the registry
   services in a transaction that is always rolled back: the preview shows exactly what confirming
   would do, every error with its row number and column header.
3. ``scheme_import_apply`` runs the same again and keeps it only if not one row fails:
   all or nothing, in one transaction. Rows already matching the registry are left untouched,
   so importing the same file twice creates nothing the second time.
"""

import csv
import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from openpyxl.utils.datetime import from_excel

from tuquan.audit.context import acting_as
from tuquan.core.text import fold, nfc, vi_sorted
from tuquan.places.choices import Era, Level
from tuquan.places.models import REORGANISATION_DATE, AdminUnit, Succession
from tuquan.schemes import services
from tuquan.schemes.choices import HostOrganisation, Status
from tuquan.schemes.excel.columns import (
    COLUMN_BY_KEY,
    IGNORED_HEADERS,
    SCHEME_SHEET_TITLE,
    CellType,
    Column,
    header_key,
    match_header,
)
from tuquan.schemes.models import Scheme, SchemeKind

MAX_FILE_SIZE = 10 * 1024 * 1024
MAX_ROWS = 20_000
MAX_UNCOMPRESSED_SIZE = 150 * 1024 * 1024
MAX_ZIP_ENTRIES = 2_000
MAX_COLUMNS = 200
HEADER_SEARCH_ROWS = 10
EXTENSIONS = ("xlsx", "csv")
MACRO_EXTENSIONS = ("xlsm", "xltm", "xlam", "xlsb")
OLD_EXTENSIONS = ("xls", "xlt", "ods")
UNIT_COLUMNS = ("commune", "legacy_commune", "legacy_district")
CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message is for the officer (Vietnamese)."""


# --------------------------------------------------------------------------- 1. the upload


def _size_label(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",") + " MB"


def upload_check(*, name: str, size: int, head: bytes, path: Path | None = None) -> str:
    """The extension ("xlsx" or "csv") of an acceptable upload; ImportFileError otherwise.

    ``head``: the first bytes of the file; ``path``: where it is stored (to inspect an .xlsx).
    """
    extension = Path(name or "").suffix.lower().lstrip(".")
    if size > MAX_FILE_SIZE:
        raise ImportFileError(f"Tệp quá lớn ({_size_label(size)}); chỉ nhận tệp tối đa 10 MB.")
    if size == 0:
        raise ImportFileError("Tệp rỗng.")
    if extension in MACRO_EXTENSIONS:
        raise ImportFileError(
            "Không nhận tệp Excel có macro (.xlsm, .xlsb): hãy mở tệp, chọn Lưu thành (Save As) "
            "kiểu «Excel Workbook (.xlsx)» rồi tải lên lại."
        )
    if extension in OLD_EXTENSIONS:
        raise ImportFileError(
            "Định dạng .xls (Excel 97–2003) hoặc .ods không được hỗ trợ: hãy lưu tệp thành .xlsx rồi tải lên lại."
        )
    if extension not in EXTENSIONS:
        raise ImportFileError("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv, mã UTF-8).")
    if extension == "xlsx":
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise ImportFileError(
                "Tệp là định dạng Excel cũ hoặc đang đặt mật khẩu: hãy bỏ mật khẩu và lưu thành .xlsx rồi tải lên lại."
            )
        if not head.startswith(b"PK"):
            raise ImportFileError("Tệp không phải tệp Excel .xlsx hợp lệ (có thể bị hỏng hoặc đổi tên đuôi).")
        if path is not None:
            _zip_check(path)
    elif b"\x00" in head:
        raise ImportFileError("Tệp CSV không hợp lệ (chứa dữ liệu nhị phân).")
    return extension


def _zip_check(path: Path) -> None:
    """Refuse zip bombs and macros by reading the zip directory only, before any part is inflated."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise ImportFileError("Tệp Excel có cấu trúc bất thường (quá nhiều thành phần); không xử lý.")
            total = sum(entry.file_size for entry in entries)
            if total > MAX_UNCOMPRESSED_SIZE:
                raise ImportFileError(
                    f"Tệp Excel khi giải nén quá lớn ({_size_label(total)}, tối đa "
                    f"{_size_label(MAX_UNCOMPRESSED_SIZE)}); có thể là tệp độc hại, không xử lý."
                )
            names = {entry.filename.lower() for entry in entries}
            if any(name.endswith("vbaproject.bin") for name in names):
                raise ImportFileError(
                    "Tệp có chứa macro (VBA): không nhận. Hãy lưu tệp thành «Excel Workbook (.xlsx)» rồi tải lên lại."
                )
            if "[content_types].xml" not in names or "xl/workbook.xml" not in names:
                raise ImportFileError("Tệp không phải tệp Excel .xlsx hợp lệ (có thể bị hỏng hoặc đổi tên đuôi).")
            content_types = archive.read("[Content_Types].xml")
            if b"macroEnabled" in content_types:
                raise ImportFileError(
                    "Tệp có chứa macro (VBA): không nhận. Hãy lưu tệp thành «Excel Workbook (.xlsx)» rồi tải lên lại."
                )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError) as exc:
        raise ImportFileError("Tệp Excel bị hỏng, không đọc được.") from exc


# --------------------------------------------------------------------------- 2. reading the table


@dataclass
class Table:
    headers: list[str]
    header_row: int
    rows: list[tuple[int, list]]  # (row number as the spreadsheet shows it, cell values)
    sheet: str = ""


def _find_header(candidates: list[tuple[int, list]]) -> tuple[int, list] | None:
    best, best_score = None, 1
    for number, values in candidates:
        score = len({column.key for column in map(match_header, values) if column is not None})
        if score > best_score:
            best, best_score = (number, values), score
    return best


def _table_from_rows(rows_iter, sheet: str = "") -> Table:
    head: list[tuple[int, list]] = []
    rows_iter = iter(rows_iter)
    for number, values in rows_iter:
        head.append((number, list(values)[:MAX_COLUMNS]))
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    found = _find_header(head)
    if found is None:
        raise ImportFileError(
            "Không tìm thấy dòng tiêu đề (ví dụ «Tên mô hình, tổ chức», «Loại mô hình», «Ngày thành lập») "
            "trong 10 dòng đầu của tệp. Hãy dùng tệp mẫu."
        )
    header_row, headers = found
    width = len(headers)
    data: list[tuple[int, list]] = []

    def add(number, values):
        values = list(values)[:width]
        if any(value not in (None, "") and str(value).strip() for value in values):
            if len(data) >= MAX_ROWS:
                limit = f"{MAX_ROWS:,}".replace(",", ".")
                raise ImportFileError(f"Tệp có quá {limit} dòng dữ liệu; hãy chia thành nhiều tệp.")
            data.append((number, values + [None] * (width - len(values))))

    for number, values in head:
        if number > header_row:
            add(number, values)
    for number, values in rows_iter:
        add(number, values)
    return Table(headers=[str(h or "").strip() for h in headers], header_row=header_row, rows=data, sheet=sheet)


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a broken file: all mean "cannot read"
        raise ImportFileError("Tệp Excel bị hỏng hoặc không đúng định dạng .xlsx, không đọc được.") from exc
    try:
        sheets = [ws for ws in workbook.worksheets if hasattr(ws, "iter_rows")]
        if not sheets:
            raise ImportFileError("Tệp Excel không có trang tính nào.")
        sheet = next((ws for ws in sheets if header_key(ws.title) == header_key(SCHEME_SHEET_TITLE)), sheets[0])
        rows = ((number, values) for number, values in enumerate(sheet.iter_rows(values_only=True), start=1))
        return _table_from_rows(rows, sheet=sheet.title)
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError("Tệp Excel bị hỏng hoặc không đúng định dạng .xlsx, không đọc được.") from exc
    finally:
        workbook.close()


def _read_csv(path: Path) -> Table:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            "Tệp CSV không phải mã UTF-8: trong Excel hãy chọn Lưu thành «CSV UTF-8 (Comma delimited)»."
        ) from exc
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        reader = csv.reader(io.StringIO(text, newline=""), dialect)
        rows = list(enumerate(reader, start=1))
    except csv.Error as exc:
        raise ImportFileError(f"Tệp CSV không đúng định dạng: {exc}.") from exc
    return _table_from_rows(rows)


def read_table(path: Path, extension: str) -> Table:
    return _read_xlsx(path) if extension == "xlsx" else _read_csv(path)


# --------------------------------------------------------------------------- cell values


class CellError(ValueError):
    pass


FORMULA_PREFIXES = ("=", "+", "-", "@")
TRUE_WORDS = frozenset({"co", "x", "1", "true", "yes", "c", "dung", "v", "y"})
FALSE_WORDS = frozenset({"", "khong", "0", "false", "no", "k", "ko"})
VI_DATE = re.compile(r"^ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})$")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    text = nfc(str(value))
    # Undo the export's protection against formula injection ("'=..." → "=...").
    if text.startswith("'") and text[1:2] in FORMULA_PREFIXES:
        text = text[1:]
    return text


def _date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1900 <= value <= 2100:
            raise CellError("Chỉ có năm, cần ngày đầy đủ dạng dd/mm/yyyy.")
        if 1 <= value < 2958466:
            return from_excel(value).date()
        raise CellError("Ngày không hợp lệ, cần dạng dd/mm/yyyy.")
    text = fold(_text(value))
    if re.fullmatch(r"\d{4}", text):
        raise CellError("Chỉ có năm, cần ngày đầy đủ dạng dd/mm/yyyy.")
    match = VI_DATE.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    elif match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?", text):
        year, month, day = (int(part) for part in match.groups())
    elif match := re.fullmatch(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})", text):
        day, month, year = (int(part) for part in match.groups())
        if year < 100:
            year += 2000 if year <= timezone.localdate().year % 100 else 1900
    else:
        raise CellError(f"«{_text(value)}» không phải ngày hợp lệ, cần dạng dd/mm/yyyy.")
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise CellError(f"«{_text(value)}» không phải ngày có thật (dd/mm/yyyy).") from exc


def _int(value) -> int:
    if value in (None, ""):
        return 0
    if isinstance(value, bool):
        raise CellError("Phải là số nguyên không âm.")
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError("Phải là số nguyên không âm.")
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        text = re.sub(r"[\s.,]", "", _text(value))
        if not text.isdigit():
            raise CellError(f"«{_text(value)}» không phải số nguyên không âm.")
        number = int(text)
    if number < 0:
        raise CellError("Phải là số nguyên không âm.")
    return number


def _bool(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    word = fold(_text(value)).strip(".")
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(f"«{_text(value)}»: ghi «Có» hoặc để trống.")


def _phone(value) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = str(int(value))
        # Excel drops the leading zero of a phone number stored as a number (905123456).
        return "0" + text if len(text) in (9, 10) and not text.startswith("84") else text
    text = re.sub(r"[\s.\-()]", "", _text(value))
    return "0" + text if text.isdigit() and len(text) == 9 else text


# Organisations by the words officers write (folded); the first that appears wins.
HOST_WORDS: tuple[tuple[str, str], ...] = (
    ("mttq", HostOrganisation.FATHERLAND_FRONT),
    ("mat tran", HostOrganisation.FATHERLAND_FRONT),
    ("cuu chien binh", HostOrganisation.VETERANS),
    ("ccb", HostOrganisation.VETERANS),
    ("nong dan", HostOrganisation.FARMERS),
    ("phu nu", HostOrganisation.WOMEN),
    ("lhpn", HostOrganisation.WOMEN),
    ("doan thanh nien", HostOrganisation.YOUTH),
    ("thanh nien", HostOrganisation.YOUTH),
    ("doan tn", HostOrganisation.YOUTH),
    ("giao xu", HostOrganisation.PARISH),
    ("giao ho", HostOrganisation.PARISH),
    ("chua", HostOrganisation.PAGODA),
    ("phat giao", HostOrganisation.PAGODA),
    ("gia lang", HostOrganisation.ELDERS),
    ("uy tin", HostOrganisation.ELDERS),
    ("doanh nghiep", HostOrganisation.ENTERPRISE),
    ("cong ty", HostOrganisation.ENTERPRISE),
    ("nha truong", HostOrganisation.SCHOOL),
    ("truong", HostOrganisation.SCHOOL),
    ("cong an", HostOrganisation.POLICE),
    ("thon", HostOrganisation.VILLAGE),
    ("to dan pho", HostOrganisation.VILLAGE),
    ("khu pho", HostOrganisation.VILLAGE),
    ("co quan", HostOrganisation.AGENCY),
    ("khac", HostOrganisation.OTHER),
)
HOST_EXACT = {fold(label): value for value, label in HostOrganisation.choices} | {
    value: value for value in HostOrganisation.values
}


def _host(value) -> str:
    text = fold(_text(value))
    if text in HOST_EXACT:
        return HOST_EXACT[text]
    padded = f" {header_key(text)} "
    for words, host in HOST_WORDS:
        if f" {words} " in padded:
            return host
    options = ", ".join(label for _, label in HostOrganisation.choices)
    raise CellError(f"Không nhận ra tổ chức «{_text(value)}»; chọn một trong: {options}.")


def _hosts(value) -> list[str]:
    parts = [part for part in re.split(r"[;\n/]|,(?![^(]*\))", _text(value)) if part.strip()]
    return list(dict.fromkeys(_host(part) for part in parts))


# --------------------------------------------------------------------------- units


DISTRICT_PREFIXES = ("thanh pho", "tp", "thi xa", "tx", "huyen", "h", "quan", "q")
COMMUNE_PREFIXES = ("thi tran", "tt", "phuong", "p", "xa", "x", "dac khu", "dk")


def unit_key(text) -> tuple[str | None, str]:
    """'TP. Nha Trang' → ('district', 'nha trang'); 'Xã Cam Lâm' → ('commune', 'cam lam')."""
    key = header_key(_text(text))
    for level, prefixes in ((Level.DISTRICT, DISTRICT_PREFIXES), (Level.COMMUNE, COMMUNE_PREFIXES)):
        for prefix in prefixes:
            if key.startswith(prefix + " ") and len(key) > len(prefix) + 1:
                return level, key[len(prefix) + 1 :]
    if match := re.fullmatch(r"(p|q)(\d+)", key):
        return (Level.COMMUNE if match.group(1) == "p" else Level.DISTRICT), match.group(2)
    return None, key


class UnitResolver:
    """Finds current communes, old communes and old districts by code or tolerant name, in one province."""

    def __init__(self, user):
        province_path = None
        if user.jurisdiction_id is not None:
            province_path = user.jurisdiction.path.split("/", 1)[0] + "/"
        current = AdminUnit.objects.filter(era=Era.CURRENT, level=Level.COMMUNE)
        legacy = AdminUnit.objects.filter(era=Era.LEGACY, level__in=[Level.COMMUNE, Level.DISTRICT])
        successions = Succession.objects.all()
        if province_path:
            current = current.filter(path__startswith=province_path)
            successions = successions.filter(new_unit__path__startswith=province_path)
            legacy = legacy.filter(pk__in=successions.values("old_unit"))
        self.current = list(current.only("pk", "code", "name", "path"))
        legacy_units = list(legacy.select_related("parent").only("pk", "code", "name", "level", "parent__name"))
        self.successors: dict[int, set[int]] = defaultdict(set)
        for old_id, new_id in successions.values_list("old_unit_id", "new_unit_id"):
            self.successors[old_id].add(new_id)
        self.by_pk = {unit.pk: unit for unit in [*self.current, *legacy_units]}
        self.current_index = self._index(self.current)
        self.old_communes = self._index([unit for unit in legacy_units if unit.level == Level.COMMUNE])
        self.old_districts = self._index([unit for unit in legacy_units if unit.level == Level.DISTRICT])

    @staticmethod
    def _index(units) -> dict[str, list[AdminUnit]]:
        index: dict[str, list[AdminUnit]] = defaultdict(list)
        for unit in units:
            index[unit.code].append(unit)
            key = unit_key(unit.name)[1]
            index[key].append(unit)
            full = header_key(unit.name)
            if full != key:
                index[full].append(unit)
        return index

    @staticmethod
    def _find(index, text) -> list[AdminUnit]:
        raw = _text(text)
        code = raw.lstrip("0") if raw.isdigit() else None
        found = index.get(code, []) if code else []
        if not found:
            found = index.get(header_key(raw), []) or index.get(unit_key(raw)[1], [])
        return list({unit.pk: unit for unit in found}.values())

    def names(self, pks) -> str:
        return ", ".join(vi_sorted(self.by_pk[pk].name for pk in pks if pk in self.by_pk))

    def resolve(self, commune_text, old_commune_text, old_district_text):
        """(current commune, old commune or None, errors as {column key: message})."""
        errors: dict[str, str] = {}
        current = old_commune = old_district = None
        commune_text, old_commune_text, old_district_text = (
            _text(commune_text),
            _text(old_commune_text),
            _text(old_district_text),
        )
        if commune_text:
            level, _ = unit_key(commune_text)
            found = [] if level == Level.DISTRICT else self._find(self.current_index, commune_text)
            if len(found) == 1:
                current = found[0]
            elif level == Level.DISTRICT and not old_district_text:
                old_district_text = commune_text  # "huyện Cam Lâm" written in the commune column
            elif not old_commune_text and self._find(self.old_communes, commune_text):
                old_commune_text = commune_text  # an old commune name in the commune column
            else:
                errors["commune"] = f"Không tìm thấy xã/phường/đặc khu hiện hành «{commune_text}»."
        if old_district_text:
            found = self._find(self.old_districts, old_district_text)
            if len(found) == 1:
                old_district = found[0]
            else:
                errors["legacy_district"] = f"Không tìm thấy huyện/thị xã/thành phố cũ «{old_district_text}»."
        if old_commune_text and "legacy_district" not in errors:
            found = self._find(self.old_communes, old_commune_text)
            if old_district is not None:
                found = [unit for unit in found if unit.parent_id == old_district.pk]
            if len(found) == 1:
                old_commune = found[0]
            elif not found:
                where = f" thuộc {old_district.name}" if old_district else ""
                errors["legacy_commune"] = f"Không tìm thấy xã/phường/thị trấn cũ «{old_commune_text}»{where}."
            else:
                districts = ", ".join(vi_sorted({unit.parent.name for unit in found if unit.parent_id}))
                errors["legacy_commune"] = (
                    f"Có nhiều xã/phường/thị trấn cũ tên «{old_commune_text}» ({districts}): "
                    "ghi thêm cột «Huyện/thị xã/thành phố cũ»."
                )
        old = old_commune or old_district
        if old is not None and not errors:
            column = "legacy_commune" if old_commune else "legacy_district"
            successors = self.successors.get(old.pk, set())
            if current is not None:
                if current.pk not in successors:
                    errors[column] = (
                        f"{old.name} không sáp nhập vào {current.name} theo bảng kế thừa đơn vị hành chính "
                        f"(đã sáp nhập vào: {self.names(successors) or 'không rõ'})."
                    )
            elif len(successors) == 1:
                current = self.by_pk.get(next(iter(successors)))
            elif not successors:
                errors[column] = f"{old.name} không có đơn vị kế thừa trong địa bàn của bạn."
            else:
                errors[column] = (
                    f"{old.name} đã sáp nhập vào nhiều đơn vị ({self.names(successors)}): "
                    "ghi thêm cột «Xã/phường/đặc khu» để chọn đơn vị hiện hành."
                )
        if current is None and not errors:
            errors["commune"] = "Thiếu xã/phường/đặc khu (hoặc đơn vị cũ trước 01/7/2025)."
        return current, old_commune, errors


# --------------------------------------------------------------------------- 3. the plan


@dataclass
class RowError:
    row: int | None
    column: str
    message: str


@dataclass
class Change:
    header: str
    before: str
    after: str


@dataclass
class PlannedRow:
    row: int
    action: str
    name: str
    kind: str
    commune: str
    code: str = ""
    scheme_id: int | None = None
    changes: list[Change] = field(default_factory=list)


@dataclass
class ImportPlan:
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)
    sheet: str = ""
    total_rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self) -> int:
        return self.count(CREATE)

    @property
    def updated(self) -> int:
        return self.count(UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    @property
    def error_rows(self) -> int:
        return len({error.row for error in self.errors if error.row is not None})


class ImportRejected(Exception):
    """Raised inside the import transaction to roll it back; carries the plan with its errors."""

    def __init__(self, plan: ImportPlan):
        super().__init__("import rejected")
        self.plan = plan


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
    def __init__(self, user, table: Table):
        self.user = user
        self.table = table
        self.plan = ImportPlan(sheet=table.sheet, total_rows=len(table.rows))
        self.columns: dict[int, Column] = {}
        self.headers: dict[str, str] = {}  # column key → the header as written in the file

    # -- headers
    def map_headers(self) -> None:
        for position, header in enumerate(self.table.headers):
            column = match_header(header)
            if column is None:
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
        if not any(key in self.headers for key in UNIT_COLUMNS):
            missing.append(COLUMN_BY_KEY["commune"].header)
        if missing:
            raise ImportFileError(
                "Tệp thiếu cột bắt buộc: " + ", ".join(f"«{header}»" for header in missing) + ". Hãy dùng tệp mẫu."
            )

    def column_values(self, key: str) -> set[str]:
        positions = [position for position, column in self.columns.items() if column.key == key]
        return {_text(values[i]) for _, values in self.table.rows for i in positions} - {""}

    def header(self, key: str) -> str:
        if key in self.headers:
            return self.headers[key]
        column = COLUMN_BY_KEY.get(key)
        return column.header if column else "—"

    # -- rows
    def parse(self, number: int, values: list) -> _Row:
        row = _Row(number=number, cells={column.key: values[i] for i, column in self.columns.items()})
        for key, value in row.cells.items():
            column = COLUMN_BY_KEY[key]
            if key in ("kind", "commune", "legacy_commune", "legacy_district", "code", "replicated_from"):
                continue
            try:
                if key == "host":
                    if _text(value):
                        row.data["host"] = _host(value)
                elif key == "co_hosts":
                    row.data["co_hosts"] = _hosts(value)
                elif column.type == CellType.DATE:
                    row.data[key] = _date(value)
                elif column.type == CellType.INT:
                    row.data[key] = _int(value)
                elif column.type == CellType.BOOL:
                    row.data[key] = _bool(value)
                elif column.type == CellType.PHONE:
                    row.data[key] = _phone(value)
                else:
                    row.data[key] = _text(value)
            except CellError as exc:
                row.errors[key] = str(exc)
        row.code = _text(row.cells.get("code"))
        if not row.data.get("name") and "name" not in row.errors:
            row.errors["name"] = "Nhập tên mô hình, tổ chức."
        if row.data.get("founded_on") is None and "founded_on" not in row.errors:
            row.errors["founded_on"] = "Nhập ngày thành lập."
        kind_text = _text(row.cells.get("kind"))
        if not kind_text:
            row.errors["kind"] = "Nhập loại mô hình."
        else:
            row.kind = self.kinds.get(header_key(kind_text))
            if row.kind is None:
                row.errors["kind"] = (
                    f"Không có loại mô hình «{kind_text}» trong danh mục (xem trang «Danh mục» của tệp mẫu)."
                )
            else:
                row.data["kind"] = row.kind
        commune, old_commune, unit_errors = self.units.resolve(
            *(row.cells.get(key) for key in ("commune", "legacy_commune", "legacy_district"))
        )
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
        replicated = _text(row.cells.get("replicated_from"))
        if "replicated_from" in row.cells:
            row.data["replicated_from"] = None
            if replicated:
                row.data["replicated_from"] = self.replicated.get(replicated)
                if row.data["replicated_from"] is None:
                    row.errors["replicated_from"] = f"Không tìm thấy mô hình gốc mã «{replicated}»."
        return row

    def load_lookups(self, code_texts: set[str], replicated_codes: set[str]) -> None:
        self.kinds = {header_key(kind.name): kind for kind in SchemeKind.objects.all()}
        self.units = UnitResolver(self.user)
        self.allowed_communes = set(
            AdminUnit.objects.restrict(self.user, "view")
            .filter(era=Era.CURRENT, level=Level.COMMUNE)
            .values_list("pk", flat=True)
        )
        self.by_code = {
            scheme.code: scheme
            for scheme in Scheme.objects.filter(code__in=code_texts).select_related(
                "kind", "commune", "legacy_commune", "replicated_from"
            )
        }
        self.editable = set(
            Scheme.objects.restrict(self.user, "change").filter(code__in=code_texts).values_list("pk", flat=True)
        )
        self.replicated = {
            scheme.code: scheme for scheme in Scheme.objects.visible_to(self.user).filter(code__in=replicated_codes)
        }

    def match(self, rows: list[_Row]) -> None:
        """Find the existing scheme of each row: by code, else by (commune, folded name)."""
        communes = {row.commune.pk for row in rows if row.commune is not None and not row.code}
        by_name: dict[tuple[int, str], list[Scheme]] = defaultdict(list)
        if communes:
            existing = (
                Scheme.objects.restrict(self.user, "change")
                .registered()
                .filter(commune_id__in=communes)
                .select_related("kind", "commune", "legacy_commune", "replicated_from")
            )
            for scheme in existing.iterator(chunk_size=2000):
                by_name[(scheme.commune_id, header_key(scheme.name))].append(scheme)
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
    def run(self, *, commit: bool) -> ImportPlan:
        self.commit = commit
        if not (self.user.has_perm("schemes.add_scheme") or self.user.has_perm("schemes.change_scheme")):
            raise PermissionDenied("Bạn không có quyền nhập mô hình.")
        self.map_headers()
        self.load_lookups(self.column_values("code"), self.column_values("replicated_from"))
        rows = [self.parse(number, values) for number, values in self.table.rows]
        self.match(rows)
        with acting_as(self.user):
            try:
                with transaction.atomic():
                    for row in rows:
                        self.write(row)
                    if not commit or self.plan.errors:
                        raise ImportRejected(self.plan)
            except ImportRejected:
                pass
        self.plan.errors.sort(key=lambda error: error.row or 0)
        return self.plan

    def write(self, row: _Row) -> None:
        def add_errors(errors: dict[str, str | list[str]]) -> None:
            for key, messages in errors.items():
                for message in [messages] if isinstance(messages, str) else messages:
                    column = "—" if key in (NON_FIELD_ERRORS, "__all__") else self.header(key)
                    self.plan.errors.append(RowError(row.number, column, message))

        if row.errors:
            add_errors(row.errors)
            return
        planned = PlannedRow(
            row=row.number,
            action=CREATE if row.scheme is None else UPDATE,
            name=row.data["name"],
            kind=row.kind.name,
            commune=row.commune.name,
        )
        if row.scheme is not None:
            planned.code, planned.scheme_id = row.scheme.code, row.scheme.pk
            planned.changes = self.changes(row)
            if not planned.changes:
                planned.action = UNCHANGED
                self.plan.rows.append(planned)
                return
        data = dict(row.data)
        try:
            if row.scheme is None:
                scheme = services.scheme_create(user=self.user, data=data)
                if self.commit:
                    planned.code, planned.scheme_id = scheme.code, scheme.pk
            else:
                services.scheme_update(user=self.user, scheme=row.scheme, data=data)
        except ValidationError as exc:
            add_errors(exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages})
            return
        except PermissionDenied as exc:
            add_errors({"commune": str(exc) or "Bạn không có quyền ghi mô hình này."})
            return
        except DatabaseError:
            add_errors({NON_FIELD_ERRORS: "Không ghi được dòng này vào cơ sở dữ liệu (dữ liệu không hợp lệ)."})
            return
        self.plan.rows.append(planned)


def import_plan(*, user, path: Path, extension: str) -> ImportPlan:
    """What importing the file would do, row by row, with every error; nothing is kept."""
    table = read_table(path, extension)
    return _Importer(user, table).run(commit=False)


def scheme_import_apply(*, user, path: Path, extension: str) -> ImportPlan:
    """Import the file: every row or none (the plan's ``errors`` say why none)."""
    table = read_table(path, extension)
    return _Importer(user, table).run(commit=True)
