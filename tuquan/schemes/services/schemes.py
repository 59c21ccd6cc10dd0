"""Writes to the registry's schemes: register (with its code), change, replicate, recount.

Every function is keyword-only, checks what the user may change (the scoping rule of
tuquan.core.scoping), validates with Vietnamese messages (``ValidationError`` with a dict of
field → messages) and saves inside one transaction; django-auditlog records each save.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F, Max

from tuquan.places.models import AdminUnit
from tuquan.schemes.choices import Status
from tuquan.schemes.models import Scheme, SchemeTally
from tuquan.schemes.services._common import (
    _apply,
    _bulk_clean,
    _claim_version,
    _copy_into,
    _editable_scheme,
    _Errors,
    _full_clean,
    _held_version,
    _require,
)
from tuquan.schemes.services.checks import SchemeChecks, _province_prefix, _validate_scheme

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


def _next_number(prefix: str) -> int:
    last = Scheme.objects.filter(code__startswith=prefix).aggregate(last=Max("code"))["last"]
    return int(last[len(prefix) :]) + 1 if last and last[len(prefix) :].isdigit() else 1


def _next_code(commune: AdminUnit) -> str:
    prefix = f"{_province_prefix(commune)}-{commune.code}-"
    return f"{prefix}{_next_number(prefix):04d}"


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
    version = _held_version(stored, expected_version)
    _scheme_checked_change(user=user, stored=stored, data=data, checks=SchemeChecks(user))
    _claim_version(stored, version)
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


# --------------------------------------------------------------------------- replication (nhân rộng)

# What a replica has of its own: its place, its founding and its leader; it takes every other field a
# user sets from its original unless the officer changes it on the form.
REPLICA_OWN_FIELDS = frozenset(
    {
        "commune",
        "legacy_commune",
        "area",
        "founding_decision_number",
        "founding_decision_date",
        "founding_decision_issuer",
        "founded_on",
        "leader_name",
        "leader_phone",
        "replicated_from",
    }
)
REPLICA_FIELDS = tuple(name for name in SCHEME_WRITABLE_FIELDS if name not in REPLICA_OWN_FIELDS)


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
