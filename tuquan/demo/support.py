"""The demo's support records (kinh phí, chế độ, trang phục, công cụ hỗ trợ), 2022 to the demo's day.

Each year about one scheme in four gets something — more of the well-rated ones and of those just
founded (their first equipment), fewer of the weak ones; the article's complaint ("xây dựng được
mô hình đã khó, duy trì hoạt động còn khó hơn") stays true: most schemes live on little. A record
is money from the commune budget or the defence and security fund, money from the province for
schemes in ethnic-minority and religious areas, or equipment (uniforms, torches, batons, radios,
gongs, cameras, loudspeakers) given by businesses, benefactors, parishes and pagodas (xã hội hóa)
or bought by the commune. Amounts are whole đồng, prices those of a Vietnamese commune.

Written by the commune police officer of each scheme through ``support.services.support_record_create``.
"""

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from tuquan.assessments.choices import Rating
from tuquan.core.actor import acting_as
from tuquan.demo.people import PersonFactory
from tuquan.demo.world import World
from tuquan.places.models import AdminUnit
from tuquan.schemes.choices import Field, HostOrganisation
from tuquan.schemes.models import Scheme, Team
from tuquan.support.choices import ItemCategory, Source, SupportKind
from tuquan.support.models import SupportRecord
from tuquan.support.services import support_record_create

# Chance that a scheme gets support in a year, by its class of the year before (None: no class, or new).
SHARE_BY_RATING = {Rating.GOOD: 0.3, Rating.FAIR: 0.24, Rating.AVERAGE: 0.15, Rating.WEAK: 0.05, None: 0.2}
SHARE_FOUNDED = 0.5  # founded that year: first equipment
PATROL_FIELDS = {Field.RURAL, Field.URBAN, Field.ETHNIC, Field.MASS_ORG}


@dataclass(frozen=True)
class Equipment:
    description: str
    unit_price: tuple[int, int]  # đồng, lowest and highest
    quantity: tuple[int, int]


EQUIPMENT = {
    ItemCategory.UNIFORM: Equipment("Áo, mũ đồng phục cho thành viên", (220_000, 420_000), (6, 20)),
    ItemCategory.TORCH: Equipment("Đèn pin sạc đi tuần", (120_000, 260_000), (4, 15)),
    ItemCategory.BATON: Equipment("Gậy cao su, áo phản quang", (90_000, 180_000), (4, 12)),
    ItemCategory.RADIO: Equipment("Bộ đàm cầm tay", (1_200_000, 2_600_000), (2, 6)),
    ItemCategory.GONG: Equipment("Kẻng báo động đặt tại các cụm dân cư", (500_000, 1_500_000), (2, 6)),
    ItemCategory.CAMERA: Equipment("Camera quan sát lắp tại các tuyến đường, ngã ba", (2_500_000, 5_500_000), (2, 8)),
    ItemCategory.LOUDSPEAKER: Equipment("Loa phát thanh tuyên truyền", (2_500_000, 6_000_000), (1, 2)),
    ItemCategory.FUEL: Equipment("Xe đạp tuần tra", (1_800_000, 2_800_000), (1, 3)),
    ItemCategory.OTHER: Equipment(
        "Điện thoại thông minh quản trị nhóm Zalo, trang Facebook", (3_000_000, 6_000_000), (1, 2)
    ),
}
# Which equipment fits a field of scheme (weights).
EQUIPMENT_BY_FIELD = {
    Field.RURAL: {
        ItemCategory.UNIFORM: 3,
        ItemCategory.TORCH: 3,
        ItemCategory.BATON: 2,
        ItemCategory.GONG: 3,
        ItemCategory.RADIO: 1,
        ItemCategory.FUEL: 1,
        ItemCategory.LOUDSPEAKER: 1,
    },
    Field.URBAN: {
        ItemCategory.UNIFORM: 3,
        ItemCategory.TORCH: 2,
        ItemCategory.BATON: 2,
        ItemCategory.RADIO: 2,
        ItemCategory.CAMERA: 2,
    },
    Field.RELIGION: {
        ItemCategory.UNIFORM: 2,
        ItemCategory.TORCH: 2,
        ItemCategory.LOUDSPEAKER: 2,
        ItemCategory.CAMERA: 1,
    },
    Field.ETHNIC: {ItemCategory.TORCH: 3, ItemCategory.UNIFORM: 2, ItemCategory.GONG: 2, ItemCategory.LOUDSPEAKER: 2},
    Field.MASS_ORG: {
        ItemCategory.UNIFORM: 3,
        ItemCategory.TORCH: 2,
        ItemCategory.LOUDSPEAKER: 2,
        ItemCategory.BATON: 1,
    },
    Field.AGENCY: {ItemCategory.CAMERA: 3, ItemCategory.RADIO: 2, ItemCategory.UNIFORM: 2},
    Field.TECHNOLOGY: {ItemCategory.CAMERA: 3, ItemCategory.OTHER: 2, ItemCategory.LOUDSPEAKER: 1},
}
BUSINESSES = (
    "Công ty TNHH Thủy sản Hải Phương",
    "Công ty Cổ phần Xây dựng Phước Thành",
    "Doanh nghiệp tư nhân Vận tải Hoàng Long",
    "Công ty TNHH Du lịch Sao Biển",
    "Công ty TNHH Yến sào Thiên Ân",
    "Hợp tác xã Nông nghiệp Ninh Xuân",
    "Công ty Cổ phần Vật liệu xây dựng Diên Phú",
    "Công ty TNHH Chế biến hạt điều Cam Thịnh",
    "Công ty TNHH Nuôi trồng thủy sản Vạn Phong",
    "Công ty Cổ phần Khách sạn Biển Xanh",
    "Doanh nghiệp tư nhân Xăng dầu Tân Phát",
    "Công ty TNHH Nước mắm Cửa Bé",
)


