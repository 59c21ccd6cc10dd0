"""The demo's good practices (kinh nghiệm hay, điển hình tiên tiến) and commendations (khen thưởng).

Practices: PV05 draws a province-wide practice from the schemes of a field that were rated Tốt the
longest (the two originals of the article, Phật tử chùa Hưng Long and Đội tự quản xã Khánh Thành,
with the schemes replicated from them); a few commune police stations, Phường Bắc Nha Trang among
them, write up their own best scheme. The figures in a practice are read from its schemes' activity
reports. Written through ``practices.services.good_practice_create``.

Commendations follow the calendar of the movement: after each year's classification (decisions in
January–February) the Director of the provincial police commends schemes rated Tốt and their
leaders, the Chairman of the provincial People's Committee the schemes rated Tốt two years running;
around Ngày hội toàn dân bảo vệ an ninh Tổ quốc (19/8) the communes commend members; the Ministry
once commends Đội tự quản xã Khánh Thành and a village elder receives the Kỷ niệm chương. The
commune police propose, PV05 records the decision (``commendation_create`` then
``commendation_update``); at the demo's day the proposals for the year just ending still wait.
"""

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Sum

from tuquan.assessments.choices import Rating
from tuquan.commendations.choices import PRESET_BY_KEY, CommendationStatus, RecipientKind
from tuquan.commendations.models import Commendation
from tuquan.commendations.selectors import commendation_suggestions
from tuquan.commendations.services import (
    commendation_create,
    commendation_propose_schemes,
    commendation_update,
)
from tuquan.core.actor import acting_as
from tuquan.demo.registry import K_MOUNTAIN_TEAM, K_PAGODA
from tuquan.demo.world import World
from tuquan.places.models import REORGANISATION_DATE, AdminUnit
from tuquan.practices.models import GoodPractice
from tuquan.practices.services import good_practice_create
from tuquan.schemes.choices import Field, MemberRole
from tuquan.schemes.models import ActivityReport, Member, Scheme

DEMO_COMMUNE_CODE = "22333"  # Phường Bắc Nha Trang, the demo officer's commune


def practices_exist(province: AdminUnit) -> bool:
    return GoodPractice.objects.filter(unit__path__startswith=province.path).exists()


def commendations_exist(province: AdminUnit) -> bool:
    return Commendation.objects.filter(unit__path__startswith=province.path).exists()


def number(value: int) -> str:
    """1234567 → '1.234.567' (Vietnamese thousands)."""
    return f"{value:,}".replace(",", ".")


def quoted(name: str) -> str:
    return f"\u201c{name}\u201d"


# --------------------------------------------------------------------------- good practices


@dataclass(frozen=True)
class Theme:
    """A province-wide practice: which schemes it is drawn from and how it reads."""

    title: str
    field: str
    kinds: tuple[str, ...]  # kind names; empty: every kind of ``field``
    year: int
    how: str
    lessons: str
    tags: str
    original: str = ""  # a kind of ``ORIGINALS``: the original scheme and its replicas


