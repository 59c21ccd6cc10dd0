from auditlog.models import LogEntry
from django import template

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
    return history_for(obj)


@register.filter
def action_label(entry) -> str:
    return ACTION_LABELS.get(entry.action, str(entry.action))
