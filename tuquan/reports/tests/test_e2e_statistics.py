"""Browser test: PV05 opens the dashboard, drills down to a commune, builds a cross-table and downloads it."""

import os

import pytest
from openpyxl import load_workbook

from tuquan.core.testing import TEST_PASSWORD

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is not installed"),
]


@pytest.fixture
def browser_page():
    sync_api = pytest.importorskip("playwright.sync_api")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # fixtures touch the ORM around the event loop
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        yield page, errors
        context.close()
        browser.close()


def test_pv05_drills_down_builds_a_table_and_downloads_it(live_server, users, dataset, commune, browser_page, tmp_path):
    page, errors = browser_page
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.fill("input[name=username]", "pv05")
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/thong-ke/tong-quan/")
    assert page.inner_text("[data-testid=count-active]").strip() == "8"
    page.wait_for_function("document.querySelectorAll('canvas[data-drawn]').length >= 3")

    page.click(f"[data-testid=table-communes] a[data-unit-code='{commune.code}']")
    page.wait_for_selector("[data-testid=dashboard-unit]")
    assert page.inner_text("[data-testid=dashboard-unit]") == commune.name
    assert page.inner_text("[data-testid=count-active]").strip() == "5"

    page.goto(f"{live_server.url}/thong-ke/")
    page.select_option("#id_rows", "old-district")
    page.select_option("#id_columns", "class")
    page.fill("#id_year_from", "2022")
    page.fill("#id_year_to", "")
    page.click("[data-testid=statistics-form] button[type=submit]")
    page.wait_for_selector("[data-testid=cross-table]")
    assert page.inner_text("[data-testid=grand-total]").strip() == "6"
    assert "Cơ quan, doanh nghiệp, nhà trường" in page.inner_text("[data-testid=cross-table]")

    with page.expect_download() as download_info:
        page.click("[data-testid=download-xlsx]")
    target = tmp_path / "table.xlsx"
    download_info.value.save_as(target)
    sheet = load_workbook(target).active
    totals = [row for row in sheet.iter_rows(values_only=True) if row[0] == "Tổng cộng"]
    assert totals and totals[0][-1] == 6
    assert errors == []
