"""Reads of the pages that combine apps: the dashboard of a jurisdiction (the statistics engine's
figures with a commune's targets) and the home page that shows it."""

from datetime import date, datetime

from django.utils import timezone

from tuquan.places.choices import Level
from tuquan.places.models import AdminUnit
from tuquan.reports.selectors import dashboard_figures, national_dashboard, sees_whole_country
from tuquan.targets.selectors import targets_for_unit


def dashboard(*, user, unit: AdminUnit | None = None, today: date | None = None) -> dict:
    """The figures of the dashboard for ``user``'s jurisdiction (or ``unit`` inside it).

    The whole country's figures come from the snapshot ``DashboardSnapshot`` (at most
    ``SNAPSHOT_MAX_AGE`` old, recomputed by the request that finds it older, and by
    ``manage.py refresh_summaries``); every smaller scope is computed live. ``as_of`` is the
    time the figures were computed.
    """
    if unit is None and today is None and sees_whole_country(user):
        snapshot = national_dashboard()
        return _dashboard_page(user=user, unit=None, figures=snapshot.data, as_of=snapshot.computed_at)
    today = today or timezone.localdate()
    return _dashboard_page(
        user=user, unit=unit, figures=dashboard_figures(user=user, unit=unit, today=today), as_of=timezone.now()
    )


def _dashboard_page(*, user, unit, figures: dict, as_of: datetime) -> dict:
    today = date.fromisoformat(figures["today"])
    return {
        **figures,
        "today": today,
        "unit": unit,
        "targets": commune_targets(user=user, unit=unit, year=today.year),
        "as_of": as_of,
    }


def commune_targets(*, user, unit: AdminUnit | None, year: int):
    """This year's targets (chỉ tiêu) when the dashboard shows one commune, else None.

    A commune officer always sees theirs; PV05 sees a commune's after drilling down to it.
    The province-wide view links to the targets page instead of listing 65 communes here.
    """
    scope = unit if unit is not None else (user.jurisdiction if user and not user.is_scheme_leader else None)
    if scope is None or scope.level != Level.COMMUNE or not user.has_perm("targets.view_target"):
        return None
    return {"year": year, "rows": targets_for_unit(user, year, unit=scope)}
