"""Administrative units (read-only, scoped) and the catalogue of kinds (everyone reads, PV05 writes)."""

import unicodedata

import pytest
from auditlog.models import LogEntry

from tuquan.core.text import vi_sorted
from tuquan.schemes.models import SchemeKind

pytestmark = pytest.mark.django_db


def test_units_are_scoped_to_the_jurisdiction(api_as, commune, other_commune, django_assert_max_num_queries):
    client = api_as("commune")
    with django_assert_max_num_queries(6):
        body = client.get("/api/v1/units/").json()
    assert [row["id"] for row in body["results"]] == [commune.pk]
    assert client.get(f"/api/v1/units/{other_commune.pk}/").status_code == 404
    assert client.get(f"/api/v1/units/{commune.pk}/").json()["name"] == "Phường Bắc Nha Trang"


def test_pv05_sees_the_province_and_searches_without_diacritics(api_as, khanh_hoa):
    client = api_as("pv05")
    body = client.get("/api/v1/units/", {"era": "current", "level": "commune"}).json()
    assert body["count"] == 65
    for query in ("bac nha trang", "BẮC NHA TRANG", "Bắc Nha Trang"):  # NFC input
        names = [row["name"] for row in client.get("/api/v1/units/", {"search": query}).json()["results"]]
        assert "Phường Bắc Nha Trang" in names, query
    nfd = unicodedata.normalize("NFD", "Bắc Nha Trang")  # the same text typed with combining marks
    names = [row["name"] for row in client.get("/api/v1/units/", {"search": nfd}).json()["results"]]
    assert "Phường Bắc Nha Trang" in names


def test_units_are_read_only(api_as, commune):
    client = api_as("admin")
    assert client.post("/api/v1/units/", {"name": "X"}, format="json").status_code == 405
    assert client.patch(f"/api/v1/units/{commune.pk}/", {"name": "X"}, format="json").status_code == 405


def test_anonymous_cannot_list_units(api_as, khanh_hoa):
    response = api_as(None).get("/api/v1/units/")
    assert response.status_code == 401


def test_everyone_reads_the_kinds_in_vietnamese_order(api_as, khanh_hoa, users):
    body = api_as("viewer").get("/api/v1/kinds/", {"page_size": 100}).json()
    names = [row["name"] for row in body["results"]]
    assert len(names) == SchemeKind.objects.count()
    assert names == vi_sorted(names)
    folded = api_as("viewer").get("/api/v1/kinds/", {"search": "tieng keng"}).json()["results"]
    assert [row["name"] for row in folded] == ["Tiếng kẻng an ninh"]


def test_only_pv05_writes_kinds_and_the_write_is_audited(api_as, users):
    payload = {"name": "Tổ liên gia an toàn PCCC", "field": "do_thi", "description": "Liên gia tự quản."}
    assert api_as("commune").post("/api/v1/kinds/", payload, format="json").status_code == 403
    response = api_as("pv05").post("/api/v1/kinds/", payload, format="json")
    assert response.status_code == 201, response.content
    entry = LogEntry.objects.get_for_object(SchemeKind.objects.get(pk=response.json()["id"])).get()
    assert entry.actor == users["pv05"]
    duplicate = api_as("pv05").post("/api/v1/kinds/", payload, format="json")
    assert duplicate.status_code == 400
    assert duplicate.json()["errors"]["name"]
    kind_id = response.json()["id"]
    changed = api_as("pv05").patch(f"/api/v1/kinds/{kind_id}/", {"is_active": False}, format="json")
    assert changed.status_code == 200
    assert changed.json()["is_active"] is False
