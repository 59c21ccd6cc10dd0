"""Writes to the scheme registry: kinds, schemes, teams, members and activity reports.

Every function is keyword-only, checks what the user may change (the scoping rule of
tuquan.core.scoping), validates with Vietnamese messages (``ValidationError`` with a dict of
field → messages) and saves inside one transaction; django-auditlog records each save.
Nothing is ever hard-deleted: a mistaken scheme is voided, a departed member anonymised.
"""

import copy
import re
from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F, Max
from django.utils import timezone

from tuquan.core.bulk import bulk_insert
from tuquan.core.text import fold, nfc
from tuquan.places.choices import Era, Level
from tuquan.places.models import REORGANISATION_DATE, AdminUnit, Succession
from tuquan.schemes.choices import HostOrganisation, Status
from tuquan.schemes.models import ActivityReport, Member, Scheme, SchemeKind, SchemeTally, Team

ANONYMISED_NAME = "Đã ẩn danh"
REDACTED = "(đã ẩn danh)"  # what an anonymised member's personal values become in the audit log
MEMBER_PERSONAL_DATA_PERMISSION = "schemes.view_member_personal_data"
CONFLICT_MESSAGE = (
    "Bản ghi đã được người khác sửa trong lúc bạn đang sửa. Hãy tải lại trang để xem thay đổi mới nhất rồi sửa lại."
)

# Fields a user (or an import) may set on a scheme; the rest belongs to the system
# (code, status and its dates, ratings from the assessments, search text, version).
SCHEME_WRITABLE_FIELDS = (
    "kind",
    "name",
    "commune",
    "legacy_commune",
    "area",
    "founding_decision_number",
    "founding_decision_date",
    "founding_decision_issuer",
    "founded_on",
    "host",
    "co_hosts",
    "host_detail",
    "leader_name",
    "leader_phone",
    "rules",
    "facebook_url",
    "zalo_group",
    "camera_count",
    "focus_religion",
    "focus_ethnic",
    "focus_enterprise",
    "replicated_from",
)
SCHEME_FIELDS = frozenset(SCHEME_WRITABLE_FIELDS)
# No scheme was founded before the Democratic Republic (a date before is a typing slip).
FOUNDED_EARLIEST = date(1945, 1, 1)
KIND_FIELDS = frozenset({"name", "field", "description", "is_active"})
TEAM_FIELDS = frozenset({"name", "area", "founded_on", "is_active"})
MEMBER_FIELDS = frozenset(
    {"team", "full_name", "birth_year", "role", "phone", "national_id", "address", "joined_on", "left_on"}
)
MEMBER_PERSONAL_FIELDS = frozenset({"full_name", "birth_year", "phone", "national_id", "address"})
REPORT_FIELDS = frozenset({"period_start", "period_end", *ActivityReport.COUNTERS, "notes"})


# --------------------------------------------------------------------------- helpers


def _today() -> date:
    return timezone.localdate()


