"""``core.sheets.sheet_rows``: a worksheet's rows read within bounds, whatever the file declares."""

import io
import re
import time
import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.worksheet._reader import WorkSheetParser

from tuquan.core.sheets import SheetTooLarge, open_workbook, sheet_rows


def far_workbook(*cells: str, declared: bool = True) -> io.BytesIO:
    """A workbook with "x" in each of ``cells``; without its <dimension> element when not ``declared``."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Mô hình"
    for cell in cells:
        sheet[cell] = "x"
    raw = io.BytesIO()
    book.save(raw)
    if declared:
        raw.seek(0)
        return raw
    source, stripped = zipfile.ZipFile(raw), io.BytesIO()
    with zipfile.ZipFile(stripped, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb"<dimension[^>]*/>", b"", data)
            target.writestr(item, data)
    stripped.seek(0)
    return stripped


def open_sheet(raw):
    return open_workbook(raw).worksheets[0]


def test_a_stray_cell_at_the_end_of_the_sheet_is_refused_before_reading():
    started = time.perf_counter()
    with pytest.raises(SheetTooLarge) as refused:
        list(sheet_rows(open_sheet(far_workbook("A1", "XFD1048576"))))
    assert time.perf_counter() - started < 5  # read as it was: a million rows of 16.384 cells, hours
    message = str(refused.value)
    assert "«Mô hình»" in message and "dòng 1.048.576" in message and "Ctrl+End" in message


def test_a_sheet_without_its_size_is_stopped_at_the_limit():
    sheet = open_sheet(far_workbook("A1", "A500", declared=False))
    assert sheet.max_row is None  # nothing declared: known only by reading
    with pytest.raises(SheetTooLarge) as refused:
        list(sheet_rows(sheet, max_rows=100))
    assert "quá dòng 100" in str(refused.value)
    assert len(list(sheet_rows(open_sheet(far_workbook("A1", "A500", declared=False)), max_rows=500))) == 500


def test_rows_are_read_no_wider_than_asked():
    rows = list(sheet_rows(open_sheet(far_workbook("A1", "XFD2"))))
    assert [number for number, _ in rows] == [1, 2]
    assert all(len(values) == 200 for _, values in rows) and rows[0][1][0] == "x"
    narrow = list(sheet_rows(open_sheet(far_workbook("A1", "C3"))))
    assert [len(values) for _, values in narrow] == [3, 3, 3]


def test_every_excel_import_refuses_such_a_file_with_the_message(tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tuquan.assessments.excel import parse_scores
    from tuquan.schemes.excel.files import ImportFileError as SchemeFileError
    from tuquan.schemes.excel.files import read_table
    from tuquan.targets.excel import ImportFileError as TargetFileError
    from tuquan.targets.excel import parse_targets

    content = far_workbook("A1", "XFD1048576").getvalue()
    path = tmp_path / "mo-hinh.xlsx"
    path.write_bytes(content)
    with pytest.raises(SchemeFileError, match="Ctrl\\+End"):
        read_table(path, "xlsx")
    with pytest.raises(TargetFileError, match="Ctrl\\+End"):
        parse_targets(user=None, upload=SimpleUploadedFile("chi-tieu.xlsx", content))
    scores = parse_scores(None, SimpleUploadedFile("diem.xlsx", content))  # refused before the campaign is read
    assert scores.rows == [] and "Ctrl+End" in scores.errors[0][2]


WORKSHEET = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{}'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
)


def test_the_size_is_looked_for_before_the_rows_only():
    """A sheet's <dimension> comes before its rows: the rows are not parsed to find it (twice the
    reading of a 10.000-row import without one). What follows <sheetData> here is not even XML."""
    broken_rows = "<row r=2><c r=A2></row></worksheet"
    declared = WORKSHEET.format('<dimension ref="A1:C40"/>') + broken_rows
    assert WorkSheetParser(io.BytesIO(declared.encode()), []).parse_dimensions() == (1, 1, 3, 40)
    undeclared = WORKSHEET.format("") + broken_rows
    assert WorkSheetParser(io.BytesIO(undeclared.encode()), []).parse_dimensions() is None


def test_a_sheet_written_without_its_size_is_read_whole(tmp_path):
    """openpyxl's write-only files (the registry's exports and templates) declare no size."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Mô hình")
    for n in range(1, 1201):
        sheet.append([n, f"Mô hình {n}", None, "x" if n % 7 == 0 else None])
    book.save(tmp_path / "w.xlsx")
    opened = open_workbook(tmp_path / "w.xlsx").worksheets[0]
    assert opened.max_row is None
    rows = list(sheet_rows(opened))
    assert len(rows) == 1200 and rows[-1][1][:2] == (1200, "Mô hình 1200") and rows[6][1][3] == "x"
