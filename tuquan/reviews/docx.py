"""The review as a Word document in the layout of Nghị định 30/2020/NĐ-CP (python-docx).

A4, margins 20/20/30/15 mm, Times New Roman 14 (13 in the header block and tables);
header block as a borderless two-column table (issuing body and number on the left,
national title, motto and place-and-date line on the right); "BÁO CÁO" and the
subtitle; numbered sections with the figure tables; "Nơi nhận" and the signature
block; an appendix with the per-unit table. Text goes in through python-docx, which
writes it as text: nothing is escaped by hand and nothing is interpreted.
"""

import io
import re
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell

from tuquan.reviews.choices import NARRATIVE_SECTIONS
from tuquan.reviews.models import Review

FONT = "Times New Roman"
BODY_PT = 14
SMALL_PT = 13
PAGE = {"width": 210, "height": 297, "top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE["width"] - PAGE["left"] - PAGE["right"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
# Characters XML 1.0 cannot hold (lxml refuses them); everything else stays literal.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def vi_number(value: int | float | None) -> str:
    """1234567 → '1.234.567'; 26.7 → '26,7'."""
    if value is None:
        return "0"
    if isinstance(value, float):
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{value:,}".replace(",", ".")


def vi_date(value: str | date) -> str:
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day:%d/%m/%Y}"


def _clean(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")


def _run(paragraph, text: str, *, size: int = BODY_PT, bold=False, italic=False, underline=False):
    run = paragraph.add_run(_clean(text))
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.underline = underline
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return run


def _paragraph(container, text: str = "", *, align=WD_ALIGN_PARAGRAPH.CENTER, size=BODY_PT, before=0, after=0, **fmt):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    if text:
        _run(paragraph, text, size=size, **fmt)
    return paragraph


def _cell_paragraph(cell, text: str = "", **kwargs):
    """A paragraph in a table cell: its first, untouched one, or a new one after."""
    first = cell.paragraphs[0]
    if len(cell.paragraphs) > 1 or first.runs or first._p.pPr is not None:
        return _paragraph(cell, text, **kwargs)
    first.alignment = kwargs.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
    first.paragraph_format.space_before = Pt(kwargs.pop("before", 0))
    first.paragraph_format.space_after = Pt(kwargs.pop("after", 0))
    if text:
        _run(first, text, **kwargs)
    return first


def _short_rule(container, width_mm: float, column_mm: float):
    """A centred solid line ``width_mm`` long (ND 30: under the issuing body and the subtitle)."""
    paragraph = _cell_paragraph(container) if isinstance(container, _Cell) else _paragraph(container)
    indent = Mm(max((column_mm - width_mm) / 2, 0))
    paragraph.paragraph_format.left_indent = indent
    paragraph.paragraph_format.right_indent = indent
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "000000"}.items():
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)
    paragraph.paragraph_format.line_spacing = Pt(4)
    return paragraph


