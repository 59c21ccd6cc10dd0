"""``core.bulk.bulk_insert``: on PostgreSQL a ``COPY`` that must store exactly what the ORM stores.

The import writes its schemes and their audit entries with it; on SQLite it is ``bulk_create``.
Both databases run these tests (CI), so each comparison holds on each.
"""

import copy

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.db.models import Sum

from tuquan.core.actor import acting_as
from tuquan.core.bulk import bulk_insert
from tuquan.schemes.models import Scheme, SchemeTally
from tuquan.schemes.selectors import registry_version

pytestmark = pytest.mark.django_db

VOLATILE = {"id", "code", "created_at", "updated_at"}


def _stored(model, pk) -> dict:
    return model.objects.filter(pk=pk).values().get()


def test_inserted_schemes_are_stored_as_the_services_store_them(users, make_scheme, commune):
    original = make_scheme(name="Camera an ninh tổ 4", co_hosts=["mttq", "phu_nu"], focus_religion=True, camera_count=3)
    clones = []
    for number in range(3):
        clone = copy.copy(original)
        clone._state = copy.copy(original._state)
        clone.pk = None
        clone.code = f"{original.code}-{number}"
        clones.append(clone)
    tally_before = SchemeTally.objects.filter(commune=commune).aggregate(n=Sum("count"))["n"]
    version_before = registry_version(user=users["pv05"])

    bulk_insert(Scheme, clones, batch_size=2)

    assert all(clone.pk is not None and not clone._state.adding for clone in clones)
    assert len({clone.pk for clone in clones} | {original.pk}) == 4
    expected = {k: v for k, v in _stored(Scheme, original.pk).items() if k not in VOLATILE}
    for clone in clones:
        stored = _stored(Scheme, clone.pk)
        assert {k: v for k, v in stored.items() if k not in VOLATILE} == expected
        assert stored["code"] == clone.code and stored["created_at"] is not None
    # The database's triggers saw the rows: the tally counts them and the registry's version moved.
    assert SchemeTally.objects.filter(commune=commune).aggregate(n=Sum("count"))["n"] == tally_before + 3
    assert registry_version(user=users["pv05"]) > version_before
    assert Scheme.objects.create(  # the sequence goes on after the drawn ids
        kind=original.kind, commune=commune, name="Sau", founded_on=original.founded_on, code="X-1"
    ).pk > max(clone.pk for clone in clones)


def test_inserted_audit_entries_keep_json_addresses_and_actor(users, scheme):
    with acting_as(users["pv05"]):
        entry = LogEntry(
            content_type_id=LogEntry.objects.get_for_object(scheme).first().content_type_id,
            object_pk=str(scheme.pk),
            object_id=scheme.pk,
            object_repr="Tên có dấu: Tiếng kẻng \\ \t tab",
            action=LogEntry.Action.CREATE,
            changes={"name": ["", 'Tiếng kẻng "an ninh"\n'], "co_hosts": ["None", '["mttq"]']},
            actor=users["pv05"],
            actor_email="pv05@example.vn",
            remote_addr="10.0.0.7",
            remote_port=44321,
        )
    bulk_insert(LogEntry, [entry])
    stored = LogEntry.objects.get(pk=entry.pk)
    assert stored.changes == entry.changes
    assert stored.object_repr == entry.object_repr
    assert (stored.actor, stored.remote_addr, stored.remote_port) == (users["pv05"], "10.0.0.7", 44321)
    assert stored.timestamp == entry.timestamp


def test_nothing_to_insert_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        bulk_insert(Scheme, [])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the COPY rows are PostgreSQL's")
def test_copy_rows_read_plain_fields_as_the_orm_prepares_them(users, scheme):
    """``_row_writer`` reads plain fields directly: each such value is what ``get_db_prep_save`` gives."""
    from tuquan.core.bulk import _plain_types, _row_writer

    scheme.leader_phone, scheme.camera_count, scheme.focus_ethnic = "0905123456", 7, True
    scheme.founding_decision_number = 12  # not its field's type: goes the ORM's way (written "12")
    entry = LogEntry.objects.get_for_object(scheme).first()
    for obj in (scheme, entry):
        fields = obj._meta.concrete_fields
        written = _row_writer(fields, connection)(obj)
        prepared = [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
        plain = [i for i, field in enumerate(fields) if _plain_types(field)]
        assert len(plain) > len(fields) // 2  # most columns take the short way
        # Equal values (Django may wrap an int in psycopg's Int4, which the text COPY writes alike).
        assert [written[i] for i in plain] == [prepared[i] for i in plain]
    number = [field.name for field in Scheme._meta.concrete_fields].index("founding_decision_number")
    assert _row_writer(Scheme._meta.concrete_fields, connection)(scheme)[number] == "12"
