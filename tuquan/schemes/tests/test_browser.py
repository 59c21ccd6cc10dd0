"""Browser test of the registry's main journey, in headless Chromium against the live server.

A commune officer registers a scheme, adds a team and two members inline (HTMX), finds the
scheme from the list by typing without diacritics, exports the filtered list and opens the
.xlsx; no console (CSP) errors on the way.
"""

import os
import re
from datetime import date

import openpyxl
import pytest
from django.utils import timezone

from tests.e2e.conftest import SCREENSHOTS, browser, demo_users, login, page, phone_page, us_page  # noqa: F401
from tuquan.demo.users import DEMO_PASSWORD
from tuquan.schemes.models import Member, Scheme, Team
from tuquan.schemes.tests.conftest import ensure_seeded_kinds

pytestmark = pytest.mark.e2e

NAME = "Tiếng kẻng an ninh tổ dân phố 9"


def _add_member(tab, name: str, phone: str) -> None:
    tab.click("[data-testid=member-add]")
    form = tab.locator("#members-form form")
    form.locator("#id_full_name").fill(name)
    form.locator("#id_team").select_option(label="Tổ 1")
    form.locator("#id_phone").fill(phone)
    form.locator("button[type=submit]").click()
    tab.locator("#members-section", has_text=name).wait_for()


def test_commune_officer_registers_a_scheme_with_team_and_members_and_finds_it(
    page,  # noqa: F811
    live_server,
    login,  # noqa: F811
    demo_users,  # noqa: F811
    tmp_path,
):
    ensure_seeded_kinds()
    login(page, live_server, "congan.bacnhatrang", DEMO_PASSWORD)

    page.goto(f"{live_server.url}/mo-hinh/them/")
    page.select_option("#id_kind", label="Tiếng kẻng an ninh")
    page.fill("#id_name", NAME)
    page.select_option("#id_commune", label="Phường Bắc Nha Trang")
    page.fill("#id_founded_on", "2024-05-20")
    page.fill("#id_leader_phone", "0905 123 456")
    page.click("[data-testid=scheme-save]")
    page.wait_for_url(re.compile(r"/mo-hinh/\d+/$"))
    assert page.locator("[data-testid=scheme-name]").inner_text() == NAME
    scheme = Scheme.objects.get(name=NAME)
    assert scheme.code.startswith("KH-22333-") and scheme.leader_phone == "0905123456"

    detail_url = page.url
    page.click("[data-testid=team-add]")
    page.locator("#teams-form #id_name").fill("Tổ 1")
    page.locator("#teams-form button[type=submit]").click()
    page.locator("#teams-section td", has_text="Tổ 1").wait_for()
    assert page.url == detail_url  # no full reload
    _add_member(page, "Nguyễn Văn Hùng", "0912345678")
    _add_member(page, "Lê Thị Mai", "0987654321")
    assert Team.objects.filter(scheme=scheme).count() == 1
    assert Member.objects.filter(scheme=scheme, team__name="Tổ 1").count() == 2

    page.goto(f"{live_server.url}/mo-hinh/")
    page.fill("[data-testid=scheme-search]", "tieng keng to dan pho 9")
    page.wait_for_url(re.compile(r"q=tieng"))
    results = page.locator("[data-testid=scheme-results]")
    results.get_by_role("link", name=NAME).wait_for()
    assert "Tìm thấy 1 mô hình" in results.inner_text()

    # Export the filtered list with its members and open the file as an officer's Excel would.
    page.click("[data-testid=scheme-export]")
    page.locator("[data-testid=export-form]").wait_for()
    page.check("input[name=sheets][value=members]")
    with page.expect_download() as download_info:
        page.click("[data-testid=export-form] button[type=submit]")
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    workbook = openpyxl.load_workbook(saved, read_only=True)
    rows = [[cell for cell in row] for row in workbook.worksheets[0].iter_rows(values_only=True)]
    data_rows = [row for row in rows if NAME in row]
    assert len(data_rows) == 1 and scheme.code in data_rows[0]
    assert not any("Camera" in str(cell) for row in rows for cell in row if cell)  # only the filtered scheme
    member_names = {cell for row in workbook.worksheets[1].iter_rows(values_only=True) for cell in row}
    assert {"Nguyễn Văn Hùng", "Lê Thị Mai"} <= member_names
    assert page.console_errors == []


