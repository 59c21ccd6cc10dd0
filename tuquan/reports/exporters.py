"""A cross-table as .xlsx, CSV, JSON or a plain-text table (pages and the command share these)."""

from __future__ import annotations

import csv
import io
import json

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from tuquan.reports.selectors import TOTAL_LABEL, CrossTable

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NUMBER_FORMAT = "#,##0"  # Excel shows 1.234.567 under the Vietnamese locale


def vi_number(value: int) -> str:
    """1234567 → "1.234.567" whatever the active locale."""
    return f"{value:,}".replace(",", ".")


def safe_text(value: str) -> str:
    """Text that a spreadsheet will not run as a formula (CSV): a leading ' before = + - @."""
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


def filename(table: CrossTable, extension: str) -> str:
    period = str(table.year_to) if table.year_from == table.year_to else f"{table.year_from}-{table.year_to}"
    return f"thong-ke-{table.rows}-{table.columns}-{period}.{extension}"


def to_xlsx(table: CrossTable) -> bytes:
    """The table in a worksheet: merged title and header, bold totals, numbers as #,##0."""
    records = table.as_records()
    width = len(records[0])
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Thống kê"
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True, name="Times New Roman", size=12)
    normal = Font(name="Times New Roman", size=12)
    last = get_column_letter(width)

    def text_cell(row: int, column: int, value: str, font=normal):
        cell = sheet.cell(row=row, column=column, value=value)
        if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
            cell.data_type = "s"  # stored as text, never as a formula
            cell.quotePrefix = True
        cell.font = font
        return cell

    text_cell(1, 1, table.title, Font(bold=True, name="Times New Roman", size=14))
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 36
    note = f"{table.as_of_note}. {table.boundaries}"
    text_cell(2, 1, note, Font(italic=True, name="Times New Roman", size=11))
    sheet.merge_cells(f"A2:{last}2")
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[2].height = 48

    # Two header rows: the row title spans both, the column title spans the column headers.
    header = records[0]
    top, sub = 3, 4
    text_cell(top, 1, header[0], bold)
    sheet.merge_cells(start_row=top, start_column=1, end_row=sub, end_column=1)
    text_cell(top, 2, table.column_title, bold)
    if width - 1 > 2:
        sheet.merge_cells(start_row=top, start_column=2, end_row=top, end_column=width - 1)
    text_cell(top, width, header[-1], bold)
    sheet.merge_cells(start_row=top, start_column=width, end_row=sub, end_column=width)
    for column, label in enumerate(header[1:-1], start=2):
        text_cell(sub, column, label, bold)
    for row in (top, sub):
        for column in range(1, width + 1):
            cell = sheet.cell(row=row, column=column)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = border
            cell.fill = PatternFill("solid", fgColor="DDE5EE")

    for offset, record in enumerate(records[1:]):
        row = sub + 1 + offset
        is_total = record[0] == TOTAL_LABEL and offset == len(records) - 2
        font = bold if is_total else normal
        text_cell(row, 1, record[0], font).border = border
        for column, value in enumerate(record[1:], start=2):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.number_format = NUMBER_FORMAT
            cell.font = font
            cell.border = border
    foot = sub + len(records)
    for line in table.definitions:
        foot += 1
        text_cell(foot, 1, line, Font(italic=True, name="Times New Roman", size=10))
        sheet.merge_cells(start_row=foot, start_column=1, end_row=foot, end_column=width)
        sheet.cell(row=foot, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[foot].height = 30
    sheet.column_dimensions["A"].width = 44
    for column in range(2, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 14
    sheet.freeze_panes = sheet.cell(row=sub + 1, column=2)
    sheet.print_options.horizontalCentered = True
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_csv(table: CrossTable) -> str:
    """UTF-8 CSV: the header row, the rows, the totals row; text cells made formula-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for record in table.as_records():
        writer.writerow([safe_text(value) if isinstance(value, str) else value for value in record])
    return buffer.getvalue()


def to_json(table: CrossTable) -> str:
    records = table.as_records()
    payload = {
        "title": table.title,
        "rows": table.rows,
        "columns": table.columns,
        "year_from": table.year_from,
        "year_to": table.year_to,
        "unit": table.unit.code if table.unit else None,
        "as_of": timezone.localtime(table.as_of).isoformat(),
        "boundaries": table.boundaries,
        "definitions": table.definitions,
        "header": records[0],
        "data": [
            {"row": h.label, "cells": dict(zip(records[0][1:-1], cells, strict=True)), "total": total}
            for h, cells, total in table.body()
        ],
        "totals": {
            "cells": dict(zip(records[0][1:-1], table.column_totals, strict=True)),
            "total": table.grand_total,
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def to_text(table: CrossTable) -> str:
    """An aligned plain-text table with Vietnamese number format, for the terminal."""
    records = table.as_records()
    cells = [[value if isinstance(value, str) else vi_number(value) for value in r] for r in records]
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    lines = [table.title, table.as_of_note, ""]
    rule = "-+-".join("-" * w for w in widths)
    for index, row in enumerate(cells):
        line = " | ".join(value.ljust(widths[0]) if i == 0 else value.rjust(widths[i]) for i, value in enumerate(row))
        if index == len(cells) - 1:
            lines.append(rule)
        lines.append(line)
        if index == 0:
            lines.append(rule)
    lines += ["", table.boundaries]
    return "\n".join(lines) + "\n"
