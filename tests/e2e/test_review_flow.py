"""PV05 drafts a year review, writes its narrative on a phone, and downloads the Word document."""

import io
from datetime import date

import pytest
from docx import Document

from tuquan.demo.users import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def registry(demo_users):
    from tuquan.places.models import AdminUnit
    from tuquan.reviews.tests.factories import report
    from tuquan.schemes.testing import make_scheme

    commune = AdminUnit.objects.get(era="current", level="commune", code="22333")
    old = make_scheme(commune, date(2020, 5, 1))
    make_scheme(commune, date(2025, 3, 1))
    report(old, date(2025, 1, 1), date(2025, 6, 30), patrols=24, tips_to_police=3)
    return commune


def test_pv05_drafts_writes_and_downloads_a_review(page, phone_page, live_server, login, registry):
    login(page, live_server, "pv05", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/bao-cao/lap-moi/")
    assert not page.locator("#id_start_year").is_visible()
    page.select_option("#id_period_kind", "year")
    page.fill("#id_year", "2025")
    page.click("[data-testid=review-create-form] button[type=submit]")
    page.wait_for_load_state()
    assert "/sua/" in page.url
    edit_url = page.url

    # On a phone: the narrative sections are plain textareas, the save button stays in reach.
    login(phone_page, live_server, "pv05", DEMO_PASSWORD)
    phone_page.goto(edit_url)
    phone_page.fill("#id_shortcomings", "Kinh phí, chế độ, trang phục, công cụ hỗ trợ còn thiếu.\n<b>=1+1</b>")
    phone_page.fill("#id_signer_name", "Nguyễn Văn Phong")
    phone_page.click("[data-testid=review-form] button[type=submit]")
    phone_page.wait_for_load_state()
    assert phone_page.locator("[data-figure=at_end]").inner_text() == "2"
    assert phone_page.locator("[data-figure=new]").inner_text() == "1"
    assert phone_page.locator("[data-activity=patrols]").inner_text() == "24"
    assert "<b>=1+1</b>" in phone_page.locator(".review-preview").inner_text()
    assert not phone_page.console_errors

    # The Word document carries the officer's text and the figures.
    page.goto(phone_page.url)
    with page.expect_download() as download_info:
        page.click("[data-testid=download-docx]")
    document = Document(io.BytesIO(download_info.value.path().read_bytes()))
    texts = [p.text for p in document.paragraphs]
    assert "<b>=1+1</b>" in texts
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in document.tables[0].rows[0].cells[1].text
    assert not page.console_errors
