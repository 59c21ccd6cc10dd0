"""Building schemes in memory: which kinds fit which places, names, people, teams and reports.

Nothing here writes to the database (except adding a catalogue kind the demo needs and lacks);
``tuquan.demo.generator`` saves what ``RegistryBuilder`` builds.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from tuquan.demo import names
from tuquan.demo.geography import Geography, Place
from tuquan.demo.people import PersonFactory
from tuquan.demo.spec import CITY, MOUNTAIN, RURAL, TOWN, ProvinceSpec
from tuquan.schemes.choices import Field, HostOrganisation, MemberRole, Status
from tuquan.schemes.models import ActivityReport, Member, Scheme, SchemeKind, Team

# The kinds of the catalogue (seeded by schemes/migrations/0002) the demo uses, with their field
# (used only if a kind is missing, e.g. renamed by a user).
K_KENG = "Tiếng kẻng an ninh"
K_PATROL = "Tuần tra nhân dân"
K_GATE = "Cổng rào an ninh"
K_GUARD = "Đội bảo vệ dân phố cơ động"
K_3TP = "3 tự phòng, 3 tự quản"
K_CAMERA = "Camera an ninh"
K_FACEBOOK = "Trang Facebook ANTT"
K_ZALO = "Nhóm Zalo ANTT"
K_CATHOLIC = "Xóm đạo bình yên"
K_PARISH = "Giáo họ tự quản về ANTT"
K_PAGODA = "Phật tử chùa Hưng Long tự quản về ANTT"
K_ELDERS = "Tổ gương sáng"
K_MOUNTAIN_TEAM = "Đội tự quản về ANTT xã Khánh Thành"
K_VETERANS = "Tổ cựu quân nhân tự quản ANTT"
K_YOUTH = "Đội Thanh niên xung kích an ninh"
K_WOMEN = "Câu lạc bộ phụ nữ phòng, chống ma túy"
K_ENTERPRISE = "Cơ quan, doanh nghiệp tự quản về ANTT"
K_SCHOOL = "Trường học an toàn về ANTT"

KIND_FIELDS = {
    K_KENG: Field.RURAL,
    K_PATROL: Field.RURAL,
    K_GATE: Field.RURAL,
    K_GUARD: Field.URBAN,
    K_3TP: Field.URBAN,
    K_CAMERA: Field.TECHNOLOGY,
    K_FACEBOOK: Field.TECHNOLOGY,
    K_ZALO: Field.TECHNOLOGY,
    K_CATHOLIC: Field.RELIGION,
    K_PARISH: Field.RELIGION,
    K_PAGODA: Field.RELIGION,
    K_ELDERS: Field.ETHNIC,
    K_MOUNTAIN_TEAM: Field.ETHNIC,
    K_VETERANS: Field.MASS_ORG,
    K_YOUTH: Field.MASS_ORG,
    K_WOMEN: Field.MASS_ORG,
    K_ENTERPRISE: Field.AGENCY,
    K_SCHOOL: Field.AGENCY,
}

_RELIGION = {K_CATHOLIC: 0.7, K_PARISH: 0.5, K_PAGODA: 0.45}
_MASS = {K_VETERANS: 1.2, K_YOUTH: 1.1, K_WOMEN: 1.0}
_VILLAGE = {K_KENG: 3.5, K_PATROL: 3.5, K_GATE: 2.5}
# Which kinds fit a place: (profile, urban) → weights. Urban: phường or thị trấn.
KIND_WEIGHTS = {
    (CITY, True): {K_GUARD: 3, K_3TP: 3, K_CAMERA: 4, K_FACEBOOK: 1.2, K_ZALO: 1.8, **_RELIGION, **_MASS},
    (CITY, False): {**_VILLAGE, K_CAMERA: 1.5, K_ZALO: 1.0, **_RELIGION, **_MASS},
    (TOWN, True): {K_GUARD: 2.5, K_3TP: 2.5, K_PATROL: 1.5, **_RELIGION, **_MASS},
    (TOWN, False): {**_VILLAGE, **_RELIGION, **_MASS},
    (RURAL, True): {K_GUARD: 2, K_3TP: 2, K_PATROL: 2, **_RELIGION, **_MASS},
    (RURAL, False): {**_VILLAGE, **_RELIGION, **_MASS},
    (MOUNTAIN, True): {K_ELDERS: 3, K_PATROL: 1.5, K_KENG: 1.2, K_VETERANS: 0.5, K_WOMEN: 0.5},
    (MOUNTAIN, False): {K_ELDERS: 4, K_MOUNTAIN_TEAM: 3, K_KENG: 1.2, K_PATROL: 1.2, K_VETERANS: 0.5, K_WOMEN: 0.5},
}
# A kind is not founded before its technology existed locally.
EARLIEST_YEAR = {K_CAMERA: 2012, K_FACEBOOK: 2015, K_ZALO: 2017}
# The originals other schemes of the same model were replicated from (nhân rộng).
ORIGINALS = {
    K_PAGODA: ("568", "Hưng Long", date(2009, 5, 19)),
    K_MOUNTAIN_TEAM: ("573", "Khánh Thành", date(2008, 9, 2)),
}
FIRST_REPORT_YEAR = 2021


@dataclass
class SchemePlan:
    scheme: Scheme
    place: Place
    quality: float
    teams: list[Team] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    reports: list[ActivityReport] = field(default_factory=list)
    ratings: dict[int, str] = field(default_factory=dict)
    agency: bool = False


def lower_first(text: str) -> str:
    """'Phường Vĩnh Hải' → 'phường Vĩnh Hải' (inside a name)."""
    return text[:1].lower() + text[1:]


def random_day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


def half_years(start: date, end: date) -> list[tuple[date, date]]:
    """Calendar half-years (01/01–30/06, 01/07–31/12) that overlap [start, end]."""
    periods = []
    for year in range(start.year, end.year + 1):
        for first, last in ((date(year, 1, 1), date(year, 6, 30)), (date(year, 7, 1), date(year, 12, 31))):
            if last >= start and first <= end:
                periods.append((first, last))
    return periods


class RegistryBuilder:
    """Builds schemes with their teams, members and activity reports (unsaved, in memory)."""

    def __init__(self, rng: random.Random, spec: ProvinceSpec, geo: Geography, kinds: dict[str, SchemeKind]):
        self.rng = rng
        self.spec = spec
        self.geo = geo
        self.kinds = kinds
        self.people = PersonFactory(rng, province_id_code=f"{int(spec.current_code):03d}")
        self.plans: list[SchemePlan] = []
        self.names_used: dict[int, set[str]] = defaultdict(set)
        self.originals: dict[str, SchemePlan] = {}

    # ------------------------------------------------------------------ choosing

    def pick_kind(self, place: Place) -> str:
        weights = KIND_WEIGHTS[(place.profile, place.urban)]
        kinds = list(weights)
        return self.rng.choices(kinds, weights=[weights[k] for k in kinds])[0]

    def founding_date(self, kind: str, start_year: int, end: date) -> date:
        rng = self.rng
        first = max(start_year, EARLIEST_YEAR.get(kind, start_year))
        years = list(range(first, end.year + 1))
        year = rng.choices(years, weights=[1 + 0.35 * (y - first) for y in years])[0]
        return random_day(rng, date(year, 1, 1), min(date(year, 12, 31), end))

    def area(self, place: Place) -> str:
        rng = self.rng
        if place.urban and place.profile != MOUNTAIN:
            if rng.random() < 0.6:
                return f"Tổ dân phố {rng.randint(1, 28)}"
            return f"Tổ dân phố {rng.choice(names.STREET_NAMES)}"
        pool = names.MOUNTAIN_VILLAGE_NAMES if place.profile == MOUNTAIN else names.VILLAGE_NAMES
        return f"Thôn {rng.choice(pool)}"

    # ------------------------------------------------------------------ building

    def add_scheme(self, place: Place, kind_name: str, founded_on: date, *, agency=None, fixed=None) -> SchemePlan:
        rng = self.rng
        people = self.people
        kind = self.kinds[kind_name]
        unit = place.unit
        unit_l = lower_first(unit.name)
        ethnic = place.profile == MOUNTAIN
        scheme = Scheme(kind=kind, commune=place.current, legacy_commune=place.legacy, founded_on=founded_on)
        scheme.status = Status.ACTIVE
        host, host_detail, co_hosts = HostOrganisation.POLICE, "", []
        for attempt in range(6):
            area = self.area(place)
            area_l = lower_first(area)
            # Kinds named after the commune fall back to the village or street when the name is taken.
            where = unit_l if attempt == 0 else area_l
            if kind_name == K_KENG:
                name, host = f"Tiếng kẻng an ninh {area_l}", HostOrganisation.VILLAGE
            elif kind_name == K_PATROL:
                name, host = f"Tổ tuần tra nhân dân {area_l}", rng.choice([HostOrganisation.VILLAGE] * 2 + ["cong_an"])
            elif kind_name == K_GATE:
                name, host = f"Cổng rào an ninh {area_l}", HostOrganisation.VILLAGE
            elif kind_name == K_GUARD:
                name, host = f"Đội bảo vệ dân phố cơ động {where}", HostOrganisation.POLICE
            elif kind_name == K_3TP:
                name, host = f"Khu dân cư \u201c3 tự phòng, 3 tự quản\u201d {area_l}", HostOrganisation.FATHERLAND_FRONT
            elif kind_name == K_CAMERA:
                name, host = f"Camera an ninh {area_l}", rng.choice([HostOrganisation.VILLAGE, "mttq"])
            elif kind_name == K_FACEBOOK:
                name, host = (
                    f"Trang Facebook \u201cANTT {unit.short_name if attempt == 0 else area}\u201d",
                    HostOrganisation.YOUTH,
                )
            elif kind_name == K_ZALO:
                name, host = f"Nhóm Zalo ANTT {area_l}", HostOrganisation.VILLAGE
            elif kind_name == K_CATHOLIC:
                parish = rng.choice(names.PARISHES)
                name, host, host_detail = (
                    f"Xóm đạo bình yên giáo xứ {parish}",
                    HostOrganisation.PARISH,
                    f"Giáo xứ {parish}",
                )
            elif kind_name == K_PARISH:
                parish = rng.choice(names.PARISHES)
                name, host, host_detail = (
                    f"Giáo họ {parish} tự quản về ANTT",
                    HostOrganisation.PARISH,
                    f"Giáo họ {parish}",
                )
            elif kind_name == K_PAGODA:
                pagoda = fixed or rng.choice(names.PAGODAS[1:])
                name, host, host_detail = (
                    f"Phật tử chùa {pagoda} tự quản về ANTT",
                    HostOrganisation.PAGODA,
                    f"Chùa {pagoda}",
                )
            elif kind_name == K_ELDERS:
                elder = people.full_name(female=False, ethnic=True, ethnic_share=1)
                name, host, host_detail = f"Tổ gương sáng {area_l}", HostOrganisation.ELDERS, f"Già làng {elder}"
            elif kind_name == K_MOUNTAIN_TEAM:
                elder = people.full_name(female=False, ethnic=True, ethnic_share=1)
                name, host, host_detail = f"Đội tự quản về ANTT {where}", HostOrganisation.ELDERS, f"Già làng {elder}"
            elif kind_name == K_VETERANS:
                name, host = f"Tổ cựu quân nhân tự quản ANTT {area_l}", HostOrganisation.VETERANS
            elif kind_name == K_YOUTH:
                name, host = f"Đội Thanh niên xung kích an ninh {where}", HostOrganisation.YOUTH
            elif kind_name == K_WOMEN:
                name, host = f"Câu lạc bộ phụ nữ phòng, chống ma túy {where}", HostOrganisation.WOMEN
            elif kind_name == K_ENTERPRISE:
                company, host = agency
                name, host_detail = f"Tổ tự quản về ANTT {company}", company
            else:  # K_SCHOOL
                name, host, host_detail = f"{agency} an toàn về ANTT", HostOrganisation.SCHOOL, agency
            if name not in self.names_used[place.current.pk]:
                break
            if attempt == 5:
                name = f"{name} (số {len(self.names_used[place.current.pk]) + 1})"
        self.names_used[place.current.pk].add(name)
        extras = [h for h in ("mttq", "cuu_chien_binh", "phu_nu", "doan_thanh_nien", "nong_dan") if h != host]
        co_hosts = sorted(rng.sample(extras, rng.choice((0, 1, 1, 2))))

        leader = people.person(
            youngest=1990, oldest_age=72, ethnic=ethnic, female=host == HostOrganisation.WOMEN or None
        )
        scheme.name = name
        named_after_unit = kind_name in (K_GUARD, K_YOUTH, K_WOMEN, K_FACEBOOK, K_MOUNTAIN_TEAM) and attempt == 0
        scheme.area = "" if agency or named_after_unit else area
        scheme.host = host
        scheme.host_detail = host_detail
        scheme.co_hosts = co_hosts
        scheme.leader_name = leader.full_name
        scheme.leader_phone = leader.phone
        if rng.random() < 0.9:
            number = rng.randint(3, 260)
            scheme.founding_decision_date = founded_on - timedelta(days=rng.randint(0, 20))
            if agency:
                suffix = "QĐ-HT" if kind_name == K_SCHOOL else "QĐ-GĐ"
                scheme.founding_decision_issuer = (
                    "Hiệu trưởng " if kind_name == K_SCHOOL else "Giám đốc "
                ) + host_detail
            else:
                suffix = "QĐ-UBND"
                scheme.founding_decision_issuer = f"UBND {unit_l}"
            scheme.founding_decision_number = f"{number}/{suffix}"
            scheme.rules = (
                f"Quy chế hoạt động ban hành kèm theo Quyết định số {scheme.founding_decision_number} "
                f"ngày {scheme.founding_decision_date:%d/%m/%Y}."
            )
        if kind_name == K_CAMERA:
            scheme.camera_count = rng.randint(4, 40)
        elif kind_name in (K_3TP, K_GUARD) and rng.random() < 0.4:
            scheme.camera_count = rng.randint(1, 8)
        if kind_name == K_FACEBOOK:
            slug = "".join(unit.search_text.split()[:-1]) if unit.search_text else "antt"
            scheme.facebook_url = f"https://www.facebook.com/antt.{slug}"
        if kind_name in (K_ZALO, K_CAMERA, K_FACEBOOK) or rng.random() < 0.15:
            scheme.zalo_group = f"ANTT {scheme.area or unit.short_name}"
        scheme.focus_religion = KIND_FIELDS.get(kind_name) == Field.RELIGION
        scheme.focus_ethnic = KIND_FIELDS.get(kind_name) == Field.ETHNIC or (ethnic and rng.random() < 0.5)
        scheme.focus_enterprise = kind_name == K_ENTERPRISE and host == HostOrganisation.ENTERPRISE

        plan = SchemePlan(scheme=scheme, place=place, quality=rng.random(), agency=agency is not None)
        self._people(plan, leader, ethnic)
        self.plans.append(plan)
        return plan

    def _people(self, plan: SchemePlan, leader, ethnic: bool) -> None:
        rng, people, scheme = self.rng, self.people, plan.scheme
        small = scheme.kind.name in (K_CAMERA, K_FACEBOOK, K_ZALO)
        count = rng.randint(5, 12) if small else rng.randint(6, 25)
        team_count = max(1, min(4, count // 6 + rng.choice((-1, 0, 0, 1))))
        patrol = scheme.kind.name in (K_KENG, K_PATROL, K_GATE, K_GUARD, K_VETERANS, K_YOUTH)
        address_tail = lower_first(plan.place.unit.name)
        areas = set()
        for number in range(1, team_count + 1):
            team_area = scheme.area if team_count == 1 else self.area(plan.place)
            areas.add(team_area)
            plan.teams.append(
                Team(
                    scheme=scheme,
                    name=f"Tổ tuần tra số {number}" if patrol else f"Tổ {number}",
                    area=team_area,
                    founded_on=scheme.founded_on,
                )
            )
        last_year = self.spec.last_year
        for index in range(count):
            team = plan.teams[index % team_count]
            first_of_team = index < team_count
            second_of_team = team_count <= index < 2 * team_count
            if index == 0:
                person = leader
            else:
                female = True if scheme.host == HostOrganisation.WOMEN else None
                youth = scheme.host == HostOrganisation.YOUTH
                person = people.person(
                    youngest=2004 if youth else 1998,
                    oldest_age=34 if youth else 72,
                    ethnic=ethnic,
                    female=female,
                    year=scheme.founded_on.year,
                )
            joined = (
                scheme.founded_on
                if index < count * 0.7
                else random_day(rng, scheme.founded_on, max(scheme.founded_on, date(last_year, 6, 30)))
            )
            left = None
            if not first_of_team and rng.random() < 0.04:
                left = random_day(rng, joined, max(joined, date(last_year, 6, 30)))
            plan.members.append(
                Member(
                    scheme=scheme,
                    team=team,
                    full_name=person.full_name,
                    birth_year=person.birth_year,
                    role=MemberRole.LEADER
                    if first_of_team
                    else MemberRole.DEPUTY
                    if second_of_team
                    else MemberRole.MEMBER,
                    phone=person.phone,
                    national_id=person.national_id,
                    address=f"{team.area or scheme.area or 'Khu dân cư'}, {address_tail}",
                    joined_on=joined,
                    left_on=left,
                )
            )

    def add_reports(self, plan: SchemePlan, until: date) -> None:
        """Half-yearly activity reports from the founding half (not before 2021) to ``until``."""
        rng, scheme = self.rng, plan.scheme
        start = max(scheme.founded_on, date(FIRST_REPORT_YEAR, 1, 1))
        end = min(until, scheme.ended_on) if scheme.ended_on else until
        patrol = scheme.kind.name in (K_KENG, K_PATROL, K_GATE, K_GUARD, K_VETERANS, K_YOUTH, K_ELDERS, K_MOUNTAIN_TEAM)
        for first, last in half_years(start, end):
            if last > until:
                continue
            q = plan.quality
            sessions = rng.randint(1, 3 + round(4 * q))
            patrols = rng.randint(8 + round(30 * q), 20 + round(60 * q)) if patrol else rng.randint(0, 6)
            detected = rng.randint(0, 1 + round(3 * q))
            plan.reports.append(
                ActivityReport(
                    scheme=scheme,
                    period_start=first,
                    period_end=last,
                    patrols=patrols,
                    meetings=rng.randint(2, 6),
                    propaganda_sessions=sessions,
                    propaganda_attendance=sessions * rng.randint(15, 90),
                    tips_to_police=rng.randint(0, 2 + round(8 * q)),
                    cases_detected=detected,
                    cases_handed_over=rng.randint(0, detected),
                    disputes_mediated=rng.randint(0, 1 + round(5 * q)),
                    incidents=rng.randint(0, 3 - round(2 * q)),
                )
            )


def catalogue_kinds() -> dict[str, SchemeKind]:
    """The catalogue's kinds by name; a kind the demo needs and the catalogue lacks is added."""
    kinds = {k.name: k for k in SchemeKind.objects.filter(name__in=list(KIND_FIELDS))}
    for name, kind_field in KIND_FIELDS.items():
        if name not in kinds:
            kind = SchemeKind(name=name, field=kind_field)
            kind.refresh_search_text()
            kind.save()
            kinds[name] = kind
    return kinds