class _Errors:
    """Collects field → messages and raises them together."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def __contains__(self, field: str) -> bool:
        return field in self.errors

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _apply(instance: models.Model, data: dict, allowed: frozenset[str]) -> None:
    """Set ``data`` on ``instance``: model instances for foreign keys, or their ids."""
    unknown = set(data) - allowed
    if unknown:
        raise TypeError(f"{type(instance).__name__}: fields not settable here: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        field = instance._meta.get_field(name)
        if isinstance(value, str) and not field.is_relation:
            value = nfc(value)
        if field.is_relation and value is not None and not isinstance(value, models.Model):
            setattr(instance, field.attname, value)
        elif value is None and not field.null and isinstance(field, models.CharField | models.TextField):
            setattr(instance, name, "")
        else:
            setattr(instance, name, value)


def _full_clean(instance: models.Model, errors: _Errors, exclude: list[str] | None = None) -> None:
    """Merge ``full_clean`` errors (model validators, constraints) into ``errors`` and raise."""
    _clean(instance, errors, exclude)


def _bulk_clean(instance: models.Model, errors: _Errors, exclude: list[str] | None = None) -> None:
    """``_full_clean`` for an import: the caller has read every foreign key from the database and
    applies the services' uniqueness and date rules itself, so the per-row queries of ``full_clean``
    (foreign key existence, unique and check constraints) are left out; the field validators run."""
    relations = [field.name for field in instance._meta.concrete_fields if field.is_relation]
    _clean(instance, errors, [*(exclude or []), *relations], validate_unique=False, validate_constraints=False)


def _clean(instance: models.Model, errors: _Errors, exclude: list[str] | None, **options) -> None:
    try:
        instance.full_clean(exclude=[*(exclude or []), *errors.errors.keys()], **options)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            for message in messages:
                if message not in errors.errors.get(field, []):
                    errors.add(field, message)
    errors.raise_if_any()


def _require(user, permission: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def _editable_scheme(user, scheme: Scheme) -> Scheme:
    """The scheme, freshly read, if ``user`` may change it; PermissionDenied otherwise."""
    try:
        fresh = Scheme.objects.restrict(user, "change").select_related("commune").get(pk=scheme.pk)
    except Scheme.DoesNotExist as exc:
        raise PermissionDenied("Bạn không có quyền sửa mô hình này.") from exc
    if fresh.status == Status.VOIDED:
        raise ValidationError({NON_FIELD_ERRORS: ["Bản ghi đã bị hủy (nhập nhầm), không thể sửa."]})
    return fresh


# --------------------------------------------------------------------------- kinds


@transaction.atomic
def kind_create(*, user, data: dict) -> SchemeKind:
    _require(user, "schemes.add_schemekind")
    kind = SchemeKind()
    _apply(kind, data, KIND_FIELDS)
    return _kind_save(kind)


@transaction.atomic
def kind_update(*, user, kind: SchemeKind, data: dict) -> SchemeKind:
    _require(user, "schemes.change_schemekind")
    _apply(kind, data, KIND_FIELDS)
    return _kind_save(kind)


def _kind_save(kind: SchemeKind) -> SchemeKind:
    errors = _Errors()
    if not kind.name.strip():
        errors.add("name", "Nhập tên mô hình.")
    elif SchemeKind.objects.exclude(pk=kind.pk).filter(name__iexact=kind.name.strip()).exists():
        errors.add("name", "Đã có loại mô hình trùng tên.")
    kind.refresh_search_text()
    _full_clean(kind, errors)
    kind.save()
    return kind


# --------------------------------------------------------------------------- schemes


def _province_prefix(commune: AdminUnit) -> str:
    """'Khánh Hòa' → 'KH': initials of the province's short name."""
    province = commune.parent
    name = province.short_name if province else ""
    initials = "".join(word[0] for word in fold(name).split() if word)
    return initials.upper() or "MH"


def _next_number(prefix: str) -> int:
    last = Scheme.objects.filter(code__startswith=prefix).aggregate(last=Max("code"))["last"]
    return int(last[len(prefix) :]) + 1 if last and last[len(prefix) :].isdigit() else 1


def _next_code(commune: AdminUnit) -> str:
    prefix = f"{_province_prefix(commune)}-{commune.code}-"
    return f"{prefix}{_next_number(prefix):04d}"


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
        scheme.leader_phone = re.sub(r"[\s.\-()]", "", phone)

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


def _scheme_checked_new(*, user, data: dict, checks: SchemeChecks, bulk: bool = False) -> Scheme:
    """A new, unsaved scheme from ``data`` with every rule checked (``ValidationError`` lists them all)."""
    scheme = Scheme(status=Status.ACTIVE, version=1)
    _apply(scheme, data, SCHEME_FIELDS)
    errors = _Errors()
    _validate_scheme(
        user=user, scheme=scheme, errors=errors, changed={"commune", "kind", "replicated_from"}, checks=checks
    )
    scheme.refresh_search_text()
    (_bulk_clean if bulk else _full_clean)(scheme, errors, ["code"])  # reports every error at once, then raises
    return scheme


