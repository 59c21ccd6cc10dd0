"""The statistics cross-table as a read endpoint: the page's form and selector, scoped like the page."""

import pytest

from tuquan.accounts.testing import make_user

pytestmark = pytest.mark.django_db
URL = "/api/v1/statistics/"


def test_anonymous_gets_401(api_as, khanh_hoa):
    assert api_as(None).get(URL, {"year_from": 2025}).status_code == 401


def test_role_without_the_statistics_permission_gets_403(api_as, commune):
    nobody = make_user("khong-quyen", role="", unit=commune)
    response = api_as(nobody).get(URL, {"year_from": 2025})
    assert response.status_code == 403


def test_counts_by_commune_and_class(api_as, scheme, other_scheme, commune, django_assert_max_num_queries):
    client = api_as("pv05")
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"rows": "commune", "columns": "status", "year_from": 2025})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["grand_total"] == 2
    assert {row["label"] for row in body["row_headers"]} == {scheme.commune.name, other_scheme.commune.name}
    assert sum(body["row_totals"]) == 2
    assert body["definitions"]


def test_commune_officer_counts_only_their_commune(api_as, scheme, other_scheme, other_commune):
    client = api_as("commune")
    body = client.get(URL, {"rows": "commune", "columns": "class", "year_from": 2025}).json()
    assert body["grand_total"] == 1
    assert client.get(URL, {"year_from": 2025, "unit": other_commune.pk}).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"year_from": "abc"},
        {"year_from": 2025, "rows": "nothing"},
        {"year_from": 2025, "year_to": 2020},
        {"year_from": 1000},
    ],
)
def test_bad_parameters_are_400_with_field_errors(api_as, khanh_hoa, params):
    response = api_as("pv05").get(URL, params)
    assert response.status_code == 400
    assert response.json()["errors"]


def test_a_far_future_year_is_400_not_500(api_as, khanh_hoa):
    response = api_as("pv05").get(URL, {"year_from": 72721056088})
    assert response.status_code == 400
    assert response.json()["errors"]["year_from"]
