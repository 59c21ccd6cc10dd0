"""Reads of the yearly inspection, aggregated in the database and scoped to the user."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, FilteredRelation, Q, QuerySet
from django.utils import timezone

from tuquan.assessments.choices import RATING_RANK, Rating, State
from tuquan.assessments.models import Assessment, Campaign
from tuquan.assessments.services import campaign_schemes
from tuquan.core.text import vi_sorted
from tuquan.schemes.choices import Field, Status
from tuquan.schemes.models import Scheme

PROGRESS_KEYS = ("not_started", "draft", "submitted", "approved", "returned")
RATING_ORDER = (Rating.GOOD, Rating.FAIR, Rating.AVERAGE, Rating.WEAK, Rating.NEW)


def rating_columns() -> list[tuple[str, str]]:
    return [(r.value, r.label) for r in RATING_ORDER]


def campaigns_for(user) -> QuerySet:
    return Campaign.objects.visible_to(user).select_related("root_unit").order_by("-year", "name")


def campaign_scheme_rows(campaign: Campaign, user) -> QuerySet:
    """The campaign's schemes the user may see, each with its assessment of this campaign (or none)."""
    return (
        campaign_schemes(campaign)
        .restrict(user, "view")
        .annotate(current=FilteredRelation("assessments", condition=Q(assessments__campaign=campaign)))
    )


@dataclass
class ProgressRow:
    commune_id: int
    commune: str
    counts: dict = field(default_factory=dict)
    total: int = 0
    late: bool = False

    @property
    def pending(self) -> int:
        return self.counts["not_started"] + self.counts["draft"] + self.counts["returned"]


def _progress_counts() -> dict:
    return {
        "not_started": Count("pk", filter=Q(current__isnull=True)),
        "draft": Count("pk", filter=Q(current__state=State.DRAFT)),
        "submitted": Count("pk", filter=Q(current__state=State.SUBMITTED)),
        "approved": Count("pk", filter=Q(current__state=State.APPROVED)),
        "returned": Count("pk", filter=Q(current__state=State.RETURNED)),
        "total": Count("pk"),
    }


def campaign_progress(campaign: Campaign, user, today: date | None = None) -> dict:
    """Per commune: schemes not started / draft / submitted / approved / returned (one query),
    which communes are late (self-assessment deadline passed with schemes not yet submitted)."""
    today = today or timezone.localdate()
    rows = (
        campaign_scheme_rows(campaign, user)
        .values("commune_id", "commune__name")
        .annotate(**_progress_counts())
        .order_by()
    )
    past_deadline = today > campaign.self_assessment_deadline
    result = []
    totals = dict.fromkeys((*PROGRESS_KEYS, "total"), 0)
    for row in rows:
        counts = {key: row[key] for key in PROGRESS_KEYS}
        item = ProgressRow(row["commune_id"], row["commune__name"], counts, row["total"])
        item.late = past_deadline and item.pending > 0
        for key in (*PROGRESS_KEYS, "total"):
            totals[key] += row[key]
        result.append(item)
    result = vi_sorted(result, key=lambda r: r.commune)
    return {
        "rows": result,
        "totals": totals,
        "late": [r for r in result if r.late],
        "past_self_deadline": past_deadline,
        "past_approval_deadline": today > campaign.approval_deadline,
    }


def campaign_results(campaign: Campaign, user) -> dict:
    """Class distribution of the campaign's approved assessments the user may see (one query)."""
    aggregates = {r.value: Count("pk", filter=Q(final_rating=r.value)) for r in RATING_ORDER}
    counts = Assessment.objects.visible_to(user).filter(campaign=campaign, state=State.APPROVED).aggregate(**aggregates)
    total = sum(counts.values())
    return {
        "counts": [(r.value, r.label, counts[r.value]) for r in RATING_ORDER],
        "by_value": counts,
        "total": total,
    }


DIMENSIONS = {
    "commune": ("scheme__commune_id", "scheme__commune__name", "Xã/phường/đặc khu (hiện hành)"),
    "district": (
        "scheme__legacy_commune__parent_id",
        "scheme__legacy_commune__parent__name",
        "Huyện/thị xã/thành phố (trước 01/7/2025)",
    ),
    "kind": ("scheme__kind_id", "scheme__kind__name", "Loại mô hình"),
    "field": ("scheme__kind__field", "scheme__kind__field", "Lĩnh vực"),
}


def campaign_results_by(campaign: Campaign, user, dimension: str) -> list[dict]:
    """Class distribution grouped by current commune, pre-2025 district, kind or field (one query)."""
    key, label, _ = DIMENSIONS[dimension]
    aggregates = {r.value: Count("pk", filter=Q(final_rating=r.value)) for r in RATING_ORDER}
    rows = (
        Assessment.objects.visible_to(user)
        .filter(campaign=campaign, state=State.APPROVED)
        .values(key, label)
        .annotate(total=Count("pk"), **aggregates)
        .order_by()
    )
    field_labels = dict(Field.choices)
    out = []
    for row in rows:
        name = row[label]
        if dimension == "field":
            name = field_labels.get(name, name)
        out.append(
            {
                "name": name or "(không rõ — thành lập sau 01/7/2025)",
                "counts": [row[r.value] for r in RATING_ORDER],
                "total": row["total"],
            }
        )
    return vi_sorted(out, key=lambda r: r["name"])


def scheme_rating_history(scheme: Scheme) -> list[tuple[int, str]]:
    """The scheme's approved classes across years, oldest first: [(2022, "Khá"), ...]."""
    labels = dict(Rating.choices)
    rows = (
        Assessment.objects.filter(scheme=scheme, state=State.APPROVED)
        .order_by("campaign__year", "campaign__pk")
        .values_list("campaign__year", "final_rating")
    )
    return [(year, labels.get(rating, rating)) for year, rating in rows]


def scheme_rating_history_rows(scheme: Scheme) -> list[dict]:
    """History with a rank (0–4) for the small bar chart on the scheme page."""
    rows = (
        Assessment.objects.filter(scheme=scheme, state=State.APPROVED)
        .order_by("campaign__year", "campaign__pk")
        .values("campaign__year", "final_rating", "total")
    )
    labels = dict(Rating.choices)
    return [
        {
            "year": row["campaign__year"],
            "rating": row["final_rating"],
            "label": labels.get(row["final_rating"], row["final_rating"]),
            "rank": RATING_RANK.get(row["final_rating"], 0),
            "total": row["total"],
        }
        for row in rows
    ]


def elimination_candidates(user, campaign: Campaign | None = None) -> QuerySet:
    """Active schemes the user may change that were rated Yếu or proposed for removal."""
    ids = Assessment.objects.filter(state=State.APPROVED).filter(
        Q(final_rating=Rating.WEAK) | Q(recommendation="thanh_loai")
    )
    if campaign is not None:
        ids = ids.filter(campaign=campaign)
    return (
        Scheme.objects.restrict(user, "change")
        .filter(status=Status.ACTIVE, pk__in=ids.values("scheme_id"))
        .select_related("commune", "kind")
        .order_by("commune__path", "name")
    )


def assessment_scores(assessment: Assessment) -> list[dict]:
    """Criteria of the campaign with this assessment's score of each (two queries)."""
    scores = {s.criterion_id: s for s in assessment.scores.all()}
    return [{"criterion": c, "score": scores.get(c.pk)} for c in assessment.campaign.criteria.all()]
