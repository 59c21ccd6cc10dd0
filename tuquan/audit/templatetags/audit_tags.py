from auditlog.models import LogEntry
from django import template
from django.utils.text import capfirst

from tuquan.audit import display
from tuquan.audit.selectors import history_for

register = template.Library()

ACTION_LABELS = {
    LogEntry.Action.CREATE: "Tạo mới",
    LogEntry.Action.UPDATE: "Sửa",
    LogEntry.Action.DELETE: "Xóa",
    LogEntry.Action.ACCESS: "Truy cập",
}


@register.simple_tag(takes_context=True)
def audit_history(context, obj):
    """The object's audit entries if the user may read history, else None."""
    user = context["request"].user
    if not user.has_perm("audit.view_history"):
        return None
    entries = list(history_for(obj))
    names = display.related_names(entries)
    for entry in entries:
        entry.rows = display.change_rows(entry, names)
    return entries


@register.filter
def action_label(entry) -> str:
    return ACTION_LABELS.get(entry.action, str(entry.action))


@register.filter
def changed_fields(entry) -> str:
    """The labels of the changed fields, without reading related objects (for long lists)."""
    if entry.action != LogEntry.Action.UPDATE:
        return ""
    return ", ".join(row.label for row in display.change_rows(entry))


@register.filter
def model_label(entry) -> str:
    """The Vietnamese name of the kind of object an entry is about."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    return capfirst(str(model._meta.verbose_name)) if model is not None else entry.content_type.name