def _scheme_checked_change(*, user, stored: Scheme, data: dict, checks: SchemeChecks, bulk: bool = False) -> Scheme:
    """``stored`` (as read from the database) changed by ``data``, every rule checked; not saved."""
    before = {"commune": stored.commune_id, "kind": stored.kind_id, "replicated_from": stored.replicated_from_id}
    _apply(stored, data, SCHEME_FIELDS)
    errors = _Errors()
    changed = {name for name, value in before.items() if getattr(stored, f"{name}_id") != value}
    if "commune" in changed and "legacy_commune" not in data:
        stored.legacy_commune = None  # determined again for the new commune
    _validate_scheme(user=user, scheme=stored, errors=errors, changed=changed, checks=checks)
    stored.refresh_search_text()
    (_bulk_clean if bulk else _full_clean)(stored, errors)
    return stored


@transaction.atomic
def scheme_create(*, user, data: dict) -> Scheme:
    """Register a new scheme in one of the user's current communes and give it its code."""
    _require(user, "schemes.add_scheme")
    scheme = _scheme_checked_new(user=user, data=data, checks=SchemeChecks(user))
    scheme.code = _next_code(scheme.commune)
    scheme.refresh_search_text()
    for attempt in range(20):
        try:
            with transaction.atomic():
                scheme.save(force_insert=True)
        except IntegrityError:
            # Someone took this code meanwhile: the unique index decides, we take the next one.
            if attempt == 19 or not Scheme.objects.filter(code=scheme.code).exists():
                raise
            scheme.pk = None
            scheme.code = _next_code(scheme.commune)
            scheme.refresh_search_text()
        else:
            return scheme
    raise AssertionError("unreachable")  # pragma: no cover


@transaction.atomic
def scheme_update(*, user, scheme: Scheme, data: dict, expected_version: int | None = None) -> Scheme:
    """Change a scheme's fields; with ``expected_version``, refuse if someone saved it meanwhile."""
    stored = _editable_scheme(user, scheme)
    if expected_version is not None and stored.version != expected_version:
        raise ValidationError({NON_FIELD_ERRORS: [CONFLICT_MESSAGE]})
    version = stored.version if expected_version is None else expected_version
    _scheme_checked_change(user=user, stored=stored, data=data, checks=SchemeChecks(user))
    # Compare-and-swap: only the writer that still holds ``version`` moves it on.
    if not Scheme.objects.filter(pk=stored.pk, version=version).update(version=F("version") + 1):
        raise ValidationError({NON_FIELD_ERRORS: [CONFLICT_MESSAGE]})
    stored.version = version + 1
    stored.save()
    _copy_into(stored, scheme)
    return scheme


# --------------------------------------------------------------------------- many schemes at once (Excel import)


def scheme_import_check_new(*, user, data: dict, checks: PreloadedSchemeChecks) -> Scheme:
    """``scheme_create``'s rules for one imported row, answered from ``checks``: the unsaved scheme."""
    return _scheme_checked_new(user=user, data=data, checks=checks, bulk=True)


def scheme_import_check_change(*, user, scheme: Scheme, data: dict, checks: PreloadedSchemeChecks) -> Scheme:
    """``scheme_update``'s rules for one imported row: a changed copy of ``scheme`` (read by the caller
    from ``Scheme.objects.restrict(user, "change")``), ``scheme`` itself untouched."""
    if scheme.status == Status.VOIDED:
        raise ValidationError({NON_FIELD_ERRORS: ["Bản ghi đã bị hủy (nhập nhầm), không thể sửa."]})
    stored = copy.copy(scheme)
    stored._state = copy.copy(scheme._state)
    stored._state.fields_cache = dict(scheme._state.fields_cache)
    stored.co_hosts = list(scheme.co_hosts or [])
    return _scheme_checked_change(user=user, stored=stored, data=data, checks=checks, bulk=True)


