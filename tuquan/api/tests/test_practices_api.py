"""Good practices and their files over the API."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tuquan.api.testing import ApiScopedChecks
from tuquan.practices import services as practices_services

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


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