THEMES = (
    Theme(
        title="Phát huy vai trò chức sắc, phật tử trong tự quản về ANTT: "
        "mô hình “Phật tử chùa Hưng Long tự quản về ANTT”",
        field=Field.RELIGION,
        kinds=(K_PAGODA,),
        year=2022,
        original=K_PAGODA,
        how="Ban trị sự chùa cùng Công an phường xây dựng quy chế; phật tử chia tổ trực, nhắc nhở nhau chấp hành "
        "pháp luật, giữ gìn trật tự trong các ngày lễ lớn, phát hiện người lạ, phương tiện khả nghi báo ngay "
        "cho Công an.",
        lessons="Dựa vào uy tín của chức sắc tôn giáo; gắn nội dung tự quản với giáo lý “tốt đời, đẹp đạo”; Công an "
        "phường thường xuyên gặp gỡ, nắm tình hình và biểu dương kịp thời.",
        tags="tôn giáo, chùa, phật tử, nhân rộng",
    ),
    Theme(
        title="Phát huy vai trò già làng, người có uy tín: “Đội tự quản về ANTT xã Khánh Thành”",
        field=Field.ETHNIC,
        kinds=(K_MOUNTAIN_TEAM,),
        year=2023,
        original=K_MOUNTAIN_TEAM,
        how="Già làng, trưởng thôn làm nòng cốt; đội viên là thanh niên người Raglai, Cơ Ho trong thôn, được Công an "
        "xã huấn luyện võ thuật, kỹ năng tuần tra; nội dung tự quản đưa vào hương ước, quy ước của thôn và "
        "tuyên truyền bằng tiếng dân tộc.",
        lessons="Chọn đúng người có uy tín; hoạt động gắn với phong tục, tập quán của đồng bào; chính quyền xã hỗ trợ "
        "kinh phí, trang phục để đội duy trì lâu dài.",
        tags="già làng, dân tộc thiểu số, miền núi, nhân rộng",
    ),
    Theme(
        title="Tiếng kẻng an ninh, tuần tra nhân dân: giữ bình yên thôn xóm",
        field=Field.RURAL,
        kinds=("Tiếng kẻng an ninh", "Tuần tra nhân dân", "Cổng rào an ninh"),
        year=2023,
        how="Mỗi cụm dân cư đặt kẻng, quy định hiệu kẻng báo trộm, báo cháy, báo bão lũ; các tổ tuần tra luân phiên "
        "trực đêm theo lịch, phối hợp với Công an xã khi có vụ việc.",
        lessons="Quy định rõ trách nhiệm từng hộ; duy trì lịch tuần tra cả khi tình hình yên ổn; biểu dương kịp thời "
        "người dân phát hiện, tố giác tội phạm.",
        tags="nông thôn, kẻng, tuần tra",
    ),
    Theme(
        title="Camera an ninh, nhóm Zalo ANTT: ứng dụng công nghệ trong phòng ngừa tội phạm ở khu dân cư",
        field=Field.TECHNOLOGY,
        kinds=(),
        year=2024,
        how="Người dân, doanh nghiệp góp kinh phí lắp camera tại các tuyến đường, ngã ba; hình ảnh chia sẻ cho Công "
        "an phường; nhóm Zalo ANTT của tổ dân phố để người dân báo tin, Công an cảnh báo phương thức lừa đảo.",
        lessons="Xã hội hóa kinh phí lắp đặt; quy chế quản lý, khai thác hình ảnh bảo đảm bí mật đời tư; quản trị "
        "nhóm là cán bộ Công an hoặc tổ trưởng tổ dân phố.",
        tags="camera, Zalo, Facebook, đô thị, công nghệ",
    ),
    Theme(
        title="Cơ quan, doanh nghiệp, nhà trường tự quản về ANTT",
        field=Field.AGENCY,
        kinds=(),
        year=2024,
        how="Thủ trưởng đơn vị ban hành quy chế; lực lượng bảo vệ chuyên trách phối hợp với Công an phường kiểm tra "
        "phòng cháy, chữa cháy, quản lý người lao động, học sinh; tuyên truyền phòng, chống ma túy, tín dụng đen.",
        lessons="Gắn tự quản với nội quy lao động, nội quy nhà trường; đưa kết quả vào tiêu chí thi đua của đơn vị.",
        tags="cơ quan, doanh nghiệp, nhà trường",
    ),
    Theme(
        title="Xóm đạo bình yên: giáo xứ cùng Công an giữ gìn ANTT",
        field=Field.RELIGION,
        kinds=("Xóm đạo bình yên", "Giáo họ tự quản về ANTT"),
        year=2025,
        how="Linh mục quản xứ, hội đồng mục vụ cùng Công an xã thống nhất nội dung; giáo dân chia tổ tự quản theo "
        "giáo họ, nhắc nhở con em tránh xa tệ nạn xã hội, trông giữ xe, giữ trật tự trong các dịp lễ.",
        lessons="Tôn trọng sinh hoạt tôn giáo; phát huy vai trò chức việc; phối hợp thường xuyên, tránh hành chính "
        "hóa.",
        tags="tôn giáo, giáo xứ, công giáo",
    ),
    Theme(
        title="Cựu chiến binh, đoàn viên thanh niên làm nòng cốt giữ gìn ANTT ở cơ sở",
        field=Field.MASS_ORG,
        kinds=(),
        year=2025,
        how="Hội Cựu chiến binh, Đoàn Thanh niên, Hội Phụ nữ lập tổ, đội tự quản; hội viên tuần tra, tuyên truyền "
        "phòng, chống ma túy, giúp đỡ người lầm lỗi tái hòa nhập cộng đồng.",
        lessons="Phát huy phẩm chất “Bộ đội Cụ Hồ” và sức trẻ của đoàn viên; gắn với phong trào của từng đoàn thể.",
        tags="cựu chiến binh, thanh niên, phụ nữ, đoàn thể",
    ),
    Theme(
        title="“3 tự phòng, 3 tự quản” và đội bảo vệ dân phố ở đô thị",
        field=Field.URBAN,
        kinds=(),
        year=2026,
        how="Tổ dân phố họp dân thống nhất “tự phòng ngừa, tự phát hiện, tự quản lý”; đội bảo vệ dân phố cơ động "
        "tuần tra các điểm phức tạp, hỗ trợ Công an phường quản lý cư trú, người thuê trọ.",
        lessons="Gắn trách nhiệm của tổ trưởng tổ dân phố; công khai số điện thoại đường dây nóng của Công an phường.",
        tags="đô thị, tổ dân phố, bảo vệ dân phố",
    ),
)
HOW_BY_FIELD = {theme.field: theme for theme in THEMES if not theme.original}
COMMUNE_PRACTICES = 6


