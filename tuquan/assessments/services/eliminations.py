"""Eliminations (thanh loại): many schemes leave the active register by one decision."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from tuquan.assessments.models import (
    Assessment,
    Campaign,
    EliminatedScheme,
    Elimination,
)
from tuquan.core.actor import acting_as
from tuquan.schemes.choices import Status
from tuquan.schemes.models import Scheme


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
