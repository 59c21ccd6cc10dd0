"""Excel import: rows of the teams, members and activity sheets naming their scheme by «STT mô hình», the
«STT» of its row on the «Mô hình» sheet of the same file, so that a new scheme (no code yet) comes in with
its teams and members in one go — in the request and as background jobs."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tuquan.core.jobs_testing import run_queued_tasks
from tuquan.core.models import Job, JobStatus
from tuquan.schemes.choices import MemberRole
from tuquan.schemes.excel import importers
from tuquan.schemes.models import ActivityReport, Member, Scheme, Team
from tuquan.schemes.tests.excel_helpers import confirm, plan_of, preview, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("excel_media")]

SCHEME_HEADERS = ["STT", "Mã mô hình", "Tên mô hình, tổ chức", "Loại mô hình", "Xã/phường/đặc khu", "Ngày thành lập"]
TEAM_HEADERS = ["STT", "Mã mô hình", "STT mô hình", "Tên tổ", "Địa bàn hoạt động", "Ngày thành lập"]
MEMBER_HEADERS = [
    "STT",
    "Mã mô hình",
    "STT mô hình",
    "Tổ",
    "Họ và tên",
    "Năm sinh",
    "Chức danh trong tổ",
    "Số điện thoại",
    "Số định danh cá nhân (CCCD)",
]
ACTIVITY_HEADERS = ["STT", "Mã mô hình", "STT mô hình", "Từ ngày", "Đến ngày", "Số buổi tuần tra"]
NEW_NAME = "Tổ tuần tra nhân dân khu phố Vĩnh Phước"


def workbook(schemes, teams=(), members=(), activity=()) -> bytes:
    book = Workbook()
    book.active.title = "Mô hình"
    for title, headers, rows in (
        ("Mô hình", SCHEME_HEADERS, schemes),
        ("Tổ", TEAM_HEADERS, teams),
        ("Thành viên", MEMBER_HEADERS, members),
        ("Kết quả hoạt động", ACTIVITY_HEADERS, activity),
    ):
        sheet = book[title] if title in book.sheetnames else book.create_sheet(title)
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def new_scheme_row(stt=1, name=NEW_NAME):
    return [stt, "", name, "Tuần tra nhân dân", "Bắc Nha Trang", date(2024, 1, 10)]


def one_new_scheme_with_team_and_members() -> bytes:
    return workbook(
        [new_scheme_row()],
        teams=[[1, "", 1, "Tổ tuần tra số 1", "Khu phố 2", date(2024, 2, 1)]],
        members=[
            [1, "", 1, "Tổ tuần tra số 1", "Nguyễn Văn An", 1975, "Tổ trưởng", "0905123456", "056075001234"],
            [2, "", "1", "Tổ tuần tra số 1", "Lê Thị Bình", 1982, "Thành viên", "0905123457", "056182001235"],
        ],
        activity=[[1, None, 1.0, date(2024, 5, 1), date(2024, 5, 31), 6]],
    )


def related(planned) -> list[tuple]:
    return [(sheet["title"], sheet["created"], sheet["updated"], sheet["unchanged"]) for sheet in planned.related]


def test_a_new_scheme_its_team_members_and_report_import_in_one_file(users, tmp_path, commune):
    content = one_new_scheme_with_team_and_members()

    plan = plan_of(users["commune"], content, tmp_path)

    assert plan.errors == []
    assert (plan.created, plan.rows[0].stt, plan.rows[0].code) == (1, "1", "")
    assert related(plan.rows[0]) == [("Tổ", 1, 0, 0), ("Thành viên", 2, 0, 0), ("Kết quả hoạt động", 1, 0, 0)]
    assert not Scheme.objects.exists() and not Team.objects.exists() and not Member.objects.exists()

    applied = plan_of(users["commune"], content, tmp_path, commit=True)

    assert applied.errors == []
    scheme = Scheme.objects.get(name=NEW_NAME, commune=commune)
    assert applied.rows[0].code == scheme.code
    team = Team.objects.get(scheme=scheme)
    assert team.name == "Tổ tuần tra số 1"
    assert set(Member.objects.filter(scheme=scheme).values_list("full_name", "team", "role")) == {
        ("Nguyễn Văn An", team.pk, MemberRole.LEADER),
        ("Lê Thị Bình", team.pk, MemberRole.MEMBER),
    }
    assert ActivityReport.objects.get(scheme=scheme).patrols == 6


def test_reimporting_a_file_with_stt_references_creates_no_duplicates(users, tmp_path):
    content = one_new_scheme_with_team_and_members()
    plan_of(users["commune"], content, tmp_path, commit=True)

    preview_again = plan_of(users["commune"], content, tmp_path)
    again = plan_of(users["commune"], content, tmp_path, commit=True)

    for plan in (preview_again, again):
        assert plan.errors == [] and (plan.created, plan.unchanged) == (0, 1)
        assert related(plan.rows[0]) == [("Tổ", 0, 0, 1), ("Thành viên", 0, 0, 2), ("Kết quả hoạt động", 0, 0, 1)]
    assert (Scheme.objects.count(), Team.objects.count(), Member.objects.count(), ActivityReport.objects.count()) == (
        1,
        1,
        2,
        1,
    )


def test_stt_references_that_do_not_hold_are_errors_naming_sheet_row_and_column(users, tmp_path, scheme):
    content = workbook(
        [
            new_scheme_row(1),
            [2, scheme.code, scheme.name, scheme.kind.name, "", scheme.founded_on],
            new_scheme_row(3, name="Camera an ninh khu phố 4"),
            new_scheme_row(3, name="Camera an ninh khu phố 5"),
            [4, "", "", "Tuần tra nhân dân", "Bắc Nha Trang", date(2024, 1, 10)],  # no name: an error row
            [5],  # numbered in advance and left empty: not a row
        ],
        teams=[
            [1, "", 1, "Tổ 1", "", None],  # fine
            [2, "", 9, "Tổ 2", "", None],  # no STT 9 on the Mô hình sheet
            [3, scheme.code, 1, "Tổ 3", "", None],  # the code and the STT name different schemes
            [4, scheme.code, 2, "Tổ 4", "", None],  # both, agreeing: fine
            [5, "", 3, "Tổ 5", "", None],  # STT 3 is on two rows
            [6, "", 4, "Tổ 6", "", None],  # STT 4's row has errors
            [7, "", "", "Tổ 7", "", None],  # neither
            [8],  # numbered in advance and left empty
        ],
    )

    plan = plan_of(users["commune"], content, tmp_path)

    assert [(error.sheet, error.row, error.column) for error in plan.errors] == [
        ("", 6, "Tên mô hình, tổ chức"),
        ("Tổ", 3, "STT mô hình"),
        ("Tổ", 4, "STT mô hình"),
        ("Tổ", 6, "STT mô hình"),
        ("Tổ", 7, "STT mô hình"),
        ("Tổ", 8, "Mã mô hình"),
    ]
    messages = {error.row: error.message for error in plan.errors if error.sheet}
    assert "Trang «Mô hình» không có dòng nào có STT «9»" in messages[3]
    assert f"«Mã mô hình» {scheme.code} và «STT mô hình» 1 không chỉ cùng một mô hình" in messages[4]
    assert f"mô hình mới «{NEW_NAME}» (dòng 2)" in messages[4]
    assert "STT «3» có ở 2 dòng của trang «Mô hình» (dòng 4, 5)" in messages[6]
    assert "Dòng 6 của trang «Mô hình» (STT 4) còn lỗi" in messages[7]
    assert "«STT mô hình»" in messages[8]
    assert plan.total_rows == 5
    assert related(plan.rows[0]) == [("Tổ", 1, 0, 0)] and related(plan.rows[1]) == [("Tổ", 1, 0, 0)]
    assert Scheme.objects.count() == 1 and not Team.objects.exists()


def test_one_bad_stt_reference_writes_nothing_not_even_the_new_scheme(users, tmp_path):
    content = workbook(
        [new_scheme_row(1)],
        teams=[[1, "", 1, "Tổ 1", "", None], [2, "", 2, "Tổ 2", "", None]],
        members=[[1, "", 1, "Tổ 1", "Nguyễn Văn An", 1975, "Tổ trưởng", "0905123456", "056075001234"]],
    )

    plan = plan_of(users["commune"], content, tmp_path, commit=True)

    assert [(error.sheet, error.row, error.column) for error in plan.errors] == [("Tổ", 3, "STT mô hình")]
    assert not Scheme.objects.exists() and not Team.objects.exists() and not Member.objects.exists()


def test_the_preview_page_shows_the_related_rows_under_their_scheme_and_confirming_writes_them(client, users):
    client.force_login(users["commune"])
    upload(client, one_new_scheme_with_team_and_members())

    page = preview(client).content.decode()

    assert "STT 1" in page
    assert "Trang «Tổ»: 1 thêm mới" in page and "Trang «Thành viên»: 2 thêm mới" in page
    assert not Scheme.objects.exists()
    assert confirm(client).status_code == 302
    assert Member.objects.filter(scheme__name=NEW_NAME, team__name="Tổ tuần tra số 1").count() == 2


def test_the_filled_in_template_imports_a_new_scheme_with_its_team_and_members(client, users, tmp_path):
    client.force_login(users["commune"])
    response = client.get(reverse("schemes:excel_template"))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert "Hướng dẫn" in book.sheetnames
    assert "STT mô hình" in " ".join(str(row[0]) for row in book["Hướng dẫn"].iter_rows(values_only=True))

    def fill(title, values: dict):
        sheet = book[title]
        headers = [cell.value for cell in sheet[1]]
        sheet.append([values.get(header) for header in headers])

    scheme = {"Tên mô hình, tổ chức": NEW_NAME, "Loại mô hình": "Tuần tra nhân dân", "Ngày thành lập": "10/01/2024"}
    fill("Mô hình", {"STT": 1, "Xã/phường/đặc khu": "Phường Bắc Nha Trang", **scheme})
    fill("Tổ", {"STT": 1, "STT mô hình": 1, "Tên tổ": "Tổ 1"})
    fill("Thành viên", {"STT": 1, "STT mô hình": 1, "Tổ": "Tổ 1", "Họ và tên": "Nguyễn Văn An", "Năm sinh": 1975})
    output = io.BytesIO()
    book.save(output)

    plan = plan_of(users["commune"], output.getvalue(), tmp_path, commit=True)

    assert plan.errors == [] and plan.created == 1
    assert Member.objects.get(scheme__name=NEW_NAME).team.name == "Tổ 1"


@pytest.fixture
def large(monkeypatch):
    """Files of 1 row or more count as large: checked and written by background jobs."""
    monkeypatch.setattr(importers, "SYNC_ROWS", 1)


def test_a_large_file_with_stt_references_is_checked_and_written_by_jobs_once(client, users, large):
    client.force_login(users["commune"])
    for _ in range(2):
        upload(client, one_new_scheme_with_team_and_members())
        run_queued_tasks()
        page = client.get(reverse("schemes:excel_import_preview"))
        plan = page.context["plan"]
        assert plan.ok and plan.rows[0].related, plan.errors
        assert "Trang «Thành viên»:" in page.content.decode()
        confirm(client)
        run_queued_tasks()

    first, second = Job.objects.filter(kind="schemes.import_apply").order_by("pk")
    assert (first.status, second.status) == (JobStatus.DONE, JobStatus.DONE)
    assert (first.result["created"], second.result["created"]) == (1, 0)
    assert "trang «Thành viên»: 2 thêm mới" in first.message
    assert "trang «Thành viên»: 0 thêm mới, 0 cập nhật" in second.message
    assert (Scheme.objects.count(), Team.objects.count(), Member.objects.count()) == (1, 1, 2)


def test_a_large_file_with_a_bad_stt_reference_fails_its_check_with_the_row(client, users, large):
    client.force_login(users["commune"])
    upload(client, workbook([new_scheme_row(1)], teams=[[1, "", 2, "Tổ 1", "", None]]))
    run_queued_tasks()

    page = client.get(reverse("schemes:excel_import_preview"))

    plan = page.context["plan"]
    assert [(error.sheet, error.row, error.column) for error in plan.errors] == [("Tổ", 2, "STT mô hình")]
    assert "Xác nhận nhập" not in page.content.decode()
    confirm(client)
    assert not Job.objects.filter(kind="schemes.import_apply").exists()
    assert not Scheme.objects.exists()
