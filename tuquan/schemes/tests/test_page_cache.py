"""The registry list's page cache (ADR 0015): a page is served from the cache only while nothing it
shows has changed, and only to users who would see the same page."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tuquan.accounts.choices import Role
from tuquan.accounts.testing import make_user
from tuquan.places.models import AdminUnit
from tuquan.schemes import selectors, services
from tuquan.schemes.choices import Status
from tuquan.schemes.models import Member, Scheme, SchemeKind, SchemeTally, Team

pytestmark = pytest.mark.django_db

LIST = reverse("schemes:scheme_list")


def version(user) -> int:
    return selectors.registry_version(user=user)


def test_every_write_a_list_shows_changes_its_version(users, make_scheme, kind, commune, other_commune):
    pv05 = users["pv05"]
    seen = [version(pv05)]

    def changed(write) -> None:
        write()
        seen.append(version(pv05))
        assert seen[-1] > seen[-2], write

    scheme = make_scheme()
    seen.append(version(pv05))
    changed(lambda: Scheme.objects.filter(pk=scheme.pk).update(name="Tiếng kẻng tổ 9"))
    changed(lambda: Scheme.objects.filter(pk=scheme.pk).update(camera_count=3, latest_rating="good"))
    changed(lambda: Scheme.objects.filter(pk=scheme.pk).update(status=Status.ELIMINATED))
    changed(lambda: Scheme.objects.filter(pk=scheme.pk).update(commune=other_commune))
    team = Team.objects.create(scheme=scheme, name="Tổ 1")
    seen.append(version(pv05))
    assert seen[-1] > seen[-2]
    changed(lambda: Team.objects.filter(pk=team.pk).update(is_active=False))
    member = Member.objects.create(scheme=scheme, team=team, full_name="Nguyễn Văn An")
    seen.append(version(pv05))
    assert seen[-1] > seen[-2]
    changed(lambda: Member.objects.filter(pk=member.pk).update(left_on=date(2026, 1, 1)))
    changed(lambda: Member.objects.filter(pk=member.pk).delete())
    changed(lambda: Team.objects.filter(pk=team.pk).delete())
    changed(lambda: SchemeKind.objects.filter(pk=kind.pk).update(name="Tiếng kẻng an ninh (mới)"))
    changed(lambda: AdminUnit.objects.filter(pk=commune.pk).update(name="Phường Bắc Nha Trang (mới)"))
    changed(lambda: Scheme.objects.filter(pk=scheme.pk).delete())


def test_a_change_in_another_commune_leaves_a_communes_version_alone(users, make_scheme, other_commune):
    make_scheme()
    elsewhere = make_scheme(name="Tổ tự quản bến xe", commune=other_commune)
    before = version(users["commune"]), version(users["pv05"])
    Scheme.objects.filter(pk=elsewhere.pk).update(name="Tổ tự quản bến xe phía Bắc")
    Team.objects.create(scheme=elsewhere, name="Tổ 1")
    after = version(users["commune"]), version(users["pv05"])
    assert after[0] == before[0]  # the commune officer's pages stay cached
    assert after[1] > before[1]  # the province's do not


def test_a_recount_keeps_every_version_growing(users, make_scheme):
    make_scheme()
    before = version(users["pv05"])
    SchemeTally.objects.all().delete()  # a table restored on its own: the worst case
    services.scheme_tally_rebuild()
    assert version(users["pv05"]) > 0  # a new row counts as changed once
    make_scheme(name="Camera an ninh khu phố 2")
    services.scheme_tally_rebuild()
    assert version(users["pv05"]) > before


def test_nothing_in_reach_is_version_zero_and_never_cached(client, users):
    assert version(users["commune"]) == 0
    client.force_login(users["commune"])
    client.get(LIST)
    with CaptureQueriesContext(connection) as queries:
        assert "Không có mô hình nào" in client.get(LIST).content.decode()
    assert len(queries) > 3  # rendered again: nothing would tell a cached page from a stale one


def test_a_cached_page_costs_three_queries_and_shows_each_change_at_once(client, users, make_scheme):
    scheme = make_scheme()
    client.force_login(users["pv05"])
    assert scheme.name in client.get(LIST).content.decode()
    with CaptureQueriesContext(connection) as queries:
        html = client.get(LIST).content.decode()
    assert len(queries) == 3  # session, user, version
    assert scheme.name in html

    services.scheme_update(user=users["pv05"], scheme=scheme, data={"name": "Tiếng kẻng khu phố Đông"})
    assert "Tiếng kẻng khu phố Đông" in client.get(LIST).content.decode()
    services.team_create(user=users["pv05"], scheme=scheme, data={"name": "Tổ 1"})
    cells = client.get(LIST).content.decode()
    assert ">1</td>" in cells  # the team count column


def test_users_of_different_reaches_never_share_a_page(client, users, make_scheme, other_commune):
    make_scheme(name="Mô hình của phường Bắc Nha Trang")
    make_scheme(name="Mô hình của xã bên cạnh", commune=other_commune)
    client.force_login(users["commune"])
    assert "Mô hình của phường Bắc Nha Trang" in client.get(LIST).content.decode()
    client.force_login(users["other_commune"])
    html = client.get(LIST).content.decode()
    assert "Mô hình của xã bên cạnh" in html
    assert "Mô hình của phường Bắc Nha Trang" not in html


def test_the_same_reach_with_other_permissions_gets_its_own_page(client, users, make_scheme):
    make_scheme()
    client.force_login(users["pv05"])
    assert 'data-testid="scheme-add"' in client.get(LIST).content.decode()
    client.force_login(users["viewer"])  # the same province, read-only
    assert 'data-testid="scheme-add"' not in client.get(LIST).content.decode()


def test_the_user_menu_and_the_column_forms_token_are_each_users_own(client, users, make_scheme):
    make_scheme()
    other_pv05 = make_user("pv05_2", Role.PV05, users["pv05"].jurisdiction)
    client.force_login(users["pv05"])
    client.get(LIST)
    client.force_login(other_pv05)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(LIST).content.decode()
    assert len(queries) == 3  # the same reach: the content came from the cache
    assert "pv05_2" in html
    assert 'form="column-chooser-form"' in html and 'id="column-chooser-form"' in html

    client.logout()
    client.force_login(other_pv05)
    client.get(LIST)
    token = client.cookies["csrftoken"].value
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(other_pv05)
    strict.cookies["csrftoken"] = token
    page = strict.get(LIST).content.decode()
    start = page.index('name="csrfmiddlewaretoken"')
    value = page[page.index('value="', start) + 7 : page.index('"', page.index('value="', start) + 7)]
    response = strict.post(
        reverse("schemes:scheme_columns"), {"csrfmiddlewaretoken": value, "columns": ["code", "name"], "next": LIST}
    )
    assert response.status_code == 302


def test_the_htmx_results_and_the_full_page_are_cached_apart(client, users, make_scheme):
    make_scheme()
    client.force_login(users["pv05"])
    full = client.get(LIST).content.decode()
    partial = client.get(LIST, headers={"HX-Request": "true"}).content.decode()
    assert "<html" in full
    assert "<html" not in partial and 'id="scheme-results"' in partial
    assert "<html" in client.get(LIST).content.decode()


def test_a_scheme_leader_is_never_served_a_cached_page(client, users, make_scheme):
    scheme = make_scheme()
    leader = make_user("leader", Role.LEADER, None, scheme=scheme)
    client.force_login(leader)
    client.get(LIST)
    with CaptureQueriesContext(connection) as queries:
        assert scheme.name in client.get(LIST).content.decode()
    assert len(queries) > 3
