"""The statistics page: scoping, figures on the page, query counts, downloads (the dashboard: ``tuquan/dashboards``)."""

import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tuquan.accounts.choices import Role
from tuquan.accounts.testing import ScopedViewChecks, make_user
from tuquan.reports import selectors
from tuquan.reports.selectors import AGENCY_LABEL

STATISTICS = reverse("reports:statistics")
QUERY_2022 = {"rows": "old-district", "columns": "class", "year_from": "2022", "agency_row": "on"}


class TestStatisticsScoping(ScopedViewChecks):
    permitted_role = "commune"

    @pytest.fixture
    def scoped_objects(self, commune, other_commune):
        return commune, other_commune

    def object_urls(self, obj):
        return [(f"{STATISTICS}?unit={obj.pk}", "get")]

    def list_urls(self):
        return [(STATISTICS, "get")]


def test_statistics_page_shows_the_cross_table_with_totals(client, users, dataset):
    client.force_login(users["pv05"])
    response = client.get(STATISTICS, QUERY_2022)
    assert response.status_code == 200
    table = response.context["table"]
    assert table.grand_total == 6
    html = response.content.decode()
    assert AGENCY_LABEL in html
    assert 'data-testid="grand-total">6<' in html
    assert "trước 01/7/2025" in html  # says which boundaries are used
    assert "Số liệu đọc lúc" in html
    assert "31/12/Y" in html  # the definition of "registered in year Y" in the footer


def test_statistics_page_without_choices_shows_the_default_table(client, users, dataset):
    client.force_login(users["viewer"])
    response = client.get(STATISTICS)
    assert response.status_code == 200
    assert response.context["table"].rows == "old-district"


def test_statistics_page_of_the_whole_country_is_by_province_by_default(client, dataset):
    national = make_user("quoc.gia", Role.ADMIN, None, is_superuser=True, is_staff=True)
    client.force_login(national)
    table = client.get(STATISTICS).context["table"]
    assert table.rows == "province"
    assert [header.label for header in table.row_headers] == ["Tỉnh Khánh Hòa"]
    assert (
        table.grand_total
        == client.get(STATISTICS, QUERY_2022 | {"year_from": table.year_from}).context["table"].grand_total
    )


def test_statistics_query_count_is_bounded(client, users, dataset, django_assert_max_num_queries):
    client.force_login(users["pv05"])
    with django_assert_max_num_queries(14):
        assert client.get(STATISTICS, {**QUERY_2022, "columns": "year", "year_to": "2025"}).status_code == 200


def test_commune_officer_statistics_count_only_their_commune(client, users, dataset):
    client.force_login(users["commune"])
    table = client.get(STATISTICS, QUERY_2022).context["table"]
    assert table.grand_total == 4


@pytest.mark.parametrize(
    "bad",
    [
        {"rows": "nowhere"},
        {"year_from": "abc"},
        {"year_from": "2024", "year_to": "2020"},
        {"year_from": "1800"},
        {"columns": "<script>"},
    ],
)
def test_bad_choices_show_form_errors_not_a_500(client, users, dataset, bad):
    client.force_login(users["pv05"])
    response = client.get(STATISTICS, {**QUERY_2022, **bad})
    assert response.status_code == 200
    assert response.context["table"] is None
    assert response.context["form"].errors


def test_unit_that_does_not_exist_is_404(client, users):
    client.force_login(users["pv05"])
    assert client.get(STATISTICS, {**QUERY_2022, "unit": "abc"}).status_code == 404


def test_xlsx_download_matches_the_selector(client, users, dataset):
    client.force_login(users["pv05"])
    response = client.get(STATISTICS, {**QUERY_2022, "format": "xlsx"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    expected = selectors.cross_table(user=users["pv05"], rows="old-district", columns="class", year_from=2022)
    records = expected.as_records()
    # title merged over the width, two header rows (merged), then the body and the totals row
    assert "A1:G1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A3"].value == records[0][0]
    assert sheet["B3"].value == "Xếp loại"
    assert [c.value for c in sheet[4]][1:6] == records[0][1:6]
    body = [[c.value for c in row] for row in sheet.iter_rows(min_row=5, max_row=4 + len(records) - 1)]
    assert body == records[1:]
    totals_row = 4 + len(records) - 1
    assert sheet.cell(row=totals_row, column=1).value == "Tổng cộng"
    assert sheet.cell(row=totals_row, column=1).font.b
    assert sheet.cell(row=totals_row, column=7).value == 6
    assert sheet.cell(row=5, column=2).number_format == "#,##0"


def test_csv_and_json_downloads(client, users, dataset):
    client.force_login(users["pv05"])
    csv_text = client.get(STATISTICS, {**QUERY_2022, "format": "csv"}).content.decode("utf-8-sig")
    lines = csv_text.strip().splitlines()
    assert lines[-1] == "Tổng cộng,3,1,0,1,1,6"
    payload = json.loads(client.get(STATISTICS, {**QUERY_2022, "format": "json"}).content)
    assert payload["totals"]["total"] == 6


def test_xlsx_neutralises_formula_injection(dataset):
    from tuquan.reports.exporters import to_csv, to_xlsx

    dataset["rural"].name = '=HYPERLINK("http://x","bấm")'
    dataset["rural"].save()
    table = selectors.cross_table(rows="kind", columns="class", year_from=2022)
    sheet = load_workbook(io.BytesIO(to_xlsx(table))).active
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    assert "'=HYPERLINK" in to_csv(table)


def test_scheme_leader_statistics_count_only_their_scheme(client, dataset):
    leader = make_user("leader", Role.LEADER, scheme=dataset["good"])
    client.force_login(leader)
    assert client.get(STATISTICS, QUERY_2022).context["table"].grand_total == 1


def test_user_without_jurisdiction_counts_nothing(client, dataset):
    client.force_login(make_user("nowhere", Role.VIEWER))
    assert client.get(STATISTICS, QUERY_2022).context["table"].grand_total == 0


def test_htmx_request_gets_the_form_and_table_only(client, users, dataset):
    client.force_login(users["pv05"])
    response = client.get(STATISTICS, {**QUERY_2022, "year_from": "abc"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert 'data-field-error="year_from"' in html
    response = client.get(STATISTICS, QUERY_2022, headers={"HX-Request": "true"})
    assert 'data-testid="grand-total">6<' in response.content.decode()


def test_absurd_start_year_is_a_form_error_not_a_crash(client, users):
    client.force_login(users["pv05"])
    response = client.get("/thong-ke/", {"year_from": "72721056088", "rows": "kind", "columns": "status"})
    assert response.status_code == 200
    assert "Năm bắt đầu" in response.text or "nhỏ hơn hoặc bằng" in response.text


def test_table_cells_are_written_as_intcomma_writes_them():
    from django.contrib.humanize.templatetags.humanize import intcomma
    from django.template import Context, Template

    values = [0, 7, 999, 1000, 1234567, -45000]
    html = Template("{% load report_tags %}{% number_cells values %}").render(Context({"values": values}))
    assert html == "".join(f'<td class="num">{intcomma(value)}</td>' for value in values)
    assert '<td class="num">1.234.567</td>' in html
    with pytest.raises(TypeError):
        Template("{% load report_tags %}{% number_cells values %}").render(Context({"values": ["<b>"]}))
