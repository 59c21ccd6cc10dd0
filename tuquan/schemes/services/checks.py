"""The rules a scheme must keep, and the questions they ask the database (``SchemeChecks``).

One scheme (a form, the API) and thousands (an Excel import) are checked by the same
``_validate_scheme``; only how the questions are answered differs.
"""

from datetime import date

from tuquan.core.text import fold
from tuquan.places.choices import Era, Level
from tuquan.places.models import REORGANISATION_DATE, AdminUnit, Succession
from tuquan.schemes.choices import HostOrganisation
from tuquan.schemes.models import Scheme
from tuquan.schemes.services._common import _Errors, _normalise_phone, _today

# No scheme was founded before the Democratic Republic (a date before is a typing slip).
FOUNDED_EARLIEST = date(1945, 1, 1)


def _province_prefix(commune: AdminUnit) -> str:
    """'Khánh Hòa' → 'KH': initials of the province's short name."""
    province = commune.parent
    name = province.short_name if province else ""
    initials = "".join(word[0] for word in fold(name).split() if word)
    return initials.upper() or "MH"


def _predecessor_communes(commune: AdminUnit):
    return AdminUnit.objects.filter(
        era=Era.LEGACY,
        level=Level.COMMUNE,
        successions_as_old__new_unit=commune,
    ).distinct()


class SchemeChecks:
    """The questions validating a scheme asks the database, for ``user``.

    The single-object services ask them row by row; the Excel import asks ``PreloadedSchemeChecks``,
    which answers the same questions from what it read once. The rules themselves live in
    ``_validate_scheme`` only.
    """

    def __init__(self, user):
        self.user = user

    def today(self) -> date:
        return _today()

    def commune_allowed(self, commune: AdminUnit) -> bool:
        return AdminUnit.objects.restrict(self.user, "view").filter(pk=commune.pk).exists()

    def succeeded(self, old: AdminUnit, new: AdminUnit) -> bool:
        return Succession.objects.filter(old_unit=old, new_unit=new).exists()

    def sole_predecessor(self, commune: AdminUnit) -> AdminUnit | None:
        candidates = list(_predecessor_communes(commune)[:2])
        return candidates[0] if len(candidates) == 1 else None

    def scheme_visible(self, scheme: Scheme) -> bool:
        return Scheme.objects.visible_to(self.user).filter(pk=scheme.pk).exists()

    def province_prefix(self, commune: AdminUnit) -> str:
        return _province_prefix(commune)


class PreloadedSchemeChecks(SchemeChecks):
    """``SchemeChecks`` answered from memory: a handful of queries for a whole import."""

    def __init__(self, user, *, visible_schemes: set[int] = frozenset()):
        super().__init__(user)
        self.allowed = set(
            AdminUnit.objects.restrict(user, "view")
            .filter(era=Era.CURRENT, level=Level.COMMUNE)
            .values_list("pk", flat=True)
        )
        self.successions: set[tuple[int, int]] = set()
        predecessors: dict[int, dict[int, AdminUnit]] = {}
        rows = Succession.objects.filter(new_unit_id__in=self.allowed).select_related("old_unit")
        for succession in rows.iterator(chunk_size=5000):
            self.successions.add((succession.old_unit_id, succession.new_unit_id))
            old = succession.old_unit
            if old.era == Era.LEGACY and old.level == Level.COMMUNE:
                predecessors.setdefault(succession.new_unit_id, {})[old.pk] = old
        self.predecessors = {pk: list(units.values()) for pk, units in predecessors.items()}
        self.visible_schemes = set(visible_schemes)
        self.prefixes: dict[int, str] = {}
        self._today = _today()  # every row of an import is checked against the day it began

    def today(self) -> date:
        return self._today

    def commune_allowed(self, commune: AdminUnit) -> bool:
        return commune.pk in self.allowed

    def succeeded(self, old: AdminUnit, new: AdminUnit) -> bool:
        return (old.pk, new.pk) in self.successions

    def sole_predecessor(self, commune: AdminUnit) -> AdminUnit | None:
        candidates = self.predecessors.get(commune.pk, [])
        return candidates[0] if len(candidates) == 1 else None

    def scheme_visible(self, scheme: Scheme) -> bool:
        return scheme.pk in self.visible_schemes

    def province_prefix(self, commune: AdminUnit) -> str:
        province_id = commune.parent_id
        if province_id not in self.prefixes:
            self.prefixes[province_id] = _province_prefix(commune)
        return self.prefixes[province_id]


