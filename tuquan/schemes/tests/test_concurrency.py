"""Scheme codes stay unique when officers register schemes at the same moment (PostgreSQL)."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from tuquan.schemes.models import Scheme, SchemeKind
from tuquan.schemes.services import scheme_create
from tuquan.schemes.tests.conftest import ensure_seeded_kinds

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)"),
]


def test_concurrent_registrations_in_one_commune_get_distinct_codes(users, commune):
    ensure_seeded_kinds()
    kind = SchemeKind.objects.get(name="Tuần tra nhân dân")
    barrier = threading.Barrier(6)
    errors = []

    def register(i):
        try:
            barrier.wait()
            scheme_create(
                user=users["commune"],
                data={"kind": kind, "name": f"Tuần tra {i}", "commune": commune, "founded_on": date(2024, 1, 1)},
            )
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    codes = sorted(Scheme.objects.values_list("code", flat=True))
    assert codes == [f"KH-22333-{n:04d}" for n in range(1, 7)]
