"""Every API read of members' personal data is in the audit log (who, when, how many, which query);
roles that see the data masked leave no such entry. (The Excel export's log and the masking are
tested in tuquan/schemes/tests/test_excel.py and tuquan/api/tests/test_schemes_api.py.)"""

import pytest
from auditlog.models import LogEntry
from rest_framework.test import APIClient

from tests.security.world import build_world

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