def _audit_bulk(pairs, action) -> None:
    """The audit entries django-auditlog writes on each save, for rows saved in bulk (no signals there).

    ``pairs``: (before, after) instances; ``before`` is None for a creation. The changes are what
    ``auditlog.diff.model_instance_diff`` gives; for creations the "before" side (the fields' defaults)
    is the same for every row, so it is computed once and only the new values are read per row.
    """
    from auditlog.cid import get_cid
    from auditlog.context import auditlog_value
    from auditlog.diff import get_field_value, model_instance_diff
    from auditlog.models import LogEntry
    from auditlog.registry import auditlog
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.utils.encoding import smart_str

    as_json = settings.AUDITLOG_STORE_JSON_CHANGES
    context = auditlog_value.get({})
    actor = context.get("actor")
    actor = actor if getattr(actor, "is_authenticated", False) else None
    content_type = ContentType.objects.get_for_model(Scheme)
    cid = get_cid()
    registered = auditlog.get_model_fields(Scheme)
    fields = [
        field
        for field in Scheme._meta.fields
        if field.name in (registered["include_fields"] or [field.name])
        and field.name not in registered["exclude_fields"]
    ]
    fast_creation = not registered["mask_fields"] and not as_json and not settings.AUDITLOG_USE_FK_STRING_REPRESENTATION
    defaults = {field.name: get_field_value(None, field, as_json) for field in fields}
    # How auditlog's get_field_value renders each kind of field, decided once per field rather than per row
    # (tests/test_excel: identical to model_instance_diff for every field of real rows).
    readers = []
    for field in fields:
        if isinstance(field, models.DateTimeField | models.JSONField):
            readers.append((field.name, None, field))
        elif field.many_to_one or field.one_to_one:
            readers.append((field.name, field.attname, None))
        else:
            readers.append((field.name, field.name, None))
    default_texts = {name: smart_str(value) for name, value in defaults.items()}
    entries = []
    for old, new in pairs:
        if old is None and fast_creation:
            changes = {}
            for name, attribute, special in readers:
                if special is not None:
                    value = get_field_value(new, special, as_json)
                else:
                    value = getattr(new, attribute)
                    if type(value) is not str:  # smart_str gives a str back as it is
                        value = smart_str(value, strings_only=attribute != name)
                if value != defaults[name]:
                    changes[name] = (default_texts[name], value if type(value) is str else smart_str(value))
        else:
            changes = model_instance_diff(old, new, use_json_for_changes=as_json)
        if not changes:
            continue
        entries.append(
            LogEntry(
                content_type=content_type,
                object_pk=str(new.pk),
                object_id=new.pk,
                object_repr=str(new),
                action=action,
                changes=changes,
                actor=actor,
                actor_email=getattr(actor, "email", None) if actor else None,
                remote_addr=context.get("remote_addr"),
                remote_port=context.get("remote_port"),
                cid=cid,
            )
        )
    bulk_insert(LogEntry, entries, batch_size=BULK_BATCH)


BULK_BATCH = 1000
BULK_UPDATE_FIELDS = (*SCHEME_WRITABLE_FIELDS, "search_text", "version", "updated_at")


@transaction.atomic
def scheme_bulk_save(*, user, new: list[Scheme], changed: list[tuple[Scheme, Scheme]], checks, progress=None) -> None:
    """Save schemes checked by ``scheme_import_check_new`` / ``_change`` in batches, with their audit entries.

    ``changed``: (as read, as changed) pairs; the caller read them in this transaction with
    ``select_for_update`` so nobody saved them meanwhile. New schemes get their codes here, numbered on
    from the last code of their commune. ``progress(count)`` is called after each batch.
    """
    from auditlog.models import LogEntry

    if new:
        _require(user, "schemes.add_scheme")
    if changed:
        _require(user, "schemes.change_scheme")
    numbers: dict[str, int] = {}
    for scheme in new:
        prefix = f"{checks.province_prefix(scheme.commune)}-{scheme.commune.code}-"
        if prefix not in numbers:
            numbers[prefix] = _next_number(prefix)
        scheme.code = f"{prefix}{numbers[prefix]:04d}"
        numbers[prefix] += 1
        scheme.refresh_search_text()
    for start in range(0, len(new), BULK_BATCH):
        batch = new[start : start + BULK_BATCH]
        bulk_insert(Scheme, batch)
        _audit_bulk([(None, scheme) for scheme in batch], LogEntry.Action.CREATE)
        if progress:
            progress(len(batch))
    now = timezone.now()
    for start in range(0, len(changed), BULK_BATCH):
        batch = changed[start : start + BULK_BATCH]
        for old, scheme in batch:
            scheme.version = old.version + 1
            scheme.updated_at = now
        Scheme.objects.bulk_update([scheme for _, scheme in batch], BULK_UPDATE_FIELDS)
        _audit_bulk(batch, LogEntry.Action.UPDATE)
        if progress:
            progress(len(batch))


