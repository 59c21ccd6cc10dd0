"""The classification rules as pure functions (no database): thresholds, newly founded, hard rules.

A campaign's rules are data (its thresholds, minimum age and hard rules, copied from the criteria
set when the campaign was created); these functions only apply them.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from tuquan.assessments.choices import RATING_RANK, HardRule, Rating


@dataclass(frozen=True)
class RatingRules:
    threshold_good: Decimal = Decimal("85")
    threshold_fair: Decimal = Decimal("70")
    threshold_average: Decimal = Decimal("50")
    min_age_months: int = 12
    hard_rules: tuple = field(default_factory=tuple)

    @classmethod
    def of(cls, campaign) -> "RatingRules":
        return cls(
            threshold_good=Decimal(campaign.threshold_good),
            threshold_fair=Decimal(campaign.threshold_fair),
            threshold_average=Decimal(campaign.threshold_average),
            min_age_months=campaign.min_age_months,
            hard_rules=tuple(campaign.hard_rules or ()),
        )


@dataclass(frozen=True)
class Suggestion:
    rating: str
    notes: tuple[str, ...] = ()


def rating_for_total(total: Decimal, rules: RatingRules) -> str:
    """Tốt ≥ good, Khá ≥ fair, Trung bình ≥ average, else Yếu (defaults 85 / 70 / 50)."""
    total = Decimal(total)
    if total >= rules.threshold_good:
        return Rating.GOOD
    if total >= rules.threshold_fair:
        return Rating.FAIR
    if total >= rules.threshold_average:
        return Rating.AVERAGE
    return Rating.WEAK


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (clamped to the month's last day: 31/3 − 1 → 28/2 or 29/2)."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def is_newly_founded(founded_on: date | None, period_end: date, min_age_months: int) -> bool:
    """Founded less than ``min_age_months`` before the end of the period (exactly that many: rated)."""
    if founded_on is None:
        return False
    return founded_on > months_before(period_end, min_age_months)


def apply_hard_rules(rating: str, facts: dict[str, bool], hard_rules) -> Suggestion:
    """Cap ``rating`` by every hard rule whose condition holds in ``facts`` (never raise it)."""
    notes: list[str] = []
    for rule in hard_rules or ():
        code, cap = rule.get("rule"), rule.get("cap")
        if cap not in RATING_RANK or not facts.get(code):
            continue
        if RATING_RANK[Rating(rating)] > RATING_RANK[Rating(cap)]:
            rating = cap
            label = HardRule(code).label if code in HardRule.values else code
            notes.append(f"{label}: tối đa loại {Rating(cap).label}.")
    return Suggestion(Rating(rating), tuple(notes))


def suggest_rating(*, total: Decimal, founded_on: date | None, period_end: date, facts: dict, rules: RatingRules):
    """The class an assessment suggests: "chưa đánh giá" for a new scheme, else thresholds then hard rules."""
    if is_newly_founded(founded_on, period_end, rules.min_age_months):
        return Suggestion(
            Rating.NEW,
            (f"Thành lập chưa đủ {rules.min_age_months} tháng tính đến hết kỳ đánh giá.",),
        )
    return apply_hard_rules(rating_for_total(total, rules), facts, rules.hard_rules)
