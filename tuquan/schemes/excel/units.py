"""Finding administrative units by what officers write: codes, names with or without their type
("huyện Cam Lâm", "Cam Lâm", "TP. Nha Trang"), NFD text, and pre-2025 units mapped through
``places.Succession`` to the current commune.
"""

import re
from collections import defaultdict

from tuquan.core.text import vi_sorted
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit, Succession
from tuquan.schemes.excel.cells import cell_text
from tuquan.schemes.excel.columns import header_key

DISTRICT_PREFIXES = ("thanh pho", "tp", "thi xa", "tx", "huyen", "h", "quan", "q")
COMMUNE_PREFIXES = ("thi tran", "tt", "phuong", "p", "xa", "x", "dac khu", "dk")


def unit_key(text) -> tuple[str | None, str]:
    """'TP. Nha Trang' → ('district', 'nha trang'); 'Xã Cam Lâm' → ('commune', 'cam lam')."""
    key = header_key(cell_text(text))
    for level, prefixes in ((Level.DISTRICT, DISTRICT_PREFIXES), (Level.COMMUNE, COMMUNE_PREFIXES)):
        for prefix in prefixes:
            if key.startswith(prefix + " ") and len(key) > len(prefix) + 1:
                return level, key[len(prefix) + 1 :]
    if match := re.fullmatch(r"(p|q)(\d+)", key):
        return (Level.COMMUNE if match.group(1) == "p" else Level.DISTRICT), match.group(2)
    return None, key


class UnitResolver:
    """Finds current communes, old communes and old districts by code or tolerant name, in one province."""

    def __init__(self, user):
        province_path = None
        if user.jurisdiction_id is not None:
            province_path = user.jurisdiction.path.split("/", 1)[0] + "/"
        current = AdminUnit.objects.filter(era=Era.CURRENT, level=Level.COMMUNE)
        legacy = AdminUnit.objects.filter(era=Era.LEGACY, level__in=[Level.COMMUNE, Level.DISTRICT])
        successions = Succession.objects.all()
        if province_path:
            current = current.filter(path__startswith=province_path)
            successions = successions.filter(new_unit__path__startswith=province_path)
            legacy = legacy.filter(pk__in=successions.values("old_unit"))
        # era, level and parent are read by the registry's rules (services.checks._validate_scheme).
        self.current = list(current.only("pk", "code", "name", "path", "era", "level", "parent_id"))
        legacy_units = list(
            legacy.select_related("parent").only("pk", "code", "name", "path", "era", "level", "parent__name")
        )
        self.successors: dict[int, set[int]] = defaultdict(set)
        for old_id, new_id in successions.values_list("old_unit_id", "new_unit_id"):
            self.successors[old_id].add(new_id)
        self.by_pk = {unit.pk: unit for unit in [*self.current, *legacy_units]}
        self.current_index = self._index(self.current)
        self.old_communes = self._index([unit for unit in legacy_units if unit.level == Level.COMMUNE])
        self.old_districts = self._index([unit for unit in legacy_units if unit.level == Level.DISTRICT])

    @staticmethod
    def _index(units) -> dict[str, list[AdminUnit]]:
        index: dict[str, list[AdminUnit]] = defaultdict(list)
        for unit in units:
            index[unit.code].append(unit)
            key = unit_key(unit.name)[1]
            index[key].append(unit)
            full = header_key(unit.name)
            if full != key:
                index[full].append(unit)
        return index

    @staticmethod
    def _find(index, text) -> list[AdminUnit]:
        raw = cell_text(text)
        code = raw.lstrip("0") if raw.isdigit() else None
        found = index.get(code, []) if code else []
        if not found:
            found = index.get(header_key(raw), []) or index.get(unit_key(raw)[1], [])
        return list({unit.pk: unit for unit in found}.values())

    def names(self, pks) -> str:
        return ", ".join(vi_sorted(self.by_pk[pk].name for pk in pks if pk in self.by_pk))

    def resolve(self, commune_text, old_commune_text, old_district_text):
        """(current commune, old commune or None, errors as {column key: message})."""
        errors: dict[str, str] = {}
        current = old_commune = old_district = None
        commune_text, old_commune_text, old_district_text = (
            cell_text(commune_text),
            cell_text(old_commune_text),
            cell_text(old_district_text),
        )
        if commune_text:
            level, _ = unit_key(commune_text)
            found = [] if level == Level.DISTRICT else self._find(self.current_index, commune_text)
            if len(found) == 1:
                current = found[0]
            elif level == Level.DISTRICT and not old_district_text:
                old_district_text = commune_text  # "huyện Cam Lâm" written in the commune column
            elif not old_commune_text and self._find(self.old_communes, commune_text):
                old_commune_text = commune_text  # an old commune name in the commune column
            else:
                errors["commune"] = f"Không tìm thấy xã/phường/đặc khu hiện hành «{commune_text}»."
        if old_district_text:
            found = self._find(self.old_districts, old_district_text)
            if len(found) == 1:
                old_district = found[0]
            else:
                errors["legacy_district"] = f"Không tìm thấy huyện/thị xã/thành phố cũ «{old_district_text}»."
        if old_commune_text and "legacy_district" not in errors:
            found = self._find(self.old_communes, old_commune_text)
            if old_district is not None:
                found = [unit for unit in found if unit.parent_id == old_district.pk]
            if len(found) == 1:
                old_commune = found[0]
            elif not found:
                where = f" thuộc {old_district.name}" if old_district else ""
                errors["legacy_commune"] = f"Không tìm thấy xã/phường/thị trấn cũ «{old_commune_text}»{where}."
            else:
                districts = ", ".join(vi_sorted({unit.parent.name for unit in found if unit.parent_id}))
                errors["legacy_commune"] = (
                    f"Có nhiều xã/phường/thị trấn cũ tên «{old_commune_text}» ({districts}): "
                    "ghi thêm cột «Huyện/thị xã/thành phố cũ»."
                )
        old = old_commune or old_district
        if old is not None and not errors:
            column = "legacy_commune" if old_commune else "legacy_district"
            successors = self.successors.get(old.pk, set())
            if current is not None:
                if current.pk not in successors:
                    errors[column] = (
                        f"{old.name} không sáp nhập vào {current.name} theo bảng kế thừa đơn vị hành chính "
                        f"(đã sáp nhập vào: {self.names(successors) or 'không rõ'})."
                    )
            elif len(successors) == 1:
                current = self.by_pk.get(next(iter(successors)))
            elif not successors:
                errors[column] = f"{old.name} không có đơn vị kế thừa trong địa bàn của bạn."
            else:
                errors[column] = (
                    f"{old.name} đã sáp nhập vào nhiều đơn vị ({self.names(successors)}): "
                    "ghi thêm cột «Xã/phường/đặc khu» để chọn đơn vị hiện hành."
                )
        if current is None and not errors:
            errors["commune"] = "Thiếu xã/phường/đặc khu (hoặc đơn vị cũ trước 01/7/2025)."
        return current, old_commune, errors