def _widths(table, widths_mm: list[float]) -> None:
    """Column widths in the grid (LibreOffice reads these) and in every cell (Word reads those)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _setup(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE["width"]), Mm(PAGE["height"])
    section.top_margin, section.bottom_margin = Mm(PAGE["top"]), Mm(PAGE["bottom"])
    section.left_margin, section.right_margin = Mm(PAGE["left"]), Mm(PAGE["right"])
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    # Page numbers: centred at the top, from the second page (ND 30).
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = _run(header, "", size=SMALL_PT)
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _header_block(document, review: Review) -> None:
    # Wider than the text by 10 mm, reaching 6 mm into the left margin (as the usual ND 30 templates do),
    # so that "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and the issuer fit on one line each.
    left_mm, right_mm = 72, TEXT_WIDTH_MM + 10 - 72
    table = document.add_table(rows=2, cols=2)
    _widths(table, [left_mm, right_mm])
    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), str(-int(6 * 56.7)))
    indent.set(qn("w:type"), "dxa")
    table._tbl.tblPr.append(indent)
    left, right = table.rows[0].cells
    _cell_paragraph(left, review.issuer_parent.upper(), size=SMALL_PT)
    _cell_paragraph(left, review.issuer.upper(), size=SMALL_PT, bold=True)
    _short_rule(left, left_mm / 3, left_mm)
    _cell_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=SMALL_PT, bold=True)
    _cell_paragraph(right, "Độc lập - Tự do - Hạnh phúc", size=BODY_PT, bold=True, underline=True)
    number_cell, date_cell = table.rows[1].cells
    _cell_paragraph(number_cell, review.number_line, size=SMALL_PT, before=6)
    _cell_paragraph(date_cell, review.date_line, size=BODY_PT, italic=True, before=6)


def _text_block(document, text: str, placeholder: str = "…") -> None:
    lines = [line.strip() for line in _clean(text).splitlines() if line.strip()] or [placeholder]
    for line in lines:
        paragraph = _paragraph(document, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6)
        paragraph.paragraph_format.first_line_indent = Cm(1)
        paragraph.paragraph_format.line_spacing = 1.15


def _heading(document, text: str, *, level: int = 1) -> None:
    paragraph = _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, before=6, after=6, bold=True)
    if level > 1:
        paragraph.paragraph_format.first_line_indent = Cm(1)


def _table(document, header: list[str], rows: list[list], widths_mm: list[float], *, total: list | None = None):
    """A bordered table: header row bold, numbers in Vietnamese format, an optional bold totals row."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, label in zip(table.rows[0].cells, header, strict=True):
        _cell_paragraph(cell, label, size=SMALL_PT, bold=True, before=2, after=2)
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for values, bold in [(row, False) for row in rows] + ([(total, True)] if total else []):
        cells = table.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
            is_number = isinstance(value, int | float)
            text = vi_number(value) if is_number else str(value)
            centred = is_number or (index == 0 and text.isdigit())  # numbers and the "TT" column
            align = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
            _cell_paragraph(cell, text, size=SMALL_PT, bold=bold, align=align, before=1, after=1)
    _widths(table, widths_mm)
    _paragraph(document, size=6)
    return table


def _period_label(period: dict) -> str:
    return f"{vi_date(period['start'])} – {vi_date(period['end'])}"


