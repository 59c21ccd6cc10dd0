"""Browser-test fixtures: Debian's Chromium driven by Playwright against pytest-django's live server.

Other apps reuse them::

    pytestmark = pytest.mark.e2e

    def test_something(page, live_server, login, demo_users):
        login(page, live_server, "pv05", DEMO_PASSWORD)
        page.goto(live_server.url + "/mo-hinh/")

``page.console_errors`` collects the browser console errors (a Content-Security-Policy
violation shows up there), so a test can assert there were none.

Tests outside ``tests/e2e`` import the fixtures
(``from tests.e2e.conftest import browser, login, page  # noqa: F401``). Never start a second
``sync_playwright()`` while one is alive (Playwright refuses: "Sync API inside the asyncio loop"):
``browser`` is module-scoped, so its Playwright stops at the end of each test module and the
modules that import it never overlap.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
# thread with a running loop unless told it is safe (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1366, "height": 860}
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium for one test module (never downloaded: Debian's /usr/bin/chromium)."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set CHROMIUM=)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _new_page(browser, viewport, locale: str = "vi-VN"):
    context = browser.new_context(viewport=viewport, locale=locale, timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(20_000)  # generous: CI machines run both databases
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    return context, page


@pytest.fixture
def page(browser):
    """A fresh desktop-sized page (its own cookies) for one test."""
    context, page = _new_page(browser, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def us_page(browser):
    """A desktop page whose browser speaks American English (dates mm/dd/yyyy in a native date box)."""
    context, page = _new_page(browser, DESKTOP, locale="en-US")
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    """A fresh phone-sized page (390 × 844)."""
    context, page = _new_page(browser, PHONE)
    yield page
    context.close()


def _login(page, live_server, username: str, password: str) -> None:
    """Log in through the login form; whoever was logged in on this page before is logged out."""
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form:has(#id_username) button[type=submit]")
    page.wait_for_load_state()


@pytest.fixture
def login():
    """``login(page, live_server, username, password)``: log in through the real login form."""
    return _login


def reseed_data_migrations() -> None:
    """Run again the data migrations named ``*_seed_*`` (catalogue of kinds, criteria sets, ...).

    The live server needs committed data (``transactional_db``), and every transactional test ends
    with a flush that also empties what the migrations seeded. Seed migrations are idempotent, so
    running their forward code again puts that data back, in any test order. (pytest-django's
    serialized rollback would do the same but clashes with content types recreated by a flush.)
    """
    from importlib import import_module

    from django.apps import apps
    from django.db.migrations import RunPython
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    for (app_label, name), migration in sorted(loader.disk_migrations.items()):
        if "_seed_" not in name or not apps.get_app_config(app_label).name.startswith("tuquan."):
            continue
        module = import_module(migration.__module__)
        for operation in module.Migration.operations:
            if isinstance(operation, RunPython):
                operation.code(apps, None)


@pytest.fixture
def demo_users(transactional_db):
    """Khánh Hòa's units, the seeded catalogues and the demo users of every role (tuquan.demo.users)."""
    from tuquan.demo.users import demo_users_load
    from tuquan.places.services import places_load

    reseed_data_migrations()
    places_load(province_codes=[56])
    return {user.username: user for user in demo_users_load()}
