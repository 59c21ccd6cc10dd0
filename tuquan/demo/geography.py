"""The demo province's map: its units in both eras, the succession between them, and where a scheme sits.

Read once per demo (``Geography``); ``Place`` is one scheme's commune (current and, before
01/7/2025, legacy) with the profile of the district it came from.
"""

import random
from collections import Counter, defaultdict
from dataclasses import dataclass

from tuquan.demo.spec import ProvinceSpec
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit, Succession


@dataclass
class Place:
    """Where a scheme sits: its current commune and, before 01/7/2025, the old commune."""

    current: AdminUnit
    legacy: AdminUnit | None
    district_code: str
    profile: str
    urban: bool

    @property
    def unit(self) -> AdminUnit:
        return self.legacy or self.current


class Geography:
    """The units of one province (both maps) and the succession between them, read once."""

    def __init__(self, spec: ProvinceSpec) -> None:
        self.spec = spec
        self.province = AdminUnit.objects.get(era=Era.CURRENT, level=Level.PROVINCE, code=spec.current_code)
        legacy_codes = [spec.legacy_code] + [code for code, _, _ in spec.merged]
        profiles = {d.code: d.profile for d in spec.districts}
        for _, district_profiles, _ in spec.merged:
            profiles.update(district_profiles)
        self.profiles = profiles
        communes = (
            AdminUnit.objects.filter(
                era=Era.LEGACY,
                level=Level.COMMUNE,
                parent__parent__era=Era.LEGACY,
                parent__parent__code__in=legacy_codes,
            )
            .select_related("parent")
            .order_by("code")
        )
        self.legacy_by_district: dict[str, list[AdminUnit]] = defaultdict(list)
        for unit in communes:
            self.legacy_by_district[unit.parent.code].append(unit)
        self.current = {
            u.pk: u for u in AdminUnit.objects.filter(era=Era.CURRENT, level=Level.COMMUNE, parent=self.province)
        }
        self.successors: dict[int, list[AdminUnit]] = defaultdict(list)
        district_votes: dict[int, Counter] = defaultdict(Counter)
        legacy_by_pk = {u.pk: u for u in communes}
        pairs = Succession.objects.filter(old_unit__in=list(legacy_by_pk), new_unit__in=list(self.current)).values_list(
            "old_unit_id", "new_unit_id"
        )
        for old_id, new_id in sorted(pairs, key=lambda pair: (pair[0], self.current[pair[1]].code)):
            self.successors[old_id].append(self.current[new_id])
            district_votes[new_id][legacy_by_pk[old_id].parent.code] += 1
        # The district a current commune mostly came from decides which kinds fit it.
        self.current_district = {
            new_id: votes.most_common(1)[0][0] for new_id, votes in district_votes.items() if votes
        }

    def legacy_place(self, rng: random.Random, unit: AdminUnit) -> Place:
        successors = self.successors[unit.pk]
        current = successors[0] if len(successors) == 1 else rng.choice(successors)
        district = unit.parent.code
        return Place(current, unit, district, self.profiles[district], unit.division_type in ("phường", "thị trấn"))

    def current_place(self, unit: AdminUnit) -> Place:
        district = self.current_district[unit.pk]
        return Place(unit, None, district, self.profiles[district], unit.division_type == "phường")

    def current_communes(self, district_codes) -> list[AdminUnit]:
        codes = set(district_codes)
        return sorted(
            (u for pk, u in self.current.items() if self.current_district.get(pk) in codes), key=lambda u: u.code
        )
