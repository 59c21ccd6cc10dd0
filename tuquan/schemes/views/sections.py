"""The teams, members and activity sections of a scheme's page, and the base of their inline (HTMX) forms."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views import View
from django_htmx.http import reswap, retarget

from tuquan.core.scoping import get_for_user
from tuquan.core.views import ScopedPermissionMixin, address_pattern
from tuquan.schemes import selectors
from tuquan.schemes.models import Scheme
from tuquan.schemes.views.base import is_htmx

MEMBERS_PER_PAGE = 50


def members_query(number) -> str:
    """``?members_page=N`` for members page ``number`` ("" for the first page or a number that is none)."""
    number = str(number)
    return f"?members_page={int(number)}" if number.isdigit() and int(number) > 1 else ""


def scheme_sections(*, request, scheme, editable: bool) -> dict:
    """The context of the teams, members and activity sections: the page's own and every HTMX swap's.

    Members are shown ``MEMBERS_PER_PAGE`` at a time (``?members_page=N``); their edit and anonymise
    links carry the page they are on, so that the section comes back on the same page after a change.
    """
    user = request.user
    members_page = Paginator(selectors.scheme_members(scheme=scheme), MEMBERS_PER_PAGE).get_page(
        request.GET.get("members_page")
    )
    members_page.object_list = list(members_page.object_list)
    reports = list(selectors.scheme_activity(scheme=scheme))
    can_change_member = editable and user.has_perm("schemes.change_member")
    can_see_personal = user.has_perm("schemes.view_member_personal_data")
    can_change_report = editable and user.has_perm("schemes.change_activityreport")
    # Rows with links: the addresses are reversed once, not once a row (address_pattern).
    if can_change_member:
        query = members_query(members_page.number)
        update, anonymise = address_pattern("schemes:member_update"), address_pattern("schemes:member_anonymise")
        for member in members_page.object_list:
            member.update_url = update.format(member.pk) + query
            member.anonymise_url = anonymise.format(member.pk) + query
    if can_change_report:
        update = address_pattern("schemes:report_update")
        for report in reports:
            report.update_url = update.format(report.pk)
    return {
        "teams": selectors.scheme_teams(scheme=scheme),
        "members_page": members_page,
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
            "action": self.request.get_full_path(),
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
            page = members_query(self.request.GET.get("members_page", ""))
            return redirect(f"{scheme.get_absolute_url()}{page}#{self.section}")
        editable = Scheme.objects.editable_by(self.request.user).filter(pk=scheme.pk).exists()
        context = {"scheme": scheme, **scheme_sections(request=self.request, scheme=scheme, editable=editable)}
        return render(self.request, f"schemes/partials/{self.section}_section.html", context)