def _validate_scheme(
    *, user, scheme: Scheme, errors: _Errors, changed: set[str], checks: SchemeChecks | None = None
) -> None:
    """Check ``scheme`` before saving; ``changed`` names the foreign keys the user set anew."""
    checks = checks or SchemeChecks(user)
    today = checks.today()
    commune = scheme.commune if scheme.commune_id else None
    if commune is None:
        errors.add("commune", "Chọn xã/phường/đặc khu.")
    elif "commune" in changed and not (
        commune.era == Era.CURRENT and commune.level == Level.COMMUNE and checks.commune_allowed(commune)
    ):
        if commune.era != Era.CURRENT or commune.level != Level.COMMUNE:
            errors.add("commune", "Phải chọn một xã/phường/đặc khu hiện hành (sau 01/7/2025).")
        else:
            errors.add("commune", "Xã/phường/đặc khu này nằm ngoài địa bàn bạn phụ trách.")

    if scheme.kind_id is None:
        errors.add("kind", "Chọn loại mô hình.")
    elif "kind" in changed and not scheme.kind.is_active:
        errors.add("kind", "Loại mô hình này đã ngừng sử dụng; chọn loại khác.")

    if not (scheme.name or "").strip():
        errors.add("name", "Nhập tên mô hình, tổ chức.")

    founded = scheme.founded_on
    if founded is None:
        errors.add("founded_on", "Nhập ngày thành lập.")
    elif founded > today:
        errors.add("founded_on", "Ngày thành lập không được ở tương lai.")
    elif founded < FOUNDED_EARLIEST:
        errors.add("founded_on", "Ngày thành lập không hợp lệ (trước năm 1945).")
    elif scheme.ended_on is not None and founded > scheme.ended_on:
        errors.add("founded_on", "Ngày thành lập không được sau ngày chấm dứt của mô hình.")

    decision_date = scheme.founding_decision_date
    if decision_date is not None:
        if decision_date > today:
            errors.add("founding_decision_date", "Ngày quyết định không được ở tương lai.")
        elif founded is not None and decision_date > founded:
            errors.add("founding_decision_date", "Ngày quyết định thành lập không được sau ngày thành lập.")
    if scheme.founding_decision_number and decision_date is None:
        errors.add("founding_decision_date", "Có số quyết định thì phải nhập ngày quyết định.")

    phone = scheme.leader_phone or ""
    if phone:
        scheme.leader_phone = _normalise_phone(phone)

    if scheme.camera_count is None:
        scheme.camera_count = 0
    elif not isinstance(scheme.camera_count, int) or scheme.camera_count < 0:
        errors.add("camera_count", "Số camera phải là số nguyên không âm.")

    co_hosts = scheme.co_hosts or []
    if not isinstance(co_hosts, list) or any(value not in HostOrganisation.values for value in co_hosts):
        errors.add("co_hosts", "Tổ chức phối hợp không hợp lệ.")
    else:
        scheme.co_hosts = [value for value in dict.fromkeys(co_hosts) if value != scheme.host]

    legacy = scheme.legacy_commune if scheme.legacy_commune_id else None
    if legacy is not None:
        if legacy.era != Era.LEGACY or legacy.level != Level.COMMUNE:
            errors.add("legacy_commune", "Đơn vị cũ phải là một xã/phường/thị trấn trước 01/7/2025.")
        elif founded is not None and founded >= REORGANISATION_DATE:
            errors.add("legacy_commune", "Mô hình thành lập từ 01/7/2025 không có đơn vị hành chính cũ.")
        elif commune is not None and not checks.succeeded(legacy, commune):
            errors.add(
                "legacy_commune",
                f"{legacy.name} không sáp nhập vào {commune.name} theo bảng kế thừa đơn vị hành chính.",
            )
    elif commune is not None and founded is not None and founded < REORGANISATION_DATE and "commune" not in errors:
        predecessor = checks.sole_predecessor(commune)
        if predecessor is not None:
            scheme.legacy_commune = predecessor

    replicated_from = scheme.replicated_from if scheme.replicated_from_id else None
    if replicated_from is not None:
        if scheme.pk and replicated_from.pk == scheme.pk:
            errors.add("replicated_from", "Mô hình không thể nhân rộng từ chính nó.")
        elif "replicated_from" in changed and not checks.scheme_visible(replicated_from):
            errors.add("replicated_from", "Không tìm thấy mô hình gốc trong địa bàn bạn được xem.")
        elif founded is not None and replicated_from.founded_on > founded:
            errors.add("replicated_from", "Mô hình gốc phải được thành lập trước mô hình nhân rộng.")