def _streak_words(world: World, scheme: Scheme, year: int) -> str:
    """'năm 2025' or '3 năm liền (2023–2025)'."""
    years = world.good_years(scheme, year)
    return f"năm {year}" if years <= 1 else f"{years} năm liền ({year - years + 1}–{year})"


def _streak_key(world: World, scheme: Scheme, year: int) -> tuple:
    return (-world.good_years(scheme, year), scheme.code)


def _results(schemes: list[Scheme], until: int) -> dict:
    return ActivityReport.objects.filter(scheme__in=schemes, period_end__lte=date(until, 12, 31)).aggregate(
        patrols=Sum("patrols"),
        propaganda=Sum("propaganda_sessions"),
        tips=Sum("tips_to_police"),
        cases=Sum("cases_detected"),
        disputes=Sum("disputes_mediated"),
    )


def _body(*, how: str, lessons: str, schemes: list[Scheme], year: int, replicas: list[Scheme] = ()) -> str:
    totals = {key: value or 0 for key, value in _results(schemes, year).items()}
    first = max(2021, min(s.founded_on.year for s in schemes))
    if replicas:
        who = f"mô hình {quoted(schemes[0].name)} và {len(replicas)} điểm nhân rộng"
    elif len(schemes) == 1:
        who = f"mô hình {quoted(schemes[0].name)}"
    else:
        who = f"{len(schemes)} mô hình tiêu biểu"
    parts = [
        "1. Cách làm",
        how,
        "",
        "2. Kết quả",
        f"Từ năm {first} đến hết năm {year}, {who} đã tổ chức {number(totals['patrols'])} lượt tuần tra, "
        f"{number(totals['propaganda'])} buổi tuyên truyền; cung cấp {number(totals['tips'])} tin báo có giá trị "
        f"cho Công an, phát hiện {number(totals['cases'])} vụ việc, hòa giải thành {number(totals['disputes'])} "
        "vụ mâu thuẫn trong cộng đồng.",
    ]
    if replicas:
        communes = sorted({s.commune.name for s in replicas})
        parts.append(
            f"Mô hình đã được nhân rộng ra {len(replicas)} điểm ở {len(communes)} xã, phường: {', '.join(communes)}."
        )
    parts += ["", "3. Bài học kinh nghiệm", lessons]
    return "\n".join(parts)


def _theme_schemes(world: World, theme: Theme) -> tuple[list[Scheme], list[Scheme]]:
    """(the schemes the practice is drawn from, the replicas among them) for a province-wide theme."""
    active = [s for s in world.schemes if world.active_on(s, date(theme.year, 12, 31))]
    if theme.original:
        replicas_of: dict[int, list[Scheme]] = defaultdict(list)
        for scheme in active:
            if scheme.replicated_from_id:
                replicas_of[scheme.replicated_from_id].append(scheme)
        originals = [s for s in active if s.kind.name == theme.original and s.pk in replicas_of]
        if not originals:
            return [], []
        original = max(originals, key=lambda s: (len(replicas_of[s.pk]), -s.pk))
        return [original, *replicas_of[original.pk]], replicas_of[original.pk]
    fitting = [s for s in active if (s.kind.name in theme.kinds if theme.kinds else s.kind.field == theme.field)]
    rated = [s for s in fitting if world.good_years(s, min(theme.year, world.spec.last_year - 1)) > 0]
    return sorted(rated, key=lambda s: _streak_key(world, s, theme.year - 1))[:3], []


