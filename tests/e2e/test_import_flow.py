"""PV05 imports a 2.000-row workbook: the check runs as a background job whose progress the page shows
until 100 %, the preview lists every row, confirming writes them all through a second job, and the
registry then holds the schemes. The worker is django-tasks-db's own loop, run between the steps."""

import re

import pytest

from tuquan.core.jobs_testing import run_queued_tasks
from tuquan.demo.users import DEMO_PASSWORD
from tuquan.schemes.excel.benchmark import _generate
from tuquan.schemes.models import Scheme
from tuquan.schemes.tests.conftest import ensure_seeded_kinds

pytestmark = pytest.mark.e2e
ROWS = 2000


def _wait_for_done(page):
    progress = page.locator("[data-testid=job-progress]")
    page.wait_for_selector("[data-testid=job-progress][data-status=done]", timeout=30_000)
    return progress


def test_a_2000_row_import_shows_progress_to_100_percent_then_lands_in_the_registry(
    page, live_server, login, demo_users, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    ensure_seeded_kinds()
    workbook = tmp_path / "so-theo-doi-mo-hinh.xlsx"
    _generate(ROWS, workbook)

    login(page, live_server, "pv05", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/mo-hinh/excel/nhap/")
    page.set_input_files("input[type=file]", str(workbook))
    page.click("[data-testid=upload-form] button[type=submit]")
    page.wait_for_url(re.compile(r"/mo-hinh/excel/nhap/xem-truoc/$"))
    queued = page.locator("[data-testid=job-progress]")
    assert queued.get_attribute("data-status") == "queued"
    assert Scheme.objects.count() == 0

    run_queued_tasks()  # the worker checks the file

    progress = _wait_for_done(page)
    assert "đã xử lý 2.000 / 2.000 dòng" in progress.inner_text()
    assert page.locator("[data-testid=job-percent]").inner_text() == "100 %"
    assert page.locator("progress.job-bar").get_attribute("value") == str(ROWS)
    with page.expect_navigation(wait_until="load"):
        page.click("[data-testid=job-next]")
    assert "2.000 thêm mới" in page.locator("[data-testid=count-create]").inner_text()
    assert page.locator("[data-testid=rows] tbody tr").count() == ROWS
    assert Scheme.objects.count() == 0  # nothing written before the officer confirms

    page.click("[data-testid=confirm-form] button[type=submit]")
    page.wait_for_url(re.compile(r"/cong-viec/\d+/$"))
    run_queued_tasks()  # the worker writes the file, all or nothing

    progress = _wait_for_done(page)
    assert "2.000 mô hình mới" in progress.inner_text()
    assert Scheme.objects.count() == ROWS
    page.click("[data-testid=job-next]")
    page.wait_for_url(re.compile(r"/mo-hinh/"))
    page.goto(f"{live_server.url}/mo-hinh/?q=so+1999")
    assert "số 1999" in page.content()
    assert page.console_errors == []


def _stt_workbook(path):
    """A new scheme on the «Mô hình» sheet and its team and two members naming it by «STT mô hình»."""
    from datetime import date

    from openpyxl import Workbook

    book = Workbook()
    schemes = book.active
    schemes.title = "Mô hình"
    schemes.append(["STT", "Mã mô hình", "Tên mô hình, tổ chức", "Loại mô hình", "Xã/phường/đặc khu", "Ngày thành lập"])
    schemes.append(
        [1, "", "Tuần tra nhân dân khu phố Vĩnh Phước", "Tuần tra nhân dân", "Bắc Nha Trang", date(2024, 1, 10)]
    )
    teams = book.create_sheet("Tổ")
    teams.append(["STT", "Mã mô hình", "STT mô hình", "Tên tổ"])
    teams.append([1, "", 1, "Tổ tuần tra số 1"])
    members = book.create_sheet("Thành viên")
    members.append(["STT", "Mã mô hình", "STT mô hình", "Tổ", "Họ và tên", "Năm sinh"])
    members.append([1, "", 1, "Tổ tuần tra số 1", "Nguyễn Văn An", 1975])
    members.append([2, "", 1, "Tổ tuần tra số 1", "Lê Thị Bình", 1982])
    book.save(path)


def test_a_commune_officer_imports_a_new_scheme_with_its_team_and_members_on_a_1200px_laptop(
    page, live_server, login, demo_users, settings, tmp_path
):
    """The preview lists the team and members under the new scheme they name by STT; the navbar (with the
    officer's long username) stays within the 1200 px window; confirming writes them all."""
    from tuquan.schemes.models import Member

    settings.MEDIA_ROOT = tmp_path / "media"
    workbook = tmp_path / "mo-hinh-moi.xlsx"
    _stt_workbook(workbook)
    page.set_viewport_size({"width": 1200, "height": 800})
    login(page, live_server, "congan.bacnhatrang", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/mo-hinh/excel/nhap/")
    page.set_input_files("input[type=file]", str(workbook))
    page.click("[data-testid=upload-form] button[type=submit]")
    page.wait_for_selector("[data-testid=rows]")

    related = page.locator("[data-testid=rows] [data-testid=row-related]").all_inner_texts()
    assert [text.strip() for text in related] == ["Trang «Tổ»: 1 thêm mới", "Trang «Thành viên»: 2 thêm mới"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1200
    menu = page.locator("[data-testid=user-menu]").bounding_box()
    assert menu["x"] + menu["width"] <= 1200
    page.click("[data-testid=user-menu]")
    assert page.locator("[data-testid=whoami]").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1200

    page.keyboard.press("Escape")
    page.click("[data-testid=confirm-form] button[type=submit]")
    page.wait_for_url(re.compile(r"/mo-hinh/(\?.*)?$"))
    members = Member.objects.filter(scheme__name="Tuần tra nhân dân khu phố Vĩnh Phước", team__name="Tổ tuần tra số 1")
    assert members.count() == 2
    assert page.console_errors == []
