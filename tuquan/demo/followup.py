"""The demo's work around the registry: targets, support, good practices, commendations, reviews.

``generate_followup(seed=2022)`` reads the registry that ``generate_demo`` wrote and adds what the
province's officers would have recorded around it from 2022 to 2026. Unlike the registry (bulk
inserts, for speed) every row here is written by its app's service function, acting as the officer
who would write it (PV05 or the commune police of the scheme): permissions, validation, the audit
log and the figures a review snapshots are exactly those of the pages.

Each part (targets, support, practices, commendations, reviews) is written only when the province
has no row of it yet, so running the command again writes nothing, and a database made by an
earlier version of the demo gets the parts it lacks. Each part draws from its own seeded
generator: the same registry and seed give the same rows. Dates stop at ``World.today``, the day
the demo stands on (the running campaign's approvals end the day before); no date is read from
the clock, though the services stamp their own ``created_at`` and audit times.
"""

import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from tuquan.accounts.choices import Role
from tuquan.accounts.models import User
from tuquan.assessments.choices import Rating
from tuquan.assessments.models import SchemeRating
from tuquan.demo.spec import KHANH_HOA, ProvinceSpec
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


@dataclass
class FollowupResult:
    targets: int = 0
    support_records: int = 0
    practices: int = 0
    commendations: int = 0
    reviews: int = 0
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def created(self) -> bool:
        return any((self.targets, self.support_records, self.practices, self.commendations, self.reviews))

    def summary(self) -> str:
        if not self.created:
            return "Chỉ tiêu, hỗ trợ, điển hình, khen thưởng, báo cáo mẫu đã có sẵn, không nạp lại."
        text = (
            f"{self.targets} chỉ tiêu thi đua, {self.support_records} khoản hỗ trợ, {self.practices} kinh nghiệm hay, "
            f"{self.commendations} khen thưởng, {self.reviews} báo cáo sơ kết, tổng kết ({self.seconds:.1f} giây)."
        )
        if self.skipped:
            text += f" Đã có sẵn, không nạp lại: {', '.join(self.skipped)}."
        return text


@transaction.atomic
def generate_followup(*, seed: int = 2022, spec: ProvinceSpec = KHANH_HOA) -> FollowupResult:
    """Add the targets, support, practices, commendations and reviews the province lacks."""
    from tuquan.demo import recognition, reviews, support, targets

    started = time.monotonic()
    result = FollowupResult()
    province = AdminUnit.objects.filter(era=Era.CURRENT, level=Level.PROVINCE, code=spec.current_code).first()
    if province is None:
        return result
    parts = [
        ("chỉ tiêu", "targets", targets.targets_exist, targets.targets_load),
        ("hỗ trợ", "support_records", support.support_exists, support.support_load),
        ("kinh nghiệm hay", "practices", recognition.practices_exist, recognition.practices_load),
        ("khen thưởng", "commendations", recognition.commendations_exist, recognition.commendations_load),
        # Last: a review snapshots the figures of everything above.
        ("báo cáo sơ kết, tổng kết", "reviews", reviews.reviews_exist, reviews.reviews_load),
    ]
    world = None
    for label, attribute, exists, load in parts:
        if exists(province):
            result.skipped.append(label)
            continue
        world = world or load_world(spec, province)
        if world is None or not world.schemes:
            break
        setattr(result, attribute, load(world, random.Random(f"{attribute}-{seed}")))
    result.seconds = time.monotonic() - started
    return result
