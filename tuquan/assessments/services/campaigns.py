"""Writes of campaigns and criteria sets: a campaign copies its criteria set when created; a new
version of a set leaves the campaigns already created unchanged."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from tuquan.assessments.models import (
    Assessment,
    Campaign,
    CampaignCriterion,
    CriteriaSet,
)
from tuquan.core.actor import acting_as
from tuquan.schemes.models import Scheme


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


@transaction.atomic
def criteria_set_new_version(*, user, base: CriteriaSet, data: dict, criteria: list[dict]) -> CriteriaSet:
    """A new version of a criteria set (the old one is kept, inactive): campaigns already
    created keep their own copy, so no result changes."""
    if not user.has_perm("assessments.add_criteriaset"):
        raise PermissionDenied("Bạn không có quyền sửa bộ tiêu chí.")
    errors: dict[str, list[str]] = {}
    rows = [c for c in criteria if (c.get("code") or "").strip()]
    if not rows:
        errors["criteria"] = ["Bộ tiêu chí phải có ít nhất một tiêu chí."]
    codes = [c["code"].strip() for c in rows]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        errors.setdefault("criteria", []).append("Trùng mã tiêu chí: " + ", ".join(duplicates) + ".")
    bad = [c["code"] for c in rows if not c.get("max_points") or Decimal(c["max_points"]) <= 0]
    if bad:
        errors.setdefault("criteria", []).append("Điểm tối đa phải lớn hơn 0: " + ", ".join(bad) + ".")
    good, fair, average = (Decimal(data[k]) for k in ("threshold_good", "threshold_fair", "threshold_average"))
    if not (good > fair > average >= 0):
        errors["threshold_good"] = ["Ngưỡng điểm phải giảm dần: Tốt > Khá > Trung bình ≥ 0."]
    total = sum((Decimal(c["max_points"]) for c in rows if c.get("max_points")), Decimal("0"))
    if rows and good > total:
        errors.setdefault("threshold_good", []).append(
            f"Ngưỡng loại Tốt ({good.normalize():f}) lớn hơn tổng điểm tối đa ({total.normalize():f})."
        )
    if errors:
        raise ValidationError(errors)
    latest = CriteriaSet.objects.filter(name=base.name).order_by("-version").first()
    new = CriteriaSet(
        name=base.name,
        version=latest.version + 1,
        threshold_good=good,
        threshold_fair=fair,
        threshold_average=average,
        min_age_months=data.get("min_age_months") or base.min_age_months,
        hard_rules=base.hard_rules,
        notes=(data.get("notes") or "").strip(),
    )
    new.full_clean()
    with acting_as(user):
        CriteriaSet.objects.filter(name=base.name).update(is_active=False)
        new.save()
        for order, row in enumerate(rows):
            criterion = new.criteria.model(
                criteria_set=new,
                group=(row.get("group") or "").strip(),
                code=row["code"].strip(),
                name=(row.get("name") or "").strip(),
                max_points=Decimal(row["max_points"]),
                order=order,
            )
            criterion.full_clean()
            criterion.save()
    return new
