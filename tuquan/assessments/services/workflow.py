"""The assessment workflow: start, save a draft (scores, suggested class), submit, approve or return;
and the bulk import of draft scores. Concurrent edits are refused with ``ConflictError``
(optimistic locking on ``Assessment.version``)."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from tuquan.assessments.choices import HardRule, Rating, Recommendation, State
from tuquan.assessments.models import (
    Assessment,
    Campaign,
    CriterionScore,
)
from tuquan.assessments.rules import RatingRules, suggest_rating
from tuquan.assessments.services.campaigns import campaign_schemes
from tuquan.assessments.services.ratings import scheme_ratings_sync
from tuquan.core.actor import acting_as
from tuquan.schemes.models import ActivityReport, Scheme

CONFLICT_MESSAGE = (
    "Phiếu đánh giá đã được người khác lưu trong lúc bạn đang sửa. "
    "Thay đổi của bạn chưa được lưu: hãy tải lại trang để xem bản mới nhất rồi nhập lại."
)


class ConflictError(ValidationError):
    """A save based on a stale version of the assessment."""

    def __init__(self):
        super().__init__(CONFLICT_MESSAGE, code="conflict")


@dataclass(frozen=True)
class ScoreInput:
    score: Decimal | str | int | float | None
    note: str = ""
    evidence: object = None


def _check_scope(user, assessment_or_scheme, action: str) -> None:
    if isinstance(assessment_or_scheme, Scheme):
        allowed = Scheme.objects.visible_to(user).filter(pk=assessment_or_scheme.pk).exists()
        allowed = allowed and user.has_perm(f"assessments.{action}_assessment")
    else:
        allowed = Assessment.objects.restrict(user, action).filter(pk=assessment_or_scheme.pk).exists()
    if not allowed:
        raise PermissionDenied("Bạn không có quyền với phiếu đánh giá này.")


@transaction.atomic
def assessment_start(*, user, campaign: Campaign, scheme: Scheme) -> Assessment:
    """The scheme's assessment in the campaign, created as an empty draft when it does not exist."""
    _check_scope(user, scheme, "add")
    if not campaign_schemes(campaign).filter(pk=scheme.pk).exists():
        raise ValidationError("Mô hình không thuộc phạm vi của đợt kiểm tra này.")
    existing = Assessment.objects.filter(campaign=campaign, scheme=scheme).first()
    if existing:
        return existing
    assessment = Assessment(campaign=campaign, scheme=scheme, created_by=user)
    _refresh_facts(assessment)
    assessment.suggested_rating = _suggest(assessment).rating
    assessment.full_clean()
    with acting_as(user):
        assessment.save()
    return assessment


def _refresh_facts(assessment: Assessment) -> None:
    campaign = assessment.campaign
    assessment.has_activity_report = ActivityReport.objects.filter(
        scheme_id=assessment.scheme_id,
        period_end__gte=campaign.period_start,
        period_start__lte=campaign.period_end,
    ).exists()


def _suggest(assessment: Assessment):
    facts = {HardRule.NO_ACTIVITY_REPORT.value: not assessment.has_activity_report}
    return suggest_rating(
        total=assessment.total,
        founded_on=assessment.scheme.founded_on,
        period_end=assessment.campaign.period_end,
        facts=facts,
        rules=RatingRules.of(assessment.campaign),
    )


def _parse_score(raw) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _bump_version(assessment: Assessment, version: int | None) -> None:
    """Claim the next version or raise ``ConflictError`` if someone saved since ``version``."""
    if version is None:
        version = assessment.version
    claimed = Assessment.objects.filter(pk=assessment.pk, version=version).update(version=F("version") + 1)
    if not claimed:
        raise ConflictError()
    assessment.version = version + 1


def _write_scores(assessment: Assessment, scores: dict, *, require_all: bool) -> bool:
    """Validate and store ``scores`` ({criterion id: ScoreInput}); the total is recomputed.
    Returns whether any score changed."""
    criteria = {c.pk: c for c in assessment.campaign.criteria.all()}
    existing = {s.criterion_id: s for s in assessment.scores.all()}
    errors: dict[str, list[str]] = {}
    changed = False
    for criterion_id, criterion in criteria.items():
        given = scores.get(criterion_id)
        if given is None:
            if require_all and criterion_id not in existing:
                errors[f"score_{criterion_id}"] = [f"Chưa chấm tiêu chí {criterion.code}."]
            continue
        value = _parse_score(given.score)
        if value is None:
            if given.score not in (None, ""):
                errors[f"score_{criterion_id}"] = [f"Điểm tiêu chí {criterion.code} phải là một số."]
            elif require_all:
                errors[f"score_{criterion_id}"] = [f"Chưa chấm tiêu chí {criterion.code}."]
            continue
        if value < 0 or value > criterion.max_points:
            errors[f"score_{criterion_id}"] = [
                f"Điểm tiêu chí {criterion.code} phải từ 0 đến {criterion.max_points.normalize():f}."
            ]
            continue
        row = existing.get(criterion_id) or CriterionScore(assessment=assessment, criterion=criterion, score=value)
        if row.pk is None or row.score != value:
            changed = True
        row.score = value
        row.note = (given.note or "").strip()[:500]
        if given.evidence:
            row.evidence = given.evidence
        try:
            row.full_clean(exclude=["assessment", "criterion"])
        except ValidationError as exc:
            errors[f"score_{criterion_id}"] = exc.messages
            continue
        row.save()
        existing[criterion_id] = row
    if errors:
        raise ValidationError(errors)
    assessment.total = sum((s.score for s in existing.values()), Decimal("0"))
    return changed


