"""The API's counterpart of ``tuquan.accounts.testing.ScopedViewChecks``.

A test class per endpoint declares its URL, the objects inside and outside the permitted
user's jurisdiction (``scoped_objects`` fixture → ``(own, other)``), a valid ``create_payload``
and ``update_payload``; the mixin checks anonymous (401 with ``detail``), a role without the
permission (403), another commune's object (404 for reads and writes), the permitted user
(200/201) and that every write is in the audit log with the token's user as the actor.
"""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType


class ApiScopedChecks:
    url: str = ""
    permitted_role = "commune"
    forbidden_write_role: str | None = "viewer"
    forbidden_read_role: str | None = None
    writable = True
    supports_put = True
    supports_update = True
    max_list_queries = 8

    def detail_url(self, obj) -> str:
        return f"{self.url}{obj.pk}/"

    def create_payload(self, own) -> dict:
        raise NotImplementedError

    def update_payload(self, own) -> dict:
        raise NotImplementedError

    def invalid_payload(self, own) -> tuple[dict, str]:
        """A payload the service refuses and the field it names."""
        raise NotImplementedError

    # ------------------------------------------------------------------ anonymous, roles

    def test_anonymous_gets_401_with_a_detail(self, api_as, scoped_objects):
        own, _ = scoped_objects
        client = api_as(None)
        for response in (client.get(self.url), client.get(self.detail_url(own)), client.post(self.url, {})):
            assert response.status_code == 401
            assert response.json()["detail"]
            assert response["WWW-Authenticate"].startswith("Bearer")

    def test_wrong_or_revoked_token_gets_401(self, api_as, scoped_objects):
        client = api_as(None)
        client.credentials(HTTP_AUTHORIZATION="Bearer tq_deadbeef_not-a-real-secret")
        response = client.get(self.url)
        assert response.status_code == 401
        assert response.json()["code"] == "authentication_failed"

    def test_role_without_permission_gets_403(self, api_as, scoped_objects):
        own, _ = scoped_objects
        if self.forbidden_read_role:
            assert api_as(self.forbidden_read_role).get(self.url).status_code == 403
        if self.writable and self.forbidden_write_role:
            client = api_as(self.forbidden_write_role)
            response = client.post(self.url, self.create_payload(own), format="json")
            assert response.status_code == 403, response.content
            assert response.json()["code"] == "permission_denied"
            if self.supports_update:
                assert client.patch(self.detail_url(own), {}, format="json").status_code == 403

    # ------------------------------------------------------------------ scoping

    def test_permitted_user_lists_and_reads_own_rows_only(self, api_as, scoped_objects, django_assert_max_num_queries):
        own, other = scoped_objects
        client = api_as(self.permitted_role)
        with django_assert_max_num_queries(self.max_list_queries):
            response = client.get(self.url)
        assert response.status_code == 200
        ids = {row["id"] for row in response.json()["results"]}
        assert own.pk in ids
        assert other.pk not in ids
        assert client.get(self.detail_url(own)).json()["id"] == own.pk

    def test_other_jurisdiction_object_is_404(self, api_as, scoped_objects):
        _, other = scoped_objects
        client = api_as(self.permitted_role)
        response = client.get(self.detail_url(other))
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
        if self.writable:
            assert client.patch(self.detail_url(other), self.update_payload(other), format="json").status_code == 404
            if self.supports_put:
                assert client.put(self.detail_url(other), self.update_payload(other), format="json").status_code == 404

    def test_delete_is_not_offered(self, api_as, scoped_objects):
        own, _ = scoped_objects
        response = api_as(self.permitted_role).delete(self.detail_url(own))
        assert response.status_code == 405
        assert response.json()["code"] == "method_not_allowed"

    # ------------------------------------------------------------------ writes

    def test_create_and_update_are_audit_logged_with_the_token_user(self, api_as, users, scoped_objects):
        if not self.writable:
            return
        own, _ = scoped_objects
        client = api_as(self.permitted_role)
        created = client.post(self.url, self.create_payload(own), format="json")
        assert created.status_code == 201, created.content
        model = type(own)
        content_type = ContentType.objects.get_for_model(model)
        entry = LogEntry.objects.get(content_type=content_type, object_pk=str(created.json()["id"]))
        assert entry.actor == users[self.permitted_role]
        assert entry.action == LogEntry.Action.CREATE

        updated = client.patch(self.detail_url(own), self.update_payload(own), format="json")
        assert updated.status_code == 200, updated.content
        update_entry = LogEntry.objects.filter(
            content_type=content_type, object_pk=str(own.pk), action=LogEntry.Action.UPDATE
        ).latest("timestamp")
        assert update_entry.actor == users[self.permitted_role]

    def test_invalid_data_is_a_400_with_field_messages(self, api_as, scoped_objects):
        if not self.writable:
            return
        own, _ = scoped_objects
        client = api_as(self.permitted_role)
        payload, field = self.invalid_payload(own)
        response = client.post(self.url, payload, format="json")
        assert response.status_code == 400, response.content
        body = response.json()
        assert body["code"] == "invalid"
        assert body["detail"] and body["detail_en"]
        assert body["errors"][field], body
        assert all(isinstance(message, str) for message in body["errors"][field])

    def test_malformed_json_and_wrong_types_are_400(self, api_as, scoped_objects):
        if not self.writable:
            return
        own, _ = scoped_objects
        client = api_as(self.permitted_role)
        response = client.post(self.url, "{not json", content_type="application/json")
        assert response.status_code == 400
        assert response.json()["code"] == "parse_error"
        response = client.post(self.url, [1, 2, 3], format="json")
        assert response.status_code == 400
        response = client.post(self.url, "x=1", content_type="application/x-www-form-urlencoded")
        assert response.status_code == 415
