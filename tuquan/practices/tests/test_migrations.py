"""Moving good practices and commendations out of ``reviews`` keeps every row, M2M link and log entry.

The data is written through the services (as the demo does), so the audit log is real. The test
migrates back to before the move (``reviews`` 0002, the new apps unapplied), reads the old tables,
then forward again and reads the new ones. Migrations run DDL: a transactional test, on SQLite and
on PostgreSQL alike (run it with ``DATABASE_URL`` for the second).
"""

import hashlib
from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tuquan.commendations.models import Commendation
from tuquan.commendations.services import commendation_create, commendation_update
from tuquan.practices.models import GoodPractice, GoodPracticeAttachment
from tuquan.practices.services import good_practice_attach, good_practice_create, good_practice_update
from tuquan.schemes.testing import make_scheme

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_MOVE = [("practices", None), ("commendations", None)]  # reviews back at 0002
# (model, table before the move, table after the move)
TABLES = [
    ("goodpractice", "reviews_goodpractice", "practices_goodpractice"),
    ("goodpractice_schemes", "reviews_goodpractice_schemes", "practices_goodpractice_schemes"),
    ("goodpracticeattachment", "reviews_goodpracticeattachment", "practices_goodpracticeattachment"),
    ("commendation", "reviews_commendation", "commendations_commendation"),
]
MOVED_MODELS = {"goodpractice": "practices", "goodpracticeattachment": "practices", "commendation": "commendations"}


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    ContentType.objects.clear_cache()


def _latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _rows(table: str) -> tuple[list, str]:
    """The ids of ``table`` and a checksum of every value of every row (in id order)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY id")  # noqa: S608 - our table names
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    digest = hashlib.sha256(repr([sorted(zip(columns, row, strict=True)) for row in rows]).encode()).hexdigest()
    return [row[columns.index("id")] for row in rows], digest


def _snapshot(*, moved: bool) -> dict:
    return {model: _rows(after if moved else before) for model, before, after in TABLES}


def _content_types() -> dict[str, tuple[int, str]]:
    """Each moved model's content type: (id, app label)."""
    return {ct.model: (ct.pk, ct.app_label) for ct in ContentType.objects.filter(model__in=MOVED_MODELS)}


def _entries() -> list[tuple]:
    """The audit log entries of the moved models: (id, content type id, object pk, action)."""
    ids = [pk for pk, _ in _content_types().values()]
    return list(
        LogEntry.objects.filter(content_type_id__in=ids)
        .order_by("pk")
        .values_list("pk", "content_type_id", "object_pk", "action")
    )


@pytest.fixture
def recognition(users, commune, other_commune, settings, tmp_path):
    """Practices (two with schemes, one with files) and commendations (proposed and approved)."""
    settings.MEDIA_ROOT = tmp_path
    officer, pv05 = users["commune"], users["pv05"]
    own = [make_scheme(commune, date(2020, 1, 1), name=f"Tiếng kẻng tổ {i}") for i in range(1, 4)]
    other = make_scheme(other_commune, date(2021, 1, 1), name="Camera an ninh giáo xứ")
    practice = good_practice_create(
        user=officer,
        data={"title": "Tiếng kẻng an ninh", "unit": commune, "year": 2024, "schemes": own[:2], "tags": "kẻng"},
    )
    good_practice_update(user=officer, practice=practice, data={"summary": "Gõ kẻng khi có trộm.", "schemes": own})
    good_practice_create(
        user=pv05, data={"title": "Camera giáo xứ", "unit": other_commune, "year": 2023, "schemes": [other]}
    )
    good_practice_attach(
        user=officer,
        practice=practice,
        upload=SimpleUploadedFile("quy-che.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        kind="rules",
    )
    good_practice_attach(
        user=officer,
        practice=practice,
        upload=SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png"),
        kind="photo",
    )
    proposed = commendation_create(
        user=officer,
        data={
            "recipient_kind": "scheme",
            "scheme": own[0],
            "title": "Giấy khen của Giám đốc Công an tỉnh",
            "award_form": "giay_khen",
            "level": "ca_tinh",
            "year": 2024,
        },
    )
    commendation_update(
        user=pv05,
        commendation=proposed,
        data={
            "status": "approved",
            "decision_number": "12/QĐ-CAT",
            "decision_date": date(2024, 8, 19),
            "issuer": "Giám đốc Công an tỉnh Khánh Hòa",
        },
    )
    commendation_create(
        user=officer,
        data={
            "recipient_kind": "person",
            "person_name": "Nguyễn Văn A",
            "unit": commune,
            "title": "Giấy khen của Trưởng Công an phường",
            "award_form": "giay_khen",
            "level": "ca_xa",
            "year": 2025,
        },
    )
    return practice


def test_moving_out_of_reviews_and_back_keeps_rows_links_and_audit_entries(recognition):
    ContentType.objects.clear_cache()
    content_types = _content_types()
    assert {model: label for model, (_, label) in content_types.items()} == MOVED_MODELS
    rows = _snapshot(moved=True)
    assert [len(ids) for ids, _ in rows.values()] == [2, 4, 2, 2]  # practices, scheme links, files, commendations
    entries = _entries()
    assert len(entries) >= 7  # 2 practices created, 1 updated, 2 files, 2 commendations created, 1 approved
    approve = Permission.objects.get(codename="approve_commendation")
    assert approve.content_type_id == content_types["commendation"][0]

    try:
        _migrate(BEFORE_MOVE)
        # The rows are back in the tables of reviews, under the same content types.
        assert _snapshot(moved=False) == rows
        assert _content_types() == {model: (pk, "reviews") for model, (pk, _) in content_types.items()}
        assert _entries() == entries
        assert Permission.objects.get(codename="approve_commendation").content_type_id == approve.content_type_id
    finally:
        _migrate(_latest())

    assert _snapshot(moved=True) == rows
    assert _content_types() == content_types
    assert _entries() == entries
    # The log still resolves to the moved objects, and the M2M links and files are readable.
    assert LogEntry.objects.get_for_object(recognition).count() == 2
    for entry in LogEntry.objects.filter(pk__in=[pk for pk, *_ in entries]):
        assert entry.content_type.get_object_for_this_type(pk=entry.object_pk) is not None
    practice = GoodPractice.objects.get(pk=recognition.pk)
    assert practice.schemes.count() == 3
    assert GoodPracticeAttachment.objects.filter(practice=practice).count() == 2
    assert Commendation.objects.filter(status="approved", decision_number="12/QĐ-CAT").count() == 1
