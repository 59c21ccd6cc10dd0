"""Every API read of members' personal data is in the audit log (who, when, how many, which query);
roles that see the data masked leave no such entry. (The Excel export's log and the masking are
tested in tuquan/schemes/tests/test_excel_export.py and tuquan/api/tests/test_schemes_api.py.)"""

import json
import re
from datetime import date, datetime

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tests.security.world import build_world
from tuquan.schemes.models import Member
from tuquan.schemes.services import REDACTED

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(users, khanh_hoa, commune, other_commune):
    return build_world(users, khanh_hoa, commune, other_commune, text="Vĩnh Hòa", other_text="Đồng Đế")


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _reads():
    return LogEntry.objects.filter(action=LogEntry.Action.ACCESS, content_type__model="member").order_by("pk")


def test_an_officer_reading_members_over_the_api_is_logged(users, world):
    officer = users["commune"]
    member = world["own"].member
    listing = _client(officer).get("/api/v1/members/", {"scheme": member.scheme_id})
    assert listing.status_code == 200 and listing.json()["results"][0]["personal_data_masked"] is False
    one = _client(officer).get(f"/api/v1/members/{member.pk}/")
    assert one.status_code == 200
    first, second = _reads()
    assert first.actor == officer and second.actor == officer
    assert first.additional_data["members"] == len(listing.json()["results"]) == 1
    assert f"scheme={member.scheme_id}" in first.additional_data["query"]
    assert second.additional_data == {"api": f"/api/v1/members/{member.pk}/", "members": 1, "query": ""}
    assert "dữ liệu cá nhân" in first.object_repr


def test_a_viewer_sees_masked_data_and_leaves_no_personal_data_entry(users, world):
    response = _client(users["viewer"]).get("/api/v1/members/")
    assert response.status_code == 200
    assert all(row["personal_data_masked"] for row in response.json()["results"])
    assert not _reads().exists()


def test_an_empty_list_is_not_a_read_of_personal_data(users, world):
    assert _client(users["commune"]).get("/api/v1/members/", {"scheme": 999999}).status_code in {200, 400}
    assert not _reads().exists()


# --------------------------------------------------------------------------- anonymising on request

NAME, PHONE, NATIONAL_ID, ADDRESS = "Phạm Thị Hồng Nhung", "0905123987", "056190004321", "Số 12 Lý Tự Trọng"
OLD_PHONE = "0914555666"


@pytest.fixture
def serving(users, world):
    """A member of the officer's scheme who still serves, with every personal field filled and changed once
    (so her history holds an update with an old phone), plus one who has left."""
    from tuquan.schemes import services as registry

    scheme, team = world["own"].scheme, world["own"].team
    member = registry.member_create(
        user=users["commune"],
        scheme=scheme,
        data={
            "full_name": NAME,
            "birth_year": 1990,
            "phone": OLD_PHONE,
            "national_id": NATIONAL_ID,
            "address": ADDRESS,
            "team": team,
            "role": "to_truong",
            "joined_on": date(2024, 4, 1),
        },
    )
    member = registry.member_update(user=users["commune"], member=member, data={"phone": PHONE})
    registry.member_create(
        user=users["commune"],
        scheme=scheme,
        data={"full_name": "Trần Văn Lộc", "team": team, "joined_on": date(2024, 4, 1), "left_on": date(2025, 1, 1)},
    )
    return member


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"|"X-CSRFToken": "[^"]*"', "", html)


def _figures(data: dict) -> str:
    """``data`` without the times it was computed at."""
    return repr({key: value for key, value in data.items() if not isinstance(value, datetime) and key != "read_at"})


def _every_member_figure(users, world) -> dict:
    """Every figure of the application that counts members (and the dashboard's and review's, which must
    not move either), as a user of each scope reads them."""
    from openpyxl import load_workbook

    from tuquan.dashboards.selectors import dashboard as dashboard_of
    from tuquan.reports import selectors as reports
    from tuquan.reviews.selectors import review_figures
    from tuquan.schemes import selectors as registry
    from tuquan.schemes.excel import exporters

    pv05, officer = users["pv05"], users["commune"]
    year = timezone.localdate().year
    figures = {}
    for key, user in (("pv05", pv05), ("commune", officer)):
        figures[f"{key}: scheme list"] = sorted(registry.scheme_list(user=user).values_list("pk", "member_count"))
        response = _client(user).get("/api/v1/schemes/", {"page_size": 500})
        figures[f"{key}: API schemes"] = sorted((row["id"], row["member_count"]) for row in response.json()["results"])
        figures[f"{key}: practice figures"] = _figures(reports.practice_figures(user=user, year=year))
        dashboard = dashboard_of(user=user, unit=None, today=timezone.localdate())
        figures[f"{key}: dashboard"] = _figures(dashboard)
        workbook = load_workbook(
            exporters.export_workbook(user=user, schemes=registry.scheme_list(user=user), sheets=["schemes"]),
            read_only=True,
        )
        figures[f"{key}: Excel schemes sheet"] = [
            list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)
        ]
    figures["teams of the scheme"] = list(
        registry.scheme_teams(scheme=world["own"].scheme).values_list("pk", "member_count")
    )
    review = review_figures(world["own"].scheme.commune, date(year, 1, 1), timezone.localdate())
    figures["review figures"] = _figures(review)
    client = Client()
    client.force_login(officer)
    page = client.get(reverse("schemes:scheme_list"), headers={"HX-Request": "true"})
    figures["scheme list page"] = _without_tokens(page.content.decode())
    page = client.get(reverse("reports:statistics"), {"part": "practice"})
    figures["statistics page"] = _figures(page.context["practice"])
    return figures


