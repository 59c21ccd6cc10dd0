"""PV05 opens the dashboard, drills down from the province to a commune, builds the article's
cross-table (2022, pre-2025 districts × class) and downloads it as .xlsx."""

import pytest
from openpyxl import load_workbook

from tuquan.demo.users import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

ARTICLE_TOTALS = ("Tổng cộng", 86, 168, 42, 7, 19, 322)


@pytest.fixture
def demo_registry(demo_users):
    from tuquan.demo.generator import generate_demo

    generate_demo()
    return demo_users


def test_pv05_drills_down_builds_the_article_table_and_downloads_it(page, live_server, login, demo_registry, tmp_path):
    from tuquan.dashboards.selectors import dashboard
    from tuquan.places.models import AdminUnit

    pv05 = demo_registry["pv05"]
    commune = AdminUnit.objects.get(era="current", level="commune", code="22333")
    province_active = dashboard(user=pv05)["counts"]["active"]
    commune_active = dashboard(user=pv05, unit=commune)["counts"]["active"]

    login(page, live_server, "pv05", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/thong-ke/tong-quan/")
    assert page.inner_text("[data-testid=count-active]").strip() == f"{province_active:,}".replace(",", ".")
    page.locator("canvas[data-drawn]").nth(2).wait_for()  # the charts were drawn (no CSP error)

    page.click(f"[data-testid=table-communes] a[data-unit-code='{commune.code}']")
    page.wait_for_selector("[data-testid=dashboard-unit]")
    assert page.inner_text("[data-testid=dashboard-unit]") == commune.name
    assert page.inner_text("[data-testid=count-active]").strip() == str(commune_active)

    page.goto(f"{live_server.url}/thong-ke/")
    page.select_option("#id_rows", "old-district")
    page.select_option("#id_columns", "class")
    page.fill("#id_year_from", "2022")
    page.fill("#id_year_to", "")
    page.click("[data-testid=statistics-form] button[type=submit]")
    page.wait_for_selector("[data-testid=table-title]:has-text('năm 2022')")
    assert page.inner_text("[data-testid=grand-total]").strip() == "322"
    assert "year_from=2022" in page.url  # HTMX pushed the table's URL

    with page.expect_download() as download_info:
        page.click("[data-testid=download-xlsx]")
    target = tmp_path / "thong-ke-2022.xlsx"
    download_info.value.save_as(target)
    sheet = load_workbook(target).active
    totals = [row for row in sheet.iter_rows(values_only=True) if row[0] == "Tổng cộng"]
    assert totals == [ARTICLE_TOTALS]
    assert page.console_errors == []