def _recompute(assessment: Assessment) -> None:
    _refresh_facts(assessment)
    suggestion = _suggest(assessment)
    assessment.suggested_rating = suggestion.rating
    assessment.rule_notes = "\n".join(suggestion.notes)


@transaction.atomic
def assessment_save_draft(
    *,
    user,
    assessment: Assessment,
    version: int,
    scores: dict,
    recommendation: str = "",
    general_note: str = "",
) -> Assessment:
    """Save scores of a draft (or returned) assessment; the total and suggested class are recomputed."""
    _check_scope(user, assessment, "change")
    assessment = Assessment.objects.select_for_update().select_related("campaign", "scheme").get(pk=assessment.pk)
    if assessment.version != version:
        raise ConflictError()
    if not assessment.is_editable:
        raise ValidationError("Phiếu đã gửi hoặc đã duyệt, không sửa được nữa.")
    if recommendation and recommendation not in Recommendation.values:
        raise ValidationError({"recommendation": ["Kiến nghị không hợp lệ."]})
    _bump_version(assessment, version)
    _write_scores(assessment, scores, require_all=False)
    assessment.recommendation = recommendation
    assessment.general_note = general_note.strip()
    if assessment.state == State.RETURNED:
        assessment.state = State.DRAFT
    _recompute(assessment)
    assessment.full_clean()
    with acting_as(user):
        assessment.save()
    return assessment


@transaction.atomic
def assessment_submit(*, user, assessment: Assessment, version: int) -> Assessment:
    """The commune officer sends a complete assessment to PV05."""
    if not user.has_perm("assessments.submit_assessment"):
        raise PermissionDenied("Bạn không có quyền gửi phiếu đánh giá.")
    _check_scope(user, assessment, "change")
    assessment = Assessment.objects.select_for_update().select_related("campaign", "scheme").get(pk=assessment.pk)
    if assessment.version != version:
        raise ConflictError()
    if not assessment.is_editable:
        raise ValidationError("Chỉ gửi được phiếu đang chấm hoặc bị trả lại.")
    missing = assessment.campaign.criteria.exclude(scores__assessment=assessment)
    if missing.exists():
        codes = ", ".join(missing.values_list("code", flat=True))
        raise ValidationError(f"Chưa chấm đủ các tiêu chí: {codes}.")
    _bump_version(assessment, version)
    _recompute(assessment)
    assessment.state = State.SUBMITTED
    assessment.submitted_by = user
    assessment.submitted_at = timezone.now()
    assessment.full_clean()
    with acting_as(user):
        assessment.save()
    return assessment


