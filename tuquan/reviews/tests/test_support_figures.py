"""The review report counts the support (kinh phí, trang bị) given in its period, in the page and the .docx."""

import io
from datetime import date

from docx import Document

from tuquan.reviews.docx import review_docx
from tuquan.reviews.selectors import review_figures
from tuquan.support.models import SupportRecord


def _give(scheme, on, kind, value, source, quantity=1, category="khac"):
    return SupportRecord.objects.create(
        scheme=scheme,
        date=on,
        kind=kind,
        category=category,
        description="Hỗ trợ",
        quantity=quantity,
        value=value,
        source=source,
        donor_name="Doanh nghiệp A" if source == "xa_hoi_hoa" else "",
    )


def test_review_figures_sum_support_in_the_period_by_source(khanh_hoa, dataset):
    a, b = dataset["A"], dataset["B"]
    _give(a, date(2024, 3, 1), "money", 5_000_000, "ngan_sach_tinh")
    _give(b, date(2024, 9, 1), "item", 1_200_000, "xa_hoi_hoa", quantity=4, category="den_pin")
    _give(a, date(2023, 12, 31), "money", 9_000_000, "ngan_sach_tinh")  # before the period

    support = review_figures(khanh_hoa, date(2024, 1, 1), date(2024, 12, 31))["support"]

    assert support["records"] == 2
    assert support["schemes"] == 2
    assert support["money"] == 5_000_000
    assert support["items"] == 4
    assert support["items_value"] == 1_200_000
    assert {row["label"]: row["value"] for row in support["by_source"]} == {
        "Ngân sách tỉnh": 5_000_000,
        "Xã hội hóa / nhà tài trợ": 1_200_000,
    }


def test_review_docx_has_the_support_section(make_review, dataset):
    _give(dataset["A"], date(2024, 3, 1), "money", 5_000_000, "ngan_sach_tinh")
    review = make_review()
    text = "\n".join(p.text for p in Document(io.BytesIO(review_docx(review))).paragraphs)
    assert "Kinh phí, trang bị hỗ trợ các mô hình" in text
    assert "kinh phí 5.000.000 đồng" in text
