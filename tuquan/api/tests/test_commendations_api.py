"""Commendations and the suggestions of whom to commend over the API."""

from datetime import date

import pytest
from auditlog.models import LogEntry

from tuquan.api.testing import ApiScopedChecks
from tuquan.assessments.models import Assessment, Campaign
from tuquan.commendations import services as commendations_services
from tuquan.commendations.models import Commendation

pytestmark = pytest.mark.django_db


def _commendation(user, scheme, **extra):
    data = {"recipient_kind": "scheme", "scheme": scheme, "title": "Giấy khen của Giám đốc Công an tỉnh"}
    data |= {"award_form": "giay_khen", "level": "ca_tinh", "year": 2025, **extra}
    return commendations_services.commendation_create(user=user, data=data)


@pytest.fixture
def scoped_commendations(users, scheme, other_scheme):
    return _commendation(users["commune"], scheme), _commendation(users["pv05"], other_scheme)


COMMENDATION = {"recipient_kind": "scheme", "title": "Giấy khen của Trưởng Công an xã/phường"} | {
    "award_form": "giay_khen",
    "level": "ca_xa",
    "year": 2025,
}


class TestCommendationsEndpoint(ApiScopedChecks):
    """Commune police propose (create); only PV05 edits — both checked here and below."""

    url = "/api/v1/commendations/"
    forbidden_write_role = "viewer"
    supports_update = False  # the commune officer's PATCH is a 403 (test below), not a scoped 404

    @pytest.fixture
    def scoped_objects(self, scoped_commendations):
        return scoped_commendations

    def create_payload(self, own):
        return {**COMMENDATION, "scheme": own.scheme_id}

    def update_payload(self, own):
        return {"reason": "Thành tích xuất sắc"}

    def invalid_payload(self, own):
        return {**self.create_payload(own), "recipient_kind": "person", "scheme": None}, "person_name"

    def test_other_jurisdiction_object_is_404(self, api_as, scoped_objects):
        _, other = scoped_objects
        response = api_as("commune").get(f"{self.url}{other.pk}/")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"

    def test_create_and_update_are_audit_logged_with_the_token_user(self, api_as, users, scoped_objects):
        own, _ = scoped_objects
        created = api_as("commune").post(self.url, self.create_payload(own), format="json")
        assert created.status_code == 201, created.content
        assert created.json()["status"] == "proposed"
        item = Commendation.objects.get(pk=created.json()["id"])
        assert LogEntry.objects.get_for_object(item).get(action=LogEntry.Action.CREATE).actor == users["commune"]
        updated = api_as("pv05").patch(f"{self.url}{own.pk}/", self.update_payload(own), format="json")
        assert updated.status_code == 200, updated.content
        assert LogEntry.objects.get_for_object(own).get(action=LogEntry.Action.UPDATE).actor == users["pv05"]

    def test_commune_officer_proposes_but_cannot_edit_or_approve(self, api_as, scoped_objects, other_scheme):
        own, _ = scoped_objects
        client = api_as("commune")
        assert client.patch(f"{self.url}{own.pk}/", {"reason": "x"}, format="json").status_code == 403
        approve = {**self.create_payload(own), "status": "approved", "decision_number": "12/QĐ-CAT"}
        approve |= {"decision_date": "2025-08-01", "issuer": "Giám đốc Công an tỉnh"}
        response = client.post(self.url, approve, format="json")
        assert response.status_code == 400
        assert "PV05" in response.json()["errors"]["status"][0]
        response = client.post(self.url, {**COMMENDATION, "scheme": other_scheme.pk}, format="json")
        assert response.status_code == 400
        assert response.json()["errors"]["scheme"]

    def test_pv05_records_the_decision(self, api_as, scoped_objects):
        own, _ = scoped_objects
        client = api_as("pv05")
        missing = client.patch(f"{self.url}{own.pk}/", {"status": "approved"}, format="json")
        assert missing.status_code == 400
        assert {"decision_number", "decision_date", "issuer"} <= set(missing.json()["errors"])
        decision = {"status": "approved", "decision_number": "12/QĐ-CAT", "decision_date": "2025-08-01"}
        response = client.patch(f"{self.url}{own.pk}/", {**decision, "issuer": "Giám đốc"}, format="json")
        assert response.status_code == 200, response.content
        assert response.json()["status"] == "approved"
        assert response.json()["decision_date"] == "2025-08-01"


def test_commendation_list_uses_the_page_filters(api_as, users, scoped_commendations, commune):
    own, other = scoped_commendations
    person = commendations_services.commendation_create(
        user=users["pv05"],
        data={**COMMENDATION, "recipient_kind": "person", "person_name": "Nguyễn Văn Bình", "unit": commune},
    )
    client = api_as("pv05")

    def ids(**params):
        response = client.get("/api/v1/commendations/", params)
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    assert ids() == {own.pk, other.pk, person.pk}
    assert ids(recipient_kind="person") == {person.pk}
    assert ids(search="CAMERA AN NINH") == {other.pk}
    assert ids(search="Nguyễn Văn Bình") == {person.pk}
    assert ids(year=2024) == set()
    assert client.get("/api/v1/commendations/", {"status": "maybe"}).status_code == 400


def _rate_good(scheme, khanh_hoa, years):
    for year in years:
        campaign, _ = Campaign.objects.get_or_create(
            root_unit=khanh_hoa,
            year=year,
            name=f"Kiểm tra năm {year}",
            defaults={
                "period_start": date(year - 1, 11, 15),
                "period_end": date(year, 11, 14),
                "self_assessment_deadline": date(year, 11, 20),
                "approval_deadline": date(year, 12, 10),
            },
        )
        Assessment.objects.create(campaign=campaign, scheme=scheme, state="approved", final_rating="tot")


def test_suggestions_are_the_selectors_and_scoped(api_as, make_scheme, other_commune, khanh_hoa, scheme):
    theirs = make_scheme(name="Camera an ninh khu phố", commune=other_commune)
    _rate_good(scheme, khanh_hoa, [2024, 2025])
    _rate_good(theirs, khanh_hoa, [2024, 2025])
    body = api_as("commune").get("/api/v1/commendation-suggestions/").json()
    assert (body["years"], body["until"], body["first"]) == (2, 2025, 2024)
    assert [row["id"] for row in body["results"]] == [scheme.pk]
    assert body["security_day"].endswith("-08-19")
    pv05 = api_as("pv05")
    assert {row["id"] for row in pv05.get("/api/v1/commendation-suggestions/").json()["results"]} == {
        scheme.pk,
        theirs.pk,
    }
    first = pv05.get("/api/v1/commendation-suggestions/", {"page_size": 1}).json()
    second = pv05.get("/api/v1/commendation-suggestions/", {"page_size": 1, "page": 2}).json()
    assert (first["count"], first["has_next"], second["has_next"]) == (2, True, False)
    assert {first["results"][0]["id"], second["results"][0]["id"]} == {scheme.pk, theirs.pk}
    assert pv05.get("/api/v1/commendation-suggestions/", {"page": 3}).json()["results"] == []
    assert pv05.get("/api/v1/commendation-suggestions/", {"page_size": 501}).status_code == 400
    assert pv05.get("/api/v1/commendation-suggestions/", {"years": 3}).json()["results"] == []
    assert pv05.get("/api/v1/commendation-suggestions/", {"years": 0}).status_code == 400
    assert api_as(None).get("/api/v1/commendation-suggestions/").status_code == 401
