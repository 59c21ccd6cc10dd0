"""Loading administrative units from the ``vietnam-provinces`` package (never typed by hand)."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import vietnam_provinces as vp
import vietnam_provinces.legacy as vpl
from django.db import transaction

from tuquan.places.choices import Era, Level
from tuquan.places.models import REORGANISATION_DATE, AdminUnit, Succession
from tuquan.places.signals import units_loaded

LEGACY_UNTIL = date(2025, 6, 30)
TYPE_PREFIXES = (
    "Thành phố ",
    "Tỉnh ",
    "Huyện ",
    "Quận ",
    "Thị xã ",
    "Thị trấn ",
    "Phường ",
    "Xã ",
    "Đặc khu ",
)


def short_name(name: str) -> str:
    """'Huyện Cam Lâm' → 'Cam Lâm'; numbered units keep their type ('Phường 1')."""
    for prefix in TYPE_PREFIXES:
        if name.startswith(prefix):
            rest = name[len(prefix) :]
            return name if rest[:1].isdigit() else rest
    return name


@dataclass
class UnitRow:
    era: str
    level: str
    code: str
    name: str
    division_type: str
    path: str
    parent_key: tuple[str, str, str] | None
    valid_from: date | None
    valid_until: date | None


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    successions_created: int = 0
    by_level: dict = field(default_factory=dict)


def _rows_for(province_codes: Iterable[int] | None) -> tuple[list[UnitRow], list[tuple], set[int]]:
    """Unit rows of both maps and the succession pairs, for the given current provinces (or all)."""
    current = [p for p in vp.Province.iter_all() if province_codes is None or int(p.code) in province_codes]
    rows: list[UnitRow] = []
    pairs: set[tuple] = set()
    legacy_province_codes: set[int] = set()
    for province in current:
        pcode = str(int(province.code))
        rows.append(
            UnitRow(
                Era.CURRENT,
                Level.PROVINCE,
                pcode,
                province.name,
                str(province.division_type),
                f"N{pcode}/",
                None,
                REORGANISATION_DATE,
                None,
            )
        )
        for legacy_province in province.get_legacy_sources():
            legacy_province_codes.add(int(legacy_province.code))
            pairs.add(
                ((Era.LEGACY, Level.PROVINCE, str(int(legacy_province.code))), (Era.CURRENT, Level.PROVINCE, pcode))
            )
        for ward in vp.Ward.iter_by_province(province.code):
            wcode = str(int(ward.code))
            new_key = (Era.CURRENT, Level.COMMUNE, wcode)
            rows.append(
                UnitRow(
                    Era.CURRENT,
                    Level.COMMUNE,
                    wcode,
                    ward.name,
                    str(ward.division_type),
                    f"N{pcode}/{wcode}/",
                    (Era.CURRENT, Level.PROVINCE, pcode),
                    REORGANISATION_DATE,
                    None,
                )
            )
            for old in ward.get_legacy_sources():
                pairs.add(((Era.LEGACY, Level.COMMUNE, str(int(old.code))), new_key))
                pairs.add(((Era.LEGACY, Level.DISTRICT, str(int(old.district_code))), new_key))
    for legacy_province in vpl.Province.iter_all():
        if int(legacy_province.code) not in legacy_province_codes:
            continue
        lp = str(int(legacy_province.code))
        rows.append(
            UnitRow(
                Era.LEGACY,
                Level.PROVINCE,
                lp,
                legacy_province.name,
                str(legacy_province.division_type),
                f"L{lp}/",
                None,
                None,
                LEGACY_UNTIL,
            )
        )
        for district in vpl.District.iter_by_province(legacy_province.code):
            dcode = str(int(district.code))
            rows.append(
                UnitRow(
                    Era.LEGACY,
                    Level.DISTRICT,
                    dcode,
                    district.name,
                    str(district.division_type),
                    f"L{lp}/{dcode}/",
                    (Era.LEGACY, Level.PROVINCE, lp),
                    None,
                    LEGACY_UNTIL,
                )
            )
            for ward in vpl.Ward.iter_by_district(district.code):
                wcode = str(int(ward.code))
                rows.append(
                    UnitRow(
                        Era.LEGACY,
                        Level.COMMUNE,
                        wcode,
                        ward.name,
                        str(ward.division_type),
                        f"L{lp}/{dcode}/{wcode}/",
                        (Era.LEGACY, Level.DISTRICT, dcode),
                        None,
                        LEGACY_UNTIL,
                    )
                )
    return rows, sorted(pairs), legacy_province_codes


LEVEL_ORDER = {Level.PROVINCE: 0, Level.DISTRICT: 1, Level.COMMUNE: 2}


@transaction.atomic
def places_load(*, province_codes: Iterable[int] | None = None) -> LoadResult:
    """Create or update the units (both maps) and the succession mapping; idempotent."""
    codes = set(province_codes) if province_codes is not None else None
    rows, pairs, _ = _rows_for(codes)
    result = LoadResult()
    existing = {(u.era, u.level, u.code): u for u in AdminUnit.objects.all()}
    rows.sort(key=lambda row: LEVEL_ORDER[row.level])
    for level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE):
        to_create, to_update = [], []
        for row in (r for r in rows if r.level == level):
            key = (row.era, row.level, row.code)
            parent = existing[row.parent_key] if row.parent_key else None
            values = {
                "name": row.name,
                "short_name": short_name(row.name),
                "division_type": row.division_type,
                "parent_id": parent.pk if parent else None,
                "path": row.path,
                "valid_from": row.valid_from,
                "valid_until": row.valid_until,
            }
            unit = existing.get(key)
            if unit is None:
                unit = AdminUnit(era=row.era, level=row.level, code=row.code, **values)
                unit.search_text = ""
                to_create.append(unit)
            elif any(getattr(unit, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(unit, name, value)
                to_update.append(unit)
            else:
                result.unchanged += 1
        for unit in to_create + to_update:
            unit.search_text = _search_text(unit)
        AdminUnit.objects.bulk_create(to_create, batch_size=1000)
        AdminUnit.objects.bulk_update(
            to_update,
            ["name", "short_name", "division_type", "parent", "path", "valid_from", "valid_until", "search_text"],
            batch_size=1000,
        )
        result.created += len(to_create)
        result.updated += len(to_update)
        result.by_level[level] = len(to_create) + len(to_update)
        if to_create:
            existing.update(
                {
                    (u.era, u.level, u.code): u
                    for u in AdminUnit.objects.filter(level=level, era__in=[Era.CURRENT, Era.LEGACY])
                }
            )
    known = set(Succession.objects.values_list("old_unit_id", "new_unit_id"))
    new_pairs = []
    for old_key, new_key in pairs:
        old, new = existing.get(old_key), existing.get(new_key)
        if old is None or new is None:
            continue
        if (old.pk, new.pk) not in known:
            new_pairs.append(Succession(old_unit=old, new_unit=new, effective_on=REORGANISATION_DATE))
            known.add((old.pk, new.pk))
    Succession.objects.bulk_create(new_pairs, batch_size=2000)
    result.successions_created = len(new_pairs)
    units_loaded.send(sender=AdminUnit)
    return result


def _search_text(unit: AdminUnit) -> str:
    from tuquan.core.text import fold

    return fold(f"{unit.name} {unit.code}")
