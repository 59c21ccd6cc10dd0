"""Schemes, teams, members and activity reports over the API: scoped, permitted, validated, audited."""

from datetime import date

import pytest
from auditlog.models import LogEntry

from tuquan.api.testing import ApiScopedChecks
from tuquan.schemes import services
from tuquan.schemes.models import Scheme

pytestmark = pytest.mark.django_db
FOUNDED = {"founded_on": "2025-08-01"}


class TestSchemesEndpoint(ApiScopedChecks):
    url = "/api/v1/schemes/"

    @pytest.fixture
    def scoped_objects(self, scheme, other_scheme):
        return scheme, other_scheme

    def create_payload(self, own):
        return {"kind": own.kind_id, "name": "Camera an ninh tổ 5", "commune": own.commune_id, **FOUNDED}

    def update_payload(self, own):
        return {"name": "Tiếng kẻng an ninh tổ dân phố 3 (đổi tên)", "version": own.version}

    def invalid_payload(self, own):
        return {**self.create_payload(own), "founded_on": "2099-01-01"}, "founded_on"

    def test_put_replaces_the_fields_through_the_service(self, api_as, scheme):
        payload = {**self.create_payload(scheme), "name": "Tổ tự quản mới", "version": scheme.version}
        response = api_as("commune").put(f"{self.url}{scheme.pk}/", payload, format="json")
        assert response.status_code == 200, response.content
        assert response.json()["name"] == "Tổ tự quản mới"
        assert response.json()["version"] == scheme.version + 1

    def test_stale_version_is_409_and_nothing_changes(self, api_as, scheme):
        client = api_as("commune")
        first = client.patch(f"{self.url}{scheme.pk}/", {"name": "Lần sửa thứ nhất", "version": 1}, format="json")
        assert first.status_code == 200
        stale = client.patch(f"{self.url}{scheme.pk}/", {"name": "Ghi đè", "version": 1}, format="json")
        assert stale.status_code == 409
        assert stale.json()["code"] == "conflict"
        assert "phiên bản" in stale.json()["detail"]
        scheme.refresh_from_db()
        assert scheme.name == "Lần sửa thứ nhất"

    def test_update_without_version_is_400(self, api_as, scheme):
        response = api_as("commune").patch(f"{self.url}{scheme.pk}/", {"name": "Không có phiên bản"}, format="json")
        assert response.status_code == 400
        assert response.json()["errors"]["version"]

    def test_commune_outside_jurisdiction_is_a_field_error(self, api_as, scheme, other_commune):
        payload = {**self.create_payload(scheme), "commune": other_commune.pk}
        response = api_as("commune").post(self.url, payload, format="json")
        assert response.status_code == 400
        assert "commune" in response.json()["errors"]

    def test_unknown_ids_and_wrong_types_are_400_not_500(self, api_as, scheme):
        client = api_as("commune")
        for field, value in [("kind", 999999), ("kind", "abc"), ("kind", True), ("founded_on", "15/03/2024")]:
            response = client.post(self.url, {**self.create_payload(scheme), field: value}, format="json")
            assert response.status_code == 400, (field, value, response.content)
            assert field in response.json()["errors"]
        assert client.get(f"{self.url}999999/").status_code == 404
        assert client.get(f"{self.url}abc/").status_code == 404

    def test_type_errors_are_explained_in_vietnamese(self, api_as, scheme):
        client = api_as("commune")
        payload = {**self.create_payload(scheme), "kind": "abc", "camera_count": "nhiều"}
        del payload["name"]
        errors = client.post(self.url, payload, format="json").json()["errors"]
        assert errors["name"] == ["Trường này là bắt buộc."]
        assert errors["kind"] == ["Mã không hợp lệ: cần một số nguyên, nhận được str."]
        assert errors["camera_count"] == ["Phải là một số nguyên."]

    def test_search_ignores_diacritics_and_case(self, api_as, make_scheme):
        make_scheme(name="Xóm đạo bình yên Phú Nhơn")
        client = api_as("pv05")
        for query in ("xom dao binh yen", "XÓM ĐẠO", "phu nhon"):
            names = [row["name"] for row in client.get(self.url, {"search": query}).json()["results"]]
            assert names == ["Xóm đạo bình yên Phú Nhơn"], query

    def test_pagination_is_stable_and_complete(self, api_as, make_scheme):
        for _ in range(7):
            make_scheme(name="Tổ tuần tra")  # same name: the primary key breaks the tie
        client = api_as("pv05")
        seen = []
        url = f"{self.url}?page_size=3"
        while url:
            body = client.get(url).json()
            seen += [row["id"] for row in body["results"]]
            url = body["next"]
        assert len(seen) == len(set(seen)) == Scheme.objects.count()
        assert client.get(self.url, {"page": 99}).status_code == 404
        assert client.get(self.url, {"page_size": "x"}).status_code == 400


