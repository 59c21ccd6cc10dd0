"""Writes of the yearly inspection: campaigns, the assessment workflow, eliminations.

Every function is keyword-only, checks the user's permission and jurisdiction, validates with
Vietnamese messages and saves in one transaction; django-auditlog records each save with the
actor, and the assessment keeps who/when of each workflow step. Concurrent edits are refused
with ``ConflictError`` (optimistic locking on ``Assessment.version``).
"""

from tuquan.assessments.services.campaigns import campaign_create, campaign_schemes, criteria_set_new_version
from tuquan.assessments.services.eliminations import schemes_eliminate
from tuquan.assessments.services.ratings import scheme_ratings_rebuild, scheme_ratings_sync
from tuquan.assessments.services.workflow import (
    CONFLICT_MESSAGE,
    BulkImportError,
    ConflictError,
    ScoreInput,
    assessment_approve,
    assessment_return,
    assessment_save_draft,
    assessment_start,
    assessment_submit,
    assessments_import,
)

__all__ = [
    "CONFLICT_MESSAGE",
    "BulkImportError",
    "ConflictError",
    "ScoreInput",
    "assessment_approve",
    "assessment_return",
    "assessment_save_draft",
    "assessment_start",
    "assessment_submit",
    "assessments_import",
    "campaign_create",
    "campaign_schemes",
    "criteria_set_new_version",
    "scheme_ratings_rebuild",
    "scheme_ratings_sync",
    "schemes_eliminate",
]