def practices_load(world: World, rng: random.Random) -> int:
    created = 0
    with acting_as(world.pv05):
        for theme in THEMES:
            schemes, replicas = _theme_schemes(world, theme)
            if not schemes:
                continue
            good_practice_create(
                user=world.pv05,
                data={
                    "title": theme.title,
                    "summary": theme.how.split(";")[0] + ".",
                    "body": _body(
                        how=theme.how, lessons=theme.lessons, schemes=schemes, year=theme.year, replicas=replicas
                    ),
                    "unit": world.province,
                    "year": theme.year,
                    "field": theme.field,
                    "tags": theme.tags,
                    "schemes": schemes,
                },
            )
            created += 1
    # Commune police stations write up their best scheme: the demo commune and a few others.
    last_rated = world.spec.last_year - 1
    best: dict[int, Scheme] = {}
    for scheme in world.schemes:
        if scheme.ended_on is None and world.good_years(scheme, last_rated) >= 1:
            current = best.get(scheme.commune_id)
            if current is None or _streak_key(world, scheme, last_rated) < _streak_key(world, current, last_rated):
                best[scheme.commune_id] = scheme
    demo = [s for s in best.values() if s.commune.code == DEMO_COMMUNE_CODE]
    others = sorted((s for s in best.values() if s.commune.code != DEMO_COMMUNE_CODE), key=lambda s: s.code)
    chosen = demo + rng.sample(others, min(COMMUNE_PRACTICES - len(demo), len(others)))
    for scheme in chosen:
        officer = world.officers.get(scheme.commune_id)
        if officer is None:
            continue
        theme = HOW_BY_FIELD.get(scheme.kind.field, HOW_BY_FIELD[Field.RURAL])
        year = rng.choice((last_rated, world.spec.last_year))
        with acting_as(officer):
            good_practice_create(
                user=officer,
                data={
                    "title": f"Kinh nghiệm xây dựng, duy trì mô hình {quoted(scheme.name)}",
                    "summary": f"Mô hình của {scheme.commune.name} xếp loại Tốt "
                    f"{_streak_words(world, scheme, last_rated)}.",
                    "body": _body(how=theme.how, lessons=theme.lessons, schemes=[scheme], year=year),
                    "unit": scheme.commune,
                    "year": year,
                    "field": scheme.kind.field,
                    "tags": f"{scheme.commune.short_name}, {theme.tags.split(',')[0]}",
                    "schemes": [scheme],
                },
            )
        created += 1
    return created


# --------------------------------------------------------------------------- commendations


MEMBER_TITLES = {MemberRole.LEADER: "Tổ trưởng", MemberRole.DEPUTY: "Tổ phó", MemberRole.MEMBER: "Thành viên"}


class Commendations:
    """Proposals (by the commune police, or PV05 for the higher levels) and the decisions PV05 records."""

    def __init__(self, world: World, rng: random.Random):
        self.world = world
        self.rng = rng
        self.count = 0
        self.members: dict[int, list[Member]] = defaultdict(list)
        for member in (
            Member.objects.filter(
                scheme__commune__parent=world.province,
                left_on__isnull=True,
                role__in=[MemberRole.LEADER, MemberRole.DEPUTY],
            )
            .select_related("team")
            .order_by("scheme_id", "role", "pk")
        ):
            self.members[member.scheme_id].append(member)
        self.commended: set[tuple[str, int]] = set()  # ("scheme" | "member", pk) already commended

    def good(self, year: int, on: date, *, streak: int = 1) -> list[Scheme]:
        world = self.world
        return [s for s in world.schemes if world.active_on(s, on) and world.good_years(s, year) >= streak]

    def _propose(self, proposer, data: dict) -> Commendation:
        with acting_as(proposer):
            commendation = commendation_create(user=proposer, data={"status": CommendationStatus.PROPOSED, **data})
        self.count += 1
        return commendation

    def _decide(self, commendation: Commendation, *, decision_number: str, decided: date) -> None:
        pv05 = self.world.pv05
        with acting_as(pv05):
            commendation_update(
                user=pv05,
                commendation=commendation,
                data={
                    "status": CommendationStatus.APPROVED,
                    "decision_number": decision_number,
                    "decision_date": decided,
                },
            )

    def _award(self, preset: str, *, issuer: str = "") -> dict:
        title, award_form, level, preset_issuer = PRESET_BY_KEY[preset]
        return {"title": title, "award_form": award_form, "level": level, "issuer": issuer or preset_issuer}

    def schemes(self, schemes, *, preset, year, reason, decision_number, decided, proposer=None, issuer=""):
        for scheme in schemes:
            self.commended.add(("scheme", scheme.pk))
            data = {
                "recipient_kind": RecipientKind.SCHEME,
                "scheme": scheme,
                "year": year,
                "reason": reason,
                **self._award(preset, issuer=issuer.format(commune=commune_at(scheme, decided))),
            }
            commendation = self._propose(proposer or self.world.officer_of(scheme), data)
            self._decide(commendation, decision_number=decision_number, decided=decided)

    def people(self, schemes, *, preset, year, reason, decision_number, decided, count, proposer=None, issuer=""):
        """``count`` leaders or deputies of ``schemes`` (one a scheme, not commended before)."""
        candidates = [
            (scheme, member)
            for scheme in schemes
            for member in self.members.get(scheme.pk, [])[:2]
            if ("member", member.pk) not in self.commended and member.joined_on <= decided
        ]
        seen: set[int] = set()
        self.rng.shuffle(candidates)
        for scheme, member in candidates:
            if len(seen) >= count:
                break
            if scheme.pk in seen:
                continue
            seen.add(scheme.pk)
            self.commended.add(("member", member.pk))
            team = f", {member.team.name}" if member.team_id else ""
            data = {
                "recipient_kind": RecipientKind.PERSON,
                "member": member,
                "person_name": member.full_name,
                "person_role": f"{MEMBER_TITLES[member.role]}{team}",
                "person_unit": scheme.name,
                "year": year,
                "reason": reason,
                **self._award(preset, issuer=issuer.format(commune=commune_at(scheme, decided))),
            }
            commendation = self._propose(proposer or self.world.officer_of(scheme), data)
            if decision_number:
                self._decide(commendation, decision_number=decision_number, decided=decided)