def _results(document, review: Review) -> None:
    figures = review.figures or {}
    totals = figures.get("totals", {})
    _text_block(document, review.results_intro, placeholder="")
    _heading(document, "1. Số lượng mô hình, tổ chức tự quản", level=2)
    change = totals.get("change", 0)
    trend = f"tăng {vi_number(change)}" if change > 0 else (f"giảm {vi_number(-change)}" if change < 0 else "không đổi")
    _text_block(
        document,
        f"Đến ngày {vi_date(figures['period']['end'])}, {review.unit.name} có {vi_number(totals.get('at_end'))} "
        f"mô hình, tổ chức tự quản về an ninh, trật tự; so với cuối kỳ trước {trend}. Trong kỳ thành lập mới "
        f"{vi_number(totals.get('new'))} mô hình, thanh loại {vi_number(totals.get('eliminated'))} mô hình"
        + (f", sáp nhập {vi_number(totals.get('merged'))} mô hình." if totals.get("merged") else "."),
    )
    _table(
        document,
        [
            "Nội dung",
            f"Kỳ báo cáo\n({_period_label(figures['period'])})",
            f"Kỳ trước\n({_period_label(figures['previous_period'])})",
        ],
        [
            ["Số mô hình cuối kỳ", totals.get("at_end", 0), totals.get("at_previous_end", 0)],
            ["Thành lập mới trong kỳ", totals.get("new", 0), totals.get("new_previous", 0)],
            ["Thanh loại trong kỳ", totals.get("eliminated", 0), totals.get("eliminated_previous", 0)],
        ],
        [75, 45, 45],
    )
    classes = figures.get("classes", {})
    _heading(document, "2. Kết quả kiểm tra, đánh giá, phân loại", level=2)
    if classes.get("year"):
        total = classes["total"]
        rows = [
            [row["label"], row["count"], round(100 * row["count"] / total, 1) if total else 0.0]
            for row in classes["rows"]
        ]
        _text_block(
            document, f"Kết quả phân loại năm {classes['year']} của {vi_number(total)} mô hình có trong sổ cuối năm:"
        )
        _table(document, ["Xếp loại", "Số mô hình", "Tỷ lệ (%)"], rows, [95, 35, 35], total=["Tổng cộng", total, 100.0])
    else:
        _text_block(document, "Trong kỳ chưa có kết quả phân loại mô hình.")
    coverage = figures.get("coverage", {})
    _heading(document, "3. Phủ kín địa bàn", level=2)
    sentence = (
        f"Có {vi_number(coverage.get('with_scheme'))}/{vi_number(coverage.get('communes'))} xã, phường, đặc khu "
        f"có mô hình đang hoạt động"
    )
    names = coverage.get("without_names") or []
    sentence += f"; còn {vi_number(len(names))} đơn vị chưa có mô hình: {', '.join(names)}." if names else "."
    _text_block(document, sentence)
    by_kind = figures.get("by_kind", [])
    if by_kind:
        _heading(document, "4. Mô hình theo loại", level=2)
        _table(
            document,
            ["Tên mô hình", "Lĩnh vực", "Số điểm", "Số tổ"],
            [[row["kind"], row["field"], row["schemes"], row["teams"]] for row in by_kind],
            [70, 55, 20, 20],
            total=["Tổng cộng", "", sum(r["schemes"] for r in by_kind), sum(r["teams"] for r in by_kind)],
        )
    activity = figures.get("activity", {})
    _heading(document, f"{5 if by_kind else 4}. Kết quả hoạt động của các mô hình", level=2)
    _text_block(
        document,
        f"Tổng hợp từ {vi_number(activity.get('reports'))} báo cáo kết quả hoạt động của "
        f"{vi_number(activity.get('schemes'))} mô hình có kỳ báo cáo kết thúc trong kỳ:",
    )
    _table(
        document,
        ["Nội dung", "Số lượng"],
        [[row["label"], row["value"]] for row in activity.get("rows", [])],
        [125, 40],
    )
    support = figures.get("support")
    if support is not None:
        _heading(document, f"{6 if by_kind else 5}. Kinh phí, trang bị hỗ trợ các mô hình", level=2)
        _text_block(
            document,
            f"Trong kỳ có {vi_number(support['records'])} lượt hỗ trợ cho {vi_number(support['schemes'])} mô hình: "
            f"kinh phí {vi_number(support['money'])} đồng; {vi_number(support['items'])} trang bị, công cụ "
            f"trị giá {vi_number(support['items_value'])} đồng.",
        )
        if support["by_source"]:
            _table(
                document,
                ["Nguồn", "Kinh phí (đồng)", "Trang bị (đồng)", "Tổng (đồng)"],
                [[row["label"], row["money"], row["items_value"], row["value"]] for row in support["by_source"]],
                [55, 37, 37, 36],
            )

    number = (6 if by_kind else 5) + (1 if figures.get("support") is not None else 0)
    targets = figures.get("targets")
    if targets and targets["assigned"]:
        _heading(document, f"{number}. Thực hiện chỉ tiêu thi đua năm {targets['year']}", level=2)
        _text_block(
            document,
            f"Đạt {vi_number(targets['reached'])}/{vi_number(targets['assigned'])} chỉ tiêu được giao.",
        )
        _table(
            document,
            ["Chỉ tiêu", "Số đơn vị được giao", "Số đơn vị đạt"],
            [[row["label"], row["assigned"], row["reached"]] for row in targets["by_indicator"]],
            [95, 35, 35],
        )
        number += 1
    commendations = figures.get("commendations")
    if commendations and commendations["total"]:
        _heading(document, f"{number}. Khen thưởng", level=2)
        _table(
            document,
            ["Hình thức", "Tập thể (mô hình)", "Cá nhân"],
            [[row["label"], row["schemes"], row["people"]] for row in commendations["by_form"]],
            [95, 35, 35],
        )


