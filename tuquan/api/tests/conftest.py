"""Fixtures of the API tests: schemes in two communes, tokens, and clients that carry them."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from tuquan.core.text import fold
from tuquan.schemes.models import SchemeKind


@pytest.fixture
def kind(db):
    """Seeded by a migration; re-created if a transactional test elsewhere flushed the table."""
    kind, _ = SchemeKind.objects.get_or_create(
        name="Tiếng kẻng an ninh",
        defaults={"field": "nong_thon", "search_text": fold("Tiếng kẻng an ninh")},
    )
    return kind


@pytest.fixture
def make_scheme(users, commune, kind):
    """Register a scheme through the service (as PV05 unless told)."""
    from tuquan.schemes.services import scheme_create

    def _make(user=None, **data):
        values = {"kind": kind, "name": "Tiếng kẻng an ninh tổ dân phố 3", "commune": commune}
        values["founded_on"] = date(2024, 3, 15)
        values.update(data)
        return scheme_create(user=user or users["pv05"], data=values)

    return _make


@pytest.fixture
def scheme(make_scheme):
    return make_scheme()


@pytest.fixture
def other_scheme(make_scheme, other_commune):
    return make_scheme(name="Camera an ninh khu phố", commune=other_commune)


@pytest.fixture
def token_for(db):
    """``token_for(user)`` → the secret of a new personal token of ``user``."""
    from tuquan.api.services import api_token_create

    def _make(user, name="Kiểm thử"):
        return api_token_create(user=user, name=name)[1]

    return _make


@pytest.fixture
def api_as(users, token_for):
    """``api_as("pv05")`` → an APIClient sending that user's bearer token; ``api_as(None)`` is anonymous."""

    def _client(role):
        client = APIClient()
        if role is not None:
            user = users[role] if isinstance(role, str) else role
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
        return client

    return _client
