"""The .docx opened with python-docx: layout of Nghị định 30/2020/NĐ-CP and figures equal to the selector's."""

import io

import pytest
from docx import Document
from docx.shared import Pt

from tuquan.core.nd30 import vi_number
from tuquan.reviews.docx import review_docx
from tuquan.reviews.selectors import review_figures
from tuquan.reviews.services import review_update


@pytest.fixture
def review(make_review, users, dataset):
    review = make_review()
    return review_update(
        review=review,
        user=users["pv05"],
        expected_version=1,
        number="15",
        signer_name="Nguyễn Văn Phong",
        shortcomings="Kinh phí hoạt động còn thiếu.\nChế độ, trang phục, công cụ hỗ trợ chưa được bảo đảm.",
        proposals="<script>alert('x')</script>\n=1+1\n=HYPERLINK(\"http://x\")\x07 chuông",
    )


@pytest.fixture
def document(review):
    return Document(io.BytesIO(review_docx(review)))


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def _cell_texts(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_page_is_a4_with_the_decree_margins(document):
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20


def test_text_is_times_new_roman_13_to_14(document):
    assert document.styles["Normal"].font.name == "Times New Roman"
    sizes = set()
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if run.text.strip():
                assert run.font.name == "Times New Roman"
                sizes.add(run.font.size)
    assert sizes <= {Pt(13), Pt(14)}


def test_header_block_is_a_borderless_two_column_table(document, review):
    header = document.tables[0]
    assert header.style.name == "Normal Table"
    left, right = _cell_texts(header)[0]
    assert "CÔNG AN TỈNH KHÁNH HÒA" in left and "PHÒNG XÂY DỰNG PHONG TRÀO BẢO VỆ ANTQ" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    number, date_line = _cell_texts(header)[1]
    assert number == "Số: 15/BC-CAT-PV05"
    assert date_line.startswith("Khánh Hòa, ngày")
    motto = next(p for p in header.rows[0].cells[1].paragraphs if p.text == "Độc lập - Tự do - Hạnh phúc")
    assert motto.runs[0].bold and motto.runs[0].underline
    issuer = next(p for p in header.rows[0].cells[0].paragraphs if p.text.startswith("PHÒNG"))
    assert issuer.runs[0].bold
    assert header.rows[1].cells[1].paragraphs[0].runs[0].italic


def test_title_and_numbered_sections(document, review):
    texts = _texts(document)
    title_index = texts.index("BÁO CÁO")
    assert texts[title_index + 1] == review.title
    assert document.paragraphs[title_index].runs[0].bold
    for heading in (
        "I. ĐẶC ĐIỂM TÌNH HÌNH",
        "II. KẾT QUẢ ĐẠT ĐƯỢC",
        "III. TỒN TẠI, HẠN CHẾ, KHÓ KHĂN",
        "VII. ĐỀ XUẤT, KIẾN NGHỊ",
    ):
        assert heading in texts
    assert "Chế độ, trang phục, công cụ hỗ trợ chưa được bảo đảm." in texts
    assert "PHỤ LỤC" in texts


def test_figure_tables_equal_the_selector(document, review, khanh_hoa):
    figures = review_figures(khanh_hoa, review.period_start, review.period_end)
    tables = [_cell_texts(t) for t in document.tables]
    totals = next(t for t in tables if t[0][0] == "Nội dung" and len(t[0]) == 3)
    assert totals[1] == [
        "Số mô hình cuối kỳ",
        vi_number(figures["totals"]["at_end"]),
        vi_number(figures["totals"]["at_previous_end"]),
    ]
    assert totals[2][1:] == [vi_number(figures["totals"]["new"]), vi_number(figures["totals"]["new_previous"])]
    assert totals[3][1:] == [
        vi_number(figures["totals"]["eliminated"]),
        vi_number(figures["totals"]["eliminated_previous"]),
    ]
    classes = next(t for t in tables if t[0][0] == "Xếp loại")
    assert [row[1] for row in classes[1:-1]] == [vi_number(row["count"]) for row in figures["classes"]["rows"]]
    assert classes[-1][:2] == ["Tổng cộng", vi_number(figures["classes"]["total"])]
    activity = next(t for t in tables if t[0] == ["Nội dung", "Số lượng"])
    assert {row[0]: row[1] for row in activity[1:]} == {
        row["label"]: vi_number(row["value"]) for row in figures["activity"]["rows"]
    }
    appendix = next(t for t in tables if t[0][:2] == ["TT", "Đơn vị"])
    assert len(appendix) == 1 + len(figures["by_unit"]) + 1
    assert appendix[-1][1:3] == ["Tổng cộng", vi_number(figures["totals"]["at_end"])]


def test_tables_are_bordered_with_a_bold_header_row(document):
    figures_table = document.tables[1]
    assert figures_table.style.name == "Table Grid"
    assert all(cell.paragraphs[0].runs[0].bold for cell in figures_table.rows[0].cells)


def test_big_numbers_use_vietnamese_grouping():
    assert vi_number(1234567) == "1.234.567"
    assert vi_number(26.7) == "26,7"
    assert vi_number(1234.5) == "1.234,5"


def test_recipients_and_signature_blocks(document, review):
    signature = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:"))
    left, right = signature.rows[0].cells
    label = left.paragraphs[0].runs[0]
    assert label.bold and label.italic and label.font.size == Pt(12)
    assert left.paragraphs[-1].text == "- Lưu: VT, PV05."
    assert all(p.runs[0].font.size == Pt(12) for p in left.paragraphs[1:])
    assert right.paragraphs[0].text == "TRƯỞNG PHÒNG" and right.paragraphs[0].runs[0].bold
    assert right.paragraphs[-1].text == "Nguyễn Văn Phong" and right.paragraphs[-1].runs[0].bold


def test_hostile_text_stays_literal(document):
    texts = _texts(document)
    assert "<script>alert('x')</script>" in texts
    assert "=1+1" in texts
    assert '=HYPERLINK("http://x") chuông' in texts  # the bell character (not valid XML) is dropped
