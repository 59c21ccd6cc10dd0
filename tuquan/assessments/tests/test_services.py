from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tuquan.assessments.choices import Rating, State
from tuquan.assessments.models import Assessment, Campaign, CriteriaSet
from tuquan.assessments.selectors import campaign_results, scheme_rating_history
from tuquan.assessments.services import (
    CONFLICT_MESSAGE,
    ConflictError,
    ScoreInput,
    assessment_approve,
    assessment_return,
    assessment_save_draft,
    assessment_start,
    assessment_submit,
    campaign_create,
    schemes_eliminate,
)
from tuquan.schemes.models import Scheme

from .conftest import full_scores

pytestmark = pytest.mark.django_db


def test_campaign_defaults_to_the_practice_period_and_copies_the_criteria(campaign):
    assert (campaign.period_start, campaign.period_end) == (date(2025, 11, 15), date(2026, 11, 14))
    assert campaign.criteria.count() == 9
    assert campaign.max_total == Decimal("100")
    assert (campaign.threshold_good, campaign.threshold_fair, campaign.threshold_average) == (85, 70, 50)


def test_commune_officer_cannot_create_a_campaign(users, khanh_hoa):
    with pytest.raises(PermissionDenied):
        campaign_create(user=users["commune"], data={"year": 2026, "name": "x", "root_unit": khanh_hoa})


def test_draft_total_and_suggested_class_are_computed_on_the_server(users, campaign, scheme, activity):
    officer = users["commune"]
    assessment = assessment_start(user=officer, campaign=campaign, scheme=scheme)
    assessment = assessment_save_draft(
        user=officer, assessment=assessment, version=assessment.version, scores=full_scores(campaign, Decimal("0.7"))
    )
    assert assessment.total == Decimal("70")
    assert assessment.suggested_rating == Rating.FAIR
    assert assessment.state == State.DRAFT


def test_score_above_the_criterion_maximum_is_refused(users, campaign, scheme):
    officer = users["commune"]
    assessment = assessment_start(user=officer, campaign=campaign, scheme=scheme)
    criterion = campaign.criteria.first()
    with pytest.raises(ValidationError) as exc:
        assessment_save_draft(
            user=officer,
            assessment=assessment,
            version=assessment.version,
            scores={criterion.pk: ScoreInput(score=criterion.max_points + 1)},
        )
    assert f"score_{criterion.pk}" in exc.value.message_dict


def test_incomplete_assessment_cannot_be_submitted(users, campaign, scheme):
    officer = users["commune"]
    assessment = assessment_start(user=officer, campaign=campaign, scheme=scheme)
    with pytest.raises(ValidationError, match="Chưa chấm đủ"):
        assessment_submit(user=officer, assessment=assessment, version=assessment.version)


def test_second_save_with_a_stale_version_is_refused(users, campaign, scheme):
    officer = users["commune"]
    assessment = assessment_start(user=officer, campaign=campaign, scheme=scheme)
    stale = assessment.version
    criterion = campaign.criteria.first()
    assessment_save_draft(
        user=officer, assessment=assessment, version=stale, scores={criterion.pk: ScoreInput(score=5)}
    )
    with pytest.raises(ConflictError) as exc:
        assessment_save_draft(
            user=officer, assessment=assessment, version=stale, scores={criterion.pk: ScoreInput(score=1)}
        )
    assert exc.value.messages == [CONFLICT_MESSAGE]
    assert Assessment.objects.get(pk=assessment.pk).scores.get().score == 5


def test_commune_officer_cannot_approve(users, submitted):
    with pytest.raises(PermissionDenied):
        assessment_approve(user=users["commune"], assessment=submitted, version=submitted.version)


def test_viewer_cannot_save_or_submit(users, campaign, scheme, submitted):
    with pytest.raises(PermissionDenied):
        assessment_return(user=users["viewer"], assessment=submitted, version=submitted.version, comment="x")


def test_other_commune_officer_cannot_touch_the_assessment(users, campaign, scheme):
    with pytest.raises(PermissionDenied):
        assessment_start(user=users["other_commune"], campaign=campaign, scheme=scheme)


def test_pv05_approval_records_the_class_and_updates_the_scheme(users, submitted, scheme):
    approved = assessment_approve(user=users["pv05"], assessment=submitted, version=submitted.version)
    assert approved.state == State.APPROVED
    assert approved.final_rating == Rating.GOOD
    assert approved.approved_by == users["pv05"]
    assert approved.approved_at is not None
    scheme.refresh_from_db()
    assert (scheme.latest_rating, scheme.latest_rating_year) == (Rating.GOOD, 2026)
    assert scheme_rating_history(scheme) == [(2026, "Tốt")]


def test_adjusting_scores_needs_a_reason(users, submitted, campaign):
    lower = full_scores(campaign, Decimal("0.6"))
    with pytest.raises(ValidationError) as exc:
        assessment_approve(user=users["pv05"], assessment=submitted, version=submitted.version, scores=lower)
    assert "adjustment_reason" in exc.value.message_dict
    approved = assessment_approve(
        user=users["pv05"],
        assessment=submitted,
        version=submitted.version,
        scores=lower,
        adjustment_reason="Kiểm tra thực tế: hoạt động không đều.",
    )
    assert approved.total == Decimal("60")
    assert approved.final_rating == Rating.AVERAGE


