"""Which models the audit log (django-auditlog) records; see docs/adr/0002."""

from auditlog.registry import auditlog


def track(model, exclude: list[str] | None = None) -> None:
    """Record every create, update and delete of ``model`` with who, when and before/after."""
    if not auditlog.contains(model):
        auditlog.register(model, exclude_fields=exclude or [], serialize_data=False)
