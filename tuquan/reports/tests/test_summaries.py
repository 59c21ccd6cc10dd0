"""Summaries the statistics read: the whole country's stored figures and the query counts.

The national dashboard's figures, practice panel and cross-tables are read from ``DashboardSnapshot``
(at most 15 minutes old, refreshed by ``manage.py refresh_summaries`` or by the request that finds
it older) and say when they were computed; every smaller scope is live (the dashboard page itself:
``tuquan/dashboards/tests``). Query counts are asserted for several dataset sizes,
so a query per row (N+1) cannot come back unseen.
"""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tuquan.reports import selectors
from tuquan.reports.models import DashboardSnapshot
from tuquan.reports.tests import factories as f

STATISTICS = reverse("reports:statistics")

pytestmark = pytest.mark.django_db


def test_snapshot_equals_the_live_figures(national_user, dataset):
    snapshot = selectors.national_dashboard_refresh()
    today = timezone.localdate(snapshot.computed_at)
    assert snapshot.data == selectors.dashboard_figures(user=national_user, unit=None, today=today)


def test_national_dashboard_lists_provinces_and_caps_the_kinds(national_user, dataset, commune):
    for number in range(selectors.TOP_KINDS + 3):
        f.scheme(commune=commune, scheme_kind=f.kind(f"Loại thử {number:02d}"))
    figures = selectors.national_dashboard_refresh().data
    assert len(figures["by_kind"]) == selectors.TOP_KINDS + 1
    assert figures["by_kind"][-1]["label"].startswith(selectors.OTHER_KINDS_LABEL)
    assert sum(row["count"] for row in figures["by_kind"]) == figures["counts"]["active"]
    assert sum(row["count"] for row in figures["by_field"]) == figures["counts"]["active"]
    assert [p["name"] for p in figures["coverage"]["provinces"]] == ["Tỉnh Khánh Hòa"] or figures["coverage"][
        "provinces"
    ] == []


def _count_queries(client, url, query=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, query or {}).status_code == 200
    return len(captured.captured_queries)


def test_statistics_query_counts_do_not_grow_with_the_data(client, users, dataset, commune, other_commune):
    """The statistics half of the dashboard's test (``tuquan/dashboards/tests/test_views.py``)."""
    query = {"rows": "commune", "columns": "class", "year_from": "2022"}
    client.force_login(users["pv05"])
    before = _count_queries(client, STATISTICS, query)
    f.grow(commune, other_commune, 30)
    after = _count_queries(client, STATISTICS, query)
    assert before == after
    assert after <= 14


def test_practice_figures_load_after_the_table_in_their_own_request(client, users, dataset):
    client.force_login(users["pv05"])
    query = {"rows": "old-district", "columns": "class", "year_from": "2022", "agency_row": "on"}
    html = client.get(STATISTICS, query).content.decode()
    assert 'data-testid="practice-slot"' in html and 'data-testid="practice-table"' not in html
    part = client.get(STATISTICS, {**query, "part": "practice"}, headers={"HX-Request": "true"})
    assert 'data-testid="practice-table"' in part.content.decode()
    assert part.context["practice"]["totals"].schemes == 6
    assert "<html" not in part.content.decode()
    assert part.context["table"] is None  # the table is not counted a second time for the panel


