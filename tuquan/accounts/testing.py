"""Test helpers every app uses: users of each role and the shared scoping checks.

``ScopedViewChecks`` is the shared mixin of STYLE.md: a test class declares how to
build the URL of an object inside and outside the user's jurisdiction and which
users may and may not open it; the mixin checks anonymous (sent to login),
no permission (403), permitted (200) and another commune's object (404).
"""

from django.conf import settings
from django.urls import reverse

from tuquan.accounts.models import User

TEST_PASSWORD = "Kiem-Tra-2026!"


def make_user(username: str, role: str, unit=None, scheme=None, **extra) -> User:
    user = User(username=username, full_name=username.title(), role=role, jurisdiction=unit, scheme=scheme, **extra)
    user.set_password(TEST_PASSWORD)
    user.save()
    return user


def login_url() -> str:
    return reverse(settings.LOGIN_URL)


class ScopedViewChecks:
    """Mixin for pytest classes. A subclass provides a ``scoped_objects`` fixture returning
    ``(own, other)`` (objects inside and outside the permitted user's jurisdiction) and:

    - ``object_urls(obj)`` → [(url, "get"|"post"), ...] of pages about one object;
    - ``list_urls()`` → [(url, method), ...] of pages without an object (optional);
    - ``permitted_role`` / ``forbidden_role`` (keys of the ``users`` fixture; ``forbidden_role``
      lacks the permission, None when every role has it).
    """

    permitted_role = "commune"
    forbidden_role: str | None = None

    def object_urls(self, obj) -> list[tuple[str, str]]:
        raise NotImplementedError

    def list_urls(self) -> list[tuple[str, str]]:
        return []

    def _all_urls(self, obj):
        return self.object_urls(obj) + self.list_urls()

    @staticmethod
    def _request(client, url, method):
        return client.post(url, {}) if method == "post" else client.get(url)

    def test_anonymous_is_sent_to_login(self, client, scoped_objects):
        own, _ = scoped_objects
        for url, method in self._all_urls(own):
            response = self._request(client, url, method)
            assert response.status_code == 302, url
            assert response["Location"].startswith(login_url()), url

    def test_role_without_permission_gets_403(self, client, users, scoped_objects):
        if self.forbidden_role is None:
            return
        own, _ = scoped_objects
        client.force_login(users[self.forbidden_role])
        for url, method in self._all_urls(own):
            assert self._request(client, url, method).status_code == 403, url

    def test_permitted_user_can_open_own(self, client, users, scoped_objects):
        own, _ = scoped_objects
        client.force_login(users[self.permitted_role])
        for url, method in self._all_urls(own):
            if method == "get":
                assert client.get(url).status_code == 200, url

    def test_other_jurisdiction_object_is_404(self, client, users, scoped_objects):
        _, other = scoped_objects
        client.force_login(users[self.permitted_role])
        for url, method in self.object_urls(other):
            assert self._request(client, url, method).status_code == 404, url