def commune_at(scheme: Scheme, day: date) -> str:
    """The commune whose People's Committee or police signed on ``day``: before 01/7/2025 the old one."""
    if day < REORGANISATION_DATE and scheme.legacy_commune_id:
        return scheme.legacy_commune.name
    return scheme.commune.name


def _day(rng: random.Random, year: int, month: int, first: int, last: int) -> date:
    return date(year, month, rng.randint(first, last))


def commendations_load(world: World, rng: random.Random) -> int:
    c = Commendations(world, rng)
    spec = world.spec
    for year in range(spec.base_year, spec.last_year):
        # After the classification: the People's Committee for two years Tốt, the provincial police for one.
        decided = _day(rng, year + 1, 1, 10, 24)
        streak = min(2, year - spec.base_year + 1)
        proven = sorted(c.good(year, decided, streak=streak), key=lambda s: s.code)
        merit = rng.sample(proven, min(len(proven), 2))
        running = f"xếp loại Tốt {streak} năm liền ({year - 1}–{year})" if streak > 1 else f"xếp loại Tốt năm {year}"
        c.schemes(
            merit,
            preset="bk_ubnd_tinh",
            year=year,
            proposer=world.pv05,
            decided=_day(rng, year + 1, 2, 10, 27),
            decision_number=f"{rng.randint(200, 2900)}/QĐ-UBND",
            reason=f"Đã có thành tích xuất sắc trong xây dựng mô hình, tổ chức tự quản về an ninh, trật tự; {running}.",
        )
        good = sorted(c.good(year, decided), key=lambda s: s.code)
        fresh = [s for s in good if ("scheme", s.pk) not in c.commended]
        director = f"{rng.randint(150, 900)}/QĐ-CAT"  # one decision for the schemes and the people
        c.schemes(
            rng.sample(fresh, min(len(fresh), rng.randint(4, 6))),
            preset="gk_gd_ca_tinh",
            year=year,
            decided=decided,
            decision_number=director,
            reason=f"Có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year}; "
            f"mô hình xếp loại Tốt năm {year}.",
        )
        c.people(
            good,
            count=rng.randint(3, 5),
            preset="gk_gd_ca_tinh",
            year=year,
            decided=decided,
            decision_number=director,
            reason=f"Tích cực tham gia tuần tra, cung cấp tin báo, giữ gìn an ninh, trật tự tại địa bàn năm {year}.",
        )
    for year in range(spec.base_year + 1, spec.last_year + 1):
        # Ngày hội toàn dân bảo vệ an ninh Tổ quốc (19/8): the communes commend their members.
        decided = _day(rng, year, 8, 8, 17)
        rated = [
            s
            for s in world.schemes
            if world.active_on(s, decided) and world.rating(s, year - 1) in (Rating.GOOD, Rating.FAIR)
        ]
        c.people(
            sorted(rated, key=lambda s: s.code),
            count=rng.randint(4, 6),
            preset="gk_ubnd_xa",
            year=year,
            decided=decided,
            decision_number=f"{rng.randint(20, 180)}/QĐ-UBND",
            issuer="Chủ tịch UBND {commune}",
            reason=f"Có thành tích trong phong trào toàn dân bảo vệ an ninh Tổ quốc, nhân Ngày hội toàn dân bảo vệ "
            f"an ninh Tổ quốc 19/8/{year}.",
        )
        good = [s for s in rated if world.rating(s, year - 1) == Rating.GOOD and ("scheme", s.pk) not in c.commended]
        c.schemes(
            rng.sample(sorted(good, key=lambda s: s.code), min(len(good), rng.randint(1, 2))),
            preset="gk_ca_xa",
            year=year,
            decided=decided,
            decision_number=f"{rng.randint(10, 90)}/QĐ-CAX",
            issuer="Trưởng Công an {commune}",
            reason=f"Hoạt động hiệu quả, góp phần giữ gìn an ninh, trật tự trên địa bàn; nhân Ngày hội 19/8/{year}.",
        )
        if year == spec.base_year + 2:
            _ministry(c, world, year, decided)
        if year == spec.base_year + 3:
            _medal(c, world, year, decided)
    _pending(c, world, rng)
    return c.count


