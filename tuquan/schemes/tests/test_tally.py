"""``SchemeTally``: the triggers keep it equal to a recount, whoever writes; the list reads it."""

from datetime import date

import pytest
from django.core.cache import caches
from django.db import connection
from django.db.models import Count
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tuquan.accounts.choices import Role
from tuquan.accounts.testing import make_user
from tuquan.schemes import selectors, services
from tuquan.schemes.choices import Status
from tuquan.schemes.filtersets import SchemeFilterSet
from tuquan.schemes.models import Scheme, SchemeTally

pytestmark = pytest.mark.django_db


def tally() -> dict:
    """The tally's non-zero rows, as ``{(commune_id, status): count}``."""
    return {(r.commune_id, r.status): r.count for r in SchemeTally.objects.exclude(count=0)}


def recount() -> dict:
    rows = Scheme.objects.order_by().values("commune_id", "status").annotate(n=Count("pk"))
    return {(r["commune_id"], r["status"]): r["n"] for r in rows}


def test_creating_schemes_counts_them(make_scheme, commune, other_commune):
    make_scheme()
    make_scheme(name="Camera an ninh khu phố 2")
    make_scheme(name="Tổ tự quản bến xe", commune=other_commune)
    assert tally() == recount() == {(commune.pk, Status.ACTIVE): 2, (other_commune.pk, Status.ACTIVE): 1}


def test_status_and_commune_changes_move_the_count(users, make_scheme, commune, other_commune):
    kept, voided, moved = make_scheme(), make_scheme(name="Nhập nhầm"), make_scheme(name="Chuyển xã")
    services.scheme_void(user=users["pv05"], scheme=voided, reason="Nhập trùng")
    services.scheme_merge(user=users["pv05"], scheme=moved, into=kept, merged_on=date(2025, 9, 1), note="Gộp")
    Scheme.objects.filter(pk=kept.pk).update(commune=other_commune)  # a queryset update, no signal
    assert (
        tally()
        == recount()
        == {
            (commune.pk, Status.VOIDED): 1,
            (commune.pk, Status.MERGED): 1,
            (other_commune.pk, Status.ACTIVE): 1,
        }
    )


def test_saving_without_a_change_of_place_or_status_leaves_it(make_scheme):
    scheme = make_scheme()
    before = list(SchemeTally.objects.values_list("pk", "count"))
    scheme.name = "Tên mới"
    scheme.save()
    assert list(SchemeTally.objects.values_list("pk", "count")) == before


def test_bulk_writes_and_deletes_are_counted(make_scheme, kind, commune, other_commune):
    template = make_scheme()
    Scheme.objects.bulk_create(
        [
            Scheme(code=f"56-X-{n}", kind=kind, name=f"Mô hình {n}", commune=other_commune, founded_on=date(2024, 1, 1))
            for n in range(5)
        ]
    )
    assert tally() == recount() == {(commune.pk, Status.ACTIVE): 1, (other_commune.pk, Status.ACTIVE): 5}
    Scheme.objects.filter(commune=other_commune, code__in=["56-X-0", "56-X-1"]).delete()
    template.delete()
    assert tally() == recount() == {(other_commune.pk, Status.ACTIVE): 3}


def _count_both_ways(user, data=None):
    request = RequestFactory().get("/", data or {})
    request.user = user
    filterset = SchemeFilterSet(data or None, queryset=selectors.scheme_list(user=user), request=request)
    return selectors.tallied_count(user=user, filterset=filterset), filterset.qs.count()


def test_the_list_count_from_the_tally_is_the_scoped_count(users, make_scheme, other_commune, kind, khanh_hoa):
    make_scheme()
    make_scheme(name="Tổ tự quản bến xe", commune=other_commune)
    services.scheme_void(user=users["pv05"], scheme=make_scheme(name="Nhập nhầm"), reason="Trùng")
    superuser = make_user("root", Role.ADMIN, None, is_superuser=True)
    for user, expected in (
        (superuser, 2),
        (users["pv05"], 2),
        (users["commune"], 1),
        (users["other_commune"], 1),
    ):
        assert _count_both_ways(user) == (expected, expected), user
    assert _count_both_ways(users["pv05"], {"status": Status.VOIDED}) == (1, 1)
    assert _count_both_ways(users["commune"], {"status": Status.ACTIVE}) == (1, 1)


def test_other_filters_and_scheme_leaders_count_the_queryset(users, make_scheme, kind, khanh_hoa):
    scheme = make_scheme()
    assert _count_both_ways(users["pv05"], {"kind": kind.pk}) == (None, 1)
    assert _count_both_ways(users["pv05"], {"q": "tieng keng"}) == (None, 1)
    assert _count_both_ways(users["pv05"], {"status": "no-such-status"})[0] is None
    leader = make_user("leader", Role.LEADER, None, scheme=scheme)
    assert _count_both_ways(leader) == (None, 1)


def test_the_list_shows_the_tallied_count_in_the_same_number_of_queries(client, users, make_scheme, other_commune):
    make_scheme()
    make_scheme(name="Tổ tự quản bến xe", commune=other_commune)
    client.force_login(users["pv05"])
    client.get(reverse("schemes:scheme_list"))  # the unit choices are cached after the first page
    caches["pages"].clear()  # the page itself rendered again, not served from the page cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("schemes:scheme_list"))
    assert response.context["seek"].count == 2
    assert any("schemes_schemetally" in q["sql"] for q in queries.captured_queries)
    assert not any('COUNT(*) AS "__count" FROM "schemes_scheme"' in q["sql"] for q in queries.captured_queries)


def test_refresh_summaries_recounts_what_the_triggers_could_not_see(make_scheme, commune):
    from django.core.management import call_command

    make_scheme()
    make_scheme(name="Camera an ninh khu phố 2")
    SchemeTally.objects.update(count=0)  # as after a TRUNCATE or a table restored on its own
    SchemeTally.objects.create(commune=commune, status=Status.MERGED, count=7)
    call_command("refresh_summaries", stdout=__import__("io").StringIO())
    assert tally() == recount() == {(commune.pk, Status.ACTIVE): 2}
