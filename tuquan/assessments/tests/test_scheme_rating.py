"""The summary table of classes (``SchemeRating``) always equals the class computed from scratch.

After each kind of write (approve, return, a second campaign of the same year, elimination,
bulk inserts followed by ``refresh_summaries``) the class every scheme gets for every year from
the summary (``with_year_rating``) is compared with the reference subquery over the assessments
(``rating_expression``). Run on SQLite and on PostgreSQL (the rebuild is one INSERT … SELECT with
a window function, the join a FilteredRelation).
"""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from tuquan.assessments.choices import Rating, State
from tuquan.assessments.models import Assessment, SchemeRating
from tuquan.assessments.services import (
    assessment_approve,
    assessment_return,
    assessment_save_draft,
    assessment_start,
    assessment_submit,
    campaign_create,
    scheme_ratings_rebuild,
    schemes_eliminate,
)
from tuquan.reports.selectors import rating_expression, with_year_rating
from tuquan.schemes.models import ActivityReport, Scheme

from .conftest import full_scores

pytestmark = pytest.mark.django_db

YEARS = (2024, 2025, 2026)


def computed(year: int) -> dict:
    return dict(Scheme.objects.annotate(r=rating_expression(year)).values_list("pk", "r"))


def summarised(year: int) -> dict:
    return dict(with_year_rating(Scheme.objects.all(), year).values_list("pk", "rating"))


def assert_summary_exact() -> None:
    for year in YEARS:
        assert summarised(year) == computed(year), year


def submit(user, campaign, scheme, ratio: Decimal):
    assessment = assessment_start(user=user, campaign=campaign, scheme=scheme)
    assessment = assessment_save_draft(
        user=user, assessment=assessment, version=assessment.version, scores=full_scores(campaign, ratio)
    )
    return assessment_submit(user=user, assessment=assessment, version=assessment.version)


def test_approval_writes_the_class_of_the_year(users, submitted, scheme):
    assert not SchemeRating.objects.exists()
    assessment_approve(user=users["pv05"], assessment=submitted, version=submitted.version)
    assert list(SchemeRating.objects.values_list("scheme_id", "year", "rating")) == [(scheme.pk, 2026, Rating.GOOD)]
    assert summarised(2026)[scheme.pk] == Rating.GOOD
    assert_summary_exact()


def test_return_changes_nothing_and_a_later_approval_counts(users, submitted, scheme):
    returned = assessment_return(user=users["pv05"], assessment=submitted, version=submitted.version, comment="Thiếu")
    assert summarised(2026)[scheme.pk] == ""
    assert_summary_exact()
    again = assessment_submit(user=users["commune"], assessment=returned, version=returned.version)
    assessment_approve(
        user=users["pv05"],
        assessment=again,
        version=again.version,
        final_rating=Rating.FAIR,
        adjustment_reason="Hồ sơ minh chứng chưa đầy đủ",
    )
    assert summarised(2026)[scheme.pk] == Rating.FAIR
    assert_summary_exact()


def test_the_campaign_of_the_year_that_ends_last_gives_the_class(users, khanh_hoa, commune, submitted, scheme):
    assessment_approve(user=users["pv05"], assessment=submitted, version=submitted.version)
    later = campaign_create(
        user=users["pv05"],
        data={
            "year": 2026,
            "name": "Kiểm tra bổ sung năm 2026",
            "root_unit": commune,
            "period_start": date(2026, 1, 1),
            "period_end": date(2026, 12, 20),
            "self_assessment_deadline": date(2026, 12, 25),
            "approval_deadline": date(2026, 12, 30),
        },
    )
    second = submit(users["commune"], later, scheme, Decimal("0.6"))
    assert summarised(2026)[scheme.pk] == Rating.GOOD  # submitted only: the first result stands
    assessment_approve(user=users["pv05"], assessment=second, version=second.version)
    assert summarised(2026)[scheme.pk] == Rating.AVERAGE
    assert SchemeRating.objects.get(scheme=scheme, year=2026).assessment == second
    assert_summary_exact()


def test_elimination_keeps_past_classes(users, submitted, scheme, other_scheme):
    assessment_approve(user=users["pv05"], assessment=submitted, version=submitted.version)
    schemes_eliminate(
        user=users["pv05"],
        schemes=[scheme, other_scheme],
        decision_number="12/QĐ-CAT",
        decision_date=date(2026, 12, 20),
        issuer="Công an tỉnh Khánh Hòa",
        reason="Không còn hoạt động",
    )
    assert summarised(2026)[scheme.pk] == Rating.GOOD
    assert summarised(2026)[other_scheme.pk] == ""
    assert_summary_exact()


def test_rebuild_after_bulk_inserts_equals_the_computed_classes(users, khanh_hoa, campaign, scheme, other_scheme):
    older = campaign_create(
        user=users["pv05"],
        data={
            "year": 2025,
            "name": "Kiểm tra năm 2025",
            "root_unit": khanh_hoa,
            "self_assessment_deadline": date(2025, 11, 30),
            "approval_deadline": date(2025, 12, 15),
        },
    )
    # Written as a bulk loader does, past the services: the summary does not know yet.
    Assessment.objects.bulk_create(
        [
            Assessment(campaign=older, scheme=scheme, state=State.APPROVED, final_rating=Rating.WEAK),
            Assessment(campaign=older, scheme=other_scheme, state=State.SUBMITTED),
            Assessment(campaign=campaign, scheme=other_scheme, state=State.APPROVED, final_rating=Rating.GOOD),
        ]
    )
    Scheme.objects.filter(pk=other_scheme.pk).update(latest_rating=Rating.FAIR, latest_rating_year=2024)
    assert summarised(2025)[scheme.pk] == ""
    call_command("refresh_summaries", stdout=io.StringIO())
    assert SchemeRating.objects.count() == 2
    assert summarised(2025)[scheme.pk] == Rating.WEAK
    assert summarised(2024)[other_scheme.pk] == Rating.FAIR  # history recorded on the scheme
    assert_summary_exact()
    assert scheme_ratings_rebuild() == 2  # idempotent


def test_approval_of_one_scheme_leaves_the_others_rows_alone(users, campaign, scheme, other_scheme, activity):
    ActivityReport.objects.create(
        scheme=other_scheme, period_start=date(2026, 1, 1), period_end=date(2026, 6, 30), patrols=3
    )
    first = submit(users["commune"], campaign, scheme, Decimal("0.9"))
    second = submit(users["other_commune"], campaign, other_scheme, Decimal("0.75"))
    assessment_approve(user=users["pv05"], assessment=first, version=first.version)
    assessment_approve(user=users["pv05"], assessment=second, version=second.version)
    assert dict(SchemeRating.objects.values_list("scheme_id", "rating")) == {
        scheme.pk: Rating.GOOD,
        other_scheme.pk: Rating.FAIR,
    }
    assert_summary_exact()