def _ministry(c: Commendations, world: World, year: int, decided: date) -> None:
    """The Minister's Bằng khen to the article's Đội tự quản xã Khánh Thành (or the longest Tốt streak)."""
    active = [s for s in world.schemes if world.active_on(s, decided)]
    team = [s for s in active if s.kind.name == K_MOUNTAIN_TEAM and s.replicated_from_id is None]
    chosen = team or sorted(active, key=lambda s: _streak_key(world, s, year - 1))[:1]
    c.schemes(
        chosen[:1],
        preset="bk_bo_ca",
        year=year,
        proposer=world.pv05,
        decided=decided,
        decision_number=f"{c.rng.randint(3000, 6900)}/QĐ-BCA",
        reason="Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc, góp phần giữ vững an "
        "ninh, trật tự vùng đồng bào dân tộc thiểu số.",
    )


def _medal(c: Commendations, world: World, year: int, decided: date) -> None:
    """The Kỷ niệm chương Bảo vệ an ninh Tổ quốc to the leader of a scheme of village elders."""
    elders = [s for s in world.schemes if world.active_on(s, decided) and s.kind.field == Field.ETHNIC]
    elders.sort(key=lambda s: _streak_key(world, s, year - 1))
    c.people(
        elders[:3],
        count=1,
        preset="knc_bvantq",
        year=year,
        proposer=world.pv05,
        decided=decided,
        decision_number=f"{c.rng.randint(3000, 6900)}/QĐ-BCA",
        reason="Người có uy tín trong đồng bào dân tộc thiểu số, nhiều năm gắn bó với phong trào toàn dân bảo vệ "
        "an ninh Tổ quốc.",
    )


def _pending(c: Commendations, world: World, rng: random.Random) -> None:
    """The year ending: communes propose their schemes rated Tốt two years running, and a member each."""
    last_rated = world.spec.last_year - 1
    label = f"2 năm liền ({last_rated - 1}–{last_rated})"
    communes = sorted({s.commune_id for s in world.schemes if world.good_years(s, last_rated) >= 2})
    demo = [c.pk for c in world.communes if c.code == DEMO_COMMUNE_CODE and c.pk in communes]
    others = [pk for pk in communes if pk not in demo]
    chosen = demo + rng.sample(others, min(5, len(others)))
    for commune_id in chosen:
        officer = world.officers.get(commune_id)
        if officer is None:
            continue
        suggested = list(commendation_suggestions(user=officer, years=2, until=last_rated)[:2])
        if suggested:
            with acting_as(officer):
                c.count += len(
                    commendation_propose_schemes(
                        user=officer, schemes=suggested, year=world.spec.last_year, streak_label=label
                    )
                )
        c.people(
            [s for s in world.schemes if s.commune_id == commune_id and world.good_years(s, last_rated) >= 1],
            count=1,
            preset="gk_gd_ca_tinh",
            year=world.spec.last_year,
            decided=world.today,
            decision_number="",
            proposer=officer,
            reason=f"Tích cực tham gia tuần tra, cung cấp tin báo, giữ gìn an ninh, trật tự tại địa bàn năm "
            f"{world.spec.last_year}.",
        )
