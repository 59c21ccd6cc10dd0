from django.views.generic import ListView

from tuquan.audit import selectors
from tuquan.audit.forms import LogFilterForm
from tuquan.core.views import ScopedPermissionMixin


class AuditLogView(ScopedPermissionMixin, ListView):
    """The audit log across objects, for administrators: who changed what, when, filtered."""

    permission_required = "audit.view_log"
    template_name = "audit/log_list.html"
    context_object_name = "entries"
    paginate_by = 50

    def get_queryset(self):
        self.form = LogFilterForm(self.request.GET or None)
        # Invalid filters are shown next to their field; the valid ones still apply.
        filters = {}
        if self.form.is_bound:
            self.form.is_valid()
            filters = self.form.cleaned_data
        return selectors.log_entries_for(
            self.request.user,
            query=filters.get("q") or "",
            actor=filters.get("actor") or "",
            model=filters.get("model") or "",
            action=filters.get("action"),
            since=filters.get("since"),
            until=filters.get("until"),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        return context
