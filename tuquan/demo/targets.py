"""The demo's yearly targets (chỉ tiêu thi đua): what PV05 assigned every commune in the last two years.

A target belongs to a current commune, so the years start with the reorganisation (2025: the 65
communes, former Ninh Thuận included). Values are drawn around what each commune reached (the
targets app's own ``commune_figures``), so that the year pages show communes that reached, nearly
reached and missed their targets in plausible shares; the values reached are never stored (the
app computes them). Written by PV05 through ``targets.services.target_import`` (one
all-or-nothing import a year). Đặc khu Trường Sa has no scheme and gets no target.
"""

import random

from tuquan.core.actor import acting_as
from tuquan.demo.geography import Geography
from tuquan.demo.world import World
from tuquan.places.models import REORGANISATION_DATE, AdminUnit
from tuquan.schemes.choices import Field
from tuquan.targets.choices import Indicator
from tuquan.targets.models import Target
from tuquan.targets.selectors import CommuneFigures, commune_figures
from tuquan.targets.services import target_import

YEARS_BACK = 2
# How a count or share target sits against what the commune reached (weights).
OUTCOMES = {"reached": 60, "near": 25, "missed": 15}
NOTE_NO_SCHEME = "Địa bàn chưa có mô hình: phấn đấu thành lập ít nhất 1 mô hình trong năm."
NOTE_TECHNOLOGY = "Phường đô thị: có ít nhất 1 mô hình ứng dụng công nghệ (camera, Facebook, Zalo ANTT)."
# Pre-2025 districts whose phường are cities (camera, Zalo groups fit them).
CITY_DISTRICTS = {"568", "569", "582"}


def targets_exist(province: AdminUnit) -> bool:
    return Target.objects.filter(unit__path__startswith=province.path).exists()


def _pick(rng: random.Random, weights: dict) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def count_target(rng: random.Random, reached: int) -> int:
    """A "at least N schemes" value: reached, one short, or clearly missed."""
    if reached == 0:
        return 1
    outcome = _pick(rng, OUTCOMES)
    if outcome == "reached":
        return max(1, reached - rng.choice((0, 0, 1, 2)))
    if outcome == "near":
        return reached + 1
    return reached + 2 + reached // 4


def share_target(rng: random.Random, good: int, assessed: int) -> int:
    """A "share rated Tốt ≥ N %" value, a multiple of 5 between 20 and 60."""
    floor = min(60, 5 * (good * 100 // assessed // 5))
    outcome = _pick(rng, OUTCOMES)
    if outcome == "reached" and floor >= 20:
        return floor
    if outcome == "near" or floor < 20:
        return max(20, floor + 5)
    return min(60, floor + 15)


def _origins(world: World) -> dict[int, str]:
    """Current commune id → the pre-2025 district most of it came from (``Geography``'s rule)."""
    geo = Geography(world.spec)
    return {pk: geo.current_district.get(pk, "") for pk in geo.current}


def targets_load(world: World, rng: random.Random) -> int:
    origins = _origins(world)
    assigned = [c for c in world.communes if c.division_type != "đặc khu"]
    pks = [c.pk for c in assigned]
    created = 0
    for year in range(max(REORGANISATION_DATE.year, world.spec.last_year - YEARS_BACK + 1), world.spec.last_year + 1):
        figures = commune_figures(year=year, communes=pks)
        before = commune_figures(year=year - 1, communes=pks)
        rows = []
        for commune in assigned:
            reached = figures.get(commune.pk, CommuneFigures())
            previous = before.get(commune.pk, CommuneFigures())
            # (indicator, value, note, field): what the province asks of this commune this year.
            wanted = [(Indicator.MIN_ACTIVE_SCHEMES, count_target(rng, reached.active), "", "")]
            if previous.active < 3:
                wanted.append((Indicator.MIN_NEW_SCHEMES, 1, NOTE_NO_SCHEME if previous.active == 0 else "", ""))
            if reached.assessed:
                wanted.append((Indicator.MIN_SHARE_GOOD, share_target(rng, reached.good, reached.assessed), "", ""))
            if commune.division_type == "phường" and origins.get(commune.pk) in CITY_DISTRICTS:
                wanted.append((Indicator.HAS_KIND, 1, NOTE_TECHNOLOGY, Field.TECHNOLOGY))
            rows += [
                {
                    "year": year,
                    "unit": commune,
                    "indicator": indicator,
                    "kind": None,
                    "field": field_value,
                    "value": value,
                    "note": note,
                }
                for indicator, value, note, field_value in wanted
            ]
        with acting_as(world.pv05):
            new, _ = target_import(user=world.pv05, rows=rows)
        created += new
    return created
