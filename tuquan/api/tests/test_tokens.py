"""Personal API tokens: created and revoked in the account area, shown once, stored hashed."""

import hashlib

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tuquan.accounts.testing import ScopedViewChecks
from tuquan.api.models import ApiToken
from tuquan.api.services import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db


class TestTokenPages(ScopedViewChecks):
    """Every role manages its own tokens; another user's token is a 404."""

    permitted_role = "viewer"

    @pytest.fixture
    def scoped_objects(self, users):
        own, _ = api_token_create(user=users["viewer"], name="Bảng tính")
        other, _ = api_token_create(user=users["commune"], name="Của người khác")
        return own, other

    def object_urls(self, obj):
        return [(reverse("api_tokens:revoke", args=[obj.pk]), "post")]

    def list_urls(self):
        return [(reverse("api_tokens:list"), "get")]


def test_token_is_shown_once_and_stored_hashed(client, users):
    client.force_login(users["commune"])
    response = client.post(reverse("api_tokens:list"), {"name": "Hệ thống báo cáo tỉnh"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    secret = response.context["new_secret"]
    assert secret.startswith("tq_")
    assert secret in response.content.decode()
    token = ApiToken.objects.get()
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiToken.objects.values().get())
    page = client.get(reverse("api_tokens:list")).content.decode()
    assert "Hệ thống báo cáo tỉnh" in page
    assert secret not in page
    assert token.display in page


def test_blank_name_is_a_field_error_next_to_the_field(client, users):
    client.force_login(users["commune"])
    response = client.post(reverse("api_tokens:list"), {"name": "   "})
    assert response.status_code == 200
    assert 'data-field-error="name"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_token_authenticates_and_records_last_use(users, commune):
    token, secret = api_token_create(user=users["commune"], name="Kiểm thử")
    assert token.last_used_at is None
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get("/api/v1/units/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_revoked_token_stops_working_at_once(client, users, commune):
    token, secret = api_token_create(user=users["commune"], name="Kiểm thử")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get("/api/v1/units/").status_code == 200
    client.force_login(users["commune"])
    response = client.post(reverse("api_tokens:revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api.get("/api/v1/units/").status_code == 401


def test_token_of_a_deactivated_user_stops_working(users, commune):
    _, secret = api_token_create(user=users["commune"], name="Kiểm thử")
    users["commune"].is_active = False
    users["commune"].save()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get("/api/v1/units/").status_code == 401


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer a b",
        "Bearer tq_",
        "Bearer tq_abcd",
        "Bearer not-a-token",
        "Bearer tq_{prefix}_wrong-secret",
    ],
)
def test_malformed_or_wrong_tokens_are_401(users, commune, header):
    token, _ = api_token_create(user=users["commune"], name="Kiểm thử")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=header.format(prefix=token.prefix))
    response = api.get("/api/v1/units/")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_a_user_cannot_revoke_someone_elses_token(users):
    token, _ = api_token_create(user=users["commune"], name="Kiểm thử")
    with pytest.raises(Exception, match="chính bạn"):
        api_token_revoke(user=users["viewer"], token=token)


def test_token_creation_and_revocation_are_audited(users):
    from auditlog.models import LogEntry

    from tuquan.core.actor import acting_as

    with acting_as(users["commune"]):
        token, _ = api_token_create(user=users["commune"], name="Kiểm thử")
        api_token_revoke(user=users["commune"], token=token)
    entries = LogEntry.objects.get_for_object(token).order_by("timestamp")
    assert [entry.action for entry in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert all("secret_hash" not in (entry.changes or "") for entry in entries)


def test_the_user_menu_links_to_the_token_page(client, users):
    client.force_login(users["viewer"])
    page = client.get(reverse("dashboards:home")).content.decode()
    assert reverse("api_tokens:list") in page
