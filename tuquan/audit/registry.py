"""Which models the audit log (django-auditlog) records; see docs/adr/0002."""

from auditlog.registry import auditlog


def track(model, exclude: list[str] | None = None) -> None:
    """Record every create, update and delete of ``model`` with who, when and before/after.

    Only the model's own columns are compared: reverse relations (a scheme's replicas,
    a team's members) would otherwise show up as meaningless "None → None" changes.
    """
    if auditlog.contains(model):
        return
    excluded = set(exclude or [])
    fields = [field.name for field in model._meta.concrete_fields if field.name not in excluded]
    auditlog.register(model, include_fields=fields, serialize_data=False)
