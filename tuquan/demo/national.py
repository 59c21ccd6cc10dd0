"""A deterministic, plausible dataset at province or national scale, for benchmarks (issue 8).

``generate_national(scale="national", seed=2026)`` loads every province and its communes, then
writes about 150,000 schemes, 250,000 teams, 3,000,000 members, 2,500,000 half-yearly activity
reports, 8 yearly campaigns per province (2019–2026) with an assessment for every eligible scheme
(about 1,000,000) and the elimination decisions that follow a "Yếu" class.

Unlike ``tuquan.demo.generator`` (the Khánh Hòa demo, exact to the 2022 article), this one is made
for volume: it plans rows in memory with a seeded ``random.Random`` and streams them to the
database, with PostgreSQL's ``COPY`` (psycopg 3 ``cursor.copy()``) in batches, or ``executemany``
in one transaction on SQLite. Rows are the ones the services would write: ``search_text`` folded,
codes unique (``KH-22333-0001`` as ``scheme_create`` gives them), ``latest_rating`` and
``latest_rating_year`` equal to the last approved assessment, an eliminated scheme has its
``EliminatedScheme`` row, its decision and ``ended_on``. Nothing reads the clock except the timer.

Not generated (yet): criterion scores of each assessment (the assessment stores its total and class),
legacy (pre-2025) communes of schemes, support and commendation records (those apps do not exist).
"""

import random
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.db import connections, transaction

from tuquan.assessments.choices import Rating, Recommendation, State
from tuquan.assessments.models import (
    Assessment,
    Campaign,
    CampaignCriterion,
    CriteriaSet,
    EliminatedScheme,
    Elimination,
)
from tuquan.assessments.services import scheme_ratings_rebuild
from tuquan.core.text import fold
from tuquan.demo import names
from tuquan.demo.registry import CITY, KIND_FIELDS, KIND_WEIGHTS, RURAL, catalogue_kinds, half_years
from tuquan.demo.streaming import Writer
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit
from tuquan.places.services import places_load
from tuquan.schemes.choices import HostOrganisation, MemberRole, Status
from tuquan.schemes.models import ActivityReport, Member, Scheme, SchemeKind, Team

CAMPAIGN_YEARS = tuple(range(2019, 2027))
# The data describe the registry as it stands on this day (the 2026 campaign is being approved).
AS_OF = date(2026, 11, 28)
LAST_REPORT_END = date(2026, 6, 30)
SHOWCASE_NAME = "Tổ tự quản về an ninh, trật tự khu dân cư kiểu mẫu"
SHOWCASE_MEMBERS = 200


@dataclass(frozen=True)
class Scale:
    provinces: tuple[int, ...] | None  # current province codes; None: all 34
    schemes: int
    extra_kinds: int  # named local models on top of the catalogue


SCALES = {
    "tiny": Scale(provinces=(56, 4), schemes=300, extra_kinds=8),
    "province": Scale(provinces=(56,), schemes=4_000, extra_kinds=70),
    "national": Scale(provinces=None, schemes=150_000, extra_kinds=2_450),
}


@dataclass
class SchemePlan:
    pk: int
    commune: int
    province: int
    code: str
    kind: int
    name: str
    area: str
    founded_on: date
    quality: float
    teams: int
    members: int
    ratings: dict[int, tuple[Decimal, str]] = field(default_factory=dict)
    eliminated_in: int | None = None
    showcase: bool = False


@dataclass
class NationalResult:
    provinces: int = 0
    communes: int = 0
    kinds: int = 0
    schemes: int = 0
    teams: int = 0
    members: int = 0
    reports: int = 0
    campaigns: int = 0
    assessments: int = 0
    eliminations: int = 0
    eliminated: int = 0
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        return (
            f"{self.provinces} tỉnh/thành phố, {_n(self.communes)} xã/phường, {_n(self.kinds)} loại mô hình, "
            f"{_n(self.schemes)} mô hình, {_n(self.teams)} tổ, {_n(self.members)} thành viên, "
            f"{_n(self.reports)} báo cáo kết quả, {_n(self.campaigns)} đợt kiểm tra, "
            f"{_n(self.assessments)} phiếu đánh giá, {_n(self.eliminations)} quyết định thanh loại "
            f"({_n(self.eliminated)} mô hình) — {self.seconds:.1f} giây."
        )


def _n(number: int) -> str:
    """1234567 → '1.234.567'."""
    return f"{number:,}".replace(",", ".")


