"""Emulation targets over the API: read with the value reached, assigned and edited by PV05 through the services."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from tuquan.accounts.choices import Role
from tuquan.accounts.testing import make_user
from tuquan.api.testing import ApiScopedChecks
from tuquan.targets import services
from tuquan.targets.models import Target

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year  # the list defaults to the current year, like the page's index


def _target(user, unit, indicator="min_active_schemes", value=2, year=YEAR, **data):
    data = {"indicator": indicator, "value": value, **data}
    return services.target_create(user=user, year=year, unit=unit, data=data)


@pytest.fixture
def scoped_targets(users, commune, other_commune):
    return _target(users["pv05"], commune), _target(users["pv05"], other_commune)


@pytest.fixture
def commune_writer(commune):
    """A user with PV05's permissions whose jurisdiction is one commune: writes are scoped too."""
    return make_user("pv05.bacnhatrang", Role.PV05, commune)


class TestTargetsEndpoint(ApiScopedChecks):
    """Commune police and viewers read; nobody but PV05 writes (checked below)."""

    url = "/api/v1/targets/"
    writable = False

    @pytest.fixture
    def scoped_objects(self, scoped_targets):
        return scoped_targets

    def test_commune_officer_and_viewer_cannot_write(self, api_as, scoped_targets, commune):
        own, _ = scoped_targets
        payload = {"year": YEAR, "unit": commune.pk, "indicator": "min_new_schemes", "value": 1}
        for role in ("commune", "viewer"):
            client = api_as(role)
            response = client.post(self.url, payload, format="json")
            assert response.status_code == 403, (role, response.content)
            assert response.json()["code"] == "permission_denied"
            assert client.patch(f"{self.url}{own.pk}/", {"value": 5}, format="json").status_code == 403
        assert not Target.objects.filter(indicator="min_new_schemes").exists()