def _copy_into(source: Scheme, target: Scheme) -> None:
    if source is target:
        return
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    target._state.fields_cache = dict(source._state.fields_cache)


@transaction.atomic
def scheme_void(*, user, scheme: Scheme, reason: str) -> Scheme:
    """Mark a record entered by mistake as void; it stays in the database and the audit log."""
    _require(user, "schemes.void_scheme")
    stored = _editable_scheme(user, scheme)
    reason = nfc(reason)
    if not reason:
        raise ValidationError({"reason": ["Nhập lý do hủy bản ghi."]})
    if stored.replicas.exclude(status=Status.VOIDED).exists() or stored.merged_schemes.exists():
        raise ValidationError(
            {NON_FIELD_ERRORS: ["Không thể hủy: đã có mô hình nhân rộng từ hoặc sáp nhập vào mô hình này."]}
        )
    stored.status = Status.VOIDED
    stored.ended_on = max(_today(), stored.founded_on)
    stored.status_note = reason
    stored.version += 1
    stored.save()
    _copy_into(stored, scheme)
    return scheme


@transaction.atomic
def scheme_merge(*, user, scheme: Scheme, into: Scheme, merged_on: date, note: str) -> Scheme:
    """Merge ``scheme`` into another active scheme; it keeps its history with status merged."""
    stored = _editable_scheme(user, scheme)
    errors = _Errors()
    if stored.status != Status.ACTIVE:
        errors.add(NON_FIELD_ERRORS, "Chỉ sáp nhập được mô hình đang hoạt động.")
    target = Scheme.objects.restrict(user, "view").filter(pk=getattr(into, "pk", None)).first()
    if target is None:
        errors.add("into", "Không tìm thấy mô hình nhận sáp nhập trong địa bàn bạn được xem.")
    elif target.pk == stored.pk:
        errors.add("into", "Không thể sáp nhập mô hình vào chính nó.")
    elif target.status != Status.ACTIVE:
        errors.add("into", "Mô hình nhận sáp nhập phải đang hoạt động.")
    if merged_on is None:
        errors.add("merged_on", "Nhập ngày sáp nhập.")
    elif merged_on > _today():
        errors.add("merged_on", "Ngày sáp nhập không được ở tương lai.")
    elif merged_on < stored.founded_on:
        errors.add("merged_on", "Ngày sáp nhập không được trước ngày thành lập.")
    errors.raise_if_any()
    stored.status = Status.MERGED
    stored.ended_on = merged_on
    stored.merged_into = target
    stored.status_note = nfc(note)
    stored.version += 1
    _full_clean(stored, errors)
    stored.save()
    _copy_into(stored, scheme)
    return scheme


@transaction.atomic
def scheme_tally_rebuild() -> int:
    """Recount ``SchemeTally`` from the registry; returns how many rows it holds.

    Triggers keep the tally exact (ADR 0014); this is for what they cannot see, a ``TRUNCATE``
    of the schemes or a table restored on its own. ``manage.py refresh_summaries`` runs it.
    """
    if connection.vendor == "postgresql":  # writers wait: none is counted twice or missed
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {connection.ops.quote_name(Scheme._meta.db_table)} IN SHARE MODE")
    # Rows are kept and every ``changes`` grows (ADR 0015): a cached list page is never taken for
    # the recounted registry's.
    SchemeTally.objects.update(count=0, changes=F("changes") + 1)
    rows = Scheme.objects.order_by().values("commune_id", "status").annotate(n=models.Count("pk"))
    tally = [SchemeTally(commune_id=r["commune_id"], status=r["status"], count=r["n"], changes=1) for r in rows]
    SchemeTally.objects.bulk_create(
        tally, batch_size=2_000, update_conflicts=True, unique_fields=["commune", "status"], update_fields=["count"]
    )
    return SchemeTally.objects.count()


