"""Fixtures of the scheme registry tests: kinds (seeded by migration) and a scheme factory."""

from datetime import date
from importlib import import_module

import pytest

from tuquan.schemes.models import SchemeKind


def ensure_seeded_kinds() -> None:
    """The catalogue the data migration seeds (a transactional test's flush may have emptied it)."""
    from django.apps import apps

    import_module("tuquan.schemes.migrations.0002_seed_scheme_kinds").seed(apps, None)


@pytest.fixture
def kind(db):
    ensure_seeded_kinds()
    return SchemeKind.objects.get(name="Tiếng kẻng an ninh")


@pytest.fixture
def make_scheme(users, commune, kind):
    """Register a scheme through the service (as PV05 unless told), with sensible defaults."""
    from tuquan.schemes.services import scheme_create

    def _make(user=None, **data):
        values = {
            "kind": kind,
            "name": "Tiếng kẻng an ninh tổ dân phố 3",
            "commune": commune,
            "founded_on": date(2024, 3, 15),
        }
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
def excel_media(settings, tmp_path):
    """Uploaded and exported files under the test's own folder (the Excel tests use it)."""
    settings.MEDIA_ROOT = tmp_path / "media"
