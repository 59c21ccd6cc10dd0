"""Writes of the yearly inspection: campaigns, the assessment workflow, eliminations.

Every function is keyword-only, checks the user's permission and jurisdiction, validates with
Vietnamese messages and saves in one transaction; django-auditlog records each save with the
actor, and the assessment keeps who/when of each workflow step. Concurrent edits are refused
with ``ConflictError`` (optimistic locking on ``Assessment.version``).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, transaction
from django.db.models import F
from django.utils import timezone

from tuquan.assessments.choices import HardRule, Rating, Recommendation, State
from tuquan.assessments.models import (
    Assessment,
    Campaign,
    CampaignCriterion,
    CriteriaSet,
    CriterionScore,
    EliminatedScheme,
    Elimination,
    SchemeRating,
)
from tuquan.assessments.rules import RatingRules, suggest_rating
from tuquan.core.actor import acting_as
from tuquan.schemes.choices import Status
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


# --------------------------------------------------------------------------- campaigns


@transaction.atomic
def campaign_create(*, user, data: dict, criteria_set: CriteriaSet | None = None) -> Campaign:
    """Create a campaign and copy the criteria set (criteria, thresholds, minimum age, hard rules)."""
    if not user.has_perm("assessments.add_campaign"):
        raise PermissionDenied("Bạn không có quyền tạo đợt kiểm tra.")
    criteria_set = criteria_set or CriteriaSet.objects.filter(is_active=True).order_by("-version", "pk").first()
    if criteria_set is None:
        raise ValidationError({"criteria_source": ["Chưa có bộ tiêu chí nào đang áp dụng."]})
    year = data.get("year")
    if year and not data.get("period_start") and not data.get("period_end"):
        data = {**data, **dict(zip(("period_start", "period_end"), Campaign.default_period(int(year)), strict=True))}
    root = data.get("root_unit") or user.jurisdiction
    if root is None or (user.jurisdiction_id and not root.path.startswith(user.jurisdiction.path)):
        raise ValidationError({"root_unit": ["Phạm vi đợt kiểm tra phải thuộc địa bàn bạn phụ trách."]})
    campaign = Campaign(
        year=year,
        name=(data.get("name") or "").strip(),
        root_unit=root,
        criteria_source=criteria_set,
        period_start=data.get("period_start"),
        period_end=data.get("period_end"),
        self_assessment_deadline=data.get("self_assessment_deadline"),
        approval_deadline=data.get("approval_deadline"),
        threshold_good=data.get("threshold_good") or criteria_set.threshold_good,
        threshold_fair=data.get("threshold_fair") or criteria_set.threshold_fair,
        threshold_average=data.get("threshold_average") or criteria_set.threshold_average,
        min_age_months=data.get("min_age_months") or criteria_set.min_age_months,
        hard_rules=list(criteria_set.hard_rules or []),
        created_by=user,
    )
    errors = {}
    if campaign.period_start and campaign.period_end and campaign.period_end <= campaign.period_start:
        errors["period_end"] = ["Ngày kết thúc kỳ đánh giá phải sau ngày bắt đầu."]
    if (
        campaign.self_assessment_deadline
        and campaign.approval_deadline
        and campaign.approval_deadline < campaign.self_assessment_deadline
    ):
        errors["approval_deadline"] = ["Hạn phê duyệt không được trước hạn tự đánh giá."]
    if not (campaign.threshold_good > campaign.threshold_fair > campaign.threshold_average >= 0):
        errors["threshold_good"] = ["Ngưỡng điểm phải giảm dần: Tốt > Khá > Trung bình ≥ 0."]
    if errors:
        raise ValidationError(errors)
    campaign.full_clean()
    with acting_as(user):
        campaign.save()
        CampaignCriterion.objects.bulk_create(
            CampaignCriterion(
                campaign=campaign,
                group=c.group,
                code=c.code,
                name=c.name,
                max_points=c.max_points,
                order=c.order,
            )
            for c in criteria_set.criteria.all()
        )
    return campaign


def campaign_schemes(campaign: Campaign):
    """The schemes a campaign covers: registered in its unit, founded by the end of its period,
    and still working at its end — or already assessed in it.

    A scheme eliminated or merged during the period (typically in January, as the outcome of
    the previous year's inspection) is no longer there to inspect, so it does not count as
    "not started"; one that was assessed before it ended keeps its assessment.
    """
    from django.db.models import Exists, OuterRef, Q

    assessed_here = Assessment.objects.filter(campaign=campaign, scheme=OuterRef("pk"))
    return (
        Scheme.objects.registered()
        .filter(commune__path__startswith=campaign.root_unit.path, founded_on__lte=campaign.period_end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=campaign.period_end) | Exists(assessed_here))
    )


# --------------------------------------------------------------------------- assessments


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


# --------------------------------------------------------------------------- the class of a year (summary)


@transaction.atomic
def scheme_ratings_sync(*, scheme_ids, years=None) -> None:
    """Make the ``SchemeRating`` rows of these schemes (and years) equal to their year results.

    Called inside the transaction of every write that can change which approved assessment
    gives a scheme its class of a year: today only ``assessment_approve`` (an assessment
    becomes approved only there, and nothing changes an approved one). A write added later
    that un-approves an assessment, edits an approved one's class or moves it to another
    campaign must call it too. Locks the schemes so two approvals of one scheme in the same
    year cannot interleave.
    """
    ids = sorted(set(scheme_ids))
    list(Scheme.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
    rows = SchemeRating.objects.filter(scheme_id__in=ids)
    results = Assessment.objects.year_results().filter(scheme_id__in=ids)
    if years is not None:
        rows = rows.filter(year__in=years)
        results = results.filter(campaign__year__in=years)
    rows.delete()
    SchemeRating.objects.bulk_create(
        SchemeRating(scheme_id=scheme_id, year=year, rating=rating, assessment_id=pk)
        for scheme_id, year, rating, pk in results.values_list("scheme_id", "year", "final_rating", "pk")
    )


def scheme_ratings_rebuild(*, using: str = "default") -> int:
    """Rebuild every ``SchemeRating`` row from the assessments (after bulk loads); returns the count.

    One ``INSERT … SELECT`` in the database (a million assessments nationally take seconds),
    with the same ``year_results()`` query as ``scheme_ratings_sync``.
    """
    connection = connections[using]
    results = Assessment.objects.using(using).year_results().order_by()
    select, params = results.values_list("scheme_id", "year", "final_rating", "pk").query.sql_with_params()
    table = connection.ops.quote_name(SchemeRating._meta.db_table)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        SchemeRating.objects.using(using).all()._raw_delete(using)
        # Table and columns come from the model; the values are bound parameters.
        cursor.execute(
            f"INSERT INTO {table} (scheme_id, year, rating, assessment_id) {select}",  # noqa: S608  # nosec B608
            params,
        )
    return SchemeRating.objects.using(using).count()


# --------------------------------------------------------------------------- elimination


@transaction.atomic
def schemes_eliminate(
    *,
    user,
    schemes,
    decision_number: str,
    decision_date: date,
    issuer: str,
    reason: str,
    campaign: Campaign | None = None,
) -> Elimination:
    """Eliminate many schemes by one decision: each leaves the active registry (status
    eliminated, end date, note) and stays in the database with its past assessments."""
    if not user.has_perm("assessments.add_elimination"):
        raise PermissionDenied("Bạn không có quyền thanh loại mô hình.")
    ids = sorted({s.pk if isinstance(s, Scheme) else int(s) for s in schemes})
    if not ids:
        raise ValidationError({"schemes": ["Chọn ít nhất một mô hình để thanh loại."]})
    allowed = list(Scheme.objects.restrict(user, "change").select_for_update().filter(pk__in=ids))
    if len(allowed) != len(ids):
        raise PermissionDenied("Có mô hình không thuộc địa bàn bạn phụ trách.")
    errors: dict[str, list[str]] = {}
    not_active = [s.name for s in allowed if s.status != Status.ACTIVE]
    if not_active:
        errors["schemes"] = ["Mô hình không còn hoạt động, không thanh loại được: " + "; ".join(not_active)]
    too_early = [s.name for s in allowed if decision_date and s.founded_on > decision_date]
    if too_early:
        errors["decision_date"] = ["Ngày quyết định trước ngày thành lập của: " + "; ".join(too_early)]
    unit = campaign.root_unit if campaign else user.jurisdiction
    if unit is None:
        unit = allowed[0].commune
    elimination = Elimination(
        unit=unit,
        campaign=campaign,
        decision_number=(decision_number or "").strip(),
        decision_date=decision_date,
        issuer=(issuer or "").strip(),
        reason=(reason or "").strip(),
        created_by=user,
    )
    try:
        elimination.full_clean()
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    note = (
        f"Thanh loại theo Quyết định số {elimination.decision_number} ngày {decision_date:%d/%m/%Y} "
        f"của {elimination.issuer}: {elimination.reason}"
    )
    latest = {}
    if campaign:
        latest = dict(Assessment.objects.filter(campaign=campaign, scheme_id__in=ids).values_list("scheme_id", "pk"))
    with acting_as(user):
        elimination.save()
        EliminatedScheme.objects.bulk_create(
            EliminatedScheme(
                elimination=elimination,
                scheme=scheme,
                assessment_id=latest.get(scheme.pk),
                previous_status=scheme.status,
            )
            for scheme in allowed
        )
        Scheme.objects.filter(pk__in=ids).update(
            status=Status.ELIMINATED,
            ended_on=decision_date,
            status_note=note,
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
    return elimination


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
