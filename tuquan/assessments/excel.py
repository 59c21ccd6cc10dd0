"""Excel files of the inspection: the score template, its parser, late communes and results exports."""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from tuquan.assessments.choices import Recommendation
from tuquan.core.sheets import ImportFileError, open_workbook, sheet_rows

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
FIXED_HEADERS = ["Mã mô hình", "Tên mô hình", "Xã/phường/đặc khu"]
TAIL_HEADERS = ["Kiến nghị", "Nhận xét chung"]
RECOMMENDATION_BY_LABEL = {label.lower(): value for value, label in Recommendation.choices}


def _book_bytes(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header(sheet, headers: list[str]) -> None:
    sheet.append(headers)
    for index, _ in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(45, len(headers[index - 1]) + 4))
    sheet.freeze_panes = "A2"


def criterion_header(criterion) -> str:
    return f"{criterion.code} (tối đa {criterion.max_points.normalize():f})"


def score_template(campaign, schemes, existing: dict | None = None) -> bytes:
    """One row per scheme, one column per criterion (existing draft scores pre-filled)."""
    existing = existing or {}
    criteria = list(campaign.criteria.all())
    book = Workbook()
    sheet = book.active
    sheet.title = "Cham diem"
    _header(sheet, FIXED_HEADERS + [criterion_header(c) for c in criteria] + TAIL_HEADERS)
    for scheme in schemes:
        scores = existing.get(scheme.pk, {})
        sheet.append(
            [scheme.code, scheme.name, scheme.commune.name]
            + [float(scores[c.pk]) if c.pk in scores else None for c in criteria]
            + ["", ""]
        )
    guide = book.create_sheet("Huong dan")
    guide.append(["Tiêu chí", "Nội dung", "Điểm tối đa"])
    for criterion in criteria:
        guide.append([criterion.code, f"{criterion.group} — {criterion.name}", float(criterion.max_points)])
    guide.append([])
    guide.append(["Kiến nghị hợp lệ:", ", ".join(label for _, label in Recommendation.choices)])
    guide.append(["Không sửa cột Mã mô hình. Ô điểm để trống = chưa chấm tiêu chí đó."])
    return _book_bytes(book)


@dataclass
class ParsedRow:
    row: int
    code: str
    scores: dict = field(default_factory=dict)  # criterion id → "12.5"
    recommendation: str = ""
    general_note: str = ""


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, message)


def parse_scores(campaign, upload) -> ParseResult:
    """Read a filled template; every problem is listed with its row and column (nothing saved here)."""
    result = ParseResult()
    try:
        book = open_workbook(upload)
    except Exception:  # noqa: BLE001 - any unreadable file is the same user error
        result.errors.append((0, "", "Không đọc được tệp: hãy dùng tệp .xlsx tải từ mẫu."))
        return result
    try:
        return _parse_sheet(campaign, book.worksheets[0])
    except ImportFileError as exc:  # a sheet used far beyond its table
        return ParseResult(errors=[(0, "", str(exc))])


def _parse_sheet(campaign, sheet) -> ParseResult:
    result = ParseResult()
    rows = (values for _, values in sheet_rows(sheet))
    header = [str(v).strip() if v is not None else "" for v in next(rows, [])]
    criteria = list(campaign.criteria.all())
    expected = FIXED_HEADERS + [criterion_header(c) for c in criteria] + TAIL_HEADERS
    missing = [h for h in expected if h not in header]
    if missing:
        result.errors.append((1, ", ".join(missing), "Thiếu cột (hãy tải lại mẫu của đợt này)."))
        return result
    index = {h: header.index(h) for h in expected}
    seen: dict[str, int] = {}
    for number, values in enumerate(rows, start=2):
        values = list(values) + [None] * (len(header) - len(values))
        if all(v in (None, "") for v in values):
            continue
        code = str(values[index["Mã mô hình"]] or "").strip()
        parsed = ParsedRow(row=number, code=code)
        if not code:
            result.errors.append((number, "Mã mô hình", "Thiếu mã mô hình."))
        elif code in seen:
            result.errors.append((number, "Mã mô hình", f"Trùng với dòng {seen[code]}."))
        else:
            seen[code] = number
        for criterion in criteria:
            column = criterion_header(criterion)
            raw = values[index[column]]
            if raw in (None, ""):
                continue
            try:
                value = Decimal(str(raw).strip().replace(",", "."))
            except InvalidOperation:
                result.errors.append((number, column, f"“{raw}” không phải là số."))
                continue
            if not value.is_finite() or value < 0 or value > criterion.max_points:
                result.errors.append(
                    (number, column, f"Điểm phải từ 0 đến {criterion.max_points.normalize():f}, đang là {raw}.")
                )
                continue
            parsed.scores[criterion.pk] = str(value)
        label = str(values[index["Kiến nghị"]] or "").strip()
        if label:
            value = RECOMMENDATION_BY_LABEL.get(label.lower()) or (label if label in Recommendation.values else None)
            if value is None:
                result.errors.append((number, "Kiến nghị", f"“{label}” không phải kiến nghị hợp lệ."))
            else:
                parsed.recommendation = value
        parsed.general_note = str(values[index["Nhận xét chung"]] or "").strip()
        result.rows.append(parsed)
    if not result.rows and not result.errors:
        result.errors.append((0, "", "Tệp không có dòng dữ liệu nào."))
    return result


def late_communes(campaign, progress: dict) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Xa cham tre han"
    sheet.append([f"{campaign.name} — hạn tự đánh giá {campaign.self_assessment_deadline:%d/%m/%Y}"])
    sheet.append([])
    headers = [
        "STT",
        "Xã/phường/đặc khu",
        "Tổng số mô hình",
        "Chưa chấm",
        "Đang chấm",
        "Bị trả lại",
        "Đã gửi",
        "Đã duyệt",
    ]
    sheet.append(headers)
    for index in range(1, len(headers) + 1):
        cell = sheet.cell(row=3, column=index)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    sheet.column_dimensions["B"].width = 32
    for number, row in enumerate(progress["late"], start=1):
        c = row.counts
        sheet.append(
            [number, row.commune, row.total, c["not_started"], c["draft"], c["returned"], c["submitted"], c["approved"]]
        )
    return _book_bytes(book)


def results(campaign, overall: dict, tables: list[tuple[str, list[dict]]], columns) -> bytes:
    """The class distribution: one sheet overall, one per grouping (unit, district, kind, field)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Tong hop"
    sheet.append([campaign.name])
    sheet.append([])
    _header_row = ["Xếp loại", "Số mô hình"]
    sheet.append(_header_row)
    for label_value in overall["counts"]:
        sheet.append([label_value[1], label_value[2]])
    sheet.append(["Tổng cộng", overall["total"]])
    sheet.column_dimensions["A"].width = 45
    for title, rows in tables:
        ws = book.create_sheet(re.sub(r"[\\/*?:\[\]]", "-", title)[:31])
        _header(ws, [title, *[label for _, label in columns], "Tổng"])
        ws.column_dimensions["A"].width = 40
        for row in rows:
            ws.append([row["name"], *row["counts"], row["total"]])
    return _book_bytes(book)
