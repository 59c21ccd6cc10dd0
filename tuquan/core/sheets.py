"""Reading the rows of an uploaded worksheet (openpyxl, read-only) within bounds.

openpyxl's read-only rows are as wide as the sheet's declared used range and fill the rows that
are missing up to the next one present. A 6 KB workbook with one value in A1 and one in
XFD1048576 (a stray keystroke, or a hostile file) is a million rows of 16.384 cells: hours of a
server's time before any check of ours runs. ``sheet_rows`` reads at most ``max_columns``
columns (the importers read no further) and refuses a sheet that goes past ``max_rows`` rows with
a message that tells the officer how to find and clear the stray cells.
"""

from collections.abc import Iterator

from django.utils.formats import number_format
from openpyxl import load_workbook
from openpyxl.worksheet import _reader
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.xml.functions import iterparse

MAX_SHEET_COLUMNS = 200
MAX_SHEET_ROWS = 100_000


def open_workbook(source):
    """An uploaded .xlsx (a path or a file) opened as every import reads it: read-only, the values of
    formulas (not the formulas), external links left out. openpyxl's errors pass through."""
    return load_workbook(source, read_only=True, data_only=True, keep_links=False)


def _dimensions_before_the_rows(parser) -> tuple | None:
    """openpyxl's ``WorkSheetParser.parse_dimensions``, stopping where the rows begin.

    openpyxl (3.1.5) opens every read-only sheet by looking for its ``<dimension>``, which the
    format puts before ``<sheetData>``, but it listens for elements' *ends*: a sheet without one
    (openpyxl's own write-only files, ours among them) is parsed to its last row before the rows
    are read: the whole sheet twice, a tenth of a 10.000-row import. Elements' *starts* reach
    ``<sheetData>`` at once. Same result; ``core/tests/test_sheets.py`` holds both cases.
    """
    for _event, element in iterparse(parser.source, events=("start",)):
        if element.tag == _reader.DIMENSION_TAG:
            return SheetDimension.from_tree(element).boundaries
        if element.tag == _reader.DATA_TAG:
            return None
    return None


_reader.WorkSheetParser.parse_dimensions = _dimensions_before_the_rows


class ImportFileError(Exception):
    """An uploaded file cannot be imported as a whole; the message is for the officer (Vietnamese).

    The one class of every Excel import (registry, targets, scores), re-exported by their modules.
    """


class SheetTooLarge(ImportFileError):
    """The sheet's used range goes past what is read."""


def sheet_rows(
    sheet, *, max_columns: int = MAX_SHEET_COLUMNS, max_rows: int = MAX_SHEET_ROWS
) -> Iterator[tuple[int, tuple]]:
    """(row number from 1, values) of each row of a read-only ``sheet``, at most ``max_columns`` wide.

    Raises ``SheetTooLarge`` before reading when the sheet declares more than ``max_rows`` rows,
    and while reading when a row past ``max_rows`` comes (a sheet that declares no size).
    """
    check_declared_size(sheet, max_rows=max_rows)
    width = min(sheet.max_column or max_columns, max_columns)
    for number, values in enumerate(sheet.iter_rows(max_col=width, values_only=True), start=1):
        if number > max_rows:
            raise SheetTooLarge(_too_large(sheet.title, None, max_rows))
        yield number, values


def check_declared_size(sheet, *, max_rows: int = MAX_SHEET_ROWS) -> None:
    """Raise ``SheetTooLarge`` if ``sheet`` declares more than ``max_rows`` rows (its <dimension>, read
    without reading the rows): an upload can be refused at once, before it is queued."""
    declared = sheet.max_row
    if declared and declared > max_rows:
        raise SheetTooLarge(_too_large(sheet.title, declared, max_rows))


def _too_large(title: str, rows: int | None, max_rows: int) -> str:
    limit = number_format(max_rows, force_grouping=True)
    reach = f"tới dòng {number_format(rows, force_grouping=True)}" if rows else f"quá dòng {limit}"
    return (
        f"Trang tính «{title}» có ô được dùng {reach}; chỉ đọc được tối đa {limit} dòng. "
        "Trong Excel, nhấn Ctrl+End để tới ô cuối cùng của trang, xóa các dòng, cột thừa ngoài bảng "
        "dữ liệu rồi lưu lại tệp."
    )
