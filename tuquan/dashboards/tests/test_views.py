"""The home page and the dashboard: scoping, figures on the page, drill-down, the whole country's
snapshot (at most 15 minutes old, refreshed by ``manage.py refresh_summaries`` or by the request that
finds it older, and saying when it was computed; every smaller scope is live) and query counts."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tuquan.accounts.choices import Role
from tuquan.accounts.testing import ScopedViewChecks, make_user
from tuquan.reports import selectors
from tuquan.reports.models import DashboardSnapshot
from tuquan.reports.tests import factories as f

DASHBOARD = reverse("dashboards:dashboard")

pytestmark = pytest.mark.django_db


class TestDashboardScoping(ScopedViewChecks):
    permitted_role = "commune"

    @pytest.fixture
    def scoped_objects(self, commune, other_commune):
        return commune, other_commune

    def object_urls(self, obj):
        return [(f"{DASHBOARD}?unit={obj.pk}", "get")]

    def list_urls(self):
        return [(DASHBOARD, "get"), (reverse("dashboards:home"), "get")]


def test_home_page_is_the_dashboard_of_the_jurisdiction(client, users, dataset):
    client.force_login(users["commune"])
    response = client.get(reverse("dashboards:home"))
    assert response.status_code == 200
    board = response.context["overview"]
    assert board["counts"]["active"] == 5
    assert b'data-testid="dashboard"' in response.content


def test_province_dashboard_drills_down_to_a_commune(client, users, dataset, commune):
    client.force_login(users["pv05"])
    response = client.get(DASHBOARD)
    assert f"?unit={commune.pk}".encode() in response.content  # commune links in the coverage table
    drilled = client.get(DASHBOARD, {"unit": commune.pk})
    assert drilled.status_code == 200
    assert drilled.context["dashboard"]["unit"] == commune
    assert drilled.context["dashboard"]["counts"]["active"] == 5
    assert commune.name in drilled.content.decode()


def test_unit_that_does_not_exist_is_404(client, users):
    client.force_login(users["pv05"])
    assert client.get(DASHBOARD, {"unit": "999999"}).status_code == 404


def test_dashboard_draws_charts_from_json_without_inline_scripts(client, users, dataset):
    client.force_login(users["pv05"])
    html = client.get(DASHBOARD).content.decode()
    assert 'id="chart-trend" type="application/json"' in html
    assert "reports/charts.js" in html
    assert "<script>" not in html and " style=" not in html


def test_dashboard_query_count_is_bounded(client, users, dataset, django_assert_max_num_queries):
    client.force_login(users["pv05"])
    with django_assert_max_num_queries(16):
        assert client.get(DASHBOARD).status_code == 200


def test_scheme_leader_dashboard_counts_only_their_scheme(client, dataset):
    leader = make_user("leader", Role.LEADER, scheme=dataset["good"])
    client.force_login(leader)
    board = client.get(DASHBOARD).context["dashboard"]
    assert board["counts"]["active"] == 1
    assert board["coverage"]["total"] == 0


def test_user_without_jurisdiction_sees_empty_figures(client, dataset):
    client.force_login(make_user("nowhere", Role.VIEWER))
    assert client.get(reverse("dashboards:home")).context["overview"]["counts"]["registered"] == 0


def _count_queries(client, url, query=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, query or {}).status_code == 200
    return len(captured.captured_queries)


def test_national_dashboard_is_the_snapshot_with_its_time(client, national_user, dataset, commune):
    client.force_login(national_user)
    response = client.get(DASHBOARD)
    board = response.context["dashboard"]
    snapshot = DashboardSnapshot.objects.get(scope=selectors.NATIONAL_SCOPE)
    assert board["as_of"] == snapshot.computed_at
    assert board["counts"]["active"] == 8
    assert f"Số liệu tính đến {timezone.localtime(snapshot.computed_at):%H:%M %d/%m/%Y}" in response.content.decode()

    f.scheme(commune=commune, founded_on=date(2024, 1, 1))  # a write after the snapshot
    assert client.get(DASHBOARD).context["dashboard"]["counts"]["active"] == 8  # as of the snapshot
    out = io.StringIO()
    call_command("refresh_summaries", "--dashboard-only", stdout=out)  # what cron runs every 5 minutes
    assert "Xếp loại theo năm" not in out.getvalue() and "Tổng quan toàn quốc" in out.getvalue()
    board = client.get(DASHBOARD).context["dashboard"]
    assert board["counts"]["active"] == 9
    assert board["as_of"] > snapshot.computed_at


def test_stale_national_snapshot_is_recomputed_by_the_next_request(client, national_user, dataset, commune):
    selectors.national_dashboard_refresh()
    f.scheme(commune=commune, founded_on=date(2024, 1, 1))
    old = timezone.now() - selectors.SNAPSHOT_MAX_AGE - timedelta(seconds=1)
    DashboardSnapshot.objects.update(computed_at=old)
    client.force_login(national_user)
    board = client.get(DASHBOARD).context["dashboard"]
    assert board["counts"]["active"] == 9
    assert board["as_of"] > old


def test_province_and_commune_dashboards_are_live(client, users, dataset, commune):
    client.force_login(users["pv05"])
    assert client.get(DASHBOARD).context["dashboard"]["counts"]["active"] == 8
    f.scheme(commune=commune, founded_on=date(2024, 1, 1))
    assert client.get(DASHBOARD).context["dashboard"]["counts"]["active"] == 9
    assert not DashboardSnapshot.objects.exists()


def test_dashboard_query_counts_do_not_grow_with_the_data(
    client, users, national_user, dataset, commune, other_commune
):
    """The statistics page's half: ``tuquan/reports/tests/test_summaries.py``."""
    client.force_login(users["pv05"])
    before = _count_queries(client, DASHBOARD)
    f.grow(commune, other_commune, 30)
    after = _count_queries(client, DASHBOARD)
    assert before == after
    assert after <= 15
    client.force_login(national_user)
    selectors.national_dashboard_refresh()
    assert _count_queries(client, DASHBOARD) <= 5  # session, user, the snapshot, navigation
