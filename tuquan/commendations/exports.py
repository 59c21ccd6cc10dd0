"""The proposal list (danh sách đề nghị khen thưởng) as .xlsx and as .docx (Nghị định 30 layout)."""

import io
from types import SimpleNamespace

from django.utils import timezone
from docx import Document
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from tuquan.core.nd30 import (
    TEXT_WIDTH_MM,
    _header_block,
    _paragraph,
    _setup,
    _short_rule,
    _signature_block,
    _table,
)
from tuquan.schemes.excel.exporters import neutralise

TITLE = "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"
HEADER = ["TT", "Đối tượng", "Xã/phường/đặc khu", "Hình thức khen thưởng", "Thành tích, lý do", "Tình trạng"]


def _rows(commendations) -> list[list[str]]:
    rows = []
    for index, item in enumerate(commendations, start=1):
        if item.recipient_kind == "scheme" and item.scheme_id:
            who = f"{item.scheme.name} ({item.scheme.code})"
        else:
            who = ", ".join(part for part in (item.person_name, item.person_role, item.person_unit) if part)
        rows.append([str(index), who, item.unit.name, item.title, item.reason, item.get_status_display()])
    return rows


def proposals_xlsx(commendations, *, year: int | None, unit_name: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "De nghi khen thuong"
    sheet.append([TITLE + (f" NĂM {year}" if year else "")])
    sheet.append([f"Đơn vị: {unit_name}. Lập ngày {timezone.localdate():%d/%m/%Y}."])
    sheet.append([])
    sheet.append(HEADER)
    bold = Font(bold=True)
    sheet["A1"].font = Font(bold=True, size=14)
    thin = Side(style="thin")
    for cell in sheet[4]:
        cell.font = bold
    for row in _rows(commendations):
        sheet.append([int(row[0]), *(neutralise(value) for value in row[1:])])  # no formula from typed text
    for row in sheet.iter_rows(min_row=4, max_row=sheet.max_row):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate([6, 45, 25, 40, 50, 16], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A5"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def proposals_docx(
    commendations,
    *,
    year: int | None,
    issuer_parent: str,
    issuer: str,
    place: str,
    symbol: str = "DS-PV05",
    signer_title: str = "Trưởng phòng",
) -> bytes:
    document = Document()
    _setup(document)
    today = timezone.localdate()
    header = SimpleNamespace(
        issuer_parent=issuer_parent,
        issuer=issuer,
        number_line=f"Số:        /{symbol}",
        date_line=f"{place}, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}",
    )
    _header_block(document, header)
    _paragraph(document, TITLE, bold=True, before=18)
    subtitle = "Mô hình, tổ chức tự quản và cá nhân có thành tích trong phong trào toàn dân bảo vệ an ninh Tổ quốc"
    _paragraph(document, subtitle + (f" năm {year}" if year else ""), bold=True)
    _short_rule(document, 50, TEXT_WIDTH_MM)
    _paragraph(document, after=6)
    _table(document, HEADER, _rows(commendations), [10, 42, 25, 35, 33, 20])
    _paragraph(document, f"Tổng cộng: {len(commendations)} trường hợp.", italic=True, after=6)
    signature = SimpleNamespace(
        recipient_lines=["Hội đồng Thi đua - Khen thưởng", "Lưu: VT"], signer_title=signer_title, signer_name=""
    )
    _signature_block(document, signature)
    document.core_properties.title = TITLE
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