def _signature_block(document, review: Review) -> None:
    table = document.add_table(rows=1, cols=2)
    _widths(table, [85, TEXT_WIDTH_MM - 85])
    left, right = table.rows[0].cells
    _cell_paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=6)
    lines = review.recipient_lines
    for index, line in enumerate(lines):
        line = line.lstrip("-– ").rstrip(";.")
        end = "." if index == len(lines) - 1 else ";"
        _paragraph(left, f"- {line}{end}", size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell_paragraph(right, review.signer_title.upper(), bold=True, before=6)
    for _ in range(4):
        _paragraph(right)
    _paragraph(right, review.signer_name, bold=True)


def _appendix(document, review: Review) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    figures = review.figures or {}
    _paragraph(document, "PHỤ LỤC", bold=True)
    _paragraph(document, "SỐ LƯỢNG MÔ HÌNH, TỔ CHỨC TỰ QUẢN VỀ AN NINH, TRẬT TỰ THEO ĐƠN VỊ", bold=True)
    issued = f" ngày {review.issued_on:%d/%m/%Y}" if review.issued_on else ""
    number = review.number_line.removeprefix("Số: ")
    _paragraph(document, f"(Kèm theo Báo cáo số {number}{issued})", italic=True, after=6)
    rows = figures.get("by_unit", [])
    _table(
        document,
        ["TT", "Đơn vị", "Số mô hình cuối kỳ", "Thành lập mới", "Thanh loại"],
        [[str(i), row["name"], row["at_end"], row["new"], row["eliminated"]] for i, row in enumerate(rows, start=1)],
        [12, 71, 30, 26, 26],
        total=[
            "",
            "Tổng cộng",
            sum(r["at_end"] for r in rows),
            sum(r["new"] for r in rows),
            sum(r["eliminated"] for r in rows),
        ],
    )


def review_docx(review: Review) -> bytes:
    """The .docx of ``review`` as bytes."""
    document = Document()
    _setup(document)
    _header_block(document, review)
    _paragraph(document, "BÁO CÁO", bold=True, before=18)
    _paragraph(document, review.title, bold=True)
    _short_rule(document, 50, TEXT_WIDTH_MM)
    _paragraph(document, after=6)
    for index, (name, heading) in enumerate(NARRATIVE_SECTIONS):
        _heading(document, f"{ROMAN[index]}. {heading.upper()}")
        if name == "results_intro":
            _results(document, review)
        else:
            _text_block(document, getattr(review, name))
    _paragraph(document, after=6)
    _signature_block(document, review)
    if review.figures.get("by_unit"):
        _appendix(document, review)
    document.core_properties.title = _clean(review.title)
    document.core_properties.author = _clean(review.issuer)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def soffice_path() -> str | None:
    """LibreOffice's command if installed (PDF export needs it), else None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(content: bytes, *, timeout: int = 120) -> bytes:
    """Convert a .docx to PDF with LibreOffice headless, in a private profile (safe in parallel)."""
    soffice = soffice_path()
    if soffice is None:
        raise RuntimeError("Chưa cài LibreOffice (soffice): không xuất được PDF.")
    with tempfile.TemporaryDirectory(prefix="tuquan-pdf-") as tmp:
        workdir = Path(tmp)
        source = workdir / "bao-cao.docx"
        source.write_bytes(content)
        subprocess.run(  # noqa: S603 - fixed arguments, no shell, our own temporary files
            [
                soffice,
                f"-env:UserInstallation=file://{workdir / 'profile'}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(workdir),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        return (workdir / "bao-cao.pdf").read_bytes()