def test_national_practice_panel_is_a_snapshot_per_year_refreshed_by_cron(client, national_user, dataset, commune):
    query = {"rows": "province", "columns": "class", "year_from": "2022", "part": "practice"}
    client.force_login(national_user)
    panel = client.get(STATISTICS, query, headers={"HX-Request": "true"}).context["practice"]
    live = selectors.practice_figures(user=None, unit=None, year=2022)
    assert panel["rows"] == live["rows"] and panel["totals"] == live["totals"]
    snapshot = DashboardSnapshot.objects.get(scope=f"{selectors.PRACTICE_SCOPE}:2022")
    assert panel["as_of"] == snapshot.computed_at

    f.scheme(commune=commune, founded_on=date(2022, 1, 1))  # a write after the snapshot
    again = client.get(STATISTICS, query, headers={"HX-Request": "true"}).context["practice"]
    assert again["totals"] == live["totals"]  # as of the snapshot
    DashboardSnapshot.objects.filter(pk=snapshot.pk).update(
        computed_at=timezone.now() - selectors.SNAPSHOT_MAX_AGE - timedelta(seconds=1)
    )
    fresh = client.get(STATISTICS, query, headers={"HX-Request": "true"}).context["practice"]
    assert fresh["totals"].schemes == live["totals"].schemes + 1  # a stale snapshot is recomputed

    out = io.StringIO()
    call_command("refresh_summaries", "--dashboard-only", stdout=out)
    year = selectors.latest_campaign_year()
    assert f"năm {year}" in out.getvalue()
    assert DashboardSnapshot.objects.filter(scope=f"{selectors.PRACTICE_SCOPE}:{year}").exists()


def test_a_province_practice_panel_is_live(client, users, dataset, commune):
    query = {"rows": "old-district", "columns": "class", "year_from": "2022", "part": "practice"}
    client.force_login(users["pv05"])
    before = client.get(STATISTICS, query, headers={"HX-Request": "true"}).context["practice"]["totals"].schemes
    f.scheme(commune=commune, founded_on=date(2022, 1, 1))
    after = client.get(STATISTICS, query, headers={"HX-Request": "true"}).context["practice"]["totals"].schemes
    assert after == before + 1
    assert not DashboardSnapshot.objects.filter(scope__startswith=selectors.PRACTICE_SCOPE).exists()


def test_statistics_unit_filter_becomes_a_search_box_over_the_limit(client, users, commune, monkeypatch):
    from tuquan.reports import forms

    client.force_login(users["pv05"])
    assert 'data-autocomplete="' not in client.get(STATISTICS).content.decode()
    monkeypatch.setattr(forms, "UNIT_SELECT_LIMIT", 3)
    html = client.get(STATISTICS, {"rows": "commune", "columns": "class", "year_from": "2022", "unit": commune.pk})
    html = html.content.decode()
    unit_select = html[html.index('name="unit"') : html.index("</select>", html.index('name="unit"'))]
    assert 'data-autocomplete="' + reverse("reports:unit_options") in unit_select
    assert unit_select.count("<option") == 2


def test_statistics_unit_search_is_scoped(client, users, commune, other_commune):
    url = reverse("reports:unit_options")
    client.force_login(users["commune"])
    assert commune.pk in [row["id"] for row in client.get(url, {"q": commune.name}).json()["results"]]
    assert other_commune.pk not in [row["id"] for row in client.get(url, {"q": other_commune.name}).json()["results"]]
    client.logout()
    assert client.get(url, {"q": "a"}).status_code == 302


def _table_figures(table) -> tuple:
    headers = [(h.key, h.label, h.unit_pk) for h in table.row_headers]
    columns = [(h.key, h.label, h.unit_pk) for h in table.column_headers]
    return headers, columns, table.cells, table.row_totals, table.column_totals, table.grand_total


@pytest.mark.parametrize(
    "question",
    [
        {"rows": "province", "columns": "class", "year_from": "2022"},
        {"rows": "old-district", "columns": "status", "year_from": "2021", "year_to": "2023", "agency_row": "on"},
        {"rows": "kind", "columns": "year", "year_from": "2020", "year_to": "2023"},
    ],
)
def test_national_cross_table_is_a_snapshot_per_question_equal_to_the_live_one(
    client, national_user, dataset, commune, question
):
    client.force_login(national_user)
    response = client.get(STATISTICS, question)
    table = response.context["table"]
    assert table.snapshot
    form_question = response.context["form"].selector_kwargs()
    live = selectors.cross_table(user=None, **form_question)
    assert _table_figures(table) == _table_figures(live)
    assert (table.title, table.boundaries, table.total_column_label) == (
        live.title,
        live.boundaries,
        live.total_column_label,
    )
    assert table.grand_total > 0
    (snapshot,) = DashboardSnapshot.objects.filter(scope__startswith=f"{selectors.CROSS_SCOPE}:")
    assert table.as_of == snapshot.computed_at
    assert f"Số liệu toàn quốc tính đến {timezone.localtime(snapshot.computed_at):%H:%M %d/%m/%Y}" in (
        response.content.decode()
    )
    exported = client.get(STATISTICS, {**question, "format": "json"}).json()
    assert exported["as_of"] == timezone.localtime(snapshot.computed_at).isoformat()


