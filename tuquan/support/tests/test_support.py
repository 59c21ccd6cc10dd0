from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tuquan.accounts.testing import ScopedViewChecks
from tuquan.support import selectors, services
from tuquan.support.choices import ItemCategory, Source, SupportKind
from tuquan.support.models import SupportRecord

pytestmark = pytest.mark.django_db


def _money(user, scheme, value, day, source=Source.PROVINCE_BUDGET, **extra):
    data = {"date": day, "kind": SupportKind.MONEY, "category": ItemCategory.ALLOWANCE, "value": value,
            "quantity": 1, "source": source, **extra}  # fmt: skip
    return services.support_record_create(user=user, scheme=scheme, data=data)


def _item(user, scheme, category, quantity, value, day, source=Source.COMMUNE_BUDGET):
    data = {"date": day, "kind": SupportKind.ITEM, "category": category, "quantity": quantity, "value": value,
            "source": source}  # fmt: skip
    return services.support_record_create(user=user, scheme=scheme, data=data)


@pytest.fixture
def hand_counted(users, scheme, other_scheme):
    pv = users["pv05"]
    _money(pv, scheme, 5_000_000, date(2024, 5, 1))
    _money(pv, scheme, 3_000_000, date(2025, 2, 1), source=Source.SOCIALISED, donor_name="Công ty A")
    _item(pv, scheme, ItemCategory.TORCH, 10, 1_500_000, date(2025, 3, 1))
    _item(pv, other_scheme, ItemCategory.GONG, 2, 0, date(2025, 4, 1))
    _money(pv, other_scheme, 2_000_000, date(2025, 6, 1), source=Source.COMMUNE_BUDGET)


