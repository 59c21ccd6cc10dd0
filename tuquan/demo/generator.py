"""The deterministic demo dataset: a province's registry and its yearly campaigns, built from a seed.

``generate_demo(seed=2022)`` builds Khánh Hòa so that the 2022 inspection gives exactly the
article's figures (322 schemes: Nha Trang 87, Cam Ranh 39, Ninh Hòa 70, Diên Khánh 37, Cam Lâm 23,
Vạn Ninh 33, Khánh Sơn 12, Khánh Vĩnh 8, agencies–enterprises–schools 13; classes 86 Tốt, 168 Khá,
42 Trung bình, 7 Yếu, 19 chưa đánh giá), then continues to 2026 across the 1 July 2025 reorganisation.

For speed the demo bypasses the per-row services (``scheme_create``, ``assessment_approve`` ...)
and writes with ``bulk_create``; every row it builds is one those services would accept and passes
``full_clean()`` (the tests check a sample). It uses the assessments app's own rating rules, so a
stored class is always the class the rules give for the stored scores. Nothing here reads the
clock: the same seed gives the same rows on every machine and every day.

Idempotent: when the base campaign of the province already exists the generator writes nothing.
"""

import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from tuquan.assessments.models import Campaign
from tuquan.assessments.services import scheme_ratings_rebuild
from tuquan.demo import names
from tuquan.demo.campaigns import CampaignsPlan, base_campaign_name, build_campaigns
from tuquan.demo.geography import Geography, Place
from tuquan.demo.registry import (
    K_ENTERPRISE,
    K_PAGODA,
    K_SCHOOL,
    ORIGINALS,
    RegistryBuilder,
    SchemePlan,
    catalogue_kinds,
    random_day,
)
from tuquan.demo.spec import KHANH_HOA, ProvinceSpec
from tuquan.demo.users import demo_commune_officers_load, demo_leader_load, demo_users_load
from tuquan.places.models import REORGANISATION_DATE
from tuquan.schemes.choices import HostOrganisation, Status
from tuquan.schemes.models import ActivityReport, Member, Scheme, Team


@dataclass
class DemoResult:
    created: bool
    schemes: int = 0
    teams: int = 0
    members: int = 0
    reports: int = 0
    campaigns: int = 0
    assessments: int = 0
    eliminations: int = 0
    users: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        if not self.created:
            return "Dữ liệu mẫu đã có sẵn, không nạp lại."
        return (
            f"{self.schemes} mô hình, {self.teams} tổ, {self.members} thành viên, {self.reports} báo cáo kết quả, "
            f"{self.campaigns} đợt kiểm tra, {self.assessments} phiếu đánh giá, {self.eliminations} quyết định "
            f"thanh loại, {self.users} tài khoản ({self.seconds:.1f} giây)."
        )


