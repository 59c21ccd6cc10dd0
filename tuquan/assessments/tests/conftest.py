"""Fixtures of the assessment tests: a 2026 campaign over Khánh Hòa and schemes to assess."""

from datetime import date
from decimal import Decimal

import pytest

from tuquan.assessments.services import ScoreInput


@pytest.fixture
def kind(db):
    from tuquan.schemes.models import SchemeKind

    return SchemeKind.objects.get(name="Tiếng kẻng an ninh")


@pytest.fixture
def make_scheme(users, commune, kind):
    from tuquan.schemes.services import scheme_create

    def _make(**data):
        values = {
            "kind": kind,
            "name": "Tiếng kẻng an ninh tổ dân phố 3",
            "commune": commune,
            "founded_on": date(2020, 3, 15),
        }
        values.update(data)
        return scheme_create(user=users["pv05"], data=values)

    return _make


@pytest.fixture
def scheme(make_scheme):
    return make_scheme()


@pytest.fixture
def other_scheme(make_scheme, other_commune):
    return make_scheme(name="Camera an ninh khu phố", commune=other_commune)


@pytest.fixture
def campaign(users, khanh_hoa):
    from tuquan.assessments.services import campaign_create

    return campaign_create(
        user=users["pv05"],
        data={
            "year": 2026,
            "name": "Kiểm tra, phân loại mô hình năm 2026",
            "root_unit": khanh_hoa,
            "self_assessment_deadline": date(2026, 11, 30),
            "approval_deadline": date(2026, 12, 15),
        },
    )


@pytest.fixture
def activity(scheme):
    from tuquan.schemes.models import ActivityReport

    return ActivityReport.objects.create(
        scheme=scheme, period_start=date(2026, 1, 1), period_end=date(2026, 6, 30), patrols=10
    )


def full_scores(campaign, ratio: Decimal = Decimal("0.9")) -> dict:
    """A score for every criterion: ``ratio`` of its maximum."""
    return {c.pk: ScoreInput(score=(c.max_points * ratio).quantize(Decimal("0.01"))) for c in campaign.criteria.all()}


@pytest.fixture
def submitted(users, campaign, scheme, activity):
    """The scheme's assessment, fully scored (90/100) and submitted by the commune officer."""
    from tuquan.assessments.services import assessment_save_draft, assessment_start, assessment_submit

    officer = users["commune"]
    assessment = assessment_start(user=officer, campaign=campaign, scheme=scheme)
    assessment = assessment_save_draft(
        user=officer, assessment=assessment, version=assessment.version, scores=full_scores(campaign)
    )
    return assessment_submit(user=officer, assessment=assessment, version=assessment.version)
