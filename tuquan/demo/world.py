"""The registry as the demo's officers see it (``World``), read once for the follow-up parts.

``followup.generate_followup`` loads it; each part (``targets``, ``support``, ``recognition``,
``reviews``) writes its rows from it.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from tuquan.accounts.choices import Role
from tuquan.accounts.models import User
from tuquan.assessments.choices import Rating
from tuquan.assessments.models import SchemeRating
from tuquan.demo.spec import ProvinceSpec
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit
from tuquan.schemes.choices import Status
from tuquan.schemes.models import Scheme


@dataclass
class World:
    """The registry as the demo's officers see it, read once (a handful of queries)."""

    spec: ProvinceSpec
    province: AdminUnit
    pv05: User
    officers: dict[int, User]  # current commune id → its commune police officer
    communes: list[AdminUnit]  # the province's current communes, by code
    schemes: list[Scheme]  # every scheme (not voided), by code, with its communes and kind
    ratings: dict[int, dict[int, str]] = field(default_factory=dict)  # scheme id → {year: final class}

    @property
    def today(self) -> date:
        """The day the demo stands on: the running campaign's approvals end the day before."""
        return date(self.spec.last_year, 11, 28)

    @property
    def years(self) -> range:
        return range(self.spec.base_year, self.spec.last_year + 1)

    def rating(self, scheme: Scheme, year: int) -> str | None:
        return self.ratings.get(scheme.pk, {}).get(year)

    def good_years(self, scheme: Scheme, until: int) -> int:
        """How many campaigns in a row up to ``until`` rated the scheme Tốt."""
        count, year = 0, until
        while self.rating(scheme, year) == Rating.GOOD:
            count += 1
            year -= 1
        return count

    def officer_of(self, scheme: Scheme) -> User:
        return self.officers.get(scheme.commune_id) or self.pv05

    @staticmethod
    def active_on(scheme: Scheme, day: date) -> bool:
        return scheme.founded_on <= day and (scheme.ended_on is None or scheme.ended_on > day)


def load_world(spec: ProvinceSpec, province: AdminUnit) -> World | None:
    """The province's PV05 officer, commune officers, communes, schemes and their yearly classes."""
    pv05 = User.objects.filter(role=Role.PV05, jurisdiction=province, is_active=True).order_by("pk").first()
    if pv05 is None:
        return None
    officers: dict[int, User] = {}
    for user in (
        User.objects.filter(role=Role.COMMUNE, jurisdiction__parent=province, is_active=True)
        .select_related("jurisdiction")
        .order_by("pk")
    ):
        officers.setdefault(user.jurisdiction_id, user)
    communes = list(AdminUnit.objects.filter(era=Era.CURRENT, level=Level.COMMUNE, parent=province).order_by("code"))
    schemes = list(
        Scheme.objects.filter(commune__parent=province)
        .exclude(status=Status.VOIDED)
        .select_related("commune", "legacy_commune", "kind")
        .order_by("code")
    )
    ratings: dict[int, dict[int, str]] = defaultdict(dict)
    for scheme_id, year, rating in (
        SchemeRating.objects.filter(scheme__commune__parent=province)
        .order_by("scheme_id", "year")
        .values_list("scheme_id", "year", "rating")
    ):
        ratings[scheme_id][year] = rating
    return World(
        spec=spec,
        province=province,
        pv05=pv05,
        officers=officers,
        communes=communes,
        schemes=schemes,
        ratings=dict(ratings),
    )