def test_return_needs_a_comment_and_lets_the_commune_edit_again(users, submitted, campaign):
    with pytest.raises(ValidationError):
        assessment_return(user=users["pv05"], assessment=submitted, version=submitted.version, comment=" ")
    returned = assessment_return(
        user=users["pv05"], assessment=submitted, version=submitted.version, comment="Bổ sung minh chứng."
    )
    assert returned.state == State.RETURNED
    assert returned.returned_by == users["pv05"]
    again = assessment_save_draft(
        user=users["commune"], assessment=returned, version=returned.version, scores=full_scores(campaign)
    )
    assert again.state == State.DRAFT


def test_every_workflow_step_is_in_the_audit_log_with_its_actor(users, submitted):
    from auditlog.models import LogEntry

    assessment_approve(user=users["pv05"], assessment=submitted, version=submitted.version)
    actors = set(
        LogEntry.objects.get_for_object(Assessment.objects.get(pk=submitted.pk)).values_list(
            "actor__username", flat=True
        )
    )
    assert {"commune", "pv05"} <= actors


def test_editing_the_criteria_set_after_approval_leaves_results_unchanged(users, submitted, campaign):
    assessment_approve(user=users["pv05"], assessment=submitted, version=submitted.version)
    criteria_set = CriteriaSet.objects.get()
    criteria_set.threshold_good = Decimal("95")
    criteria_set.save()
    criteria_set.criteria.update(max_points=Decimal("1"))
    campaign.refresh_from_db()
    assert campaign.threshold_good == Decimal("85")
    assert campaign.max_total == Decimal("100")
    assert Assessment.objects.get(pk=submitted.pk).final_rating == Rating.GOOD


def test_scheme_without_activity_report_is_suggested_at_most_average(users, campaign, make_scheme):
    quiet = make_scheme(name="Tổ gương sáng thôn 2")
    officer = users["commune"]
    assessment = assessment_start(user=officer, campaign=campaign, scheme=quiet)
    assessment = assessment_save_draft(
        user=officer, assessment=assessment, version=assessment.version, scores=full_scores(campaign, Decimal("1"))
    )
    assert assessment.total == Decimal("100")
    assert assessment.suggested_rating == Rating.AVERAGE


def test_newly_founded_scheme_is_suggested_not_rated(users, campaign, make_scheme):
    young = make_scheme(name="Camera an ninh mới", founded_on=date(2026, 1, 10))
    assessment = assessment_start(user=users["commune"], campaign=campaign, scheme=young)
    assert assessment.suggested_rating == Rating.NEW


def test_elimination_removes_schemes_from_the_active_registry_but_keeps_past_results(
    users, submitted, scheme, make_scheme, campaign
):
    assessment_approve(
        user=users["pv05"],
        assessment=submitted,
        version=submitted.version,
        final_rating=Rating.WEAK,
        adjustment_reason="Không duy trì hoạt động.",
    )
    second = make_scheme(name="Tổ tự quản khu phố 5")
    elimination = schemes_eliminate(
        user=users["pv05"],
        schemes=[scheme, second],
        decision_number="123/QĐ-CAT",
        decision_date=date(2026, 12, 20),
        issuer="Công an tỉnh Khánh Hòa",
        reason="Không còn hoạt động hiệu quả.",
        campaign=campaign,
    )
    assert elimination.items.count() == 2
    assert not Scheme.objects.active().filter(pk__in=[scheme.pk, second.pk]).exists()
    scheme.refresh_from_db()
    assert scheme.status == "eliminated" and scheme.ended_on == date(2026, 12, 20)
    assert "123/QĐ-CAT" in scheme.status_note
    assert campaign_results(campaign, users["pv05"])["by_value"][Rating.WEAK] == 1


def test_commune_officer_cannot_eliminate(users, scheme):
    with pytest.raises(PermissionDenied):
        schemes_eliminate(
            user=users["commune"],
            schemes=[scheme],
            decision_number="1",
            decision_date=date(2026, 12, 1),
            issuer="x",
            reason="y",
        )


def test_elimination_without_decision_fields_lists_every_missing_field(users, scheme):
    with pytest.raises(ValidationError) as exc:
        schemes_eliminate(
            user=users["pv05"], schemes=[scheme], decision_number="", decision_date=None, issuer="", reason=""
        )
    assert {"decision_number", "decision_date", "issuer", "reason"} <= set(exc.value.message_dict)
    assert Scheme.objects.get(pk=scheme.pk).status == "active"


def test_commune_officer_sees_the_province_campaign_and_other_province_sees_none(users, campaign):
    assert Campaign.objects.visible_to(users["commune"]).filter(pk=campaign.pk).exists()
    assert Campaign.objects.visible_to(users["viewer"]).filter(pk=campaign.pk).exists()
