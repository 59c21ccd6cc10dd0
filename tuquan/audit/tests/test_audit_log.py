"""Every write is in the audit log with who, when and before/after, in the same transaction."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.template.loader import render_to_string
from django.test import RequestFactory

from tuquan.audit.selectors import history_for
from tuquan.core.actor import acting_as
from tuquan.schemes.choices import Field
from tuquan.schemes.models import Scheme, SchemeKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def kind(db):
    kind, _ = SchemeKind.objects.get_or_create(
        name="Tiếng kẻng an ninh", defaults={"field": Field.RURAL, "search_text": "tieng keng an ninh"}
    )
    return kind


def _scheme(kind, commune, name="Tổ tự quản khu phố 3"):
    scheme = Scheme(code=f"AUD-{name[-1]}", kind=kind, name=name, commune=commune, founded_on=date(2023, 1, 9))
    scheme.refresh_search_text()
    scheme.save()
    return scheme


def _entries(obj):
    return LogEntry.objects.get_for_object(obj).order_by("timestamp", "pk")


@pytest.mark.urls("tuquan.audit.tests.urls_for_tests")
def test_a_write_in_a_request_records_the_logged_in_user(client, users, commune, kind):
    client.force_login(users["commune"])
    pk = int(client.post(f"/tao/{commune.pk}/").content)
    client.post(f"/doi-ten/{pk}/", {"name": "Tổ an ninh xóm Cồn mới"})

    created, updated = _entries(Scheme.objects.get(pk=pk))
    assert created.action == LogEntry.Action.CREATE
    assert created.actor == users["commune"]
    assert created.remote_addr == "127.0.0.1"
    assert created.timestamp is not None
    assert updated.action == LogEntry.Action.UPDATE
    assert updated.actor == users["commune"]
    assert updated.changes_dict["name"] == ["Tổ an ninh xóm Cồn", "Tổ an ninh xóm Cồn mới"]


def test_update_records_before_and_after_values_only_for_changed_fields(users, commune, kind):
    scheme = _scheme(kind, commune)
    with acting_as(users["pv05"]):
        scheme.area = "Tổ dân phố 5"
        scheme.camera_count = 4
        scheme.save()
    update = _entries(scheme).last()
    assert update.actor == users["pv05"]
    assert update.changes_dict["area"] == ["", "Tổ dân phố 5"]
    assert update.changes_dict["camera_count"] == ["0", "4"]
    assert "name" not in update.changes_dict
    assert "search_text" not in update.changes_dict  # derived columns are not history


def test_delete_is_recorded_with_the_last_values(users, commune, kind):
    scheme = _scheme(kind, commune)
    pk = scheme.pk
    with acting_as(users["admin"]):
        scheme.delete()
    deleted = LogEntry.objects.filter(object_pk=str(pk), action=LogEntry.Action.DELETE).get()
    assert deleted.actor == users["admin"]
    assert deleted.object_repr == "Tổ tự quản khu phố 3"


class _RenameCommand(BaseCommand):
    """What a management command does: act as a named user, write through the ORM."""

    def add_arguments(self, parser):
        parser.add_argument("--as-user", default=None)

    def handle(self, *args, as_user=None, **options):
        from tuquan.accounts.models import User

        actor = User.objects.get(username=as_user) if as_user else None
        with acting_as(actor):
            for scheme in Scheme.objects.all():
                scheme.name = f"{scheme.name} (đã rà soát)"
                scheme.save(update_fields=["name"])


def test_a_management_command_records_the_user_it_acts_as(users, commune, kind):
    scheme = _scheme(kind, commune)
    call_command(_RenameCommand(), as_user="pv05")
    update = _entries(scheme).last()
    assert update.actor == users["pv05"]
    assert update.changes_dict["name"][1].endswith("(đã rà soát)")


def test_a_command_without_a_user_is_recorded_as_the_system(users, commune, kind):
    scheme = _scheme(kind, commune)
    call_command(_RenameCommand())
    update = _entries(scheme).last()
    assert update.action == LogEntry.Action.UPDATE
    assert update.actor is None


def test_the_log_entry_is_written_in_the_same_transaction_as_the_change(users, commune, kind):
    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        scheme = _scheme(kind, commune)
        assert _entries(scheme).count() == 1  # visible inside the transaction ...
        raise Boom
    assert not Scheme.objects.exists()
    assert not LogEntry.objects.filter(content_type__model="scheme").exists()  # ... and gone with it


def test_a_rolled_back_update_leaves_no_log_entry(users, commune, kind):
    scheme = _scheme(kind, commune)
    before = _entries(scheme).count()
    with pytest.raises(RuntimeError), transaction.atomic():
        scheme.name = "Tên không được lưu"
        scheme.save()
        raise RuntimeError
    assert _entries(scheme).count() == before
    scheme.refresh_from_db()
    assert scheme.name == "Tổ tự quản khu phố 3"


def test_history_is_newest_first_with_the_actor_joined(users, commune, kind, django_assert_max_num_queries):
    scheme = _scheme(kind, commune)
    for area in ("Thôn 1", "Thôn 2", "Thôn 3"):
        with acting_as(users["pv05"]):
            scheme.area = area
            scheme.save()
    with django_assert_max_num_queries(2):  # the entries (and the content type, unless cached)
        entries = list(history_for(scheme))
    assert [e.changes_dict["area"][1] for e in entries[:3]] == ["Thôn 3", "Thôn 2", "Thôn 1"]
    assert entries[0].actor.username == "pv05"


def _history_block(user, obj) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string("audit/partials/history.html", {"object": obj, "request": request})


@pytest.mark.parametrize(("role", "visible"), [("pv05", True), ("admin", True), ("viewer", False), ("commune", False)])
def test_history_block_is_shown_to_pv05_and_admins_only(users, commune, kind, role, visible):
    scheme = _scheme(kind, commune)
    with acting_as(users["pv05"]):
        scheme.area = "Thôn Đông"
        scheme.save()
    html = _history_block(users[role], scheme)
    assert ("Lịch sử thay đổi" in html) is visible
    if visible:
        assert "Thôn Đông" in html
        assert "Pv05" in html  # the actor, by name
        assert "Tạo mới" in html


def test_history_block_names_the_system_for_writes_without_a_user(users, commune, kind):
    scheme = _scheme(kind, commune)
    assert "Hệ thống" in _history_block(users["pv05"], scheme)


def test_user_page_shows_the_accounts_history_to_the_admin(client, users):
    from django.urls import reverse

    client.force_login(users["admin"])
    html = client.get(reverse("accounts:user_detail", args=[users["viewer"].pk])).content.decode()
    assert "Lịch sử thay đổi" in html


def test_a_change_in_the_django_admin_is_recorded_with_the_administrator(client, users):
    from tuquan.accounts.models import User

    admin = users["admin"]
    User.objects.filter(pk=admin.pk).update(is_staff=True)
    client.force_login(admin)
    viewer = users["viewer"]
    response = client.post(
        f"/admin/accounts/user/{viewer.pk}/change/",
        {
            "username": "viewer",
            "full_name": "Lê Thị Xem",
            "email": "",
            "phone": "",
            "role": "viewer",
            "jurisdiction": viewer.jurisdiction_id,
            "scheme": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    update = _entries(viewer).filter(action=LogEntry.Action.UPDATE).get()
    assert update.actor == admin
    assert update.changes_dict["full_name"] == ["Viewer", "Lê Thị Xem"]
