"""The statistics engine against the hand-counted registry of conftest.py."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tuquan.assessments.models import Assessment, Campaign
from tuquan.assessments.services import scheme_ratings_rebuild
from tuquan.reports import selectors
from tuquan.reports.selectors import AGENCY_LABEL, UNKNOWN_LABEL, cross_table
from tuquan.reports.tests import factories as f

CLASSES = ["Tốt", "Khá", "Trung bình", "Yếu (cần thanh loại)", "Chưa đánh giá, phân loại (mới thành lập)"]


def as_dict(table) -> dict[str, list[int]]:
    """{row label: [cells..., row total]} plus the totals row under "Tổng cộng"."""
    records = table.as_records()
    return {record[0]: record[1:] for record in records[1:]}


def test_old_district_by_class_matches_the_hand_count(dataset):
    table = cross_table(rows="old-district", columns="class", year_from=2022)
    assert [h.label for h in table.column_headers] == CLASSES
    assert as_dict(table) == {
        "Thành phố Nha Trang": [2, 0, 0, 1, 1, 4],
        "Thành phố Cam Ranh": [1, 0, 0, 0, 0, 1],
        AGENCY_LABEL: [0, 1, 0, 0, 0, 1],
        "Tổng cộng": [3, 1, 0, 1, 1, 6],
    }
    assert table.grand_total == 6


def test_eliminated_scheme_still_counts_in_its_past_year_but_not_after(dataset):
    in_2022 = cross_table(rows="province", columns="class", year_from=2022)
    in_2023 = cross_table(rows="province", columns="class", year_from=2023)
    assert as_dict(in_2022)["Tổng cộng"][3] == 1  # weak in 2022, eliminated in March 2023
    assert in_2022.grand_total == 6
    # 2023: the eliminated one is gone, the 2023 one arrived; no 2023 classes recorded yet.
    assert in_2023.grand_total == 6
    assert as_dict(in_2023)["Tổng cộng"][-2:] == [6, 6]  # "Chưa có kết quả" column, then total


def test_agency_row_can_be_turned_off(dataset):
    table = cross_table(rows="old-district", columns="class", year_from=2022, agency_row=False)
    rows = as_dict(table)
    assert AGENCY_LABEL not in rows
    assert rows["Thành phố Nha Trang"][-1] == 5


def test_agency_row_only_applies_to_district_tables(dataset):
    table = cross_table(rows="commune", columns="class", year_from=2022)
    assert AGENCY_LABEL not in as_dict(table)


def test_schemes_founded_after_the_reform_map_through_an_unambiguous_succession(dataset):
    table = cross_table(rows="old-district", columns="year", year_from=2025, year_to=2026)
    rows = as_dict(table)
    # Nha Trang at end 2025: good, young, founded_2023, other_good, post_reform (mapped) = 5
    assert rows["Thành phố Nha Trang"][:2] == [5, 5]
    # Phường Đô Vinh came from two districts: its new scheme cannot be placed on the old map.
    assert rows[UNKNOWN_LABEL][:2] == [1, 1]
    assert "thành lập sau 01/7/2025" in table.boundaries or "bảng kế thừa" in table.boundaries


def test_old_and_new_boundaries_give_different_rows_for_the_same_schemes(dataset, commune, other_commune):
    new = as_dict(cross_table(rows="commune", columns="class", year_from=2022))
    old = as_dict(cross_table(rows="old-commune", columns="class", year_from=2022))
    assert new[commune.name][-1] == 4  # good, eliminated_later, young, school
    assert new[other_commune.name][-1] == 1
    assert sum(v[-1] for k, v in old.items() if k != "Tổng cộng") == 6
    assert commune.name not in old or old[commune.name] != new[commune.name]


def test_status_columns_show_status_at_the_end_of_the_period(dataset):
    table = cross_table(rows="province", columns="status", year_from=2023)
    assert [h.label for h in table.column_headers] == ["Đang hoạt động", "Đã thanh loại", "Đã sáp nhập"]
    # alive some time in 2023: 6 of 2022 + founded_2023; the eliminated one is eliminated by 31/12/2023
    assert as_dict(table)["Tổng cộng"] == [6, 1, 0, 7]


def test_year_columns_count_the_register_at_each_year_end_and_once_over_the_range(dataset):
    table = cross_table(rows="field", columns="year", year_from=2021, year_to=2023)
    assert [h.label for h in table.column_headers] == ["2021", "2022", "2023"]
    assert table.total_column_label == "Cả giai đoạn"
    assert as_dict(table)["Tổng cộng"] == [5, 6, 6, 7]


def test_founded_columns_count_new_schemes_per_year(dataset):
    table = cross_table(rows="host", columns="founded", year_from=2021, year_to=2023)
    assert as_dict(table)["Tổng cộng"] == [1, 1, 1, 3]
    assert as_dict(table)["Nhà trường"] == [1, 0, 0, 1]


def test_kind_and_host_rows(dataset):
    kinds = as_dict(cross_table(rows="kind", columns="class", year_from=2022))
    assert kinds["Tiếng kẻng an ninh (thử)"][-1] == 5
    assert kinds["Trường học an toàn (thử)"][-1] == 1
    hosts = as_dict(cross_table(rows="host", columns="class", year_from=2022))
    assert hosts["Mặt trận Tổ quốc"] == [1, 0, 0, 0, 0, 1]


def test_commune_officer_counts_only_their_commune(dataset, users):
    table = cross_table(user=users["commune"], rows="old-district", columns="class", year_from=2022)
    assert table.grand_total == 4  # good, eliminated_later, young (Nha Trang) + school (agency)
    assert as_dict(table)["Thành phố Nha Trang"][-1] == 3


def test_unit_filter_limits_the_table(dataset, other_commune, users):
    table = cross_table(user=users["pv05"], rows="commune", columns="class", year_from=2022, unit=other_commune)
    assert table.grand_total == 1


def test_approved_assessment_of_the_campaign_is_the_class(dataset, khanh_hoa):
    campaign = Campaign.objects.create(
        year=2022,
        name="Kiểm tra 2022",
        root_unit=khanh_hoa,
        period_start=date(2021, 11, 15),
        period_end=date(2022, 11, 14),
        self_assessment_deadline=date(2022, 11, 20),
        approval_deadline=date(2022, 12, 10),
    )
    Assessment.objects.create(campaign=campaign, scheme=dataset["young"], state="approved", final_rating="kha")
    Assessment.objects.create(campaign=campaign, scheme=dataset["good"], state="draft", final_rating="")
    scheme_ratings_rebuild()  # written past the services, as a bulk load: refresh the summary
    rows = as_dict(cross_table(rows="old-district", columns="class", year_from=2022))
    assert rows["Thành phố Nha Trang"] == [2, 1, 0, 1, 0, 4]


def test_cross_table_needs_a_bounded_number_of_queries(dataset, django_assert_max_num_queries):
    for rows in selectors.ROW_CHOICES:
        for columns in selectors.COLUMN_CHOICES:
            with django_assert_max_num_queries(3):
                cross_table(rows=rows, columns=columns, year_from=2020, year_to=2026)


def test_cross_table_queries_do_not_grow_with_the_schemes(dataset, commune, other_commune):
    """Counts, row labels and (pre-2025 rows) the successors of the communes: never per scheme."""

    def queries() -> dict[str, int]:
        counted = {}
        for rows in selectors.ROW_CHOICES:
            with CaptureQueriesContext(connection) as captured:
                cross_table(rows=rows, columns="class", year_from=2026)
            counted[rows] = len(captured)
        return counted

    before = queries()
    for unit in (commune, other_commune, f.unit("22738")):
        for founded_on in (date(2019, 3, 1), date(2025, 9, 1)):  # unrecorded and post-reform: via the successors
            f.scheme(commune=unit, scheme_kind=dataset["rural"], founded_on=founded_on)
    assert queries() == before
    assert before["old-district"] == before["old-commune"] == 3


def test_invalid_parameters_are_refused():
    with pytest.raises(ValueError):
        cross_table(rows="street", columns="class", year_from=2022)
    with pytest.raises(ValueError):
        cross_table(rows="province", columns="class", year_from=2023, year_to=2022)


def test_practice_figures_count_points_teams_and_members_per_kind(dataset):
    figures = selectors.practice_figures(year=2022)
    rows = {row.kind: (row.schemes, row.teams, row.members) for row in figures["rows"]}
    assert rows["Tiếng kẻng an ninh (thử)"] == (5, 2, 4)
    assert rows["Trường học an toàn (thử)"] == (1, 1, 4)
    assert (figures["totals"].schemes, figures["totals"].teams, figures["totals"].members) == (6, 3, 8)


def test_pre_reform_scheme_without_old_unit_in_a_split_commune_is_unrecorded_not_post_reform(dataset):
    from tuquan.reports.selectors import UNRECORDED_LABEL
    from tuquan.reports.tests import factories as f

    f.scheme(commune=f.unit("22738"), scheme_kind=dataset["rural"], founded_on=date(2020, 2, 1))
    rows = as_dict(cross_table(rows="old-district", columns="year", year_from=2025))
    assert rows[UNRECORDED_LABEL][0] == 1
    assert rows[UNKNOWN_LABEL][0] == 1
