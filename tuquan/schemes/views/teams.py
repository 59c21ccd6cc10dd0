"""Add and edit a scheme's teams (tổ) from its page."""

from tuquan.schemes import services
from tuquan.schemes.forms import TeamForm
from tuquan.schemes.models import Team
from tuquan.schemes.views.sections import InlineView


class TeamCreateView(InlineView):
    permission_required = "schemes.add_team"
    form_class = TeamForm
    section = "teams"
    title = "Thêm tổ"

    def save(self, scheme, instance, form):
        services.team_create(user=self.request.user, scheme=scheme, data=form.service_data())


class TeamUpdateView(InlineView):
    permission_required = "schemes.change_team"
    model = Team
    form_class = TeamForm
    section = "teams"
    title = "Sửa tổ"

    def save(self, scheme, instance, form):
        services.team_update(user=self.request.user, team=instance, data=form.service_data())