# --------------------------------------------------------------------------- teams


def _validate_team(team: Team, errors: _Errors) -> None:
    if not (team.name or "").strip():
        errors.add("name", "Nhập tên tổ.")
    elif Team.objects.filter(scheme_id=team.scheme_id, name__iexact=team.name).exclude(pk=team.pk).exists():
        errors.add("name", "Mô hình đã có tổ trùng tên.")
    if team.founded_on is not None:
        if team.founded_on > _today():
            errors.add("founded_on", "Ngày thành lập tổ không được ở tương lai.")
        elif team.founded_on < team.scheme.founded_on:
            errors.add("founded_on", "Tổ không thể thành lập trước mô hình.")


@transaction.atomic
def team_create(*, user, scheme: Scheme, data: dict) -> Team:
    _require(user, "schemes.add_team")
    scheme = _editable_scheme(user, scheme)
    team = Team(scheme=scheme)
    _apply(team, data, TEAM_FIELDS)
    errors = _Errors()
    _validate_team(team, errors)
    _full_clean(team, errors)
    team.save()
    return team


@transaction.atomic
def team_update(*, user, team: Team, data: dict) -> Team:
    _require(user, "schemes.change_team")
    team.scheme = _editable_scheme(user, team.scheme)
    _apply(team, data, TEAM_FIELDS)
    errors = _Errors()
    _validate_team(team, errors)
    _full_clean(team, errors)
    team.save()
    return team


# --------------------------------------------------------------------------- members


def _validate_member(member: Member, errors: _Errors) -> None:
    today = _today()
    if not (member.full_name or "").strip():
        errors.add("full_name", "Nhập họ và tên.")
    if member.team_id is not None and member.team.scheme_id != member.scheme_id:
        errors.add("team", "Tổ được chọn không thuộc mô hình này.")
    if member.birth_year is not None and member.birth_year > today.year:
        errors.add("birth_year", "Năm sinh không được sau năm hiện tại.")
    if member.phone:
        member.phone = re.sub(r"[\s.\-()]", "", member.phone)
    if member.national_id:
        member.national_id = re.sub(r"\s", "", member.national_id)
        duplicate = (
            Member.objects.filter(scheme_id=member.scheme_id, national_id=member.national_id)
            .exclude(pk=member.pk)
            .exists()
        )
        if duplicate:
            errors.add("national_id", "Đã có thành viên mang số định danh này trong mô hình.")
    if member.joined_on is not None and member.joined_on > today:
        errors.add("joined_on", "Ngày tham gia không được ở tương lai.")
    if member.left_on is not None:
        if member.left_on > today:
            errors.add("left_on", "Ngày rời không được ở tương lai.")
        elif member.joined_on is not None and member.left_on < member.joined_on:
            errors.add("left_on", "Ngày rời không được trước ngày tham gia.")


@transaction.atomic
def member_create(*, user, scheme: Scheme, data: dict) -> Member:
    _require(user, "schemes.add_member")
    scheme = _editable_scheme(user, scheme)
    member = Member(scheme=scheme)
    _apply(member, data, MEMBER_FIELDS)
    errors = _Errors()
    _validate_member(member, errors)
    _full_clean(member, errors)
    member.save()
    return member


@transaction.atomic
def member_update(*, user, member: Member, data: dict) -> Member:
    _require(user, "schemes.change_member")
    member.scheme = _editable_scheme(user, member.scheme)
    if member.is_anonymised:
        # Leaving, role and team are not personal data: an officer still records them after anonymising.
        restored = [
            name
            for name in MEMBER_PERSONAL_FIELDS & set(data)
            if (data[name] or None) != (getattr(member, name) or None)
        ]
        if restored:
            raise ValidationError({NON_FIELD_ERRORS: ["Thành viên đã được ẩn danh, không sửa được thông tin cá nhân."]})
    _apply(member, data, MEMBER_FIELDS)
    errors = _Errors()
    _validate_member(member, errors)
    _full_clean(member, errors)
    member.save()
    return member


