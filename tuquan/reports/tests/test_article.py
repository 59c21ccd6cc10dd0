"""With the demo data, the 2022 table by pre-2025 district is the article's (seed/article-khanh-hoa-2022.txt)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from tuquan.reports.selectors import AGENCY_LABEL

ARTICLE_ROWS = {
    "Thành phố Nha Trang": 87,
    "Thành phố Cam Ranh": 39,
    "Thị xã Ninh Hòa": 70,
    "Huyện Diên Khánh": 37,
    "Huyện Cam Lâm": 23,
    "Huyện Vạn Ninh": 33,
    "Huyện Khánh Sơn": 12,
    "Huyện Khánh Vĩnh": 8,
    AGENCY_LABEL: 13,
}
ARTICLE_CLASSES = [86, 168, 42, 7, 19]  # Tốt, Khá, Trung bình, Yếu, chưa đánh giá (mới thành lập)


@pytest.fixture
def demo(khanh_hoa):
    from tuquan.demo.generator import generate_demo

    return generate_demo()


@pytest.mark.slow
def test_2022_old_district_table_is_the_article_on_the_page_and_from_the_command(client, users, demo):
    client.force_login(users["pv05"])
    response = client.get(
        reverse("reports:statistics"),
        {"rows": "old-district", "columns": "class", "year_from": "2022", "agency_row": "on"},
    )
    table = response.context["table"]
    assert {h.label: total for h, _, total in table.body()} == ARTICLE_ROWS
    assert table.column_totals == ARTICLE_CLASSES
    assert table.grand_total == 322
    html = response.content.decode()
    assert 'data-testid="grand-total">322<' in html

    out = io.StringIO()
    call_command(
        "statistics",
        "--year",
        "2022",
        "--rows",
        "old-district",
        "--columns",
        "class",
        "--format",
        "csv",
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    rows = {line.rsplit(",", 6)[0].strip('"'): int(line.rsplit(",", 1)[1]) for line in lines[1:-1]}
    assert rows == ARTICLE_ROWS
    assert lines[-1] == "Tổng cộng,86,168,42,7,19,322"

    text = io.StringIO()
    call_command("statistics", "--year", "2022", "--rows", "old-district", "--columns", "class", stdout=text)
    assert "322" in text.getvalue().splitlines()[-3]