def test_national_cross_table_keeps_its_time_until_stale_or_refreshed(client, national_user, dataset, commune):
    question = {"rows": "province", "columns": "class", "year_from": "2022"}
    client.force_login(national_user)
    first = client.get(STATISTICS, question).context["table"]
    f.scheme(commune=commune, founded_on=date(2020, 1, 1), rating="tot", rating_year=2022)  # a write after it
    assert client.get(STATISTICS, question).context["table"].grand_total == first.grand_total  # as of the snapshot
    DashboardSnapshot.objects.filter(scope__startswith=selectors.CROSS_SCOPE).update(
        computed_at=timezone.now() - selectors.SNAPSHOT_MAX_AGE - timedelta(seconds=1)
    )
    stale_recomputed = client.get(STATISTICS, question).context["table"]
    assert stale_recomputed.grand_total == first.grand_total + 1
    assert stale_recomputed.as_of > first.as_of

    f.scheme(commune=commune, founded_on=date(2020, 1, 1), rating="kha", rating_year=2022)
    year = selectors.latest_campaign_year()
    out = io.StringIO()
    call_command("refresh_summaries", "--dashboard-only", stdout=out)  # cron: the page's first table
    assert f"tỉnh × xếp loại năm {year}" in out.getvalue()
    assert DashboardSnapshot.objects.filter(scope=f"{selectors.CROSS_SCOPE}:province:class:{year}:{year}:0").exists()
    if year == 2022:
        assert client.get(STATISTICS, question).context["table"].grand_total == first.grand_total + 2


def test_national_cross_table_api_reads_the_same_snapshot(client, national_user, dataset):
    client.force_login(national_user)
    page = client.get(STATISTICS, {"rows": "province", "columns": "class", "year_from": "2022"}).context["table"]
    body = client.get(reverse("api:statistics"), {"rows": "province", "columns": "class", "year_from": "2022"}).json()
    assert body["cells"] == page.cells and body["grand_total"] == page.grand_total
    assert DashboardSnapshot.objects.filter(scope__startswith=selectors.CROSS_SCOPE).count() == 1


def test_a_province_cross_table_and_one_unit_of_the_country_are_live(client, users, national_user, dataset, commune):
    client.force_login(users["pv05"])
    question = {"rows": "commune", "columns": "class", "year_from": "2022"}
    before = client.get(STATISTICS, question).context["table"]
    assert not before.snapshot and "Số liệu đọc lúc" in client.get(STATISTICS, question).content.decode()
    f.scheme(commune=commune, founded_on=date(2020, 1, 1), rating="tot", rating_year=2022)
    assert client.get(STATISTICS, question).context["table"].grand_total == before.grand_total + 1
    client.force_login(national_user)
    one_unit = client.get(STATISTICS, {**question, "unit": commune.pk}).context["table"]
    assert not one_unit.snapshot
    assert not DashboardSnapshot.objects.filter(scope__startswith=selectors.CROSS_SCOPE).exists()


def test_national_statistics_query_count_does_not_grow_with_the_data(
    client, national_user, dataset, commune, other_commune
):
    query = {"rows": "province", "columns": "class", "year_from": "2022"}
    client.force_login(national_user)
    client.get(STATISTICS, query)  # stores the snapshot
    before = _count_queries(client, STATISTICS, query)
    f.grow(commune, other_commune, 30)
    DashboardSnapshot.objects.filter(scope__startswith=selectors.CROSS_SCOPE).update(
        computed_at=timezone.now() - selectors.SNAPSHOT_MAX_AGE - timedelta(seconds=1)
    )
    client.get(STATISTICS, query)  # recomputes it
    assert _count_queries(client, STATISTICS, query) == before <= 8
