"""The uploaded file: what is refused before it is opened, and reading it into a table.

Refused: over 10 MB, not .xlsx/.csv, macro-bearing workbooks (.xlsm, ``vbaProject.bin``), zip bombs
(the declared uncompressed size of the parts is checked from the zip directory before openpyxl
inflates anything; ``zipfile`` never inflates past a declared size), files that are not what their
name says, CSV not in UTF-8, more than 20,000 rows. Every refusal is an ``ImportFileError`` whose
message is for the officer.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from tuquan.core.sheets import MAX_SHEET_COLUMNS, ImportFileError, check_declared_size, open_workbook, sheet_rows
from tuquan.schemes.excel.columns import SCHEME_SHEET_TITLE, SHEETS, header_key, match_header

MAX_FILE_SIZE = 10 * 1024 * 1024
MAX_ROWS = 20_000
MAX_UNCOMPRESSED_SIZE = 150 * 1024 * 1024
MAX_ZIP_ENTRIES = 2_000
MAX_COLUMNS = MAX_SHEET_COLUMNS
HEADER_SEARCH_ROWS = 10
EXTENSIONS = ("xlsx", "csv")
MACRO_EXTENSIONS = ("xlsm", "xltm", "xlam", "xlsb")
OLD_EXTENSIONS = ("xls", "xlt", "ods")


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
    # The teams, members and activity sheets of the same workbook: key of columns.SHEETS → its table.
    related: dict = field(default_factory=dict)


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


def _sheets(workbook) -> tuple[list, object | None]:
    """The workbook's worksheets, and the one holding the schemes (by its title, else the first)."""
    sheets = [ws for ws in workbook.worksheets if hasattr(ws, "iter_rows")]
    wanted = header_key(SCHEME_SHEET_TITLE)
    return sheets, next((ws for ws in sheets if header_key(ws.title) == wanted), sheets[0] if sheets else None)


def _read_xlsx(path: Path) -> Table:
    try:
        workbook = open_workbook(path)
    except Exception as exc:  # openpyxl raises many kinds on a broken file: all mean "cannot read"
        raise ImportFileError("Tệp Excel bị hỏng hoặc không đúng định dạng .xlsx, không đọc được.") from exc
    try:
        sheets, sheet = _sheets(workbook)
        if sheet is None:
            raise ImportFileError("Tệp Excel không có trang tính nào.")
        table = _table_from_rows(sheet_rows(sheet), sheet=sheet.title)
        titles = {header_key(title): key for key, (title, _) in SHEETS.items() if key != "schemes"}
        for other in sheets:
            key = titles.get(header_key(other.title))
            if key is None or other is sheet:
                continue
            table.related[key] = _related_table(other)
        return table
    except ImportFileError:  # a sheet too large among them
        raise
    except Exception as exc:
        raise ImportFileError("Tệp Excel bị hỏng hoặc không đúng định dạng .xlsx, không đọc được.") from exc
    finally:
        workbook.close()


def _related_table(sheet) -> Table:
    """A teams, members or activity sheet: headers on its first row (as the export and template write them)."""
    iterator = sheet_rows(sheet)
    first = next(iterator, None)
    if first is None:
        return Table(headers=[], header_row=1, rows=[], sheet=sheet.title)
    headers = [str(value or "").strip() for value in list(first[1])[:MAX_COLUMNS]]
    width = len(headers)
    rows = []
    for number, values in iterator:
        values = list(values)[:width]
        if any(value not in (None, "") and str(value).strip() for value in values):
            if len(rows) >= MAX_ROWS:
                limit = f"{MAX_ROWS:,}".replace(",", ".")
                raise ImportFileError(f"Trang «{sheet.title}» có quá {limit} dòng dữ liệu; hãy chia thành nhiều tệp.")
            rows.append((number, values + [None] * (width - len(values))))
    return Table(headers=headers, header_row=1, rows=rows, sheet=sheet.title)


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


def count_rows(path: Path, extension: str) -> int | None:
    """About how many rows the file has, cheaply (the sheet's declared size; lines of a CSV); None if
    the workbook does not declare its size. Raises ``ImportFileError`` for a sheet declaring more
    rows than are ever read (``core.sheets``), so that the upload is refused at once.

    Decides whether the import runs in the request or as a background job; never used to validate.
    """
    if extension == "csv":
        with path.open("rb") as handle:
            return max(sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 16), b"")) - 1, 0)
    try:
        workbook = open_workbook(path)
    except Exception:  # unreadable: the preview will say why
        return 0
    try:
        sheets, sheet = _sheets(workbook)
        if sheet is None:
            return 0
        for each in sheets:  # every sheet is read, the related ones too
            check_declared_size(each)
        return max(sheet.max_row - 1, 0) if sheet.max_row else None
    finally:
        workbook.close()