def test_totals_by_each_dimension_match_hand_count(
    users, hand_counted, commune, other_commune, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        overview = selectors.support_overview(user=users["pv05"])
    assert overview["total"]["money"] == 10_000_000
    assert overview["total"]["items"] == 12
    assert overview["total"]["items_value"] == 1_500_000
    assert overview["total"]["records"] == 5
    by_commune = {row["scheme__commune"]: row["money"] for row in overview["by_commune"]}
    assert by_commune == {commune.pk: 8_000_000, other_commune.pk: 2_000_000}
    assert {row["kind"]: row["records"] for row in overview["by_kind"]} == {"money": 3, "item": 2}
    by_source = {row["source"]: row["value"] for row in overview["by_source"]}
    assert by_source == {
        Source.PROVINCE_BUDGET: 5_000_000,
        Source.SOCIALISED: 3_000_000,
        Source.COMMUNE_BUDGET: 3_500_000,
    }
    assert {row["year"]: row["money"] for row in overview["by_year"]} == {2024: 5_000_000, 2025: 5_000_000}
    assert {row["category"]: row["items"] for row in overview["by_category"]}[ItemCategory.TORCH] == 10
    assert [(row["label"], row["records"]) for row in overview["by_scheme_kind"]] == [("Tiếng kẻng an ninh", 5)]
    assert selectors.support_overview(user=users["pv05"], year=2024)["total"]["money"] == 5_000_000


def test_commune_officer_totals_cover_only_their_commune(users, hand_counted):
    assert selectors.support_overview(user=users["commune"])["total"]["money"] == 8_000_000


def test_support_totals_for_review_report(hand_counted, khanh_hoa, commune):
    figures = selectors.support_totals(khanh_hoa.path, date(2025, 1, 1), date(2025, 12, 31))
    assert (figures["money"], figures["items"], figures["records"]) == (5_000_000, 12, 4)
    assert figures["by_source"][Source.SOCIALISED]["money"] == 3_000_000
    assert selectors.support_totals(commune.path, date(2024, 1, 1), date(2024, 12, 31))["money"] == 5_000_000


def test_schemes_that_received_nothing_in_the_last_months(users, scheme, other_scheme):
    pv = users["pv05"]
    _money(pv, scheme, 1_000_000, date(2025, 1, 10))
    _money(pv, other_scheme, 1_000_000, date(2024, 1, 10))
    today = date(2025, 6, 30)
    assert list(selectors.schemes_without_support(user=pv, months=12, today=today)) == [other_scheme]
    assert set(selectors.schemes_without_support(user=pv, months=3, today=today)) == {scheme, other_scheme}
    assert list(selectors.schemes_without_support(user=pv, months=24, today=today)) == []


def test_money_needs_a_positive_value(users, scheme):
    with pytest.raises(ValidationError) as error:
        _money(users["pv05"], scheme, 0, date(2025, 1, 1))
    assert "value" in error.value.message_dict


def test_viewer_cannot_record_support(users, scheme):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _money(users["viewer"], scheme, 1, date(2025, 1, 1))


@pytest.fixture
def scoped_objects(users, scheme, other_scheme):
    own = _money(users["pv05"], scheme, 1_000_000, date(2025, 1, 1))
    other = _money(users["pv05"], other_scheme, 1_000_000, date(2025, 1, 1))
    return own, other


class TestSupportEditPages(ScopedViewChecks):
    permitted_role = "commune"
    forbidden_role = "viewer"

    def object_urls(self, obj):
        return [
            (reverse("support:update", args=[obj.pk]), "get"),
            (reverse("support:update", args=[obj.pk]), "post"),
            (reverse("support:create", args=[obj.scheme_id]), "get"),
            (reverse("support:create", args=[obj.scheme_id]), "post"),
        ]


class TestSupportReadPages(ScopedViewChecks):
    permitted_role = "commune"

    def object_urls(self, obj):
        return [(reverse("support:scheme", args=[obj.scheme_id]), "get")]

    def list_urls(self):
        return [(reverse("support:overview"), "get"), (reverse("support:export"), "get")]


def test_commune_officer_records_support_through_the_form(client, users, scheme):
    client.force_login(users["commune"])
    response = client.post(
        reverse("support:create", args=[scheme.pk]),
        {
            "date": "15/03/2025",
            "kind": "item",
            "category": "bo_dam",
            "quantity": "4",
            "value": "8000000",
            "source": "ngan_sach_xa",
        },  # fmt: skip
    )
    assert response.status_code == 302
    record = SupportRecord.objects.get()
    assert (record.quantity, record.value, record.date) == (4, 8_000_000, date(2025, 3, 15))


def test_bad_input_shows_errors_next_to_fields(client, users, scheme):
    client.force_login(users["commune"])
    response = client.post(
        reverse("support:create", args=[scheme.pk]),
        {
            "date": "31/02/2025",
            "kind": "money",
            "category": "che_do",
            "quantity": "1",
            "value": "0",
            "source": "xa_hoi_hoa",
        },  # fmt: skip
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-field-error="date"' in body
    assert not SupportRecord.objects.exists()


def test_overview_page_queries_bounded(client, users, hand_counted, django_assert_max_num_queries):
    client.force_login(users["pv05"])
    with django_assert_max_num_queries(16):
        response = client.get(reverse("support:overview") + "?months=12")
    assert response.status_code == 200
    assert "10.000.000" in response.content.decode()


def test_scheme_page_lists_its_support(client, users, scheme, hand_counted):
    client.force_login(users["commune"])
    body = client.get(scheme.get_absolute_url()).content.decode()
    assert 'data-testid="support-records"' in body
    assert "5.000.000" in body


def test_export_lists_records_and_summary_sheets(client, users, hand_counted):
    import io

    from openpyxl import load_workbook

    client.force_login(users["commune"])
    workbook = load_workbook(io.BytesIO(client.get(reverse("support:export") + "?year=2025").content))
    assert workbook.sheetnames[:2] == ["Khoản hỗ trợ", "Theo xã"]
    assert workbook["Khoản hỗ trợ"].max_row == 3  # header + the commune's two 2025 records


def test_overview_shows_the_first_schemes_without_support_and_their_count(
    client, users, scheme, other_scheme, monkeypatch
):
    from tuquan.support import views

    monkeypatch.setattr(views, "WITHOUT_SHOWN", 1)
    client.force_login(users["pv05"])
    response = client.get(reverse("support:overview"))
    assert len(response.context["without"]) == 1 and response.context["without_count"] == 2
    assert "Hiển thị 1 trong số 2 mô hình" in response.content.decode()
    monkeypatch.setattr(views, "WITHOUT_SHOWN", 200)
    assert 'data-testid="without-support-more"' not in client.get(reverse("support:overview")).content.decode()


def test_each_scheme_without_support_links_to_it_and_to_recording_support_for_those_who_may(
    client, users, scheme, other_scheme
):
    client.force_login(users["pv05"])
    html = client.get(reverse("support:overview")).content.decode()
    for listed in (scheme, other_scheme):
        assert f'<a href="{listed.get_absolute_url()}">{listed.name}</a>' in html
        assert f'href="{reverse("support:create", args=[listed.pk])}">Ghi hỗ trợ</a>' in html
    client.force_login(users["viewer"])
    html = client.get(reverse("support:overview")).content.decode()
    assert f'<a href="{scheme.get_absolute_url()}">{scheme.name}</a>' in html
    assert "Ghi hỗ trợ</a>" not in html


@pytest.fixture
def spread_schemes(users, make_scheme, khanh_hoa):
    """Schemes in five communes, with duplicate names; some supported recently, some long ago."""
    pv = users["pv05"]
    communes = list(khanh_hoa.children.order_by("code")[:5])
    made = []
    for i in range(15):
        scheme = make_scheme(name=f"Mô hình {'ABC'[i % 3]}", commune=communes[i % 5])
        if i % 4 == 0:
            _money(pv, scheme, 1_000_000, date(2026, 3, 1))  # recent: not listed
        elif i % 4 == 1:
            _money(pv, scheme, 1_000_000, date(2023, 3, 1))  # long ago: listed
        made.append(scheme)
    return made


def test_first_schemes_without_support_are_the_head_of_the_full_list(users, spread_schemes):
    today = date(2026, 6, 1)
    for user in (users["pv05"], users["commune"]):
        full = list(selectors.schemes_without_support(user=user, months=12, today=today))
        assert full  # the fixture leaves some in each scope
        for limit in (1, 2, 3, 4, 7, len(full), len(full) + 5):
            first, count = selectors.schemes_without_support_first(user=user, months=12, limit=limit, today=today)
            assert first == full[:limit]
            assert count == len(full)


def test_overview_queries_do_not_grow_with_schemes(client, users, make_scheme, spread_schemes):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(users["pv05"])
    url = reverse("support:overview") + "?months=12"
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for i in range(10):
        make_scheme(name=f"Mô hình mới {i}")
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert len(after) == len(before)
    assert response.context["without_count"] == len(selectors.schemes_without_support(user=users["pv05"], months=12))