@transaction.atomic
def member_anonymise(*, user, member: Member) -> Member:
    """Erase the member's personal data on request (Nghị định 13/2023/NĐ-CP), changing no figure.

    The row stays, with its scheme, team, role and dates, so every count (members who have not left,
    per scheme, team, kind and unit) is the same before and after; a member still serving is still
    counted, and leaving is recorded later like any member's (``member_update`` accepts it). The
    personal values are also taken out of the member's audit history (entries kept, values replaced
    by ``REDACTED``) and out of the Excel exports of personal data still waiting to be downloaded;
    the anonymisation itself is an audit entry with who did it.
    """
    _require(user, "schemes.change_member")
    member.scheme = _editable_scheme(user, member.scheme)
    if member.is_anonymised:
        return member
    for name in MEMBER_PERSONAL_FIELDS:
        setattr(member, name, None if name == "birth_year" else "")
    member.full_name = ANONYMISED_NAME
    member.is_anonymised = True
    member.full_clean()
    member.save()
    _redact_member_history(user=user, member=member)
    _remove_personal_data_exports(member=member)
    return member


def _redacted(value, current):
    """An audit value of a personal field: the marker, unless it is empty or the anonymised value."""
    if value in (None, "", "None", current):
        return value
    return REDACTED


def _redact_member_history(*, user, member: Member) -> None:
    """Replace the personal values in ``member``'s audit entries (the one just written included)."""
    import json

    from auditlog.models import LogEntry

    entries = LogEntry.objects.get_for_object(member).order_by("pk")
    changed = []
    for entry in entries:
        changes = entry.changes
        if isinstance(changes, str):
            try:
                changes = json.loads(changes)
            except ValueError:
                changes = {}
        changes = dict(changes or {})
        for name in MEMBER_PERSONAL_FIELDS & set(changes):
            current = "" if name != "full_name" else ANONYMISED_NAME
            values = changes[name]
            if isinstance(values, list | tuple):
                changes[name] = [_redacted(value, current) for value in values]
            else:
                changes[name] = _redacted(values, current)
        entry.changes = changes
        entry.changes_text = ""
        entry.object_repr = ANONYMISED_NAME
        entry.serialized_data = None
        changed.append(entry)
    last = changed[-1] if changed else None
    if last is not None and last.actor_id is None and getattr(user, "is_authenticated", False):
        last.actor = user  # the anonymisation was made outside a request (a command, a test)
        last.actor_email = getattr(user, "email", None)
    LogEntry.objects.bulk_update(
        changed, ["changes", "changes_text", "object_repr", "serialized_data", "actor", "actor_email"], batch_size=500
    )


def _remove_personal_data_exports(*, member: Member) -> None:
    """Finished Excel exports with the members sheet that may hold ``member``'s data: their files go.

    They are kept a week for download (tuquan.core.jobs.KEEP_FILES); the one who exported them can
    export again and gets the anonymised row.
    """
    from pathlib import Path

    from django.conf import settings

    from tuquan.core.jobs import job_result_path
    from tuquan.core.models import Job

    exports = Job.objects.filter(kind="schemes.export").exclude(result_file="").select_related("user")
    files = []
    for job in exports:
        user = job.user
        if "members" not in (job.params or {}).get("sheets", []):
            continue
        if not user.has_perm(MEMBER_PERSONAL_DATA_PERMISSION):
            continue  # its members sheet was masked
        if not Member.objects.visible_to(user).filter(pk=member.pk).exists():
            continue
        path = job_result_path(job)
        if path is not None:
            files.append(path)
        Job.objects.filter(pk=job.pk).update(
            result_file="", message="Tệp đã bị xóa vì có dữ liệu cá nhân của một thành viên vừa được ẩn danh."
        )
    root = Path(settings.MEDIA_ROOT)
    transaction.on_commit(lambda: [path.unlink(missing_ok=True) for path in files if root.resolve() in path.parents])


# --------------------------------------------------------------------------- activity reports