def _team(user, scheme, name):
    return services.team_create(user=user, scheme=scheme, data={"name": name})


class TestTeamsEndpoint(ApiScopedChecks):
    url = "/api/v1/teams/"

    @pytest.fixture
    def scoped_objects(self, users, scheme, other_scheme):
        return _team(users["pv05"], scheme, "Tổ 1"), _team(users["pv05"], other_scheme, "Tổ 1")

    def create_payload(self, own):
        return {"scheme": own.scheme_id, "name": "Tổ 2", "area": "Tổ dân phố 2"}

    def update_payload(self, own):
        return {"name": "Tổ 1 (đổi tên)"}

    def invalid_payload(self, own):
        return {"scheme": own.scheme_id, "name": own.name}, "name"

    def test_cannot_add_a_team_to_another_communes_scheme(self, api_as, other_scheme):
        response = api_as("commune").post(self.url, {"scheme": other_scheme.pk, "name": "Tổ lạ"}, format="json")
        assert response.status_code == 400
        assert "scheme" in response.json()["errors"]


def _member(user, scheme, **data):
    values = {"full_name": "Nguyễn Văn An", "phone": "0905123456", "national_id": "056090001234"}
    values["address"] = "12 Lê Thánh Tôn"
    values.update(data)
    return services.member_create(user=user, scheme=scheme, data=values)


class TestMembersEndpoint(ApiScopedChecks):
    url = "/api/v1/members/"

    @pytest.fixture
    def scoped_objects(self, users, scheme, other_scheme):
        return _member(users["pv05"], scheme), _member(users["pv05"], other_scheme)

    def create_payload(self, own):
        return {"scheme": own.scheme_id, "full_name": "Trần Thị Bình", "birth_year": 1980, "phone": "0912345678"}

    def update_payload(self, own):
        return {"full_name": "Nguyễn Văn An (tổ trưởng)", "role": "to_truong"}

    def invalid_payload(self, own):
        return {**self.create_payload(own), "national_id": "123"}, "national_id"

    def test_personal_data_is_shown_to_roles_that_need_it(self, api_as, scoped_objects):
        own, _ = scoped_objects
        row = api_as("commune").get(f"{self.url}{own.pk}/").json()
        assert row["phone"] == "0905123456"
        assert row["national_id"] == "056090001234"
        assert row["personal_data_masked"] is False

    def test_personal_data_is_masked_for_viewers(self, api_as, scoped_objects):
        own, _ = scoped_objects
        row = api_as("viewer").get(f"{self.url}{own.pk}/").json()
        assert row["full_name"] == "Nguyễn Văn An"
        assert row["phone"] == "090****456"
        assert row["national_id"] == "********1234"
        assert row["address"] == "***"
        assert row["personal_data_masked"] is True
        listed = api_as("viewer").get(self.url).json()["results"]
        assert all("0905123456" not in str(item) for item in listed)


def _report(user, scheme):
    return services.activity_report_create(
        user=user,
        scheme=scheme,
        data={"period_start": date(2025, 1, 1), "period_end": date(2025, 6, 30), "patrols": 12},
    )


class TestActivityReportsEndpoint(ApiScopedChecks):
    url = "/api/v1/activity-reports/"

    @pytest.fixture
    def scoped_objects(self, users, scheme, other_scheme):
        return _report(users["pv05"], scheme), _report(users["pv05"], other_scheme)

    def create_payload(self, own):
        return {"scheme": own.scheme_id, "period_start": "2025-07-01", "period_end": "2025-09-30", "patrols": 4}

    def update_payload(self, own):
        return {"patrols": 15, "disputes_mediated": 2}

    def invalid_payload(self, own):
        # The same period again: the service refuses overlapping periods.
        return {"scheme": own.scheme_id, "period_start": "2025-01-01", "period_end": "2025-06-30"}, "period_start"

    def test_negative_counts_are_rejected(self, api_as, scoped_objects):
        own, _ = scoped_objects
        response = api_as("commune").patch(f"{self.url}{own.pk}/", {"patrols": -1}, format="json")
        assert response.status_code == 400
        assert response.json()["errors"]["patrols"]


