"""The demo's yearly campaigns: classes year after year, eliminations, and a campaign still running.

Deciding (``build_campaigns``) happens before the registry is written, because eliminations end
schemes; the assessments themselves are built when saving (``CampaignsPlan.save``), once the activity
reports exist, so that each assessment's facts and suggested class come from the assessments app's
own rules (``tuquan.assessments.rules``) applied to the stored scores.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_FLOOR, Decimal
from zoneinfo import ZoneInfo

from tuquan.accounts.choices import Role
from tuquan.accounts.models import User
from tuquan.assessments.choices import HardRule, Rating, Recommendation
from tuquan.assessments.models import (
    Assessment,
    Campaign,
    CampaignCriterion,
    CriteriaSet,
    CriterionScore,
    EliminatedScheme,
    Elimination,
)
from tuquan.assessments.rules import RatingRules, rating_for_total, suggest_rating
from tuquan.schemes.choices import Status

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
HALF = Decimal("0.5")
# The demo's running campaign: the commune that the demo officer (congan.bacnhatrang) works in
# keeps unfinished assessments so that the self-assessment journey can be tried.
DEMO_COMMUNE_CODE = "22333"
# How a class moves from one year to the next (an eliminated scheme leaves the register).
TRANSITIONS = {
    Rating.GOOD: {Rating.GOOD: 75, Rating.FAIR: 22, Rating.AVERAGE: 3},
    Rating.FAIR: {Rating.GOOD: 15, Rating.FAIR: 69, Rating.AVERAGE: 14, Rating.WEAK: 2},
    Rating.AVERAGE: {Rating.FAIR: 32, Rating.AVERAGE: 55, Rating.WEAK: 13},
    None: {Rating.GOOD: 22, Rating.FAIR: 56, Rating.AVERAGE: 18, Rating.WEAK: 4},
}
QUALITY = {
    Rating.GOOD: (0.75, 1.0),
    Rating.FAIR: (0.45, 0.8),
    Rating.AVERAGE: (0.2, 0.5),
    Rating.WEAK: (0.0, 0.2),
}
NOTES = {
    Rating.GOOD: "Duy trì hoạt động thường xuyên, nhiều tin báo có giá trị; phát huy hiệu quả tốt.",
    Rating.FAIR: "Hoạt động đều, phối hợp tốt với Công an; cần tăng cường tuyên truyền.",
    Rating.AVERAGE: "Hoạt động chưa thường xuyên, cần củng cố tổ chức và quy chế.",
    Rating.WEAK: "Không duy trì sinh hoạt, tuần tra; không còn phát huy tác dụng.",
    Rating.NEW: "Mới thành lập, chưa đủ thời gian để đánh giá, phân loại.",
}
# Running campaign: how far each commune has got (weights), and the states inside each profile.
COMMUNE_PROFILES = {"done": 30, "waiting": 35, "partial": 20, "late": 15}
PROFILE_STATES = {
    "done": {"approved": 1},
    "waiting": {"submitted": 3, "approved": 1},
    "partial": {"approved": 3, "submitted": 5, "draft": 1, "returned": 1},
    "late": {None: 5, "draft": 4, "submitted": 1},
    "demo": {None: 3, "draft": 3, "submitted": 2, "returned": 1, "approved": 1},
}


def at(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(7, 16), rng.randint(0, 59)), tzinfo=TZ)


@dataclass
class Entry:
    plan: object
    state: str | None  # None: not started
    rating: str  # the class the scores are made for (final when approved)
    submitted_on: date | None = None
    approved_on: date | None = None
    assessment: Assessment | None = None


@dataclass
class CampaignPlan:
    campaign: Campaign
    criteria: list[CampaignCriterion]
    entries: list[Entry] = field(default_factory=list)
    elimination: Elimination | None = None
    eliminated: list = field(default_factory=list)


@dataclass
class CampaignsPlan:
    rng: random.Random
    reviewer: User | None
    officers: dict
    campaigns: list[CampaignPlan] = field(default_factory=list)

    def save(self) -> dict:
        Campaign.objects.bulk_create([c.campaign for c in self.campaigns])
        CampaignCriterion.objects.bulk_create([cc for c in self.campaigns for cc in c.criteria])
        assessments, scores, items = [], [], []
        for cplan in self.campaigns:
            campaign = cplan.campaign
            rules = RatingRules.of(campaign)
            for entry in cplan.entries:
                if entry.state is None:
                    continue
                assessment, rows = self._assessment(cplan, entry, rules)
                assessments.append(assessment)
                scores.extend(rows)
                entry.assessment = assessment
        Assessment.objects.bulk_create(assessments, batch_size=500)
        CriterionScore.objects.bulk_create(scores, batch_size=1000)
        eliminations = [c.elimination for c in self.campaigns if c.elimination]
        Elimination.objects.bulk_create(eliminations)
        for cplan in self.campaigns:
            by_scheme = {id(e.plan): e for e in cplan.entries}
            for plan in cplan.eliminated:
                entry = by_scheme[id(plan)]
                items.append(
                    EliminatedScheme(
                        elimination=cplan.elimination,
                        scheme=plan.scheme,
                        assessment=entry.assessment,
                        previous_status=Status.ACTIVE,
                    )
                )
        EliminatedScheme.objects.bulk_create(items)
        return {"campaigns": len(self.campaigns), "assessments": len(assessments), "eliminations": len(eliminations)}

    def _assessment(self, cplan: CampaignPlan, entry: Entry, rules: RatingRules):
        rng = self.rng
        campaign, scheme = cplan.campaign, entry.plan.scheme
        officer = self.officers.get(scheme.commune.pk)
        has_report = any(
            r.period_end >= campaign.period_start and r.period_start <= campaign.period_end for r in entry.plan.reports
        )
        criteria = cplan.criteria
        total_wanted = score_total(rng, entry.rating, rules, sum(c.max_points for c in criteria))
        values = spread(rng, [c.max_points for c in criteria], total_wanted)
        if entry.state == "draft":
            values = values[: len(values) - rng.randint(1, 3)]  # a draft: the last criteria not yet scored
        total = sum(values, Decimal("0"))
        suggestion = suggest_rating(
            total=total,
            founded_on=scheme.founded_on,
            period_end=campaign.period_end,
            facts={HardRule.NO_ACTIVITY_REPORT.value: not has_report},
            rules=rules,
        )
        if entry.state != "draft" and suggestion.rating != entry.rating:
            raise AssertionError(f"Demo rating {entry.rating} does not follow the rules for {scheme.code}")
        assessment = Assessment(
            campaign=campaign,
            scheme=scheme,
            state=entry.state,
            total=total,
            has_activity_report=has_report,
            suggested_rating=suggestion.rating,
            rule_notes="\n".join(suggestion.notes),
            created_by=officer,
        )
        if entry.state != "draft":
            assessment.recommendation = recommendation_for(rng, entry.rating)
            assessment.general_note = NOTES[entry.rating]
            assessment.submitted_by = officer
            assessment.submitted_at = at(entry.submitted_on, rng)
        if entry.state == "approved":
            assessment.final_rating = entry.rating
            assessment.approved_by = self.reviewer
            assessment.approved_at = at(entry.approved_on, rng)
        if entry.state == "returned":
            assessment.returned_by = self.reviewer
            assessment.returned_at = at(entry.approved_on, rng)
            assessment.return_comment = rng.choice(
                (
                    "Đề nghị bổ sung minh chứng tiêu chí 3.1 (tin báo cung cấp cho Công an).",
                    "Điểm tiêu chí 2.1 chưa khớp với báo cáo kết quả hoạt động 6 tháng; đề nghị rà soát lại.",
                    "Thiếu biên bản họp xét của Công an xã; đề nghị bổ sung.",
                )
            )
        rows = [
            CriterionScore(assessment=assessment, criterion=criterion, score=value)
            for criterion, value in zip(criteria, values, strict=False)
        ]
        return assessment, rows


def recommendation_for(rng: random.Random, rating: str) -> str:
    if rating == Rating.GOOD:
        return rng.choices(
            [Recommendation.REPLICATE, Recommendation.COMMEND, Recommendation.MAINTAIN], weights=[40, 25, 35]
        )[0]
    if rating == Rating.FAIR:
        return rng.choices([Recommendation.MAINTAIN, Recommendation.CONSOLIDATE], weights=[80, 20])[0]
    if rating == Rating.AVERAGE:
        return Recommendation.CONSOLIDATE
    if rating == Rating.WEAK:
        return Recommendation.ELIMINATE
    return Recommendation.MAINTAIN


def score_total(rng: random.Random, rating: str, rules: RatingRules, max_total: Decimal) -> Decimal:
    """A total (in half points) inside the class's band of the campaign's thresholds."""
    bands = {
        Rating.GOOD: (rules.threshold_good, min(rules.threshold_good + 13, max_total)),
        Rating.FAIR: (rules.threshold_fair, rules.threshold_good - HALF),
        Rating.AVERAGE: (rules.threshold_average, rules.threshold_fair - HALF),
        Rating.WEAK: (max(Decimal("0"), rules.threshold_average - 20), rules.threshold_average - HALF),
        Rating.NEW: (rules.threshold_average, rules.threshold_good - HALF),
    }
    low, high = bands[Rating(rating)]
    total = Decimal(rng.randint(int(low * 2), int(high * 2))) / 2
    if rating != Rating.NEW:
        assert rating_for_total(total, rules) == rating
    return total


def spread(rng: random.Random, maxima: list[Decimal], total: Decimal) -> list[Decimal]:
    """Criterion scores in half points, each within its maximum, adding up to ``total``."""
    full = sum(maxima, Decimal("0"))
    values = [(m * total / full * 2).to_integral_value(rounding=ROUND_FLOOR) / 2 for m in maxima]
    for _ in range(len(values)):
        i, j = rng.sample(range(len(values)), 2)
        step = HALF * rng.randint(1, 3)
        if values[i] - step >= 0 and values[j] + step <= maxima[j]:
            values[i] -= step
            values[j] += step
    left = total - sum(values, Decimal("0"))
    order = list(range(len(values)))
    while left > 0:
        rng.shuffle(order)
        for i in order:
            if left > 0 and values[i] + HALF <= maxima[i]:
                values[i] += HALF
                left -= HALF
    return values


def _pick(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def build_campaigns(rng: random.Random, spec, geo, plans: list, officers: dict) -> CampaignsPlan:
    """Decide every campaign's classes and eliminations; mutates schemes (status, latest class)."""
    criteria_set = CriteriaSet.objects.filter(is_active=True).order_by("-version", "pk").first()
    if criteria_set is None:
        raise RuntimeError("No active criteria set: run the assessments migrations first.")
    criteria = list(criteria_set.criteria.all())
    reviewer = User.objects.filter(role=Role.PV05, jurisdiction=geo.province).order_by("pk").first()
    result = CampaignsPlan(rng=rng, reviewer=reviewer, officers=officers)
    base_pool: list[str] = []
    for rating, count in spec.base_ratings.items():
        if rating != Rating.NEW:
            base_pool += [rating] * count
    rng.shuffle(base_pool)
    for year in range(spec.base_year, spec.last_year + 1):
        running = year == spec.last_year
        start, end = Campaign.default_period(year)
        campaign = Campaign(
            year=year,
            name=base_campaign_name(year),
            root_unit=geo.province,
            criteria_source=criteria_set,
            period_start=start,
            period_end=end,
            self_assessment_deadline=date(year, 11, 25 if running else 30),
            approval_deadline=date(year, 12, 15 if running else 20),
            threshold_good=criteria_set.threshold_good,
            threshold_fair=criteria_set.threshold_fair,
            threshold_average=criteria_set.threshold_average,
            min_age_months=criteria_set.min_age_months,
            hard_rules=list(criteria_set.hard_rules or []),
            created_by=reviewer,
        )
        rules = RatingRules.of(campaign)
        cplan = CampaignPlan(
            campaign=campaign,
            criteria=[
                CampaignCriterion(
                    campaign=campaign, group=c.group, code=c.code, name=c.name, max_points=c.max_points, order=c.order
                )
                for c in criteria
            ],
        )
        in_scope = [p for p in plans if p.scheme.founded_on <= end and p.scheme.ended_on is None]
        in_scope.sort(key=lambda p: p.scheme.code)
        commune_profile = {}
        for plan in in_scope:
            scheme = plan.scheme
            if (
                suggest_rating(
                    total=Decimal(0), founded_on=scheme.founded_on, period_end=end, facts={}, rules=rules
                ).rating
                == Rating.NEW
            ):
                rating = Rating.NEW
            elif year == spec.base_year:
                rating = base_pool.pop()
            else:
                previous = next((r for r in reversed(plan.ratings.values()) if r != Rating.NEW), None)
                rating = _pick(rng, TRANSITIONS[previous])
            if year == spec.base_year and rating != Rating.NEW:
                plan.quality = rng.uniform(*QUALITY[rating])
            state = "approved"
            if running:
                commune = scheme.commune
                if commune.pk not in commune_profile:
                    commune_profile[commune.pk] = (
                        "demo" if commune.code == DEMO_COMMUNE_CODE else _pick(rng, COMMUNE_PROFILES)
                    )
                state = _pick(rng, PROFILE_STATES[commune_profile[commune.pk]])
            entry = Entry(plan=plan, state=state, rating=rating)
            if state is not None and state != "draft":
                last_submit = campaign.self_assessment_deadline - timedelta(days=1 if running else 0)
                entry.submitted_on = date(year, 11, 16) + timedelta(
                    days=rng.randint(0, (last_submit - date(year, 11, 16)).days)
                )
                last_review = date(year, 11, 27) if running else campaign.approval_deadline
                entry.approved_on = entry.submitted_on + timedelta(
                    days=rng.randint(1, max(1, (last_review - entry.submitted_on).days))
                )
                entry.approved_on = min(entry.approved_on, last_review)
            if state == "approved":
                plan.ratings[year] = rating
                scheme.latest_rating = rating
                scheme.latest_rating_year = year
            cplan.entries.append(entry)
        if not running:
            weak = [e.plan for e in cplan.entries if e.rating == Rating.WEAK and e.state == "approved"]
            if weak:
                decided = date(year + 1, 1, rng.randint(9, 20))
                number = f"{rng.randint(10, 99)}/QĐ-CAT-PV05"
                reason = (
                    f"Xếp loại Yếu (cần thanh loại) trong đợt kiểm tra, đánh giá năm {year}; "
                    "không còn duy trì sinh hoạt, không phát huy tác dụng."
                )
                cplan.elimination = Elimination(
                    unit=geo.province,
                    campaign=campaign,
                    decision_number=number,
                    decision_date=decided,
                    issuer=spec.campaign_issuer,
                    reason=reason,
                    created_by=reviewer,
                )
                cplan.eliminated = weak
                note = (
                    f"Thanh loại theo Quyết định số {number} ngày {decided:%d/%m/%Y} "
                    f"của {spec.campaign_issuer}: {reason}"
                )
                for plan in weak:
                    plan.scheme.status = Status.ELIMINATED
                    plan.scheme.ended_on = decided
                    plan.scheme.status_note = note
        result.campaigns.append(cplan)
    return result


def base_campaign_name(year: int) -> str:
    return f"Kiểm tra, đánh giá, phân loại mô hình, tổ chức tự quản về ANTT năm {year}"