def test_reached_value_is_computed_from_the_registry_and_read_only(api_as, users, make_scheme, commune):
    make_scheme(name="Tổ tự quản 1", founded_on=date(YEAR, 1, 2))
    make_scheme(name="Tổ tự quản 2", founded_on=date(YEAR - 3, 5, 1))
    target = _target(users["pv05"], commune, value=3)
    client = api_as("commune")
    row = client.get(f"/api/v1/targets/{target.pk}/").json()
    assert row["value"] == 3
    assert row["reached_value"] == 2
    assert row["reached"] is False
    assert row["status"] == "not_reached"
    assert row["label"] == "Số mô hình đang hoạt động tối thiểu"
    assert row["unit_name"] == commune.name

    response = api_as("pv05").patch(f"/api/v1/targets/{target.pk}/", {"value": 2, "reached_value": 99}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["reached_value"] == 2, "reached_value is computed, never written"
    assert response.json()["reached"] is True


def test_share_rated_good_is_a_percentage(api_as, users, commune):
    target = _target(users["pv05"], commune, indicator="min_share_good", value=80)
    row = api_as("commune").get(f"/api/v1/targets/{target.pk}/").json()
    assert row["is_percent"] is True
    assert row["reached_value"] == 0
    assert row["reached"] is False


def test_pv05_assigns_and_edits_through_the_services_with_audit(api_as, users, commune, kind):
    client = api_as("pv05")
    payload = {"year": YEAR, "unit": commune.pk, "indicator": "has_kind", "kind": kind.pk, "value": 1}
    created = client.post("/api/v1/targets/", payload, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["label"] == f"Có mô hình “{kind.name}”"
    assert body["reached"] is False
    target = Target.objects.get(pk=body["id"])
    entry = LogEntry.objects.get_for_object(target).get(action=LogEntry.Action.CREATE)
    assert entry.actor == users["pv05"]

    updated = client.put(f"/api/v1/targets/{target.pk}/", {"value": 2, "note": "Giao bổ sung"}, format="json")
    assert updated.status_code == 200, updated.content
    assert updated.json()["note"] == "Giao bổ sung"
    assert LogEntry.objects.get_for_object(target).get(action=LogEntry.Action.UPDATE).actor == users["pv05"]


def test_invalid_targets_are_400_with_vietnamese_field_errors(api_as, users, commune, kind):
    client = api_as("pv05")
    base = {"year": YEAR, "unit": commune.pk, "value": 1}
    cases = [
        ({**base, "indicator": "min_share_good", "value": 120}, "value", "100"),
        ({**base, "indicator": "min_active_schemes", "kind": kind.pk}, "kind", "Loại mô hình"),
        ({**base, "indicator": "has_kind"}, "kind", "Chọn đúng một"),
        ({**base, "indicator": "nope"}, "indicator", None),
        ({**base, "indicator": "min_active_schemes", "year": 1999}, "year", None),
    ]
    for payload, field, words in cases:
        response = client.post("/api/v1/targets/", payload, format="json")
        assert response.status_code == 400, (payload, response.content)
        body = response.json()
        assert body["code"] == "invalid"
        assert body["detail"] == "Dữ liệu gửi lên không hợp lệ."
        assert body["errors"][field], body
        if words:
            assert words in " ".join(body["errors"][field])
    _target(users["pv05"], commune)
    duplicate = client.post("/api/v1/targets/", {**base, "indicator": "min_active_schemes"}, format="json")
    assert duplicate.status_code == 400, duplicate.content
    assert not Target.objects.filter(value=120).exists()


def test_a_writer_scoped_to_a_commune_cannot_touch_another(api_as, commune_writer, scoped_targets, other_commune):
    own, other = scoped_targets
    client = api_as(commune_writer)
    payload = {"year": YEAR, "unit": other_commune.pk, "indicator": "min_new_schemes", "value": 1}
    response = client.post("/api/v1/targets/", payload, format="json")
    assert response.status_code == 400
    assert "địa bàn" in response.json()["errors"]["unit"][0]
    assert client.patch(f"/api/v1/targets/{other.pk}/", {"value": 9}, format="json").status_code == 404
    assert client.get(f"/api/v1/targets/{other.pk}/").status_code == 404
    assert client.patch(f"/api/v1/targets/{own.pk}/", {"value": 9}, format="json").status_code == 200
    other.refresh_from_db()
    assert other.value == 2


def test_list_filters_like_the_year_page(api_as, users, commune, other_commune, django_assert_max_num_queries):
    pv05 = users["pv05"]
    active = _target(pv05, commune)
    share = _target(pv05, commune, indicator="min_share_good", value=50)
    last_year = _target(pv05, other_commune, year=YEAR - 1)
    client = api_as("pv05")
    with django_assert_max_num_queries(8):
        ids = [row["id"] for row in client.get("/api/v1/targets/").json()["results"]]
    assert set(ids) == {active.pk, share.pk}
    assert [r["id"] for r in client.get("/api/v1/targets/", {"year": YEAR - 1}).json()["results"]] == [last_year.pk]
    only = client.get("/api/v1/targets/", {"indicator": "min_share_good"}).json()["results"]
    assert [row["id"] for row in only] == [share.pk]
    reached = client.get("/api/v1/targets/", {"status": "reached"}).json()["results"]
    assert reached == []
    in_unit = client.get("/api/v1/targets/", {"unit": other_commune.pk, "year": YEAR - 1}).json()["results"]
    assert [row["id"] for row in in_unit] == [last_year.pk]
    for bad in ({"year": "abc"}, {"year": 1900}, {"indicator": "x"}, {"status": "maybe"}, {"unit": 999999}):
        response = client.get("/api/v1/targets/", bad)
        assert response.status_code == 400, bad
        assert response.json()["errors"]


def test_commune_officer_cannot_filter_on_another_commune(api_as, scoped_targets, other_commune):
    response = api_as("commune").get("/api/v1/targets/", {"unit": other_commune.pk})
    assert response.status_code == 400
    assert response.json()["errors"]["unit"]
