"""The dashboard's figures of a jurisdiction, against the hand-counted registry of
``tuquan/reports/tests/conftest.py``."""

from datetime import date

from tuquan.assessments.models import Assessment, Campaign
from tuquan.dashboards import selectors


def test_dashboard_counts_for_the_province(dataset, users):
    board = selectors.dashboard(user=users["pv05"], today=date(2025, 11, 1))
    # active: good, young, school, other_good, cam_ranh, founded_2023, post_reform, ambiguous
    assert board["counts"]["active"] == 8
    assert board["counts"]["eliminated"] == 1
    assert board["counts"]["new_this_year"] == 2  # post_reform, ambiguous
    assert board["classes"]["year"] == 2022
    assert {row["label"]: row["count"] for row in board["classes"]["rows"]}["Tốt"] == 3
    assert board["coverage"]["total"] == 65
    assert board["coverage"]["covered"] == 4
    assert len(board["coverage"]["uncovered"]) == 61
    assert {row["label"]: row["count"] for row in board["by_field"]} == {
        "Nông thôn": 7,
        "Cơ quan – doanh nghiệp – nhà trường": 1,
    }
    trend = {row["year"]: row for row in board["trend"]}
    assert trend[2022]["registered"] == 6
    assert trend[2023]["ended"] == 1
    assert board["late_assessments"] is None


def test_dashboard_of_a_commune_officer_counts_only_their_commune(dataset, users):
    board = selectors.dashboard(user=users["commune"], today=date(2025, 11, 1))
    assert board["counts"]["active"] == 5  # good, young, school, founded_2023, post_reform
    assert board["coverage"]["total"] == 1
    assert board["coverage"]["covered"] == 1


def test_late_assessments_of_the_running_campaign(dataset, khanh_hoa, users):
    campaign = Campaign.objects.create(
        year=2025,
        name="Kiểm tra 2025",
        root_unit=khanh_hoa,
        period_start=date(2024, 11, 15),
        period_end=date(2025, 11, 14),
        self_assessment_deadline=date(2025, 11, 20),
        approval_deadline=date(2025, 12, 10),
    )
    Assessment.objects.create(campaign=campaign, scheme=dataset["good"], state="draft")
    Assessment.objects.create(campaign=campaign, scheme=dataset["young"], state="submitted")
    Assessment.objects.create(campaign=campaign, scheme=dataset["other_good"], state="returned")
    assert selectors.dashboard(user=users["pv05"], today=date(2025, 11, 25))["late_assessments"] == 2
    assert selectors.dashboard(user=users["pv05"], today=date(2025, 12, 15))["late_assessments"] == 3
    assert selectors.dashboard(user=users["commune"], today=date(2025, 12, 15))["late_assessments"] == 2
