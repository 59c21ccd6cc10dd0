"""The teams, members and activity sections of a scheme's page, and the base of their inline (HTMX) forms."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.views import View
from django_htmx.http import reswap, retarget

from tuquan.core.scoping import get_for_user
from tuquan.core.views import ScopedPermissionMixin, address_pattern
from tuquan.schemes import selectors
from tuquan.schemes.html import member_rows_html
from tuquan.schemes.models import Scheme
from tuquan.schemes.views.base import is_htmx


def scheme_sections(*, request, scheme, editable: bool) -> dict:
    user = request.user
    members = list(selectors.scheme_members(scheme=scheme))
    reports = list(selectors.scheme_activity(scheme=scheme))
    can_change_member = editable and user.has_perm("schemes.change_member")
    can_see_personal = user.has_perm("schemes.view_member_personal_data")
    can_change_report = editable and user.has_perm("schemes.change_activityreport")
    # A scheme may have hundreds of members and reports, each row with its links: the addresses
    # are reversed once, not once a row (address_pattern).
    if can_change_member:
        update, anonymise = address_pattern("schemes:member_update"), address_pattern("schemes:member_anonymise")
        for member in members:
            member.update_url, member.anonymise_url = update.format(member.pk), anonymise.format(member.pk)
    if can_change_report:
        update = address_pattern("schemes:report_update")
        for report in reports:
            report.update_url = update.format(report.pk)
    return {
        "teams": selectors.scheme_teams(scheme=scheme),
        "members": members,
        "member_rows": member_rows_html(
            members, can_see_personal=can_see_personal, can_change=can_change_member, csrf_input=csrf_input(request)
        ),
        "reports": reports,
        "totals": selectors.scheme_activity_totals(scheme=scheme),
        "can_add_team": editable and user.has_perm("schemes.add_team"),
        "can_change_team": editable and user.has_perm("schemes.change_team"),
        "can_add_member": editable and user.has_perm("schemes.add_member"),
        "can_change_member": can_change_member,
        "can_add_report": editable and user.has_perm("schemes.add_activityreport"),
        "can_change_report": can_change_report,
        "can_see_personal": can_see_personal,
    }


class InlineView(ScopedPermissionMixin, View):
    """Add or edit one team/member/report from the scheme page.

    GET returns the form (a fragment for HTMX, a page otherwise); a valid POST returns the
    refreshed section (HTMX) or goes back to the scheme page; an invalid POST returns the
    form with its errors, retargeted to the form's slot.
    """

    model = None  # the edited model (None when adding)
    form_class = None
    section = ""  # "teams" | "members" | "reports"
    title = ""

    def get_target(self):
        """(scheme, instance or None) after the scoping check (404 outside the jurisdiction)."""
        if self.model is None:
            return get_for_user(Scheme, self.request.user, "change", pk=self.kwargs["pk"]), None
        instance = get_for_user(
            self.model.objects.select_related("scheme"), self.request.user, "change", pk=self.kwargs["pk"]
        )
        return instance.scheme, instance

    def make_form(self, scheme, instance, data=None):
        return self.form_class(data, instance=instance)

    def save(self, scheme, instance, form):
        raise NotImplementedError

    def render_form(self, scheme, instance, form, status=200):
        context = {
            "scheme": scheme,
            "form": form,
            "instance": instance,
            "section": self.section,
            "title": self.title,
            "action": self.request.path,
            "htmx_mode": is_htmx(self.request),
        }
        template = "schemes/partials/inline_form.html" if is_htmx(self.request) else "schemes/inline_form_page.html"
        return render(self.request, template, context, status=status)

    def get(self, request, pk):
        scheme, instance = self.get_target()
        return self.render_form(scheme, instance, self.make_form(scheme, instance))

    def post(self, request, pk):
        scheme, instance = self.get_target()
        form = self.make_form(scheme, instance, request.POST)
        if form.is_valid():
            try:
                self.save(scheme, instance, form)
            except ValidationError as error:
                form.add_service_errors(error)
            except PermissionDenied:
                raise
            else:
                return self.success(scheme)
        response = self.render_form(scheme, instance, form)
        if is_htmx(request):
            response = reswap(retarget(response, f"#{self.section}-form"), "innerHTML")
        return response

    def success(self, scheme):
        if not is_htmx(self.request):
            return redirect(f"{scheme.get_absolute_url()}#{self.section}")
        editable = Scheme.objects.editable_by(self.request.user).filter(pk=scheme.pk).exists()
        context = {"scheme": scheme, **scheme_sections(request=self.request, scheme=scheme, editable=editable)}
        return render(self.request, f"schemes/partials/{self.section}_section.html", context)
