from datetime import date

import pytest

from tuquan.reviews.selectors import Period, period_for, previous_period, review_figures

Y2024 = (date(2024, 1, 1), date(2024, 12, 31))


def _activity(figures) -> dict:
    return {row["key"]: row["value"] for row in figures["activity"]["rows"]}


def test_province_totals_at_period_end_and_change_from_previous_year(khanh_hoa, dataset):
    totals = review_figures(khanh_hoa, *Y2024)["totals"]
    assert totals["at_end"] == 6
    assert totals["at_previous_end"] == 5
    assert totals["change"] == 1


def test_new_eliminated_and_merged_schemes_are_counted_in_their_period(khanh_hoa, dataset):
    totals = review_figures(khanh_hoa, *Y2024)["totals"]
    assert (totals["new"], totals["eliminated"], totals["merged"]) == (3, 1, 1)
    assert (totals["new_previous"], totals["eliminated_previous"]) == (1, 1)


def test_commune_review_counts_only_its_own_schemes(commune, dataset):
    totals = review_figures(commune, *Y2024)["totals"]
    assert (totals["at_end"], totals["at_previous_end"], totals["change"]) == (4, 4, 0)
    assert (totals["new"], totals["eliminated"]) == (2, 1)


def test_voided_records_never_count(khanh_hoa, dataset):
    figures = review_figures(khanh_hoa, date(2024, 3, 1), date(2024, 3, 31))
    assert figures["totals"]["new"] == 0  # G was founded in March 2024 but voided
    assert _activity(figures)["patrols"] == 0  # its 1000 patrols never count


def test_activity_sums_the_reports_ending_in_the_period(khanh_hoa, commune, dataset):
    figures = review_figures(khanh_hoa, *Y2024)
    sums = _activity(figures)
    assert sums["patrols"] == 10 + 12 + 5 + 7
    assert sums["tips_to_police"] == 4 + 1 + 2
    assert sums["disputes_mediated"] == 3
    assert sums["incidents"] == 1
    assert sums["propaganda_attendance"] == 120
    assert (figures["activity"]["reports"], figures["activity"]["schemes"]) == (4, 3)
    assert _activity(review_figures(commune, *Y2024))["patrols"] == 27


def test_classes_come_from_the_registry_when_no_campaign_was_approved(khanh_hoa, dataset):
    classes = review_figures(khanh_hoa, *Y2024)["classes"]
    counts = {row["code"]: row["count"] for row in classes["rows"]}
    assert classes["year"] == 2024
    # the schemes registered at the end of 2024 (A, B, C, D, J, K); D and K have no class yet
    assert counts == {"tot": 2, "kha": 1, "trung_binh": 0, "yeu": 0, "chua_danh_gia": 1, "": 2}
    assert classes["total"] == review_figures(khanh_hoa, *Y2024)["totals"]["at_end"] == 6
    assert "sổ đăng ký" in classes["source"]


def test_classes_come_from_approved_assessments_of_the_latest_campaign(users, khanh_hoa, dataset):
    from tuquan.assessments.models import Assessment
    from tuquan.assessments.services import campaign_create

    campaign = campaign_create(
        user=users["pv05"],
        data={
            "year": 2024,
            "name": "Kiểm tra, phân loại năm 2024",
            "root_unit": khanh_hoa,
            "self_assessment_deadline": date(2024, 11, 30),
            "approval_deadline": date(2024, 12, 15),
        },
    )
    Assessment.objects.create(campaign=campaign, scheme=dataset["A"], state="approved", final_rating="kha", total=70)
    Assessment.objects.create(campaign=campaign, scheme=dataset["J"], state="approved", final_rating="yeu", total=20)
    Assessment.objects.create(
        campaign=campaign, scheme=dataset["B"], state="submitted", suggested_rating="tot", total=90
    )
    classes = review_figures(khanh_hoa, *Y2024)["classes"]
    counts = {row["code"]: row["count"] for row in classes["rows"]}
    # A and J by their approved assessments; B (only submitted) and C by the registry; D and K none
    assert counts == {"tot": 0, "kha": 2, "trung_binh": 0, "yeu": 1, "chua_danh_gia": 1, "": 2}
    assert "đã duyệt" in classes["source"]


def test_coverage_names_the_communes_without_an_active_scheme(khanh_hoa, commune, other_commune, dataset):
    coverage = review_figures(khanh_hoa, *Y2024)["coverage"]
    assert coverage["communes"] == 65
    assert coverage["with_scheme"] == 2
    assert coverage["without_scheme"] == 63
    assert commune.name not in coverage["without_names"]
    assert len(coverage["without_names"]) == 63


def test_per_unit_rows_add_up_to_the_totals(khanh_hoa, commune, dataset):
    figures = review_figures(khanh_hoa, *Y2024)
    by_unit = {row["code"]: row for row in figures["by_unit"]}
    assert (by_unit[commune.code]["at_end"], by_unit[commune.code]["new"], by_unit[commune.code]["eliminated"]) == (
        4,
        2,
        1,
    )
    assert sum(row["at_end"] for row in figures["by_unit"]) == figures["totals"]["at_end"]
    assert sum(row["new"] for row in figures["by_unit"]) == figures["totals"]["new"]


def test_by_kind_counts_schemes_and_active_teams(khanh_hoa, dataset):
    (row,) = review_figures(khanh_hoa, *Y2024)["by_kind"]
    assert (row["schemes"], row["teams"]) == (6, 2)


def test_figures_take_a_bounded_number_of_queries(khanh_hoa, dataset, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):  # registry 8, support 2, targets 1-4, commendations 1
        review_figures(khanh_hoa, *Y2024)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2024, 1, 1), date(2024, 12, 31), (date(2023, 1, 1), date(2023, 12, 31))),
        (date(2024, 1, 1), date(2024, 6, 30), (date(2023, 7, 1), date(2023, 12, 31))),
        (date(2024, 7, 1), date(2024, 12, 31), (date(2024, 1, 1), date(2024, 6, 30))),
        (date(2020, 1, 1), date(2024, 12, 31), (date(2015, 1, 1), date(2019, 12, 31))),
        (date(2024, 3, 10), date(2024, 3, 19), (date(2024, 2, 29), date(2024, 3, 9))),
    ],
)
def test_previous_period_has_the_same_length(start, end, expected):
    assert previous_period(start, end) == Period(*expected)


def test_period_for_each_kind():
    assert period_for(kind="half_year", year=2026, half=1) == Period(date(2026, 1, 1), date(2026, 6, 30))
    assert period_for(kind="half_year", year=2026, half=2) == Period(date(2026, 7, 1), date(2026, 12, 31))
    assert period_for(kind="year", year=2026) == Period(date(2026, 1, 1), date(2026, 12, 31))
    assert period_for(kind="multi_year", year=2026, start_year=2022) == Period(date(2022, 1, 1), date(2026, 12, 31))


def test_figures_agree_with_the_statistics_cross_table(khanh_hoa, dataset):
    """The review and the statistics page count the same schemes and classes for a year."""
    from tuquan.reports.selectors import cross_table

    figures = review_figures(khanh_hoa, *Y2024)
    table = cross_table(rows="commune", columns="class", year_from=2024, unit=khanh_hoa)
    assert table.grand_total == figures["totals"]["at_end"] == figures["classes"]["total"]
    by_class = {header.key: total for header, total in zip(table.column_headers, table.column_totals, strict=True)}
    for row in figures["classes"]["rows"]:
        assert by_class.get(row["code"], 0) == row["count"], row["label"]
