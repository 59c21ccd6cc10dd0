"""Writes of the criteria sets: a new version of a set (the inspection's criteria, weights and
class thresholds are data, versioned; campaigns keep their own copy). Same conventions as
``tuquan.assessments.services``: keyword-only, permission checked, validated, one transaction,
audited as the user."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from tuquan.assessments.models import CriteriaSet
from tuquan.core.actor import acting_as


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