def test_session_writes_need_the_csrf_token(client, users, scheme):
    """The browser session works for reads; writes without the CSRF token are refused."""
    from rest_framework.test import APIClient

    api = APIClient(enforce_csrf_checks=True)
    api.force_login(users["commune"])
    assert api.get("/api/v1/schemes/").status_code == 200
    response = api.patch(f"/api/v1/schemes/{scheme.pk}/", {"name": "X", "version": 1}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not LogEntry.objects.filter(action=LogEntry.Action.UPDATE).exists()


def test_scheme_list_uses_the_registry_filters(api_as, scheme, other_scheme, commune, other_commune):
    client = api_as("pv05")
    ids = [row["id"] for row in client.get("/api/v1/schemes/", {"unit": commune.pk}).json()["results"]]
    assert ids == [scheme.pk]
    ids = [row["id"] for row in client.get("/api/v1/schemes/", {"q": "camera khu pho"}).json()["results"]]
    assert ids == [other_scheme.pk]
    assert client.get("/api/v1/schemes/", {"founded_year": "-6.03e16"}).status_code == 400
    assert client.get("/api/v1/schemes/", {"kind": "abc"}).status_code == 400


def test_phone_numbers_are_normalised_by_the_service_as_on_the_page(api_as, scheme):
    client = api_as("commune")
    payload = {"kind": scheme.kind_id, "name": "Tổ tự quản 12", "commune": scheme.commune_id, **FOUNDED}
    response = client.post("/api/v1/schemes/", {**payload, "leader_phone": "0905 123 456"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["leader_phone"] == "0905123456"
    bad = client.post("/api/v1/schemes/", {**payload, "name": "Tổ 13", "leader_phone": "12345"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["errors"]["leader_phone"]
    member = client.post(
        "/api/v1/members/",
        {"scheme": scheme.pk, "full_name": "Lê Thị Hoa", "phone": "0905.111.222", "national_id": "056 090 001 235"},
        format="json",
    )
    assert member.status_code == 201, member.content
    assert member.json()["national_id"] == "056090001235"


def test_a_scheme_leader_sees_and_edits_only_their_scheme(api_as, make_scheme, scheme):
    from tuquan.accounts.testing import make_user

    neighbour = make_scheme(name="Tổ tự quản bên cạnh")
    leader = make_user("truong.mohinh", role="leader", scheme=scheme)
    client = api_as(leader)
    assert [row["id"] for row in client.get("/api/v1/schemes/").json()["results"]] == [scheme.pk]
    assert client.get(f"/api/v1/schemes/{neighbour.pk}/").status_code == 404
    response = client.patch(f"/api/v1/schemes/{scheme.pk}/", {"area": "Tổ dân phố 3", "version": 1}, format="json")
    assert response.status_code == 200, response.content
    assert client.post("/api/v1/schemes/", {}, format="json").status_code == 403
    team = client.post("/api/v1/teams/", {"scheme": scheme.pk, "name": "Tổ 9"}, format="json")
    assert team.status_code == 201
    assert client.post("/api/v1/teams/", {"scheme": neighbour.pk, "name": "Tổ 9"}, format="json").status_code == 400


def test_other_authorization_schemes_are_401(api_as, scheme):
    client = api_as(None)
    client.credentials(HTTP_AUTHORIZATION="Basic cHYwNTpLaGFuaEhvYUAyMDI2")
    response = client.get("/api/v1/schemes/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def _support(user, scheme):
    from tuquan.support.services import support_record_create

    data = {"date": date(2025, 3, 1), "kind": "money", "category": "khac", "value": 5_000_000} | {
        "source": "ngan_sach_xa"
    }
    return support_record_create(user=user, scheme=scheme, data=data)


class TestSupportRecordsEndpoint(ApiScopedChecks):
    url = "/api/v1/support-records/"

    @pytest.fixture
    def scoped_objects(self, users, scheme, other_scheme):
        return _support(users["pv05"], scheme), _support(users["pv05"], other_scheme)

    def create_payload(self, own):
        return {"scheme": own.scheme_id, "date": "2025-06-01", "kind": "item", "category": "den_pin", "source": "khac"}

    def update_payload(self, own):
        return {"value": 7_500_000}

    def invalid_payload(self, own):
        return {**self.create_payload(own), "date": "không phải ngày"}, "date"
