"""Building blocks of a document in the layout of Nghị định 30/2020/NĐ-CP (python-docx).

A4, margins 20/20/30/15 mm, Times New Roman 14 (13 in the header block and tables);
header block as a borderless two-column table (issuing body and number on the left,
national title, motto and place-and-date line on the right); bordered figure tables;
"Nơi nhận" and the signature block. Text goes in through python-docx, which writes it
as text: nothing is escaped by hand and nothing is interpreted. The documents themselves
(a review, a proposal list) are built by their apps from these blocks.
"""

import re
from datetime import date

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell

FONT = "Times New Roman"
BODY_PT = 14
SMALL_PT = 13
PAGE = {"width": 210, "height": 297, "top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE["width"] - PAGE["left"] - PAGE["right"]
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


def _header_block(document, letter) -> None:
    """The ND 30 header of ``letter`` (``issuer_parent``, ``issuer``, ``number_line``, ``date_line``)."""
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
    _cell_paragraph(left, letter.issuer_parent.upper(), size=SMALL_PT)
    _cell_paragraph(left, letter.issuer.upper(), size=SMALL_PT, bold=True)
    _short_rule(left, left_mm / 3, left_mm)
    _cell_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=SMALL_PT, bold=True)
    _cell_paragraph(right, "Độc lập - Tự do - Hạnh phúc", size=BODY_PT, bold=True, underline=True)
    number_cell, date_cell = table.rows[1].cells
    _cell_paragraph(number_cell, letter.number_line, size=SMALL_PT, before=6)
    _cell_paragraph(date_cell, letter.date_line, size=BODY_PT, italic=True, before=6)


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


def _signature_block(document, letter) -> None:
    """Nơi nhận and the signature of ``letter`` (``recipient_lines``, ``signer_title``, ``signer_name``)."""
    table = document.add_table(rows=1, cols=2)
    _widths(table, [85, TEXT_WIDTH_MM - 85])
    left, right = table.rows[0].cells
    _cell_paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=6)
    lines = letter.recipient_lines
    for index, line in enumerate(lines):
        line = line.lstrip("-– ").rstrip(";.")
        end = "." if index == len(lines) - 1 else ";"
        _paragraph(left, f"- {line}{end}", size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell_paragraph(right, letter.signer_title.upper(), bold=True, before=6)
    for _ in range(4):
        _paragraph(right)
    _paragraph(right, letter.signer_name, bold=True)
