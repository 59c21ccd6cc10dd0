"""Targets in Excel: the import template, reading an upload (every bad cell listed) and the year export."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from tuquan.core.sheets import ImportFileError, open_workbook, sheet_rows
from tuquan.core.text import fold, vi_order
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit
from tuquan.schemes.choices import Field
from tuquan.schemes.excel.cells import CellError, cell_text, to_int
from tuquan.schemes.excel.exporters import HEADER_FILL, HEADER_FONT, neutralise
from tuquan.schemes.models import SchemeKind
from tuquan.targets.choices import Indicator
from tuquan.targets.models import Target

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 5_000
COLUMNS = ["Năm", "Mã xã", "Tên xã, phường, đặc khu", "Chỉ tiêu", "Loại mô hình", "Lĩnh vực", "Giá trị giao", "Ghi chú"]
SHEET = "Chỉ tiêu"


@dataclass
class ParseResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)  # {"row": n, "column": "...", "message": "..."}

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def _header_row(sheet, titles):
    sheet.append(titles)
    for index, _ in enumerate(titles, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        sheet.column_dimensions[get_column_letter(index)].width = 22
    sheet.freeze_panes = "A2"


def template_workbook(*, user, year: int) -> bytes:
    """An empty table (one example row per commune the user may assign) and a sheet of allowed values."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    _header_row(sheet, COLUMNS)
    communes = AdminUnit.objects.visible_to(user).filter(era=Era.CURRENT, level=Level.COMMUNE)
    for unit in communes.order_by(vi_order("name")):
        sheet.append([year, unit.code, unit.name, Indicator.MIN_ACTIVE_SCHEMES.label, "", "", 1, ""])
    lists = workbook.create_sheet("Danh mục")
    _header_row(lists, ["Chỉ tiêu", "Loại mô hình", "Lĩnh vực"])
    indicators = [label for _, label in Indicator.choices]
    kinds = list(SchemeKind.objects.filter(is_active=True).order_by(vi_order("name")).values_list("name", flat=True))
    fields = [label for _, label in Field.choices]
    for index in range(max(len(indicators), len(kinds), len(fields))):
        lists.append(
            [
                indicators[index] if index < len(indicators) else None,
                neutralise(kinds[index]) if index < len(kinds) else None,
                fields[index] if index < len(fields) else None,
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _lookup(choices) -> dict[str, str]:
    table = {}
    for value, label in choices:
        table[fold(value)] = value
        table[fold(label)] = value
    return table


def parse_targets(*, user, upload) -> ParseResult:
    """Read and validate every row of an uploaded .xlsx; nothing is written."""
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith(".xlsx"):
        raise ImportFileError("Chỉ nhận tệp Excel (.xlsx) theo mẫu tải về.")
    if upload.size > MAX_FILE_SIZE:
        raise ImportFileError("Tệp quá lớn; chỉ nhận tệp tối đa 5 MB.")
    try:
        workbook = open_workbook(upload)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ImportFileError("Không đọc được tệp: tệp không phải Excel (.xlsx) hợp lệ.") from exc
    sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
    rows = (values for _, values in sheet_rows(sheet))  # a sheet too large raises ImportFileError
    header = [fold(cell_text(value)) for value in (next(rows, None) or [])]
    positions = {}
    for column in COLUMNS:
        if fold(column) in header:
            positions[column] = header.index(fold(column))
    missing = [c for c in ("Năm", "Mã xã", "Chỉ tiêu", "Giá trị giao") if c not in positions]
    if missing:
        raise ImportFileError("Tệp thiếu cột: " + ", ".join(missing) + ". Hãy dùng tệp mẫu.")

    communes = {
        unit.code: unit for unit in AdminUnit.objects.visible_to(user).filter(era=Era.CURRENT, level=Level.COMMUNE)
    }
    kinds = {fold(kind.name): kind for kind in SchemeKind.objects.all()}
    indicators = _lookup(Indicator.choices)
    fields = _lookup(Field.choices)
    result = ParseResult()
    seen: dict[tuple, int] = {}
    for number, values in enumerate(rows, start=2):
        if number - 1 > MAX_ROWS:
            raise ImportFileError(f"Tệp có quá {MAX_ROWS:,} dòng.".replace(",", "."))
        values = list(values or [])

        def get(column, values=values):
            index = positions.get(column)
            return values[index] if index is not None and index < len(values) else None

        if all(cell_text(v) == "" for v in values):
            continue

        def error(column, message, number=number):
            result.errors.append({"row": number, "column": column, "message": message})

        row: dict = {"row": number, "note": cell_text(get("Ghi chú"))}
        try:
            row["year"] = to_int(get("Năm"))
            if not 2000 <= row["year"] <= 2100:
                error("Năm", "Năm phải trong khoảng 2000–2100.")
        except CellError as exc:
            error("Năm", str(exc))
        code = cell_text(get("Mã xã"))
        row["unit"] = communes.get(code) or communes.get(code.zfill(5))
        if row["unit"] is None:
            error("Mã xã", f"Không có xã, phường, đặc khu hiện hành mã «{code}» trong phạm vi của bạn.")
        indicator = indicators.get(fold(cell_text(get("Chỉ tiêu"))))
        row["indicator"] = indicator
        if indicator is None:
            error("Chỉ tiêu", f"Chỉ tiêu «{cell_text(get('Chỉ tiêu'))}» không có trong danh mục.")
        kind_text, field_text = cell_text(get("Loại mô hình")), cell_text(get("Lĩnh vực"))
        row["kind"] = kinds.get(fold(kind_text)) if kind_text else None
        row["field"] = fields.get(fold(field_text), "") if field_text else ""
        if kind_text and row["kind"] is None:
            error("Loại mô hình", f"Không có loại mô hình «{kind_text}» trong danh mục.")
        if field_text and not row["field"]:
            error("Lĩnh vực", f"Lĩnh vực «{field_text}» không có trong danh mục.")
        try:
            row["value"] = to_int(get("Giá trị giao"))
        except CellError as exc:
            error("Giá trị giao", str(exc))
            row["value"] = None
        if row["unit"] is not None and indicator and row.get("year") and row["value"] is not None:
            candidate = Target(
                year=row["year"],
                unit=row["unit"],
                indicator=indicator,
                kind=row["kind"],
                field=row["field"],
                value=row["value"],
                note=row["note"],
            )
            try:
                candidate.clean()
            except ValidationError as exc:
                for key, messages in exc.message_dict.items():
                    column = {"kind": "Loại mô hình", "value": "Giá trị giao", "unit": "Mã xã"}.get(key, "Chỉ tiêu")
                    for message in messages:
                        error(column, message)
            key = (row["year"], row["unit"].pk, indicator, row["kind"].pk if row["kind"] else None, row["field"])
            if key in seen:
                error("Chỉ tiêu", f"Trùng chỉ tiêu với dòng {seen[key]}.")
            seen.setdefault(key, number)
        result.rows.append(row)
    workbook.close()
    if not result.rows and not result.errors:
        raise ImportFileError("Tệp không có dòng chỉ tiêu nào.")
    return result


def rows_to_session(rows: list[dict]) -> list[dict]:
    return [
        {
            "year": r["year"],
            "unit": r["unit"].pk,
            "indicator": r["indicator"],
            "kind": r["kind"].pk if r["kind"] else None,
            "field": r["field"],
            "value": r["value"],
            "note": r["note"],
        }
        for r in rows
    ]


def rows_from_session(data: list[dict]) -> list[dict]:
    units = AdminUnit.objects.in_bulk({r["unit"] for r in data})
    kinds = SchemeKind.objects.in_bulk({r["kind"] for r in data if r["kind"]})
    return [{**r, "unit": units[r["unit"]], "kind": kinds.get(r["kind"]) if r["kind"] else None} for r in data]


def export_year(rows, *, year: int) -> bytes:
    """The year page as a workbook: one row per target with assigned, reached and status."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Chỉ tiêu {year}"
    _header_row(sheet, ["Mã xã", "Xã, phường, đặc khu", "Chỉ tiêu", "Giá trị giao", "Đạt được", "Kết quả", "Ghi chú"])
    for row in rows:
        target = row.target
        sheet.append(
            [
                target.unit.code,
                target.unit.name,
                neutralise(target.label),
                target.value,
                float(row.reached_value) if row.is_percent else row.reached_value,
                row.status_label,
                neutralise(target.note),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