def _validate_report(report: ActivityReport, errors: _Errors) -> None:
    today = _today()
    start, end = report.period_start, report.period_end
    if start is None:
        errors.add("period_start", "Nhập ngày bắt đầu kỳ báo cáo.")
    if end is None:
        errors.add("period_end", "Nhập ngày kết thúc kỳ báo cáo.")
    if start is None or end is None:
        return
    if end < start:
        errors.add("period_end", "Ngày kết thúc kỳ phải sau hoặc bằng ngày bắt đầu.")
    elif start > today:
        errors.add("period_start", "Kỳ báo cáo chưa bắt đầu.")
    elif end < report.scheme.founded_on:
        errors.add("period_end", "Kỳ báo cáo kết thúc trước ngày thành lập mô hình.")
    elif (
        ActivityReport.objects.filter(scheme_id=report.scheme_id, period_start__lte=end, period_end__gte=start)
        .exclude(pk=report.pk)
        .exists()
    ):
        errors.add("period_start", "Kỳ báo cáo trùng với một kỳ đã nhập của mô hình.")
    if (report.propaganda_sessions or 0) == 0 and (report.propaganda_attendance or 0) > 0:
        errors.add("propaganda_attendance", "Có người dự tuyên truyền thì phải có ít nhất một buổi tuyên truyền.")
    for name in ActivityReport.COUNTERS:
        value = getattr(report, name)
        if value is None:
            setattr(report, name, 0)
        elif not isinstance(value, int) or value < 0:
            errors.add(name, "Phải là số nguyên không âm.")


@transaction.atomic
def activity_report_create(*, user, scheme: Scheme, data: dict) -> ActivityReport:
    _require(user, "schemes.add_activityreport")
    scheme = _editable_scheme(user, scheme)
    report = ActivityReport(scheme=scheme)
    _apply(report, data, REPORT_FIELDS)
    errors = _Errors()
    _validate_report(report, errors)
    _full_clean(report, errors)
    report.save()
    return report


@transaction.atomic
def activity_report_update(*, user, report: ActivityReport, data: dict) -> ActivityReport:
    _require(user, "schemes.change_activityreport")
    report.scheme = _editable_scheme(user, report.scheme)
    _apply(report, data, REPORT_FIELDS)
    errors = _Errors()
    _validate_report(report, errors)
    _full_clean(report, errors)
    report.save()
    return report


# --------------------------------------------------------------------------- replication (nhân rộng)

# What a replica takes from its original unless the officer changes it on the form.
REPLICA_FIELDS = (
    "kind",
    "name",
    "host",
    "co_hosts",
    "host_detail",
    "rules",
    "facebook_url",
    "zalo_group",
    "camera_count",
    "focus_religion",
    "focus_ethnic",
    "focus_enterprise",
)


def scheme_replica_initial(*, source: Scheme, commune: AdminUnit | None = None) -> dict:
    """The values a replica of ``source`` starts with (the form shows them for the officer to confirm)."""
    values = {name: getattr(source, name) for name in REPLICA_FIELDS}
    values["co_hosts"] = list(source.co_hosts or [])
    if commune is not None and source.commune.name and source.commune.name in source.name:
        values["name"] = source.name.replace(source.commune.name, commune.name)
    return values


@transaction.atomic
def scheme_replicate(*, user, source: Scheme, data: dict) -> Scheme:
    """Register a replica of ``source`` in another commune, pre-filled from it, ``replicated_from`` set.

    ``data`` holds what the officer confirmed or changed (commune, name, founded_on, leader, ...);
    what it does not mention comes from the original. Validation is ``scheme_create``'s (the commune
    must be a current commune of the user's jurisdiction) plus: a different commune than the original.
    """
    if not Scheme.objects.visible_to(user).filter(pk=source.pk).exists():
        raise PermissionDenied("Không tìm thấy mô hình gốc trong địa bàn bạn được xem.")
    commune = data.get("commune")
    commune_id = commune.pk if isinstance(commune, AdminUnit) else commune
    if commune_id is not None and commune_id == source.commune_id:
        raise ValidationError({"commune": ["Nhân rộng sang một xã/phường/đặc khu khác với mô hình gốc."]})
    values = scheme_replica_initial(source=source)
    values.update({name: value for name, value in data.items() if name != "replicated_from"})
    values["replicated_from"] = source
    return scheme_create(user=user, data=values)
