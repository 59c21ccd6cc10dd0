"""The scheme registry's models, one module per concept (NetBox's ``models/`` package).

Everything is re-exported here: ``from tuquan.schemes.models import Scheme`` is the way to import them.
"""

from tuquan.schemes.models.activity import ActivityReport
from tuquan.schemes.models.kinds import SchemeKind, SchemeKindQuerySet
from tuquan.schemes.models.members import Member, Team
from tuquan.schemes.models.schemes import Scheme, SchemeQuerySet, SchemeTally
from tuquan.schemes.models.validators import national_id_validator, phone_validator

__all__ = [
    "ActivityReport",
    "Member",
    "Scheme",
    "SchemeKind",
    "SchemeKindQuerySet",
    "SchemeQuerySet",
    "SchemeTally",
    "Team",
    "national_id_validator",
    "phone_validator",
]
