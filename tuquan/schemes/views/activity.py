"""Add and edit a scheme's activity reports (kết quả hoạt động) from its page."""

from tuquan.schemes import services
from tuquan.schemes.forms import ActivityReportForm
from tuquan.schemes.models import ActivityReport
from tuquan.schemes.views.sections import InlineView


class ActivityReportCreateView(InlineView):
    permission_required = "schemes.add_activityreport"
    form_class = ActivityReportForm
    section = "reports"
    title = "Thêm kết quả hoạt động"

    def save(self, scheme, instance, form):
        services.activity_report_create(user=self.request.user, scheme=scheme, data=form.service_data())


class ActivityReportUpdateView(ActivityReportCreateView):
    permission_required = "schemes.change_activityreport"
    model = ActivityReport
    title = "Sửa kết quả hoạt động"

    def save(self, scheme, instance, form):
        services.activity_report_update(user=self.request.user, report=instance, data=form.service_data())