def test_registration_form_fits_a_phone(phone_page, live_server, login, demo_users):  # noqa: F811
    ensure_seeded_kinds()
    login(phone_page, live_server, "congan.bacnhatrang", DEMO_PASSWORD)
    phone_page.goto(f"{live_server.url}/mo-hinh/them/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    phone_page.click("[data-testid=scheme-save]")  # empty form: errors next to the fields, no crash
    assert phone_page.locator("[data-field-error=name]").count() == 1
    assert phone_page.console_errors == []


def _months_back(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 - months
    return index // 12, index % 12 + 1


def test_dates_are_dd_mm_yyyy_in_an_english_browser_picked_from_the_calendar_or_typed(
    us_page,  # noqa: F811
    live_server,
    login,  # noqa: F811
    demo_users,  # noqa: F811
    tmp_path,
):
    """An en-US Chromium would show a native date box as mm/dd/yyyy; tuquan's box is dd/mm/yyyy."""
    ensure_seeded_kinds()
    login(us_page, live_server, "congan.bacnhatrang", DEMO_PASSWORD)
    us_page.goto(f"{live_server.url}/mo-hinh/them/")
    assert us_page.evaluate("navigator.language") == "en-US"
    founded = us_page.locator("#id_founded_on")
    assert founded.get_attribute("type") == "text" and founded.get_attribute("placeholder") == "dd/mm/yyyy"
    us_page.select_option("#id_kind", label="Tiếng kẻng an ninh")
    us_page.fill("#id_name", NAME)
    us_page.select_option("#id_commune", label="Phường Bắc Nha Trang")

    # The calendar: Vietnamese names, weeks from Monday; two months back, the 3rd.
    founded.click()
    calendar = us_page.locator(".datepicker.active")
    calendar.wait_for()
    assert calendar.locator(".dow").all_inner_texts() == ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
    today = timezone.localdate()
    assert calendar.locator(".view-switch").inner_text() == f"Tháng {today.month}/{today.year}"
    calendar.get_by_label("Tháng trước").click()
    calendar.get_by_label("Tháng trước").click()
    year, month = _months_back(today, 2)
    assert calendar.locator(".view-switch").inner_text() == f"Tháng {month}/{year}"
    shots = SCREENSHOTS if os.environ.get("TUQUAN_SCREENSHOTS") else tmp_path
    us_page.screenshot(path=shots / "date-picker.png", clip={"x": 0, "y": 300, "width": 1366, "height": 520})
    calendar.locator(".datepicker-cell.day:not(.prev):not(.next)").get_by_text("3", exact=True).click()
    assert founded.input_value() == f"03/{month:02d}/{year}"
    assert not calendar.is_visible()  # closed on picking

    # Typed by hand: a day that does not exist stays as typed, and the server says why.
    decision = us_page.locator("#id_founding_decision_date")
    decision.fill("31/02/2024")
    decision.press("Tab")
    assert decision.input_value() == "31/02/2024"
    us_page.click("[data-testid=scheme-save]")
    error = us_page.locator("[data-field-error=founding_decision_date]")
    assert error.inner_text() == "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/11/2026."
    assert decision.input_value() == "31/02/2024" and founded.input_value() == f"03/{month:02d}/{year}"

    # Keyboard only: type the date, Enter saves the form.
    decision.click()
    decision.press("Control+a")
    decision.press_sequentially(f"01/{month:02d}/{year}")
    decision.press("Enter")
    us_page.wait_for_url(re.compile(r"/mo-hinh/\d+/$"))
    scheme = Scheme.objects.get(name=NAME)
    assert (scheme.founded_on, scheme.founding_decision_date) == (date(year, month, 3), date(year, month, 1))
    assert us_page.console_errors == []
