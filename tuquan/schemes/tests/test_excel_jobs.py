"""Excel import and export of large files as background jobs, and the bulk path's equivalence with the services."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tuquan.core.actor import acting_as
from tuquan.core.jobs_testing import run_queued_tasks
from tuquan.core.models import Job, JobStatus
from tuquan.schemes import services
from tuquan.schemes.excel import importers
from tuquan.schemes.models import Scheme
from tuquan.schemes.services import bulk as bulk_services
from tuquan.schemes.tests.excel_helpers import confirm, plan_of, upload, xlsx_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("excel_media")]


@pytest.fixture
def large(monkeypatch):
    """Files of 3 rows or more count as large: checked and written by background jobs."""
    monkeypatch.setattr(importers, "SYNC_ROWS", 3)


def rows(count: int, start: int = 1):
    return [
        [f"Tổ tự quản số {n}", "Tuần tra nhân dân", "Bắc Nha Trang", date(2020, 1, 1 + n % 28)]
        for n in range(start, start + count)
    ]


def test_a_large_file_is_checked_in_the_background_then_written_after_confirmation(client, users, commune, large):
    client.force_login(users["commune"])
    upload(client, xlsx_bytes(rows(5)))

    waiting = client.get(reverse("schemes:excel_import_preview"))
    assert waiting.context["job"].status == JobStatus.QUEUED
    assert 'hx-trigger="every 1s"' in waiting.content.decode()

    run_queued_tasks()
    progress = client.get(reverse("core:job_progress", args=[waiting.context["job"].pk])).content.decode()
    assert "đã xử lý 5 / 5 dòng" in progress and "100 %" in progress and "Xem kết quả kiểm tra" in progress
    page = client.get(reverse("schemes:excel_import_preview"))
    assert page.context["plan"].created == 5
    assert "Xác nhận nhập 5 mô hình" in page.content.decode()
    assert Scheme.objects.count() == 0

    response = confirm(client)
    job = Job.objects.get(kind="schemes.import_apply")
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert Scheme.objects.count() == 0  # queued, not yet written

    run_queued_tasks()

    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.message
    assert Scheme.objects.filter(commune=commune).count() == 5
    done = client.get(job.get_absolute_url()).content.decode()
    assert "5 mô hình mới" in done and "Xem sổ đăng ký mô hình" in done


def test_reimporting_a_large_file_creates_nothing_new(client, users, large):
    client.force_login(users["commune"])
    for _ in range(2):
        upload(client, xlsx_bytes(rows(4)))
        run_queued_tasks()
        confirm(client)
        run_queued_tasks()
    assert Scheme.objects.count() == 4
    first, second = Job.objects.filter(kind="schemes.import_apply").order_by("pk")
    assert (first.result["created"], second.result["created"], second.result["updated"]) == (4, 0, 0)


def test_a_lost_database_connection_in_the_middle_of_writing_writes_nothing(client, users, large, monkeypatch):
    monkeypatch.setattr(bulk_services, "BULK_BATCH", 2)
    real = bulk_services._audit_bulk
    calls = []

    def connection_drops(pairs, action):
        calls.append(len(pairs))
        if len(calls) == 2:
            raise OperationalError("server closed the connection unexpectedly")
        real(pairs, action)

    monkeypatch.setattr(bulk_services, "_audit_bulk", connection_drops)
    client.force_login(users["commune"])
    upload(client, xlsx_bytes(rows(6)))
    run_queued_tasks()
    confirm(client)

    run_queued_tasks()

    job = Job.objects.get(kind="schemes.import_apply")
    assert calls == [2, 2]  # the first batch had been written inside the transaction
    assert job.status == JobStatus.FAILED
    assert Scheme.objects.count() == 0
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Mất kết nối tới cơ sở dữ liệu" in page and "không có dòng nào được ghi" in page


def test_a_row_that_turned_bad_after_the_preview_rejects_the_whole_large_file(client, users, make_scheme, large):
    client.force_login(users["commune"])
    upload(client, xlsx_bytes(rows(4)))
    run_queued_tasks()
    make_scheme(name="Tổ tự quản số 2", founded_on=date(2020, 1, 2))
    make_scheme(name="tổ tự quản số 2", founded_on=date(2020, 1, 2))  # now two schemes match row 3
    confirm(client)

    run_queued_tasks()

    job = Job.objects.get(kind="schemes.import_apply")
    assert job.status == JobStatus.FAILED
    assert [(error["row"], error["column"]) for error in job.errors] == [(3, "Tên mô hình, tổ chức")]
    assert Scheme.objects.count() == 2
    assert "Chưa ghi dòng nào" in client.get(job.get_absolute_url()).content.decode()


def test_checking_a_file_runs_the_same_few_queries_whatever_its_length(users, tmp_path):
    def queries(count):
        with CaptureQueriesContext(connection) as captured:
            plan = plan_of(users["commune"], xlsx_bytes(rows(count)), tmp_path)
        assert plan.created == count
        return len(captured.captured_queries)

    queries(1)  # the user's permissions, read once per request
    assert queries(3) == queries(60) <= 8


def test_writing_a_file_runs_a_bounded_number_of_queries(users, tmp_path, monkeypatch):
    monkeypatch.setattr(bulk_services, "BULK_BATCH", 1000)
    with CaptureQueriesContext(connection) as captured:
        plan = plan_of(users["commune"], xlsx_bytes(rows(80)), tmp_path, commit=True)
    assert plan.created == 80
    assert len(captured.captured_queries) <= 25
    assert Scheme.objects.count() == 80


def test_bulk_audit_entries_are_those_the_services_write_one_by_one(users, make_scheme, commune):
    from tuquan.places.models import AdminUnit

    legacy = AdminUnit.objects.filter(successions_as_old__new_unit=commune, level="commune").first()
    with acting_as(users["pv05"]):
        scheme = make_scheme(
            name="Camera an ninh tổ 4", legacy_commune=legacy, co_hosts=["mttq", "phu_nu"], focus_religion=True
        )
    single = LogEntry.objects.get_for_object(scheme).get(action=LogEntry.Action.CREATE)
    assert single.actor == users["pv05"] and single.changes["co_hosts"][1] == '["mttq", "phu_nu"]'

    with acting_as(users["pv05"]):
        bulk_services._audit_bulk([(None, scheme)], LogEntry.Action.CREATE)
    bulk = LogEntry.objects.get_for_object(scheme).filter(action=LogEntry.Action.CREATE).exclude(pk=single.pk).get()

    fields = ("content_type_id", "object_pk", "object_id", "object_repr", "action", "changes", "actor_id")
    assert {name: getattr(bulk, name) for name in fields} == {name: getattr(single, name) for name in fields}


def test_bulk_update_writes_the_version_and_an_audit_entry_like_scheme_update(users, tmp_path, scheme):
    headers = ["Mã mô hình", "Tên mô hình, tổ chức", "Loại mô hình", "Ngày thành lập", "Số camera"]
    content = xlsx_bytes([[scheme.code, scheme.name, scheme.kind.name, scheme.founded_on, 7]], headers=headers)

    plan = plan_of(users["commune"], content, tmp_path, commit=True)

    assert (plan.updated, plan.errors) == (1, [])
    scheme.refresh_from_db()
    assert (scheme.camera_count, scheme.version) == (7, 2)
    entry = LogEntry.objects.get_for_object(scheme).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.changes["camera_count"] == ["0", "7"] and entry.actor == users["commune"]


def test_an_export_of_a_large_list_is_a_job_with_a_download(client, users, make_scheme, monkeypatch):
    from openpyxl import load_workbook

    from tuquan.schemes.excel import exporters

    monkeypatch.setattr(exporters, "SYNC_SCHEMES", 2)
    for n in range(3):
        make_scheme(name=f"Tổ tự quản {n}")
    client.force_login(users["commune"])

    response = client.get(reverse("schemes:excel_export_download"), {"sheets": ["schemes", "members"]})

    job = Job.objects.get(kind="schemes.export")
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    run_queued_tasks()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.total == 3
    download = client.get(reverse("core:job_download", args=[job.pk]))
    workbook = load_workbook(_content(download))
    names = [row[1] for row in workbook["Mô hình"].iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == ["Tổ tự quản 0", "Tổ tự quản 1", "Tổ tự quản 2"]
    client.force_login(users["other_commune"])
    assert client.get(reverse("core:job_download", args=[job.pk])).status_code == 404


def _content(response):
    import io

    return io.BytesIO(b"".join(response.streaming_content))


def test_the_streamed_workbook_keeps_text_dates_numbers_and_the_styled_frozen_header(tmp_path):
    from openpyxl import load_workbook

    from tuquan.schemes.excel.xlsx import XlsxStream

    path = tmp_path / "out.xlsx"
    with path.open("wb") as output, XlsxStream(output) as book:
        sheet = book.sheet(
            "Mô hình & tổ", widths=[20, 12, 8], kinds=["other", "other", "int"], header=["Tên", "Ngày", "Số"]
        )
        sheet.append(['Tổ <1> & "bạn"\x07 ', date(2024, 2, 29), 1234])
        sheet.append([None, "", 0])
        book.sheet("Trống", widths=[10], kinds=["other"], header=["A"])

    workbook = load_workbook(path)
    first = workbook["Mô hình & tổ"]
    assert [cell.value for cell in first[1]] == ["Tên", "Ngày", "Số"]
    assert first["A1"].font.b and first.freeze_panes == "A2"
    assert first["A2"].value == 'Tổ <1> & "bạn" '
    assert first["B2"].value.date() == date(2024, 2, 29) and first["B2"].number_format == "DD/MM/YYYY"
    assert (first["C2"].value, first["C2"].number_format) == (1234, "#,##0")
    assert (first["A3"].value, first["C3"].value) == (None, 0)
    assert workbook.sheetnames == ["Mô hình & tổ", "Trống"]


# --------------------------------------------------------------------------- teams, members, activity


def workbook_with(schemes_rows, teams=(), members=(), activity=(), scheme_headers=None) -> bytes:
    import io

    from openpyxl import Workbook

    from tuquan.schemes.excel.columns import SHEETS

    book = Workbook()
    sheet = book.active
    sheet.title = "Mô hình"
    sheet.append(scheme_headers or ["Mã mô hình", "Tên mô hình, tổ chức", "Loại mô hình", "Ngày thành lập"])
    for row in schemes_rows:
        sheet.append(row)
    for key, rows_ in (("teams", teams), ("members", members), ("activity", activity)):
        title, columns = SHEETS[key]
        other = book.create_sheet(title)
        other.append([column.header for column in columns])
        for row in rows_:
            other.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _team(code, name, founded=None):
    return [code, "", "", name, "Thôn 1", founded, "Có", None]


def _member(code, team, name, national_id, phone="0905123456", birth_year=1980):
    return [code, "", "", team, name, birth_year, "Tổ trưởng", phone, national_id, "Thôn 1", date(2024, 4, 1), None]


def _report(code, start, end, patrols=4):
    return [code, "", "", start, end, patrols, 1, 1, 30, 2, 0, 0, 1, 0, "Ghi chú"]


def test_teams_members_and_activity_import_with_their_scheme_all_or_nothing(users, tmp_path, scheme):
    from tuquan.schemes.models import ActivityReport, Member, Team

    scheme_row = [scheme.code, scheme.name, scheme.kind.name, scheme.founded_on]
    content = workbook_with(
        [scheme_row],
        teams=[_team(scheme.code, "Tổ tuần tra 1", date(2024, 4, 1))],
        members=[
            _member(scheme.code, "Tổ tuần tra 1", "Nguyễn Văn An", "056080001234"),
            _member(scheme.code, "Tổ tuần tra 1", "Trần Thị Bình", "05608000123", phone="12345"),
        ],
        activity=[_report(scheme.code, date(2024, 5, 1), date(2024, 5, 31))],
    )

    plan = plan_of(users["commune"], content, tmp_path, commit=True)

    errors = {(error.sheet, error.row, error.column) for error in plan.errors}
    assert errors == {
        ("Thành viên", 3, "Số định danh cá nhân (CCCD)"),
        ("Thành viên", 3, "Số điện thoại"),
    }
    assert "12 chữ số" in " ".join(error.message for error in plan.errors)
    assert not Team.objects.exists() and not Member.objects.exists() and not ActivityReport.objects.exists()

    fixed = workbook_with(
        [scheme_row],
        teams=[_team(scheme.code, "Tổ tuần tra 1", date(2024, 4, 1))],
        members=[
            _member(scheme.code, "Tổ tuần tra 1", "Nguyễn Văn An", "056080001234"),
            _member(scheme.code, "", "Trần Thị Bình", "056080001235", phone="0905 123 457"),
        ],
        activity=[_report(scheme.code, date(2024, 5, 1), date(2024, 5, 31))],
    )
    plan = plan_of(users["commune"], fixed, tmp_path, commit=True)

    assert plan.errors == []
    assert [(sheet["title"], sheet["created"]) for sheet in plan.related] == [
        ("Tổ", 1),
        ("Thành viên", 2),
        ("Kết quả hoạt động", 1),
    ]
    team = Team.objects.get(scheme=scheme)
    assert set(Member.objects.filter(scheme=scheme).values_list("full_name", "team", "phone")) == {
        ("Nguyễn Văn An", team.pk, "0905123456"),
        ("Trần Thị Bình", None, "0905123457"),
    }
    assert ActivityReport.objects.get(scheme=scheme).patrols == 4
    assert LogEntry.objects.get_for_object(team).filter(actor=users["commune"]).exists()

    again = plan_of(users["commune"], fixed, tmp_path, commit=True)
    assert [(sheet["created"], sheet["unchanged"]) for sheet in again.related] == [(0, 1), (0, 2), (0, 1)]


def test_related_rows_need_a_scheme_the_officer_may_change(users, tmp_path, scheme, other_scheme):
    content = workbook_with(
        [[scheme.code, scheme.name, scheme.kind.name, scheme.founded_on]],
        teams=[_team(other_scheme.code, "Tổ 1"), _team("", "Tổ 2")],
    )

    plan = plan_of(users["commune"], content, tmp_path)

    assert [(error.sheet, error.row, error.column) for error in plan.errors] == [
        ("Tổ", 2, "Mã mô hình"),
        ("Tổ", 3, "Mã mô hình"),
    ]
    assert "ngoài địa bàn" in plan.errors[0].message or "Không có mô hình" in plan.errors[0].message


def test_an_export_with_every_sheet_imports_back_unchanged_even_masked(client, users, scheme, tmp_path):
    from tuquan.schemes.models import Member

    services.team_create(user=users["pv05"], scheme=scheme, data={"name": "Tổ 1"})
    services.member_create(
        user=users["pv05"],
        scheme=scheme,
        data={"full_name": "Lê Văn Cường", "national_id": "056080009999", "phone": "0905000111"},
    )
    client.force_login(users["viewer"])  # sees masked personal data
    exported = client.get(reverse("schemes:excel_scheme_export", args=[scheme.pk]))
    content = b"".join(exported.streaming_content)

    plan = plan_of(users["pv05"], content, tmp_path, commit=True)

    assert plan.errors == []
    assert [(sheet["title"], sheet["created"], sheet["updated"]) for sheet in plan.related] == [
        ("Tổ", 0, 0),
        ("Thành viên", 0, 0),
        ("Kết quả hoạt động", 0, 0),
    ]
    assert Member.objects.get().national_id == "056080009999"


def test_the_template_has_the_teams_members_and_activity_sheets(client, users):
    from openpyxl import load_workbook

    client.force_login(users["commune"])
    response = client.get(reverse("schemes:excel_template"))
    workbook = load_workbook(_content(response))
    assert workbook.sheetnames[:4] == ["Mô hình", "Tổ", "Thành viên", "Kết quả hoạt động"]
    headers = [cell.value for cell in workbook["Thành viên"][1]]
    assert (
        headers[:3] == ["STT", "Mã mô hình", "STT mô hình"]
        and "Số định danh cá nhân (CCCD)" in headers
        and "Tên mô hình, tổ chức" not in headers
    )


def test_a_large_file_that_cannot_be_read_fails_its_check_with_the_reason_and_cannot_be_confirmed(client, users, large):
    client.force_login(users["commune"])
    upload(client, xlsx_bytes(rows(4), headers=["Tên mô hình, tổ chức", "Ghi chú", "Số camera", "Thôn"]))
    assert confirm(client).status_code == 302  # not checked yet: back to the preview, nothing queued
    assert not Job.objects.filter(kind="schemes.import_apply").exists()

    run_queued_tasks()

    job = Job.objects.get(kind="schemes.import_preview")
    assert job.status == JobStatus.FAILED
    page = client.get(reverse("schemes:excel_import_preview")).content.decode()
    assert "Tệp thiếu cột bắt buộc" in page and "Tải tệp khác" in page
    confirm(client)
    assert not Job.objects.filter(kind="schemes.import_apply").exists()
