"""Each demo role logs in through the real page and sees the navigation its role allows."""

import os

import pytest

from tuquan.core.context_processors import leaf_labels, navigation_links
from tuquan.demo.users import DEMO_PASSWORD

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.e2e

ROLES = ["quantri", "pv05", "congan.bacnhatrang", "xem", "truong.bacnhatrang"]


@pytest.fixture
def all_demo_users(demo_users):
    """The demo users plus a scheme leader (``load_demo`` makes one from its generated registry)."""
    from datetime import date

    from tuquan.accounts.choices import Role
    from tuquan.accounts.models import User
    from tuquan.places.models import AdminUnit
    from tuquan.schemes.choices import Field
    from tuquan.schemes.models import Scheme, SchemeKind

    kind, _ = SchemeKind.objects.get_or_create(
        name="Tổ cựu quân nhân tự quản ANTT", defaults={"field": Field.MASS_ORG, "search_text": "to cuu quan nhan"}
    )
    commune = AdminUnit.objects.get(era="current", level="commune", code="22333")
    scheme = Scheme(
        code="E2E-1", kind=kind, name="Tổ cựu quân nhân thôn Văn Đăng", commune=commune, founded_on=date(2020, 5, 19)
    )
    scheme.refresh_search_text()
    scheme.save()
    leader = User(username="truong.bacnhatrang", full_name="Trưởng mô hình", role=Role.LEADER, scheme=scheme)
    leader.set_password(DEMO_PASSWORD)
    leader.save()
    return {**demo_users, leader.username: leader}


def _expected_navigation(user) -> list[str]:
    return leaf_labels(navigation_links(user))


def _navigation(page) -> list[str]:
    """Every link of the menu, those inside drop-downs included (their text, even while folded)."""
    return [text.strip() for text in page.locator("[data-testid=main-nav] [data-nav-link]").all_text_contents()]


@pytest.mark.parametrize("username", ROLES)
def test_demo_role_logs_in_and_sees_its_navigation(page, live_server, login, all_demo_users, username):
    login(page, live_server, username, DEMO_PASSWORD)
    assert page.url == f"{live_server.url}/"
    user = all_demo_users[username]
    navigation = _navigation(page)
    assert navigation == _expected_navigation(user)
    assert "Trang chủ" in navigation
    assert "Đơn vị hành chính" in navigation
    assert ("Quản trị" in navigation) is (username == "quantri")
    assert user.get_role_display() in page.locator("[data-testid=whoami]").text_content()
    assert page.console_errors == []  # no CSP violation, no script error


def test_commune_officer_sees_their_commune_and_no_administration(page, live_server, login, demo_users):
    login(page, live_server, "congan.bacnhatrang", DEMO_PASSWORD)
    page.locator("[data-testid=user-menu]").click()
    assert "Phường Bắc Nha Trang" in page.locator("[data-testid=whoami]").inner_text()
    response = page.goto(f"{live_server.url}/tai-khoan/nguoi-dung/")
    assert response.status == 403


def test_wrong_password_stays_on_the_login_page_with_a_message(page, live_server, login, demo_users):
    login(page, live_server, "pv05", "khong-dung")
    assert "/tai-khoan/dang-nhap/" in page.url
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in page.content()


def test_logout_button_ends_the_session(page, live_server, login, demo_users):
    login(page, live_server, "xem", DEMO_PASSWORD)
    page.locator("[data-testid=user-menu]").click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/tai-khoan/dang-nhap/")
    page.goto(f"{live_server.url}/")
    assert "/tai-khoan/dang-nhap/" in page.url


def test_phone_layout_collapses_the_navbar_and_the_toggler_opens_it(phone_page, live_server, login, demo_users):
    page = phone_page
    login(page, live_server, "pv05", DEMO_PASSWORD)
    toggler = page.locator(".navbar-toggler")
    units_link = page.locator("[data-testid=main-nav] .nav-link", has_text="Đơn vị hành chính")
    assert toggler.is_visible()
    assert not units_link.is_visible()
    toggler.click()
    page.locator("#mainnav.show:not(.collapsing)").wait_for()  # the collapse animation has finished
    units_link.wait_for(state="visible")
    with page.expect_navigation(url="**/don-vi/"):
        units_link.click()
    assert page.locator("h1").inner_text() == "Đơn vị hành chính"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page must not scroll sideways on a phone"
    assert page.console_errors == []


def test_unit_search_works_in_the_browser(page, live_server, login, demo_users):
    login(page, live_server, "xem", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/don-vi/")
    page.fill("input[name=q]", "cam lam")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.get_by_role("link", name="Xã Cam Lâm").click()
    assert "Hình thành từ" in page.locator("main").inner_text()


@pytest.mark.skipif(not os.environ.get("TUQUAN_SCREENSHOTS"), reason="set TUQUAN_SCREENSHOTS=1 to refresh docs/")
def test_refresh_documentation_screenshots(browser, live_server, login, demo_users):
    """Opt-in: ``TUQUAN_SCREENSHOTS=1 .venv/bin/pytest tests/e2e -k screenshots`` rewrites docs/screenshots/."""
    from django.core.management import call_command

    from .conftest import DESKTOP, PHONE, _new_page

    call_command("load_demo")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = [("home", "/"), ("units", "/don-vi/?q=cam+lam"), ("unit-detail", None)]
    for suffix, viewport in (("", DESKTOP), ("-phone", PHONE)):
        context, page = _new_page(browser, viewport)
        login(page, live_server, "pv05", DEMO_PASSWORD)
        for name, path in pages:
            if path is None:
                from tuquan.places.models import AdminUnit

                path = AdminUnit.objects.get(era="current", code="22333").get_absolute_url()
            page.goto(live_server.url + path)
            # The home page is long: the README shows its first screen; the others in full.
            page.screenshot(path=SCREENSHOTS / f"{name}{suffix}.png", full_page=suffix == "" and name != "home")
        context.close()
    page_login = browser.new_page(viewport=DESKTOP)
    page_login.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page_login.screenshot(path=SCREENSHOTS / "login.png")
    page_login.close()