@transaction.atomic
def assessment_approve(
    *,
    user,
    assessment: Assessment,
    version: int,
    final_rating: str = "",
    recommendation: str = "",
    scores: dict | None = None,
    adjustment_reason: str = "",
) -> Assessment:
    """PV05 approves a submitted assessment, possibly adjusting scores or the class (with a reason).

    The final class is stored on the assessment (later changes to criteria or thresholds never
    change it) and copied to the scheme's latest rating when this is its newest campaign.
    """
    if not user.has_perm("assessments.approve_assessment"):
        raise PermissionDenied("Chỉ cán bộ PV05 được duyệt phiếu đánh giá.")
    _check_scope(user, assessment, "change")
    assessment = Assessment.objects.select_for_update().select_related("campaign", "scheme").get(pk=assessment.pk)
    if assessment.version != version:
        raise ConflictError()
    if assessment.state != State.SUBMITTED:
        raise ValidationError("Chỉ duyệt được phiếu đã gửi.")
    reason = (adjustment_reason or "").strip()
    _bump_version(assessment, version)
    changed = _write_scores(assessment, scores, require_all=True) if scores else False
    _recompute(assessment)
    final = final_rating or assessment.suggested_rating
    if final not in Rating.values:
        raise ValidationError({"final_rating": ["Xếp loại không hợp lệ."]})
    if (changed or final != assessment.suggested_rating) and not reason:
        raise ValidationError(
            {"adjustment_reason": ["Cần ghi lý do khi điều chỉnh điểm hoặc xếp loại khác loại đề xuất."]}
        )
    if recommendation and recommendation not in Recommendation.values:
        raise ValidationError({"recommendation": ["Kiến nghị không hợp lệ."]})
    assessment.final_rating = final
    if recommendation:
        assessment.recommendation = recommendation
    if reason:
        assessment.adjustment_reason = reason
    assessment.state = State.APPROVED
    assessment.approved_by = user
    assessment.approved_at = timezone.now()
    assessment.full_clean()
    with acting_as(user):
        assessment.save()
        year = assessment.campaign.year
        newer = Assessment.objects.filter(
            scheme_id=assessment.scheme_id, state=State.APPROVED, campaign__year__gt=year
        ).exists()
        if not newer:
            Scheme.objects.filter(pk=assessment.scheme_id).update(latest_rating=final, latest_rating_year=year)
        scheme_ratings_sync(scheme_ids=[assessment.scheme_id], years=[year])
    return assessment


@transaction.atomic
def assessment_return(*, user, assessment: Assessment, version: int, comment: str) -> Assessment:
    """PV05 sends a submitted assessment back to the commune with a comment."""
    if not user.has_perm("assessments.approve_assessment"):
        raise PermissionDenied("Chỉ cán bộ PV05 được trả lại phiếu đánh giá.")
    _check_scope(user, assessment, "change")
    assessment = Assessment.objects.select_for_update().select_related("campaign", "scheme").get(pk=assessment.pk)
    if assessment.version != version:
        raise ConflictError()
    if assessment.state != State.SUBMITTED:
        raise ValidationError("Chỉ trả lại được phiếu đã gửi.")
    if not (comment or "").strip():
        raise ValidationError({"return_comment": ["Cần ghi lý do trả lại để xã/phường biết cần sửa gì."]})
    _bump_version(assessment, version)
    assessment.state = State.RETURNED
    assessment.return_comment = comment.strip()
    assessment.returned_by = user
    assessment.returned_at = timezone.now()
    assessment.full_clean()
    with acting_as(user):
        assessment.save()
    return assessment


# --------------------------------------------------------------------------- bulk import


class BulkImportError(ValidationError):
    """A bulk import refused as a whole; ``rows`` lists (row, column, message)."""

    def __init__(self, rows: list[tuple[int, str, str]]):
        super().__init__("Tệp có lỗi, chưa lưu dòng nào.", code="import")
        self.rows = rows


@transaction.atomic
def assessments_import(*, user, campaign: Campaign, rows) -> int:
    """Save the draft scores of many schemes at once (from the Excel template); all or nothing.

    ``rows``: objects with ``row``, ``code``, ``scores`` ({criterion id: "score"}),
    ``recommendation``, ``general_note``. Raises ``BulkImportError`` listing every bad row.
    """
    if not user.has_perm("assessments.change_assessment"):
        raise PermissionDenied("Bạn không có quyền chấm điểm.")
    codes = [r.code for r in rows]
    schemes = {s.code: s for s in campaign_schemes(campaign).restrict(user, "view").filter(code__in=codes)}
    existing = {
        a.scheme_id: a
        for a in Assessment.objects.filter(campaign=campaign, scheme__code__in=codes).select_related("scheme")
    }
    errors: list[tuple[int, str, str]] = []
    saved = 0
    for row in rows:
        scheme = schemes.get(row.code)
        if scheme is None:
            errors.append(
                (row.row, "Mã mô hình", f"Không có mô hình mã {row.code} trong phạm vi đợt và địa bàn của bạn.")
            )
            continue
        assessment = existing.get(scheme.pk)
        if assessment is not None and not assessment.is_editable:
            errors.append((row.row, "Mã mô hình", f"Phiếu của {scheme.name} đã gửi hoặc đã duyệt, không nhập đè."))
            continue
        try:
            with transaction.atomic():
                assessment = assessment or assessment_start(user=user, campaign=campaign, scheme=scheme)
                assessment_save_draft(
                    user=user,
                    assessment=assessment,
                    version=assessment.version,
                    scores={int(k): ScoreInput(score=v) for k, v in row.scores.items()},
                    recommendation=row.recommendation,
                    general_note=row.general_note,
                )
        except (ValidationError, PermissionDenied) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            errors.extend((row.row, "", message) for message in messages)
            continue
        saved += 1
    if errors:
        transaction.set_rollback(True)
        raise BulkImportError(errors)
    return saved
