"""What each role may do, as Django permission names ("app_label.codename").

This table is the only place that grants permissions: ``RoleBackend`` reads it,
so ``user.has_perm()`` works in views, templates, the admin and the API alike.
Where a row sits (which commune) is decided separately by the scoping rule
(tuquan.core.scoping); a permission here never widens a jurisdiction.
"""

from tuquan.accounts.choices import Role


def _crud(app: str, model: str, *actions: str) -> set[str]:
    return {f"{app}.{action}_{model}" for action in actions}


READ = ("view",)
WRITE = ("view", "add", "change")
ALL = ("view", "add", "change", "delete")

_registry_read = (
    _crud("places", "adminunit", *READ)
    | _crud("schemes", "schemekind", *READ)
    | _crud("schemes", "scheme", *READ)
    | _crud("schemes", "team", *READ)
    | _crud("schemes", "member", *READ)
    | _crud("schemes", "activityreport", *READ)
    | _crud("assessments", "campaign", *READ)
    | _crud("assessments", "assessment", *READ)
    | _crud("assessments", "elimination", *READ)
    | {"reports.view_statistics"}
    | _crud("reviews", "review", *READ)
    | _crud("targets", "target", *READ)
    | _crud("support", "supportrecord", *READ)
    | _crud("practices", "goodpractice", *READ)
    | _crud("commendations", "commendation", *READ)
)

ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.VIEWER: _registry_read,
    Role.LEADER: _registry_read
    | _crud("schemes", "scheme", "change")
    | _crud("schemes", "team", *WRITE)
    | _crud("schemes", "member", *WRITE)
    | _crud("schemes", "activityreport", *WRITE)
    | {"schemes.view_member_personal_data"},
    Role.COMMUNE: _registry_read
    | _crud("schemes", "scheme", *WRITE)
    | _crud("schemes", "team", *WRITE)
    | _crud("schemes", "member", *WRITE)
    | _crud("schemes", "activityreport", *WRITE)
    | {"schemes.view_member_personal_data", "schemes.import_scheme", "schemes.void_scheme"}
    | _crud("assessments", "assessment", *WRITE)
    | {"assessments.submit_assessment"}
    | _crud("support", "supportrecord", *WRITE)
    | _crud("reviews", "review", *WRITE)
    | _crud("practices", "goodpractice", *WRITE)
    | {"commendations.add_commendation"},
    Role.PV05: _registry_read
    | _crud("schemes", "schemekind", *WRITE)
    | _crud("schemes", "scheme", *WRITE)
    | _crud("schemes", "team", *WRITE)
    | _crud("schemes", "member", *WRITE)
    | _crud("schemes", "activityreport", *WRITE)
    | {"schemes.view_member_personal_data", "schemes.import_scheme", "schemes.void_scheme"}
    | _crud("assessments", "campaign", *WRITE)
    | _crud("assessments", "criteriaset", *WRITE)
    | _crud("assessments", "assessment", *WRITE)
    | _crud("assessments", "elimination", *WRITE)
    | {"assessments.submit_assessment", "assessments.approve_assessment"}
    | _crud("targets", "target", *WRITE)
    | _crud("support", "supportrecord", *WRITE)
    | _crud("reviews", "review", *WRITE)
    | _crud("practices", "goodpractice", *WRITE)
    | _crud("commendations", "commendation", *WRITE)
    | {"commendations.approve_commendation"}
    | {"audit.view_history"},
}
ROLE_PERMISSIONS[Role.ADMIN] = ROLE_PERMISSIONS[Role.PV05] | {
    "accounts.view_user",
    "accounts.add_user",
    "accounts.change_user",
    "audit.view_history",
    "audit.view_log",
    "axes.view_accessattempt",
    "axes.delete_accessattempt",
}


def permissions_for(role: str) -> set[str]:
    return ROLE_PERMISSIONS.get(role, set())
