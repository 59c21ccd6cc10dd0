"""Reads of the yearly inspection, aggregated in the database and scoped to the user."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q, QuerySet
from django.utils import timezone

from tuquan.assessments.choices import RATING_RANK, Rating, State
from tuquan.assessments.models import ELIMINATION_CANDIDATE, Assessment, Campaign, EliminatedScheme, Elimination
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


def campaign_results_tables(campaign: Campaign, user) -> list[tuple[str, list[dict]]]:
    """Class distribution grouped by current commune, pre-2025 district, kind and field:
    ``[(title, [{"name", "counts", "total"}, ...]), ...]`` in the order of ``DIMENSIONS``.

    One query grouped by the four keys at once, rolled up here: four separate GROUP BY queries
    each joined the campaign's assessments to every scheme again (4 × 40 ms for a 6.000-scheme
    campaign among 150.000 schemes); the combined groups are fewer than the assessments."""
    fields = list(dict.fromkeys(name for key, label, _ in DIMENSIONS.values() for name in (key, label)))
    groups = (
        Assessment.objects.visible_to(user)
        .filter(campaign=campaign, state=State.APPROVED)
        .values(*fields, "final_rating")
        .annotate(n=Count("pk"))
        .order_by()
    )
    ratings = [r.value for r in RATING_ORDER]
    tables: dict[str, dict] = {dimension: {} for dimension in DIMENSIONS}
    for group in groups:
        for dimension, (key, label, _) in DIMENSIONS.items():
            row = tables[dimension].get(group[key])
            if row is None:
                row = tables[dimension][group[key]] = {
                    "name": group[label],
                    "by": dict.fromkeys(ratings, 0),
                    "total": 0,
                }
            row["total"] += group["n"]
            if group["final_rating"] in row["by"]:
                row["by"][group["final_rating"]] += group["n"]
    field_labels = dict(Field.choices)
    result = []
    for dimension, (_, _, title) in DIMENSIONS.items():
        out = []
        for row in tables[dimension].values():
            name = row["name"]
            if dimension == "field":
                name = field_labels.get(name, name)
            out.append(
                {
                    "name": name or "(không rõ — thành lập sau 01/7/2025)",
                    "counts": [row["by"][r] for r in ratings],
                    "total": row["total"],
                }
            )
        result.append((title, vi_sorted(out, key=lambda r: r["name"])))
    return result


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


def eliminations_for(user) -> QuerySet:
    """Elimination decisions the user sees, newest first, each with ``scheme_count`` (one query)."""
    return Elimination.objects.visible_to(user).annotate(scheme_count=Count("items")).order_by("-decision_date", "-pk")


def elimination_candidates(user, campaign: Campaign | None = None) -> QuerySet:
    """Active schemes the user may change that were rated Yếu or proposed for removal."""
    # Most schemes ever rated Yếu have been eliminated since: leave them out here, against the
    # small table of eliminated schemes, so that the list stays short year after year.
    eliminated = EliminatedScheme.objects.filter(scheme_id=OuterRef("scheme_id"))
    ids = Assessment.objects.filter(ELIMINATION_CANDIDATE).filter(~Exists(eliminated))
    if campaign is not None:
        ids = ids.filter(campaign=campaign)
    # The ids as a list (read from the partial index), not a subquery: given a subquery
    # PostgreSQL scans the 150.000 schemes to hash-join them (45 ms); given the ids it fetches
    # them by primary key (2 ms).
    scheme_ids = sorted(set(ids.order_by().values_list("scheme_id", flat=True)))
    return (
        Scheme.objects.restrict(user, "change")
        .filter(status=Status.ACTIVE, pk__in=scheme_ids)
        .select_related("commune", "kind")
        .order_by("commune__path", "name")
    )


def latest_ratings(scheme_ids) -> dict[int, str]:
    """Each scheme's class in its latest approved assessment (campaign year), by scheme id."""
    return dict(
        Assessment.objects.filter(scheme_id__in=scheme_ids, state=State.APPROVED)
        .order_by("campaign__year")
        .values_list("scheme_id", "final_rating")
    )


def assessment_scores(assessment: Assessment) -> list[dict]:
    """Criteria of the campaign with this assessment's score of each (two queries)."""
    scores = {s.criterion_id: s for s in assessment.scores.all()}
    return [{"criterion": c, "score": scores.get(c.pk)} for c in assessment.campaign.criteria.all()]