def _stamp(day: date, hour: int = 2) -> datetime:
    """A fixed time of ``day`` (09:00 in Vietnam), aware."""
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)


def _rating(total: Decimal) -> str:
    if total >= 85:
        return Rating.GOOD
    if total >= 70:
        return Rating.FAIR
    if total >= 50:
        return Rating.AVERAGE
    return Rating.WEAK


def _initials(name: str) -> str:
    return "".join(word[0] for word in fold(name).split() if word).upper() or "MH"


class NationalGenerator:
    def __init__(self, *, scale: str, seed: int, alias: str = "default", out=None) -> None:
        self.scale = SCALES[scale]
        self.seed = seed
        self.alias = alias
        self.out = out or sys.stdout
        self.result = NationalResult()
        self.writer = Writer(alias, self.out)

    def log(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def _step(self, name: str, func: Callable[[], None]) -> None:
        started = time.perf_counter()
        func()
        self.result.steps[name] = time.perf_counter() - started

    def run(self) -> NationalResult:
        started = time.perf_counter()
        self._step("places", self._load_places)
        if Scheme.objects.using(self.alias).filter(commune__parent_id__in=list(self.provinces)).exists():
            raise ValueError("Đã có mô hình trong các tỉnh này: hãy chạy trên một cơ sở dữ liệu mới.")
        with transaction.atomic(using=self.alias):
            if self.writer.vendor == "postgresql":
                # Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: millions of queued checks
                # would all run at COMMIT (minutes, in memory). Checked row by row instead, in this
                # transaction only.
                with connections[self.alias].cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            self._step("kinds", self._make_kinds)
            self._step("plan", self._plan)
            self._step("campaigns", self._make_campaigns)
            self._step("schemes", self._write_schemes)
            self._step("teams+members", self._write_teams_and_members)
            self._step("reports", self._write_reports)
            self._step("assessments", self._write_assessments)
            self._step("summaries", lambda: scheme_ratings_rebuild(using=self.alias))
            self.writer.reset_sequences([Scheme, Team, Member, ActivityReport, Assessment, EliminatedScheme])
        if self.writer.vendor == "postgresql":
            self._step("analyze", self._analyze)
        self.result.seconds = time.perf_counter() - started
        return self.result

    # -- places and catalogue -------------------------------------------------------------------

    def _load_places(self) -> None:
        self.log("Đơn vị hành chính (places_load) ...")
        places_load(province_codes=self.scale.provinces)
        provinces = AdminUnit.objects.using(self.alias).filter(era=Era.CURRENT, level=Level.PROVINCE)
        if self.scale.provinces is not None:
            provinces = provinces.filter(code__in=[str(c) for c in self.scale.provinces])
        self.provinces = {p.pk: p for p in provinces.order_by("path")}
        self.communes = list(
            AdminUnit.objects.using(self.alias)
            .filter(era=Era.CURRENT, level=Level.COMMUNE, parent__in=list(self.provinces))
            .order_by("path")
            .values_list("pk", "parent_id", "code", "name", "division_type")
        )
        self.result.provinces = len(self.provinces)
        self.result.communes = len(self.communes)

    def _make_kinds(self) -> None:
        rng = random.Random(f"{self.seed}-kinds")  # noqa: S311 - test data
        catalogue = catalogue_kinds()
        self.catalogue = {name: kind.pk for name, kind in catalogue.items()}
        per_province = max(1, self.scale.extra_kinds // max(len(self.provinces), 1))
        existing = set(SchemeKind.objects.using(self.alias).values_list("name", flat=True))
        new_kinds = []
        self.local_kind_names: dict[int, list[str]] = {}
        for province in self.provinces.values():
            chosen = []
            for index in range(per_province):
                base = rng.choice(sorted(KIND_FIELDS))
                village = rng.choice(names.VILLAGE_NAMES)
                name = f"{base} {village} {province.short_name} số {index + 1}"
                chosen.append(name)
                if name not in existing:
                    kind = SchemeKind(
                        name=name, field=KIND_FIELDS[base], description=f"Mô hình riêng của {province.name}."
                    )
                    kind.refresh_search_text()
                    new_kinds.append(kind)
            self.local_kind_names[province.pk] = chosen
        SchemeKind.objects.using(self.alias).bulk_create(new_kinds, batch_size=1000)
        ids = dict(SchemeKind.objects.using(self.alias).values_list("name", "pk"))
        self.local_kinds = {p: [ids[n] for n in chosen] for p, chosen in self.local_kind_names.items()}
        self.result.kinds = len(ids)

    # -- the plan ------------------------------------------------------------------------------

    def _plan(self) -> None:
        rng = random.Random(f"{self.seed}-plan")  # noqa: S311 - test data
        self.log(f"Lập kế hoạch {_n(self.scale.schemes)} mô hình ...")
        first_id = self.writer.next_id(Scheme)
        weights = {key: (list(w), list(w.values())) for key, w in KIND_WEIGHTS.items()}
        counters: dict[int, int] = {}
        prefixes = {pk: _initials(p.short_name) for pk, p in self.provinces.items()}
        plans = []
        # Urban wards hold more schemes than rural communes; the spread is uneven as in practice.
        commune_weights = [1.6 if division == "phường" else 1.0 for *_, division in self.communes]
        picks = rng.choices(range(len(self.communes)), weights=commune_weights, k=self.scale.schemes)
        picks.sort()
        for index, pick in enumerate(picks):
            commune_pk, province_pk, commune_code, commune_name, division = self.communes[pick]
            urban = division == "phường"
            if rng.random() < 0.12 and self.local_kinds.get(province_pk):
                kind = rng.choice(self.local_kinds[province_pk])
                kind_name = None
            else:
                kind_names, kind_weights = weights[(CITY if urban else RURAL, urban)]
                kind_name = rng.choices(kind_names, weights=kind_weights)[0]
                kind = self.catalogue[kind_name]
            counters[commune_pk] = counters.get(commune_pk, 0) + 1
            code = f"{prefixes[province_pk]}-{commune_code}-{counters[commune_pk]:04d}"
            if urban:
                area = f"Tổ dân phố {rng.randint(1, 40)}"
            else:
                area = f"Thôn {rng.choice(names.VILLAGE_NAMES)}"
            label = kind_name or "Tổ tự quản về an ninh, trật tự"
            name = f"{label} {area.lower()[:1]}{area[1:]}"
            # Most schemes are older than the 2019 campaign; some are founded every year since.
            founded = date(2010, 1, 1) + timedelta(days=int(rng.triangular(0, 6_000, 3_000)))
            founded = min(founded, date(2026, 6, 1))
            teams = 1 if rng.random() < 0.5 else (2 if rng.random() < 0.7 else 3)
            plan = SchemePlan(
                pk=first_id + index,
                commune=commune_pk,
                province=province_pk,
                code=code,
                kind=kind,
                name=name,
                area=area,
                founded_on=founded,
                quality=rng.gauss(80, 9),
                teams=teams,
                members=rng.randint(8, 32),
            )
            plans.append(plan)
        # One scheme with 200 members and ten years of history, for the detail-page benchmark.
        showcase = plans[0]
        showcase.name, showcase.showcase = SHOWCASE_NAME, True
        showcase.founded_on, showcase.teams, showcase.members, showcase.quality = date(2015, 3, 2), 8, 200, 90
        self._rate(plans, rng)
        self.plans = plans

    def _rate(self, plans: list[SchemePlan], rng: random.Random) -> None:
        for plan in plans:
            for year in CAMPAIGN_YEARS:
                _, period_end = Campaign.default_period(year)
                if plan.founded_on > date(year - 1, period_end.month, period_end.day):
                    continue  # younger than 12 months at the end of the period: not classified yet
                total = Decimal(max(10, min(100, round((plan.quality + rng.gauss(0, 7)) * 2) / 2))).quantize(
                    Decimal("0.01")
                )
                rating = _rating(total)
                plan.ratings[year] = (total, rating)
                if rating == Rating.WEAK and year < 2026:
                    plan.eliminated_in = year
                    break

    # -- campaigns and eliminations ----------------------------------------------------------

    def _make_campaigns(self) -> None:
        criteria_set = CriteriaSet.objects.using(self.alias).filter(is_active=True).order_by("pk").first()
        criteria = list(criteria_set.criteria.order_by("order", "code")) if criteria_set else []
        campaigns = []
        for province in self.provinces.values():
            for year in CAMPAIGN_YEARS:
                start, end = Campaign.default_period(year)
                campaigns.append(
                    Campaign(
                        year=year,
                        name=f"Kiểm tra, phân loại mô hình tự quản về ANTT năm {year}",
                        root_unit=province,
                        criteria_source=criteria_set,
                        period_start=start,
                        period_end=end,
                        self_assessment_deadline=date(year, 11, 25),
                        approval_deadline=date(year, 12, 10),
                    )
                )
        Campaign.objects.using(self.alias).bulk_create(campaigns, batch_size=500)
        self.campaigns = {
            (c.root_unit_id, c.year): c.pk
            for c in Campaign.objects.using(self.alias).filter(
                root_unit__in=list(self.provinces), year__in=CAMPAIGN_YEARS
            )
        }
        CampaignCriterion.objects.using(self.alias).bulk_create(
            [
                CampaignCriterion(
                    campaign_id=campaign,
                    group=c.group,
                    code=c.code,
                    name=c.name,
                    max_points=c.max_points,
                    order=c.order,
                )
                for campaign in self.campaigns.values()
                for c in criteria
            ],
            batch_size=2000,
        )
        self.result.campaigns = len(self.campaigns)
        eliminations = []
        numbers: dict[int, int] = {}
        for province_pk, year in sorted({(p.province, p.eliminated_in) for p in self.plans if p.eliminated_in}):
            province = self.provinces[province_pk]
            numbers[province_pk] = numbers.get(province_pk, 0) + 1
            eliminations.append(
                Elimination(
                    unit=province,
                    campaign_id=self.campaigns[(province_pk, year)],
                    decision_number=f"{100 + numbers[province_pk]}/QĐ-CAT-PV05",
                    decision_date=date(year, 12, 20),
                    issuer=f"Công an {province.name[:1].lower()}{province.name[1:]}",
                    reason=f"Xếp loại Yếu trong đợt kiểm tra, phân loại năm {year}.",
                )
            )
        Elimination.objects.using(self.alias).bulk_create(eliminations, batch_size=500)
        self.eliminations = {
            (e.unit_id, e.campaign.year): (e.pk, e.decision_date)
            for e in Elimination.objects.using(self.alias)
            .filter(unit__in=list(self.provinces))
            .select_related("campaign")
        }
        self.result.eliminations = len(eliminations)

    # -- the big tables --------------------------------------------------------------------------

    def _write_schemes(self) -> None:
        rng = random.Random(f"{self.seed}-schemes")  # noqa: S311 - test data
        surnames = [n for n, _ in names.SURNAMES]
        surname_weights = [w for _, w in names.SURNAMES]
        columns = [
            "id", "code", "kind_id", "name", "commune_id", "area", "founding_decision_number",
            "founding_decision_date", "founding_decision_issuer", "founded_on", "host", "co_hosts", "host_detail",
            "leader_name", "leader_phone", "rules", "facebook_url", "zalo_group", "camera_count", "focus_religion",
            "focus_ethnic", "focus_enterprise", "status", "ended_on", "status_note", "latest_rating",
            "latest_rating_year", "search_text", "version", "created_at", "updated_at",
        ]  # fmt: skip
        hosts = [HostOrganisation.POLICE, HostOrganisation.VILLAGE, HostOrganisation.FATHERLAND_FRONT,
                 HostOrganisation.VETERANS, HostOrganisation.WOMEN, HostOrganisation.YOUTH]  # fmt: skip
        host_weights = [5, 3, 2, 1, 1, 1]
        communes = {pk: name for pk, _, _, name, _ in self.communes}

        def rows() -> Iterator[tuple]:
            for plan in self.plans:
                female = rng.random() < 0.25
                leader = (
                    f"{rng.choices(surnames, weights=surname_weights)[0]} "
                    f"{rng.choice(names.FEMALE_MIDDLE if female else names.MALE_MIDDLE)} "
                    f"{rng.choice(names.FEMALE_GIVEN if female else names.MALE_GIVEN)}"
                )
                phone = f"09{(plan.pk * 7_919 + 13) % 10**8:08d}"
                decided = plan.founded_on - timedelta(days=rng.randint(0, 20))
                approved = [
                    (y, r) for y, (_, r) in plan.ratings.items() if y < 2026 or self._state(plan, y) == "approved"
                ]
                latest_rating, latest_year = (approved[-1][1], approved[-1][0]) if approved else ("", None)
                if plan.eliminated_in:
                    status, ended_on = Status.ELIMINATED, self.eliminations[(plan.province, plan.eliminated_in)][1]
                    note = f"Thanh loại: xếp loại Yếu năm {plan.eliminated_in}."
                else:
                    status, ended_on, note = Status.ACTIVE, None, ""
                search = fold(" ".join((plan.name, plan.code, plan.area, leader)))[:600]
                created = _stamp(max(plan.founded_on, date(2019, 1, 1)))
                yield (
                    plan.pk, plan.code, plan.kind, plan.name, plan.commune, plan.area,
                    f"{rng.randint(1, 999)}/QĐ-UBND", decided, f"UBND {communes[plan.commune]}", plan.founded_on,
                    rng.choices(hosts, weights=host_weights)[0], "[]", "", leader, phone, "", "", "",
                    rng.choice((0, 0, 0, 1, 2, 4)), rng.random() < 0.08, rng.random() < 0.06, False,
                    status, ended_on, note, latest_rating, latest_year, search, 1, created,
                    _stamp(ended_on) if ended_on else created,
                )  # fmt: skip

        self.result.schemes = self.writer.write(Scheme, columns, rows(), len(self.plans))
        self.result.eliminated = sum(1 for p in self.plans if p.eliminated_in)

    def _state(self, plan: SchemePlan, year: int) -> str:
        """Workflow state of an assessment: every past year approved; 2026 still being approved."""
        if year < 2026:
            return State.APPROVED
        bucket = (plan.pk * 2_654_435_761) % 100
        if bucket < 65:
            return State.APPROVED
        if bucket < 85:
            return State.SUBMITTED
        if bucket < 95:
            return State.DRAFT
        return State.RETURNED

    def _write_teams_and_members(self) -> None:
        rng = random.Random(f"{self.seed}-members")  # noqa: S311 - test data
        team_id = self.writer.next_id(Team)
        first_team = {}
        for plan in self.plans:
            first_team[plan.pk] = team_id
            team_id += plan.teams
        total_teams = team_id - self.writer.next_id(Team)

        def team_rows() -> Iterator[tuple]:
            for plan in self.plans:
                for number in range(plan.teams):
                    yield (first_team[plan.pk] + number, plan.pk, f"Tổ {number + 1}", plan.area, plan.founded_on, True)

        self.result.teams = self.writer.write(
            Team, ["id", "scheme_id", "name", "area", "founded_on", "is_active"], team_rows(), total_teams
        )
        surnames = [n for n, _ in names.SURNAMES]
        cumulative = []
        running = 0
        for _, weight in names.SURNAMES:
            running += weight
            cumulative.append(running)
        province_codes = {pk: int(p.code) for pk, p in self.provinces.items()}
        serial = [self.writer.next_id(Member)]

        def member_rows() -> Iterator[tuple]:
            choice, rand, randint = rng.choice, rng.random, rng.randint
            pick_surname = rng.choices
            for plan in self.plans:
                base = first_team[plan.pk]
                province = province_codes[plan.province]
                for index in range(plan.members):
                    serial[0] += 1
                    number = serial[0]
                    female = rand() < 0.3
                    name = (
                        f"{pick_surname(surnames, cum_weights=cumulative)[0]} "
                        f"{choice(names.FEMALE_MIDDLE if female else names.MALE_MIDDLE)} "
                        f"{choice(names.FEMALE_GIVEN if female else names.MALE_GIVEN)}"
                    )
                    birth = randint(1955, 2004)
                    team = base + index % plan.teams
                    role = (
                        MemberRole.LEADER
                        if index < plan.teams
                        else (MemberRole.DEPUTY if index < 2 * plan.teams else MemberRole.MEMBER)
                    )
                    joined = plan.founded_on + timedelta(days=randint(0, 400) if index >= plan.teams else 0)
                    left = joined + timedelta(days=randint(200, 2000)) if rand() < 0.08 else None
                    national_id = (
                        f"{province:03d}{(0 if birth < 2000 else 2) + female}{birth % 100:02d}{number % 10**6:06d}"
                    )
                    yield (
                        number, plan.pk, team, name, birth, role, f"03{(number * 7_919 + 7) % 10**8:08d}",
                        national_id, f"{plan.area}, {choice(names.STREET_NAMES)}", joined, left, False,
                    )  # fmt: skip

        columns = ["id", "scheme_id", "team_id", "full_name", "birth_year", "role", "phone", "national_id",
                   "address", "joined_on", "left_on", "is_anonymised"]  # fmt: skip
        total = sum(p.members for p in self.plans)
        self.result.members = self.writer.write(Member, columns, member_rows(), total)

    def _report_periods(self, plan: SchemePlan) -> list[tuple[date, date]]:
        end = LAST_REPORT_END
        if plan.eliminated_in:
            end = date(plan.eliminated_in, 12, 31)
        start = max(plan.founded_on, date(2016, 1, 1) if plan.showcase else date(2017, 1, 1))
        return [(a, b) for a, b in half_years(start, end) if b <= end]

    def _write_reports(self) -> None:
        rng = random.Random(f"{self.seed}-reports")  # noqa: S311 - test data
        first = self.writer.next_id(ActivityReport)
        total = sum(len(self._report_periods(p)) for p in self.plans)

        def rows() -> Iterator[tuple]:
            randint = rng.randint
            number = first
            for plan in self.plans:
                for start, end in self._report_periods(plan):
                    attendance = randint(0, 400)
                    yield (
                        number, plan.pk, start, end, randint(0, 40), randint(1, 8), randint(0, 6), attendance,
                        randint(0, 12), randint(0, 5), randint(0, 3), randint(0, 6), randint(0, 4), "",
                        _stamp(end + timedelta(days=10)),
                    )  # fmt: skip
                    number += 1

        columns = ["id", "scheme_id", "period_start", "period_end", *ActivityReport.COUNTERS, "notes", "created_at"]
        self.result.reports = self.writer.write(ActivityReport, columns, rows(), total)

    def _write_assessments(self) -> None:
        first = self.writer.next_id(Assessment)
        total = sum(len(p.ratings) for p in self.plans)
        eliminated_items: list[tuple] = []

        def rows() -> Iterator[tuple]:
            number = first
            for plan in self.plans:
                for year, (total_points, rating) in plan.ratings.items():
                    state = self._state(plan, year)
                    approved = state == State.APPROVED
                    if rating == Rating.GOOD:
                        recommendation = Recommendation.REPLICATE if plan.pk % 3 == 0 else Recommendation.MAINTAIN
                    elif rating == Rating.WEAK:
                        recommendation = Recommendation.ELIMINATE
                    elif rating == Rating.AVERAGE:
                        recommendation = Recommendation.CONSOLIDATE
                    else:
                        recommendation = Recommendation.MAINTAIN
                    submitted = state != State.DRAFT
                    updated = date(year, 12, 5) if approved else date(year, 11, 24)
                    yield (
                        number, self.campaigns[(plan.province, year)], plan.pk, state, total_points, True, rating,
                        rating if approved else "", recommendation if approved else "", "", "",
                        _stamp(date(year, 11, 20)) if submitted else None,
                        _stamp(date(year, 12, 5)) if approved else None,
                        _stamp(date(year, 11, 24)) if state == State.RETURNED else None,
                        "Đề nghị bổ sung minh chứng tiêu chí 2." if state == State.RETURNED else "",
                        "", 1, _stamp(date(year, 11, 15)), _stamp(updated),
                    )  # fmt: skip
                    if plan.eliminated_in == year:
                        eliminated_items.append((self.eliminations[(plan.province, year)][0], plan.pk, number))
                    number += 1

        columns = ["id", "campaign_id", "scheme_id", "state", "total", "has_activity_report", "suggested_rating",
                   "final_rating", "recommendation", "rule_notes", "general_note", "submitted_at", "approved_at",
                   "returned_at", "return_comment", "adjustment_reason", "version", "created_at",
                   "updated_at"]  # fmt: skip
        self.result.assessments = self.writer.write(Assessment, columns, rows(), total)
        first_item = self.writer.next_id(EliminatedScheme)
        self.writer.write(
            EliminatedScheme,
            ["id", "elimination_id", "scheme_id", "assessment_id", "previous_status"],
            ((first_item + i, e, s, a, Status.ACTIVE) for i, (e, s, a) in enumerate(eliminated_items)),
            len(eliminated_items),
        )

    def _analyze(self) -> None:
        connection = connections[self.alias]
        # After a bulk load PostgreSQL's autovacuum would, in its own time, VACUUM the new tables:
        # that sets the visibility map, which lets counts run as index-only scans (the national
        # list's count 34 → 12 ms). Do it now so that the data set starts in its steady state.
        # (VACUUM cannot run inside a transaction, e.g. a test's: plain ANALYZE there.)
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)" if vacuum else "ANALYZE")


def generate_national(*, scale: str = "national", seed: int = 2026, alias: str = "default", out=None) -> NationalResult:
    """Build the dataset of ``scale`` (tiny, province, national) on the database ``alias``."""
    return NationalGenerator(scale=scale, seed=seed, alias=alias, out=out).run()
