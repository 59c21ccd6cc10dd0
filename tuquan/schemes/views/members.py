"""Add, edit and anonymise a scheme's members from its page."""

from django.contrib import messages
from django.core.exceptions import ValidationError

from tuquan.schemes import services
from tuquan.schemes.forms import MemberForm
from tuquan.schemes.models import Member
from tuquan.schemes.views.sections import InlineView


class MemberCreateView(InlineView):
    permission_required = "schemes.add_member"
    form_class = MemberForm
    section = "members"
    title = "Thêm thành viên"

    def make_form(self, scheme, instance, data=None):
        return MemberForm(data, instance=instance, scheme=scheme)

    def save(self, scheme, instance, form):
        services.member_create(user=self.request.user, scheme=scheme, data=form.service_data())


class MemberUpdateView(MemberCreateView):
    permission_required = "schemes.change_member"
    model = Member
    title = "Sửa thành viên"

    def make_form(self, scheme, instance, data=None):
        form = super().make_form(scheme, instance, data)
        if instance.is_anonymised:  # her personal data is gone; her team, role and dates are still kept
            for name in services.MEMBER_PERSONAL_FIELDS:
                form.fields.pop(name, None)
        return form

    def save(self, scheme, instance, form):
        services.member_update(user=self.request.user, member=instance, data=form.service_data())


class MemberAnonymiseView(InlineView):
    permission_required = "schemes.change_member"
    model = Member
    section = "members"
    http_method_names = ["post"]

    def post(self, request, pk):
        scheme, member = self.get_target()
        try:
            services.member_anonymise(user=request.user, member=member)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return self.success(scheme)
