from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q


def history_for(obj, limit: int = 100):
    """The audit entries of one object, newest first, with the acting user joined."""
    content_type = ContentType.objects.get_for_model(type(obj))
    return (
        LogEntry.objects.filter(content_type=content_type, object_pk=str(obj.pk))
        .select_related("actor", "content_type")
        .order_by("-timestamp")[:limit]
    )


def _in_jurisdiction(user) -> Q:
    from auditlog.registry import auditlog

    from tuquan.accounts.models import User
    from tuquan.accounts.selectors import users_managed_by

    managed = users_managed_by(user).values("pk")
    condition = Q(actor__in=managed)
    for model in auditlog.get_models():
        if model is User:
            objects = managed
        elif hasattr(model, "scope") and hasattr(model.objects, "visible_to"):
            objects = model.objects.visible_to(user).values("pk")
        else:
            continue  # unscoped reference data: its changes show through who made them
        content_type = ContentType.objects.get_for_model(model)
        condition |= Q(content_type=content_type, object_id__in=objects)
    return condition


def log_entries_for(user, *, query: str = "", actor: str = "", model: str = "", action=None, since=None, until=None):
    """The audit log an administrator may read, newest first, filtered.

    A superuser without a jurisdiction reads everything. An administrator reads the changes made by
    the users they manage (tuquan.accounts.selectors.users_managed_by) and every change, whoever made
    it (imports, commands), to an object that is in their jurisdiction today, so one province's
    administrator never reads another province's work. ``since``/``until`` are dates, inclusive.
    """
    from tuquan.core.text import fold

    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    if not user.has_perm("audit.view_log"):
        return entries.none()
    if not (user.is_superuser and user.jurisdiction_id is None):
        entries = entries.filter(_in_jurisdiction(user))
    if query:
        entries = entries.filter(object_repr__icontains=query.strip()) | entries.filter(object_pk=query.strip())
    if actor:
        folded = fold(actor)
        entries = entries.filter(actor__search_text__contains=folded)
    if model:
        app_label, _, model_name = model.partition(".")
        entries = entries.filter(content_type__app_label=app_label, content_type__model=model_name)
    if action not in (None, ""):
        entries = entries.filter(action=action)
    if since:
        entries = entries.filter(timestamp__date__gte=since)
    if until:
        entries = entries.filter(timestamp__date__lte=until)
    return entries
