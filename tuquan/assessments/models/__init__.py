"""Yearly inspection and classification: criteria sets, campaigns, assessments, eliminations.

A criteria set is a versioned template; a campaign copies its criteria, thresholds,
minimum age and hard rules when it is created, so editing the set later never
changes a campaign, and an approved assessment stores its rating.
"""

from tuquan.assessments.models.assessments import (
    ELIMINATION_CANDIDATE,
    Assessment,
    AssessmentQuerySet,
    CriterionScore,
    CriterionScoreQuerySet,
    evidence_path,
)
from tuquan.assessments.models.base import UnitWideQuerySet
from tuquan.assessments.models.campaigns import (
    DEFAULT_MIN_AGE_MONTHS,
    DEFAULT_THRESHOLD_AVERAGE,
    DEFAULT_THRESHOLD_FAIR,
    DEFAULT_THRESHOLD_GOOD,
    Campaign,
    CampaignCriterion,
    CampaignQuerySet,
    CriteriaSet,
    Criterion,
    default_hard_rules,
)
from tuquan.assessments.models.eliminations import (
    EliminatedScheme,
    EliminatedSchemeQuerySet,
    Elimination,
    EliminationQuerySet,
)
from tuquan.assessments.models.ratings import SchemeRating

__all__ = [
    "DEFAULT_MIN_AGE_MONTHS",
    "DEFAULT_THRESHOLD_AVERAGE",
    "DEFAULT_THRESHOLD_FAIR",
    "DEFAULT_THRESHOLD_GOOD",
    "ELIMINATION_CANDIDATE",
    "Assessment",
    "AssessmentQuerySet",
    "Campaign",
    "CampaignCriterion",
    "CampaignQuerySet",
    "CriteriaSet",
    "Criterion",
    "CriterionScore",
    "CriterionScoreQuerySet",
    "EliminatedScheme",
    "EliminatedSchemeQuerySet",
    "Elimination",
    "EliminationQuerySet",
    "SchemeRating",
    "UnitWideQuerySet",
    "default_hard_rules",
    "evidence_path",
]