def support_exists(province: AdminUnit) -> bool:
    return SupportRecord.objects.filter(scheme__commune__path__startswith=province.path).exists()


class SupportBuilder:
    def __init__(self, world: World, rng: random.Random, teams: dict[int, list[Team]]):
        self.world = world
        self.rng = rng
        self.teams = teams
        self.people = PersonFactory(rng)

    def _round(self, value: int, step: int = 100_000) -> int:
        return max(step, round(value / step) * step)

    def _day(self, scheme: Scheme, year: int) -> date | None:
        start = max(date(year, 1, 5), scheme.founded_on + timedelta(days=7))
        end = min(date(year, 12, 20), self.world.today - timedelta(days=8))
        if scheme.ended_on:
            end = min(end, scheme.ended_on - timedelta(days=30))
        if end < start:
            return None
        return start + timedelta(days=self.rng.randint(0, (end - start).days))

    def _decision(self, day: date, issuer_code: str) -> tuple[str, date]:
        decided = max(date(day.year, 1, 2), day - timedelta(days=self.rng.randint(3, 25)))
        return f"{self.rng.randint(8, 480)}/QĐ-{issuer_code}", decided

    def _donor(self, scheme: Scheme) -> str:
        rng = self.rng
        if scheme.kind.field == Field.AGENCY and scheme.host_detail:
            return scheme.host_detail
        if scheme.host == HostOrganisation.PARISH and scheme.host_detail:
            return scheme.host_detail
        if scheme.host == HostOrganisation.PAGODA and scheme.host_detail:
            return scheme.host_detail
        choice = rng.random()
        if choice < 0.55:
            return rng.choice(BUSINESSES)
        if choice < 0.85:
            return f"Nhà hảo tâm {self.people.full_name(female=rng.random() < 0.4)}"
        return f"Ban Công tác Mặt trận {scheme.area or 'khu dân cư'}"

    def records(self, scheme: Scheme, year: int) -> list[dict]:
        """What ``scheme`` receives in ``year`` (often nothing): data for ``support_record_create``."""
        rng = self.rng
        founded = scheme.founded_on.year == year
        share = (
            SHARE_FOUNDED
            if founded
            else SHARE_BY_RATING.get(self.world.rating(scheme, year - 1), SHARE_BY_RATING[None])
        )
        if rng.random() >= share:
            return []
        count = 1 + (rng.random() < 0.25)
        result = []
        for index in range(count):
            day = self._day(scheme, year)
            if day is None:
                break
            result.append(self._record(scheme, day, first_equipment=founded and index == 0))
        return result

    def _record(self, scheme: Scheme, day: date, *, first_equipment: bool) -> dict:
        rng = self.rng
        field = scheme.kind.field
        focus = scheme.focus_ethnic or scheme.focus_religion
        roll = rng.random()
        if first_equipment or roll < 0.45:
            return self._equipment(scheme, day, first_equipment=first_equipment)
        if focus and roll < 0.62:
            number, decided = self._decision(day, "UBND")
            area = "vùng đồng bào dân tộc thiểu số" if scheme.focus_ethnic else "vùng đồng bào tôn giáo"
            return {
                "date": day,
                "kind": SupportKind.MONEY,
                "category": ItemCategory.OTHER,
                "source": Source.PROVINCE_BUDGET,
                "value": self._round(rng.randint(5_000_000, 15_000_000), 500_000),
                "description": f"Hỗ trợ hoạt động mô hình tự quản {area} năm {day.year}",
                "decision_number": number,
                "decision_date": decided,
            }
        if field in PATROL_FIELDS and roll < 0.65:
            return {
                "date": day,
                "kind": SupportKind.MONEY,
                "category": ItemCategory.ALLOWANCE,
                "source": Source.DEFENCE_FUND,
                "value": self._round(rng.randint(1_000_000, 5_000_000)),
                "description": "Bồi dưỡng thành viên tham gia tuần tra ban đêm, dịp lễ, Tết",
            }
        if roll < 0.85:
            number, decided = self._decision(day, "UBND")
            return {
                "date": day,
                "kind": SupportKind.MONEY,
                "category": ItemCategory.ALLOWANCE,
                "source": Source.COMMUNE_BUDGET,
                "value": self._round(rng.randint(2_000_000, 12_000_000)),
                "description": f"Kinh phí hoạt động, bồi dưỡng thành viên năm {day.year}",
                "decision_number": number,
                "decision_date": decided,
            }
        return {
            "date": day,
            "kind": SupportKind.MONEY,
            "category": ItemCategory.OTHER,
            "source": Source.SOCIALISED,
            "value": self._round(rng.randint(2_000_000, 10_000_000), 500_000),
            "donor_name": self._donor(scheme),
            "description": "Ủng hộ kinh phí hoạt động của mô hình",
        }

    def _equipment(self, scheme: Scheme, day: date, *, first_equipment: bool) -> dict:
        rng = self.rng
        weights = EQUIPMENT_BY_FIELD.get(scheme.kind.field, EQUIPMENT_BY_FIELD[Field.RURAL])
        if scheme.camera_count and ItemCategory.CAMERA not in weights:
            weights = {**weights, ItemCategory.CAMERA: 2}
        categories = list(weights)
        category = rng.choices(categories, weights=[weights[c] for c in categories])[0]
        item = EQUIPMENT[category]
        quantity = rng.randint(*item.quantity)
        value = quantity * self._round(rng.randint(*item.unit_price), 10_000)
        data = {
            "date": day,
            "kind": SupportKind.ITEM,
            "category": category,
            "quantity": quantity,
            "value": value,
            "description": item.description + (" (trang bị ban đầu khi thành lập)" if first_equipment else ""),
        }
        if rng.random() < 0.6:
            data.update(source=Source.SOCIALISED, donor_name=self._donor(scheme))
        else:
            number, decided = self._decision(day, "UBND")
            data.update(source=Source.COMMUNE_BUDGET, decision_number=number, decision_date=decided)
        teams = [t for t in self.teams.get(scheme.pk, []) if t.founded_on is None or t.founded_on <= day]
        if len(teams) > 1 and category in (ItemCategory.UNIFORM, ItemCategory.TORCH, ItemCategory.RADIO):
            data["team"] = rng.choice(teams)
        return data


def support_load(world: World, rng: random.Random) -> int:
    teams: dict[int, list[Team]] = defaultdict(list)
    for team in Team.objects.filter(scheme__commune__parent=world.province).order_by("scheme_id", "pk"):
        teams[team.scheme_id].append(team)
    builder = SupportBuilder(world, rng, teams)
    created = 0
    for year in world.years:
        for scheme in world.schemes:
            if not world.active_on(scheme, date(year, 1, 1)) and scheme.founded_on.year != year:
                continue
            records = builder.records(scheme, year)
            if not records:
                continue
            officer = world.officer_of(scheme)
            with acting_as(officer):
                for data in records:
                    support_record_create(user=officer, scheme=scheme, data=data)
                    created += 1
    return created
