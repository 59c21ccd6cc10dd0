"""Good practices (and their files), commendations (and suggestions), sơ kết/tổng kết over the API."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile

from tuquan.api.testing import ApiScopedChecks
from tuquan.assessments.models import Assessment, Campaign
from tuquan.commendations import services as commendations_services
from tuquan.commendations.models import Commendation
from tuquan.practices import services as practices_services
from tuquan.reviews import services as review_services

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# --------------------------------------------------------------------------- good practices


def _practice(user, unit, title="Kinh nghiệm duy trì tiếng kẻng an ninh", **data):
    return practices_services.good_practice_create(user=user, data={"title": title, "unit": unit, "year": 2024, **data})


@pytest.fixture
def scoped_practices(users, commune, other_commune, scheme):
    own = _practice(users["commune"], commune, schemes=[scheme], tags="kẻng, trực đêm")
    other = _practice(users["other_commune"], other_commune, title="Camera an ninh giáo xứ")
    return own, other


class TestPracticesEndpoint(ApiScopedChecks):
    url = "/api/v1/practices/"

    @pytest.fixture
    def scoped_objects(self, scoped_practices):
        return scoped_practices

    def create_payload(self, own):
        return {"title": "Mô hình cổng rào an ninh", "unit": own.unit_id, "year": 2025, "tags": "cổng rào"}

    def update_payload(self, own):
        return {"summary": "Tóm tắt mới"}

    def invalid_payload(self, own):
        return {**self.create_payload(own), "title": "   "}, "title"

    def test_cannot_place_a_practice_in_another_commune(self, api_as, other_commune, scoped_practices):
        response = api_as("commune").post(self.url, {"title": "X", "unit": other_commune.pk, "year": 2024})
        assert response.status_code == 400
        assert response.json()["errors"]["unit"]

    def test_service_rules_reach_the_client(self, api_as, scoped_practices, other_scheme):
        own, _ = scoped_practices
        client = api_as("commune")
        created = client.post(self.url, {**self.create_payload(own), "tags": "a, b, a"}, format="json")
        assert created.status_code == 201, created.content
        assert created.json()["tags"] == "a, b"  # the service's normalisation
        response = client.patch(f"{self.url}{own.pk}/", {"schemes": [other_scheme.pk]}, format="json")
        assert response.status_code == 400
        assert response.json()["errors"]["schemes"]


def test_practice_list_uses_the_library_filters(api_as, scoped_practices, users):
    own, other = scoped_practices
    client = api_as("viewer")
    results = client.get("/api/v1/practices/", {"search": "TIENG KENG"}).json()["results"]
    assert [row["id"] for row in results] == [own.pk]
    assert [r["id"] for r in client.get("/api/v1/practices/", {"search": "truc dem"}).json()["results"]] == [own.pk]
    assert client.get("/api/v1/practices/", {"year": 2023}).json()["results"] == []
    assert client.get("/api/v1/practices/", {"year": "x"}).status_code == 400
    assert client.get("/api/v1/practices/", {"field": "nope"}).status_code == 400


def test_practice_lists_visible_schemes_and_its_files(api_as, users, scoped_practices, scheme, other_scheme, media):
    own, _ = scoped_practices
    practices_services.good_practice_update(user=users["pv05"], practice=own, data={"schemes": [scheme, other_scheme]})
    attachment = practices_services.good_practice_attach(
        user=users["commune"], practice=own, upload=SimpleUploadedFile("Ảnh tổ.png", PNG), kind="photo"
    )
    body = api_as("commune").get(f"/api/v1/practices/{own.pk}/").json()
    assert body["schemes"] == [scheme.pk]
    assert api_as("pv05").get(f"/api/v1/practices/{own.pk}/").json()["schemes"] == sorted([scheme.pk, other_scheme.pk])
    [listed] = body["attachments"]
    assert listed["original_name"] == "Ảnh tổ.png"
    assert listed["download_url"] == f"http://testserver/api/v1/practice-attachments/{attachment.pk}/download/"


def test_attachment_download_is_scoped_and_token_authenticated(api_as, users, scoped_practices, media):
    own, other = scoped_practices
    mine = practices_services.good_practice_attach(
        user=users["commune"], practice=own, upload=SimpleUploadedFile("quy-che.pdf", PDF), kind="rules"
    )
    theirs = practices_services.good_practice_attach(
        user=users["other_commune"], practice=other, upload=SimpleUploadedFile("anh.png", PNG), kind="photo"
    )
    client = api_as("commune")
    response = client.get(f"/api/v1/practice-attachments/{mine.pk}/download/", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    hidden = client.get(f"/api/v1/practice-attachments/{theirs.pk}/download/")
    assert hidden.status_code == 404
    assert hidden.json()["code"] == "not_found"
    assert client.get(f"/api/v1/practice-attachments/{theirs.pk}/").status_code == 404
    ids = [row["id"] for row in client.get("/api/v1/practice-attachments/").json()["results"]]
    assert ids == [mine.pk]
    assert api_as(None).get(f"/api/v1/practice-attachments/{mine.pk}/download/").status_code == 401
    assert api_as("viewer").get(f"/api/v1/practice-attachments/{theirs.pk}/download/").status_code == 200


def test_attachment_whose_file_is_missing_is_404_not_500(api_as, users, scoped_practices, media):
    own, _ = scoped_practices
    attachment = practices_services.good_practice_attach(
        user=users["commune"], practice=own, upload=SimpleUploadedFile("quy-che.pdf", PDF)
    )
    (media / attachment.file.name).unlink()
    response = api_as("commune").get(f"/api/v1/practice-attachments/{attachment.pk}/download/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


# --------------------------------------------------------------------------- commendations


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


# --------------------------------------------------------------------------- sơ kết, tổng kết


@pytest.fixture
def scoped_reviews(users, commune, other_commune):
    period = {"period_kind": "year", "period_start": date(2025, 1, 1), "period_end": date(2025, 12, 31)}
    own = review_services.review_create(user=users["commune"], unit=commune, **period)
    other = review_services.review_create(user=users["other_commune"], unit=other_commune, **period)
    return own, other


class TestReviewsEndpoint(ApiScopedChecks):
    url = "/api/v1/reviews/"
    writable = False

    @pytest.fixture
    def scoped_objects(self, scoped_reviews):
        return scoped_reviews

    def test_writes_are_not_offered(self, api_as, scoped_reviews):
        own, _ = scoped_reviews
        client = api_as("pv05")
        assert client.post(self.url, {}, format="json").status_code == 405
        assert client.patch(f"{self.url}{own.pk}/", {}, format="json").status_code == 405

    def test_review_carries_its_figures(self, api_as, scoped_reviews):
        own, _ = scoped_reviews
        body = api_as("commune").get(f"{self.url}{own.pk}/").json()
        assert body["figures"] == own.figures
        assert body["status"] == "draft"
        assert body["title"] == own.title
