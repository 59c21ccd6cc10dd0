"""Writes to the scheme registry: kinds, schemes, teams, members and activity reports.

One module per concept (``kinds``, ``schemes``, ``checks``, ``bulk``, ``status``, ``teams``,
``members``, ``activity``), their shared steps in ``_common``. The public services and constants are
re-exported here (NetBox's ``models/`` package pattern): ``from tuquan.schemes.services import
scheme_create`` is the way to call them. Private helpers are reached in their own module (a test
that patches one patches it there).

Every function is keyword-only, checks what the user may change (the scoping rule of
tuquan.core.scoping), validates with Vietnamese messages (``ValidationError`` with a dict of
field → messages) and saves inside one transaction; django-auditlog records each save.
Nothing is ever hard-deleted: a mistaken scheme is voided, a departed member anonymised.
"""

from tuquan.schemes.services._common import CONFLICT_MESSAGE
from tuquan.schemes.services.activity import REPORT_FIELDS, activity_report_create, activity_report_update
from tuquan.schemes.services.bulk import (
    BULK_BATCH,
    BULK_UPDATE_FIELDS,
    scheme_bulk_save,
    scheme_import_check_change,
    scheme_import_check_new,
)
from tuquan.schemes.services.checks import FOUNDED_EARLIEST, PreloadedSchemeChecks, SchemeChecks
from tuquan.schemes.services.kinds import KIND_FIELDS, kind_create, kind_update
from tuquan.schemes.services.members import (
    ANONYMISED_NAME,
    MEMBER_FIELDS,
    MEMBER_PERSONAL_DATA_PERMISSION,
    MEMBER_PERSONAL_FIELDS,
    REDACTED,
    member_anonymise,
    member_create,
    member_update,
)
from tuquan.schemes.services.schemes import (
    REPLICA_FIELDS,
    SCHEME_FIELDS,
    SCHEME_WRITABLE_FIELDS,
    scheme_create,
    scheme_replica_initial,
    scheme_replicate,
    scheme_tally_rebuild,
    scheme_update,
)
from tuquan.schemes.services.status import scheme_merge, scheme_void
from tuquan.schemes.services.teams import TEAM_FIELDS, team_create, team_update

__all__ = [
    "ANONYMISED_NAME",
    "BULK_BATCH",
    "BULK_UPDATE_FIELDS",
    "CONFLICT_MESSAGE",
    "FOUNDED_EARLIEST",
    "KIND_FIELDS",
    "MEMBER_FIELDS",
    "MEMBER_PERSONAL_DATA_PERMISSION",
    "MEMBER_PERSONAL_FIELDS",
    "REDACTED",
    "REPLICA_FIELDS",
    "REPORT_FIELDS",
    "SCHEME_FIELDS",
    "SCHEME_WRITABLE_FIELDS",
    "TEAM_FIELDS",
    "PreloadedSchemeChecks",
    "SchemeChecks",
    "activity_report_create",
    "activity_report_update",
    "kind_create",
    "kind_update",
    "member_anonymise",
    "member_create",
    "member_update",
    "scheme_bulk_save",
    "scheme_create",
    "scheme_import_check_change",
    "scheme_import_check_new",
    "scheme_merge",
    "scheme_replica_initial",
    "scheme_replicate",
    "scheme_tally_rebuild",
    "scheme_update",
    "scheme_void",
    "team_create",
    "team_update",
]