def _traces(*values) -> list[str]:
    """Audit entries (any kind, any field) holding one of ``values``."""
    found = []
    for entry in LogEntry.objects.all():
        text = " ".join(
            json.dumps(part, ensure_ascii=False, default=str)
            for part in (
                entry.object_repr,
                entry.changes,
                entry.changes_text,
                entry.serialized_data,
                entry.additional_data,
            )
        )
        found += [f"entry {entry.pk}: {value}" for value in values if value in text]
    return found


def test_anonymising_a_member_changes_no_figure_and_leaves_no_trace_in_the_audit_log(client, users, world, serving):
    officer = users["commune"]
    _client(officer).get("/api/v1/members/", {"scheme": serving.scheme_id})  # a logged read of her data
    before = _every_member_figure(users, world)
    assert (serving.scheme_id, 2) in before["pv05: scheme list"], "she and the world's member are counted"
    assert _traces(NAME, PHONE, OLD_PHONE, NATIONAL_ID, ADDRESS), "her data is in the audit log to begin with"
    history = LogEntry.objects.get_for_object(serving).count()

    client.force_login(officer)
    response = client.post(reverse("schemes:member_anonymise", args=[serving.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200

    after = _every_member_figure(users, world)
    assert after.keys() == before.keys()
    for name in before:
        assert after[name] == before[name], f"{name} changed"

    member = Member.objects.get(pk=serving.pk)
    assert member.is_anonymised and member.left_on is None, "she still serves and is still counted"
    assert (member.full_name, member.phone, member.national_id, member.address, member.birth_year) == (
        "Đã ẩn danh", "", "", "", None
    )  # fmt: skip

    assert _traces(NAME, PHONE, OLD_PHONE, NATIONAL_ID, ADDRESS) == []
    entries = list(LogEntry.objects.get_for_object(member).order_by("pk"))
    assert len(entries) == history + 1, "her history is kept, with one more entry: the anonymisation"
    created, updated, anonymised = entries
    assert created.changes["full_name"] == ["None", REDACTED] and created.changes["role"][1] == "to_truong"
    assert updated.changes["phone"] == [REDACTED, REDACTED]
    assert anonymised.actor == officer
    assert anonymised.changes["is_anonymised"] == ["False", "True"]
    assert anonymised.changes["full_name"] == [REDACTED, "Đã ẩn danh"]
    assert {entry.object_repr for entry in entries} == {"Đã ẩn danh"}


def test_an_anonymised_member_who_leaves_later_stops_being_counted(users, world, serving):
    from tuquan.schemes import selectors as registry
    from tuquan.schemes import services

    def counted():
        return dict(registry.scheme_list(user=users["pv05"]).values_list("pk", "member_count"))[serving.scheme_id]

    member = services.member_anonymise(user=users["commune"], member=serving)
    assert counted() == 2  # the world's member and her
    services.member_update(user=users["commune"], member=member, data={"left_on": timezone.localdate()})
    assert counted() == 1
    assert LogEntry.objects.get_for_object(member).order_by("pk").last().changes["left_on"][0] == "None"


def test_anonymising_removes_waiting_excel_exports_of_her_personal_data(
    users, world, serving, settings, tmp_path, django_capture_on_commit_callbacks
):
    from tuquan.core.jobs import job_file
    from tuquan.core.models import Job, JobStatus
    from tuquan.schemes import selectors as registry
    from tuquan.schemes import services
    from tuquan.schemes.excel import exporters

    settings.MEDIA_ROOT = tmp_path
    files = {}
    for key, sheets in (("members", ["schemes", "members"]), ("schemes only", ["schemes"])):
        job = Job.objects.create(
            kind="schemes.export", label=key, user=users["pv05"], status=JobStatus.DONE, params={"sheets": sheets}
        )
        path = job_file(job, "export.xlsx")
        exporters.export_workbook_to(
            path, user=users["pv05"], schemes=registry.scheme_list(user=users["pv05"]), sheets=sheets
        )
        Job.objects.filter(pk=job.pk).update(result_file=str(path.relative_to(tmp_path)))
        files[key] = (job.pk, path)
    with django_capture_on_commit_callbacks(execute=True):
        services.member_anonymise(user=users["commune"], member=serving)
    members_job, members_file = files["members"]
    assert not members_file.exists()
    assert Job.objects.get(pk=members_job).result_file == ""
    assert "ẩn danh" in Job.objects.get(pk=members_job).message
    assert files["schemes only"][1].exists(), "an export without the members sheet holds no personal data"


def test_an_officer_records_on_the_page_that_an_anonymised_member_left(client, users, world, serving):
    from tuquan.schemes import services

    member = services.member_anonymise(user=users["commune"], member=serving)
    client.force_login(users["commune"])
    url = reverse("schemes:member_update", args=[member.pk])

    form = client.get(url).content.decode()
    assert 'name="left_on"' in form and 'name="role"' in form
    assert not any(f'name="{name}"' in form for name in ("full_name", "phone", "national_id", "address"))

    left = timezone.localdate().strftime("%d/%m/%Y")
    # A forged form with personal data gets nowhere: those fields are not the form's.
    response = client.post(url, {"role": "to_truong", "joined_on": "01/04/2024", "left_on": left, "phone": PHONE})
    assert response.status_code == 302
    stored = Member.objects.get(pk=member.pk)
    assert (stored.left_on, stored.is_anonymised, stored.phone, stored.full_name) == (
        timezone.localdate(), True, "", "Đã ẩn danh"
    )  # fmt: skip
    section = client.get(reverse("schemes:scheme_detail", args=[member.scheme_id])).content.decode()
    assert f"Đã ẩn danh, đã rời {left}" in section
