"""The national practice figures: per kind of scheme, its điểm (schemes), tổ (teams) and members."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.db.models import (
    Count,
)
from django.utils import timezone

from tuquan.core.text import vi_sorted
from tuquan.places.models import AdminUnit
from tuquan.reports.models import DashboardSnapshot
from tuquan.reports.selectors.base import (
    TOTAL_LABEL,
    registered_in_year,
    scheme_base,
)
from tuquan.reports.selectors.snapshots import (
    _store_snapshot,
    fresh_snapshot,
    sees_whole_country,
)
from tuquan.schemes.models import Member, SchemeKind, Team


@dataclass
class PracticeRow:
    kind: str
    field: str
    schemes: int
    teams: int
    members: int


def practice_figures(*, user=None, unit: AdminUnit | None = None, year: int) -> dict:
    """Per kind of scheme: điểm (schemes registered at the end of ``year``), tổ and members.

    Teams and members are those of these schemes that are active (teams) or have not left
    (members) today; three grouped queries and one for the kinds.
    """
    schemes = scheme_base(user=user, unit=unit).filter(registered_in_year(year))
    scheme_counts = dict(schemes.values_list("kind_id").annotate(n=Count("pk")).order_by())
    team_counts = dict(
        Team.objects.filter(scheme__in=schemes.values("pk"), is_active=True)
        .values_list("scheme__kind_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    member_counts = dict(
        Member.objects.filter(scheme__in=schemes.values("pk"), left_on__isnull=True)
        .values_list("scheme__kind_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    kinds = vi_sorted(SchemeKind.objects.filter(pk__in=scheme_counts), key=lambda k: k.name)
    rows = [
        PracticeRow(
            kind=k.name,
            field=k.get_field_display(),
            schemes=scheme_counts.get(k.pk, 0),
            teams=team_counts.get(k.pk, 0),
            members=member_counts.get(k.pk, 0),
        )
        for k in kinds
    ]
    return {
        "year": year,
        "rows": rows,
        "totals": PracticeRow(
            kind=TOTAL_LABEL,
            field="",
            schemes=sum(r.schemes for r in rows),
            teams=sum(r.teams for r in rows),
            members=sum(r.members for r in rows),
        ),
        "as_of": timezone.now(),
    }


PRACTICE_SCOPE = "practice"


def practice_panel(*, user, unit: AdminUnit | None = None, year: int) -> dict:
    """The statistics page's practice panel: :func:`practice_figures` for ``user``'s scope.

    The whole country's figures count ~2,7 million members (≈ 0,7 s on one server), so, like the
    national dashboard, they come from a snapshot per year (``DashboardSnapshot`` with scope
    ``practice:<year>``) at most ``SNAPSHOT_MAX_AGE`` old, recomputed by the request that finds it
    older and by ``manage.py refresh_summaries`` (current year); ``as_of`` says when. Every
    smaller scope is computed live.
    """
    if unit is not None or not sees_whole_country(user):
        return practice_figures(user=user, unit=unit, year=year)
    snapshot = fresh_snapshot(f"{PRACTICE_SCOPE}:{year}", lambda: national_practice_refresh(year=year))
    data = snapshot.data
    return {
        "year": year,
        "rows": [PracticeRow(**row) for row in data["rows"]],
        "totals": PracticeRow(**data["totals"]),
        "as_of": snapshot.computed_at,
    }


def national_practice_refresh(*, year: int) -> DashboardSnapshot:
    """Recompute and store the whole country's practice figures of ``year`` (system scope)."""
    computed_at = timezone.now()
    figures = practice_figures(user=None, unit=None, year=year)
    data = {"rows": [asdict(row) for row in figures["rows"]], "totals": asdict(figures["totals"])}
    return _store_snapshot(f"{PRACTICE_SCOPE}:{year}", data, computed_at)