def build_registry(rng: random.Random, spec: ProvinceSpec, geo: Geography, kinds) -> RegistryBuilder:
    """The schemes of the base year, then those founded each later year (unsaved)."""
    builder = RegistryBuilder(rng, spec, geo, kinds)
    base_end = Campaign.default_period(spec.base_year)[1]
    new_count = spec.base_ratings.get("chua_danh_gia", 0)
    # Newly founded at the base inspection: less than 12 months before the end of its period.
    new_from = date(base_end.year - 1, base_end.month, base_end.day) + timedelta(days=1)

    # 1. The base year's schemes, district by district.
    for district in spec.districts:
        communes = list(geo.legacy_by_district[district.code])
        rng.shuffle(communes)
        kinds_wanted = list(district.must_kinds)
        for index in range(district.schemes):
            kind_name = kinds_wanted[index] if index < len(kinds_wanted) else None
            fixed = None
            if (
                kind_name in ORIGINALS
                and ORIGINALS[kind_name][0] == district.code
                and kind_name not in builder.originals
            ):
                _, fixed, founded = ORIGINALS[kind_name]
                unit = next((u for u in communes if u.short_name == fixed), communes[0])
                place = geo.legacy_place(rng, unit)
            else:
                place = geo.legacy_place(rng, communes[index % len(communes)])
                founded = None
            if kind_name is None:
                kind_name = builder.pick_kind(place)
            founded = founded or builder.founding_date(
                kind_name, spec.earliest_founding_year, new_from - timedelta(days=1)
            )
            plan = builder.add_scheme(place, kind_name, founded, fixed=fixed if kind_name == K_PAGODA else None)
            if fixed:
                builder.originals[kind_name] = plan
    for district_code, count in spec.agencies:
        communes = [u for u in geo.legacy_by_district[district_code] if u.division_type == "phường"]
        choices = list(names.AGENCIES.get(district_code, ()))
        rng.shuffle(choices)
        for index in range(count):
            place = geo.legacy_place(rng, rng.choice(communes))
            if choices:
                agency_name, host = choices[index % len(choices)]
            else:
                agency_name, host = f"Trường THPT số {index + 1}", HostOrganisation.SCHOOL
            if host == HostOrganisation.SCHOOL:
                kind_name, agency = K_SCHOOL, agency_name
            else:
                kind_name, agency = K_ENTERPRISE, (agency_name, host)
            founded = builder.founding_date(kind_name, 2010, new_from - timedelta(days=1))
            builder.add_scheme(place, kind_name, founded, agency=agency)

    # 2. Exactly ``new_count`` of them were founded in the last 12 months before the inspection.
    candidates = [p for p in builder.plans if p not in builder.originals.values()]
    for plan in rng.sample(candidates, new_count):
        plan.scheme.founded_on = random_day(rng, new_from, base_end - timedelta(days=14))
        _fix_founding(rng, plan)

    # 3. Later years: new schemes, first where a commune has none (the goal: every commune).
    covered_legacy = Counter(p.place.legacy.pk for p in builder.plans if p.place.legacy)
    own_districts = [d.code for d in spec.districts]
    for year in range(spec.base_year + 1, spec.last_year + 1):
        count = spec.new_per_year.get(year, 0)
        for index in range(count):
            first = date(year, 1, 2)
            last = date(year, 10, 31) if year == spec.last_year else date(year, 12, 20)
            founded = random_day(rng, first, last)
            if year == REORGANISATION_DATE.year:
                # Half before the reorganisation, half after.
                founded = (
                    random_day(rng, first, date(year, 6, 25))
                    if index % 2
                    else random_day(rng, REORGANISATION_DATE, last)
                )
            if founded < REORGANISATION_DATE:
                district = rng.choices(own_districts, weights=[d.schemes for d in spec.districts])[0]
                units = geo.legacy_by_district[district]
                uncovered = [u for u in units if not covered_legacy[u.pk]]
                unit = rng.choice(uncovered or units)
                covered_legacy[unit.pk] += 1
                place = geo.legacy_place(rng, unit)
            else:
                place = _uncovered_current(rng, geo, builder, own_districts)
            kind_name = builder.pick_kind(place)
            builder.add_scheme(place, kind_name, founded)

    # 4. Provinces merged in on 01/7/2025: their schemes enter the register from 2025.
    for _legacy_code, district_profiles, count in spec.merged:
        districts = sorted(district_profiles)
        for index in range(count):
            if index % 3 == 0:
                founded = random_day(rng, date(2025, 3, 1), date(2025, 6, 25))
                unit = rng.choice(geo.legacy_by_district[rng.choice(districts)])
                place = geo.legacy_place(rng, unit)
            else:
                founded = random_day(rng, REORGANISATION_DATE, date(spec.last_year, 10, 31))
                place = _uncovered_current(rng, geo, builder, districts)
            builder.add_scheme(place, builder.pick_kind(place), founded)
    return builder


def _uncovered_current(rng: random.Random, geo: Geography, builder: RegistryBuilder, districts) -> Place:
    communes = geo.current_communes(districts)
    counts = Counter(p.place.current.pk for p in builder.plans if p.scheme.status == Status.ACTIVE)
    uncovered = [u for u in communes if not counts[u.pk]]
    return geo.current_place(rng.choice(uncovered or communes))


def _fix_founding(rng: random.Random, plan: SchemePlan) -> None:
    """Keep the decision, teams and members consistent with a changed founding date."""
    scheme = plan.scheme
    if scheme.founding_decision_date:
        scheme.founding_decision_date = scheme.founded_on - timedelta(days=rng.randint(0, 20))
        scheme.rules = (
            f"Quy chế hoạt động ban hành kèm theo Quyết định số {scheme.founding_decision_number} "
            f"ngày {scheme.founding_decision_date:%d/%m/%Y}."
        )
    for team in plan.teams:
        team.founded_on = scheme.founded_on
    for member in plan.members:
        if member.joined_on < scheme.founded_on or member.joined_on == member.team.founded_on:
            member.joined_on = scheme.founded_on
        if member.left_on and member.left_on < member.joined_on:
            member.left_on = member.joined_on


