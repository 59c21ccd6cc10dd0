"""The global audit log (Quản trị → Nhật ký thay đổi) and the readable history block."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tuquan.accounts.choices import Role
from tuquan.accounts.testing import ScopedViewChecks, make_user
from tuquan.core.actor import acting_as
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit
from tuquan.schemes.choices import Field
from tuquan.schemes.models import Scheme, SchemeKind

pytestmark = pytest.mark.django_db

LOG_URL = reverse("accounts:audit_log")


@pytest.fixture
def kind(db):
    kind, _ = SchemeKind.objects.get_or_create(
        name="Camera an ninh", defaults={"field": Field.TECHNOLOGY, "search_text": "camera an ninh"}
    )
    return kind


def _scheme(kind, commune, actor, name):
    with acting_as(actor):
        scheme = Scheme(code=f"LOG-{name[-2:]}", kind=kind, name=name, commune=commune, founded_on=date(2022, 6, 1))
        scheme.refresh_search_text()
        scheme.save()
    return scheme


@pytest.fixture
def outsider(db):
    province = AdminUnit.objects.create(
        code="98",
        name="Tỉnh Khác",
        short_name="Khác",
        division_type="tỉnh",
        level=Level.PROVINCE,
        era=Era.CURRENT,
        path="N98/",
    )
    return make_user("ca.tinhkhac", Role.PV05, province)


@pytest.fixture
def foreign_commune(outsider):
    return AdminUnit.objects.create(
        code="98001",
        name="Xã Ngoài",
        short_name="Ngoài",
        division_type="xã",
        level=Level.COMMUNE,
        era=Era.CURRENT,
        parent=outsider.jurisdiction,
        path="N98/98001/",
    )


class TestLogPageAccess(ScopedViewChecks):
    permitted_role = "admin"
    forbidden_role = "pv05"

    @pytest.fixture
    def scoped_objects(self, users):
        return users["admin"], users["admin"]

    def object_urls(self, obj):
        return []

    def list_urls(self):
        return [(LOG_URL, "get")]

    @pytest.mark.parametrize("role", ["pv05", "commune", "viewer"])
    def test_only_administrators_read_the_global_log(self, client, users, role):
        client.force_login(users[role])
        assert client.get(LOG_URL).status_code == 403


def test_log_lists_changes_in_the_admins_province_newest_first(client, users, commune, kind, outsider, foreign_commune):
    _scheme(kind, commune, users["commune"], "Camera an ninh tổ 01")
    _scheme(kind, commune, users["pv05"], "Camera an ninh tổ 02")
    _scheme(kind, foreign_commune, outsider, "Camera của tỉnh khác 03")
    client.force_login(users["admin"])
    response = client.get(LOG_URL, {"model": "schemes.scheme"})
    reprs = [entry.object_repr for entry in response.context["entries"]]
    assert reprs == ["Camera an ninh tổ 02", "Camera an ninh tổ 01"]
    html = response.content.decode()
    assert "Tạo mới" in html
    assert "Mô hình, tổ chức tự quản" in html


def test_log_filters_by_actor_without_diacritics_and_by_action(client, users, commune, kind):
    users["commune"].full_name = "Trần Thị Hạnh"
    users["commune"].save()
    scheme = _scheme(kind, commune, users["commune"], "Camera an ninh tổ 04")
    with acting_as(users["pv05"]):
        scheme.area = "Tổ 4"
        scheme.save()
    client.force_login(users["admin"])
    by_actor = client.get(LOG_URL, {"actor": "tran thi hanh", "model": "schemes.scheme"})
    assert [e.actor for e in by_actor.context["entries"]] == [users["commune"]]
    updates = client.get(LOG_URL, {"action": LogEntry.Action.UPDATE, "model": "schemes.scheme"})
    assert [e.actor for e in updates.context["entries"]] == [users["pv05"]]


def test_log_filters_by_object_name_and_date(client, users, commune, kind):
    _scheme(kind, commune, users["pv05"], "Camera an ninh tổ 05")
    client.force_login(users["admin"])
    assert client.get(LOG_URL, {"q": "tổ 05"}).context["paginator"].count == 1
    assert client.get(LOG_URL, {"q": "tổ 05", "until": "01/01/2020"}).context["paginator"].count == 0


def test_bad_dates_are_shown_next_to_the_field_not_a_500(client, users):
    client.force_login(users["admin"])
    response = client.get(LOG_URL, {"since": "31/02/2026", "until": "abc"})
    assert response.status_code == 200
    assert 'data-field-error="since"' in response.content.decode()
    reversed_range = client.get(LOG_URL, {"since": "02/01/2026", "until": "01/01/2026"})
    assert "Ngày kết thúc phải sau ngày bắt đầu." in reversed_range.content.decode()


def test_log_page_query_count_is_bounded(client, users, commune, kind, django_assert_max_num_queries):
    for index in range(30):
        _scheme(kind, commune, users["pv05"], f"Camera an ninh số {index:02d}")
    client.force_login(users["admin"])
    with django_assert_max_num_queries(12):
        response = client.get(LOG_URL)
    assert response.context["paginator"].count >= 30


def test_user_list_links_to_the_log_for_administrators(client, users):
    client.force_login(users["admin"])
    assert LOG_URL in client.get(reverse("accounts:user_list")).content.decode()


def test_history_shows_field_labels_choice_labels_and_related_names(client, users, commune, other_commune, kind):
    scheme = _scheme(kind, commune, users["pv05"], "Camera an ninh tổ 06")
    with acting_as(users["pv05"]):
        scheme.commune = other_commune
        scheme.focus_religion = True
        scheme.founded_on = date(2021, 12, 31)
        scheme.save()
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = users["pv05"]
    html = render_to_string("audit/partials/history.html", {"object": scheme, "request": request})
    assert "Xã/phường/đặc khu" in html  # the field's verbose name, not "commune"
    assert f"{commune.name} → {other_commune.name}" in html  # related objects by name
    assert "Trọng điểm tôn giáo</strong>: Không → Có" in html
    assert "01/06/2022 → 31/12/2021" in html


def test_log_includes_system_changes_to_objects_in_the_jurisdiction_only(client, users, commune, kind, foreign_commune):
    _scheme(kind, commune, None, "Nhập từ Excel 07")
    _scheme(kind, foreign_commune, None, "Nhập ở tỉnh khác 08")
    client.force_login(users["admin"])
    reprs = [e.object_repr for e in client.get(LOG_URL, {"model": "schemes.scheme"}).context["entries"]]
    assert reprs == ["Nhập từ Excel 07"]
    assert "Hệ thống" in client.get(LOG_URL).content.decode()
