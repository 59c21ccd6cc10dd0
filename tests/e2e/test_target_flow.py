"""PV05 assigns "at least 1 active scheme" to a commune without any; the target shows not reached;
the commune officer registers a scheme; the target shows reached (desktop and phone)."""

import re

import pytest
from django.utils import timezone

from tuquan.demo.users import DEMO_PASSWORD
from tuquan.schemes.tests.conftest import ensure_seeded_kinds
from tuquan.targets.models import Target

pytestmark = pytest.mark.e2e
COMMUNE = "Phường Bắc Nha Trang"


def _logout(page, live_server):
    page.context.clear_cookies()


def test_target_assigned_not_reached_then_reached_after_registration(page, phone_page, live_server, login, demo_users):
    ensure_seeded_kinds()
    year = timezone.localdate().year
    year_url = f"{live_server.url}/chi-tieu/{year}/"

    # PV05 assigns the target from the year page.
    login(page, live_server, "pv05", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/chi-tieu/")
    page.wait_for_url(re.compile(rf"/chi-tieu/{year}/$"))
    assert COMMUNE in page.locator("[data-testid=without-scheme]").inner_text()
    page.get_by_role("link", name="Giao chỉ tiêu").first.click()
    page.select_option("#id_unit", label=COMMUNE)
    page.select_option("#id_indicator", value="min_active_schemes")
    page.fill("#id_value", "1")
    page.click("[data-testid=target-save]")
    page.wait_for_url(year_url)
    row = page.locator("[data-testid=target-table] tr[data-unit='22333']")
    assert row.locator("[data-status]").inner_text() == "Chưa đạt"
    assert row.locator("[data-reached-value]").inner_text() == "0"
    assert Target.objects.filter(year=year, unit__code="22333").count() == 1
    _logout(page, live_server)

    # The commune officer sees the target (not reached), registers a scheme.
    login(page, live_server, "congan.bacnhatrang", DEMO_PASSWORD)
    page.goto(year_url)
    assert page.locator("[data-testid=target-table] [data-status]").inner_text() == "Chưa đạt"
    page.goto(f"{live_server.url}/mo-hinh/them/")
    page.select_option("#id_kind", label="Tiếng kẻng an ninh")
    page.fill("#id_name", "Tiếng kẻng an ninh tổ dân phố Vĩnh Phước 4")
    page.select_option("#id_commune", label=COMMUNE)
    page.fill("#id_founded_on", timezone.localdate().isoformat())
    page.click("[data-testid=scheme-save]")
    page.wait_for_url(re.compile(r"/mo-hinh/\d+/$"))

    # The target is now reached, for the officer and for PV05 (on a phone).
    page.goto(year_url)
    row = page.locator("[data-testid=target-table] tr[data-unit='22333']")
    assert row.locator("[data-status]").inner_text() == "Đạt"
    assert row.locator("[data-reached-value]").inner_text() == "1"
    assert page.console_errors == []

    login(phone_page, live_server, "pv05", DEMO_PASSWORD)
    phone_page.goto(year_url + "?status=reached")
    assert phone_page.locator("[data-testid=target-table] tr[data-unit='22333'] [data-status]").inner_text() == "Đạt"
    assert COMMUNE not in phone_page.locator("[data-testid=without-scheme]").inner_text()
    assert phone_page.console_errors == []