def _assign_codes_and_links(spec: ProvinceSpec, builder: RegistryBuilder) -> None:
    """Codes as the registry gives them (KH-<commune>-0001 in founding order) and replication links."""
    by_commune: dict[int, list[SchemePlan]] = defaultdict(list)
    for plan in builder.plans:
        by_commune[plan.scheme.commune.pk].append(plan)
    for plans in by_commune.values():
        plans.sort(key=lambda p: (p.scheme.founded_on, p.scheme.name))
        for number, plan in enumerate(plans, start=1):
            plan.scheme.code = f"{spec.abbreviation}-{plan.scheme.commune.code}-{number:04d}"
    for plan in builder.plans:
        plan.scheme.refresh_search_text()
    builder.plans.sort(key=lambda p: (p.scheme.founded_on, p.scheme.code))


@dataclass
class DemoPlan:
    """Everything the demo will write, built in memory (reads units, kinds and users only)."""

    registry: RegistryBuilder
    campaigns: CampaignsPlan


def plan_demo(*, seed: int, spec: ProvinceSpec, geo: Geography, officers: dict) -> DemoPlan:
    """The rows of the demo for ``seed``: the same seed gives the same rows, in the same order."""
    rng = random.Random(seed)
    registry = build_registry(rng, spec, geo, catalogue_kinds())
    _assign_codes_and_links(spec, registry)
    campaigns = build_campaigns(rng, spec, geo, registry.plans, officers)
    # Half-yearly reports up to the last half-year complete when the running campaign's period ends.
    report_until = date(spec.last_year, 6, 30)
    for plan in registry.plans:
        registry.add_reports(plan, report_until)
    return DemoPlan(registry, campaigns)


def demo_exists(geo: Geography) -> bool:
    return Campaign.objects.filter(root_unit=geo.province, name=base_campaign_name(geo.spec.base_year)).exists()


@transaction.atomic
def generate_demo(*, seed: int = 2022, spec: ProvinceSpec = KHANH_HOA, scale: float = 1.0) -> DemoResult:
    """Build the demo province (registry, campaigns, eliminations, users) unless it is already there.

    ``scale`` multiplies every count (the article's exact figures hold at 1 only); a national
    generator passes its own ``spec`` for each province.
    """
    started = time.monotonic()
    spec = spec.scaled(scale)
    geo = Geography(spec)
    if demo_exists(geo):
        return DemoResult(created=False)
    users = demo_users_load() if spec.current_code == KHANH_HOA.current_code else []
    officers = demo_commune_officers_load(province=geo.province, rng=random.Random(seed + 1))
    plan = plan_demo(seed=seed, spec=spec, geo=geo, officers=officers)
    result = save_demo(plan.registry, plan.campaigns)
    leader = demo_leader_load(plans=plan.registry.plans) if spec.current_code == KHANH_HOA.current_code else None
    result.users = len(users) + len(officers) + (1 if leader else 0)
    result.seconds = time.monotonic() - started
    return result


def save_demo(builder: RegistryBuilder, campaign_result) -> DemoResult:
    """Write everything with bulk inserts, parents before children."""
    plans = builder.plans
    schemes = [p.scheme for p in plans]
    Scheme.objects.bulk_create(schemes, batch_size=500)
    replicas = []
    for plan in plans:
        original = builder.originals.get(plan.scheme.kind.name)
        if original and original is not plan and plan.scheme.founded_on > original.scheme.founded_on:
            plan.scheme.replicated_from = original.scheme
            replicas.append(plan.scheme)
    Scheme.objects.bulk_update(replicas, ["replicated_from"], batch_size=500)
    teams = [t for p in plans for t in p.teams]
    Team.objects.bulk_create(teams, batch_size=500)
    members = [m for p in plans for m in p.members]
    Member.objects.bulk_create(members, batch_size=1000)
    reports = [r for p in plans for r in p.reports]
    ActivityReport.objects.bulk_create(reports, batch_size=1000)
    counts = campaign_result.save()
    scheme_ratings_rebuild()  # the statistics summary of the classes just bulk-inserted
    return DemoResult(
        created=True,
        schemes=len(schemes),
        teams=len(teams),
        members=len(members),
        reports=len(reports),
        **counts,
    )
