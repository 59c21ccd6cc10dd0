"""Pages of the scheme registry. Thin: parse input, call a selector or a service, render."""

import hashlib
from html import escape

from django.contrib import messages
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import TemplateView
from django_htmx.http import reswap, retarget
from django_tables2 import RequestConfig

from tuquan.core.scoping import get_for_user, reach
from tuquan.core.views import ScopedPermissionMixin, address_pattern
from tuquan.schemes import selectors, services
from tuquan.schemes.choices import HostOrganisation
from tuquan.schemes.filtersets import SELECT_LIMIT, SchemeFilterSet
from tuquan.schemes.forms import (
    ActivityReportForm,
    ColumnsForm,
    KindForm,
    MemberForm,
    MergeForm,
    SchemeForm,
    TeamForm,
    VoidForm,
)
from tuquan.schemes.html import member_rows_html
from tuquan.schemes.models import ActivityReport, Member, Scheme, SchemeKind, Team
from tuquan.schemes.replication import scheme_family_tree
from tuquan.schemes.replication_forms import ReplicateForm
from tuquan.schemes.tables import (
    LOADED_FIELDS,
    KindTable,
    SchemeTable,
    store_visible_columns,
    visible_columns_from_session,
)

PAGE_SIZES = (20, 50, 100)


def _is_htmx(request) -> bool:
    return bool(getattr(request, "htmx", False)) and not request.htmx.boosted


# --------------------------------------------------------------------------- list


class SchemeListView(ScopedPermissionMixin, TemplateView):
    """The registry: filters (HTMX, no full reload), Vietnamese sort, pagination, chosen columns."""

    permission_required = "schemes.view_scheme"
    template_name = "schemes/scheme_list.html"
    content_template_name = "schemes/partials/scheme_list_content.html"
    partial_template_name = "schemes/partials/scheme_results.html"

    def get(self, request, *args, **kwargs):
        """The page, its content from the page cache while the registry it shows is unchanged (ADR 0015).

        The content (filters, column choice, results) is the same for everyone with the same reach,
        address, columns and permissions; it is rendered once per version of that reach's registry
        (``selectors.registry_version``, kept by triggers) and then served from ``caches["pages"]``.
        What is the user's own (menu, messages, the CSRF token) is rendered on every request.
        """
        partial = _is_htmx(request)
        key = self.cache_key(partial=partial)
        pages = caches["pages"]
        content = pages.get(key) if key else None
        if content is None:
            template = self.partial_template_name if partial else self.content_template_name
            content = render_to_string(template, self.get_context_data(**kwargs), request)
            if key:
                pages.set(key, content)
        if partial:
            return HttpResponse(content)
        # Rendered from the registry's rows, every value escaped by the templates above.
        return render(request, self.template_name, {"content": mark_safe(content)})  # noqa: S308  # nosec B308 B703

    def cache_key(self, *, partial: bool) -> str | None:
        """The content's key in the page cache, or ``None`` when it is not cached (a scheme leader's)."""
        request, user = self.request, self.request.user
        if user.is_scheme_leader:
            return None
        version = selectors.registry_version(user=user)
        if not version:  # no tally row in reach: nothing counts its changes
            return None
        where = reach(user)
        parts = (
            where.kind,
            where.value,
            version,
            partial,
            user.has_perm("schemes.add_scheme"),
            user.has_perm("schemes.import_scheme"),
            tuple(visible_columns_from_session(request.session)),
            request.get_full_path(),
        )
        return "schemes.list:" + hashlib.sha256(repr(parts).encode()).hexdigest()

    def per_page(self) -> int:
        try:
            value = int(self.request.GET.get("per_page", 50))
        except ValueError:
            return 50
        return value if value in PAGE_SIZES else 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request, user = self.request, self.request.user
        full_page = not _is_htmx(request)
        unit_choices = selectors.unit_filter_choices(user=user, limit=SELECT_LIMIT) if full_page else None
        filterset = SchemeFilterSet(
            request.GET or None,
            queryset=selectors.scheme_list(user=user).only(*LOADED_FIELDS),
            request=request,
            unit_choices=unit_choices,
            kind_source=reverse("schemes:kind_options"),
        )
        columns = visible_columns_from_session(request.session)
        seek = None
        if request.GET.get("sort") or request.GET.get("page"):
            # A column the user sorts by (Vietnamese order) or an old page-number link: numbered pages.
            table = SchemeTable(filterset.qs, visible_columns=columns)
            RequestConfig(request, paginate={"per_page": self.per_page()}).configure(table)
        else:
            # The default order, by code: keyset pages on the code index, the last page as fast as the first.
            seek = selectors.seek_page(
                filterset.qs,
                size=self.per_page(),
                after=request.GET.get("after", ""),
                before=request.GET.get("before", ""),
                last=request.GET.get("last") == "1",
                count=selectors.tallied_count(user=user, filterset=filterset),
                rows=filterset.queryset,  # the list's columns in the user's reach, without the filters
            )
            table = SchemeTable(seek.rows, visible_columns=columns)
            RequestConfig(request, paginate=False).configure(table)
        unit_search = full_page and unit_choices is None
        context.update(
            filterset=filterset,
            table=table,
            seek=seek,
            seek_links=_seek_links(request, seek) if seek else None,
            unit_search=unit_search,
            selected_unit=selectors.unit_option(user=user, pk=request.GET.get("unit")) if unit_search else None,
            unit_options_html=_unit_options_html(unit_choices, request.GET.get("unit", "")) if unit_choices else "",
            per_page=self.per_page(),
            page_sizes=PAGE_SIZES,
            columns_form=ColumnsForm(initial={"columns": columns}, choices=SchemeTable.column_choices()),
            can_add=user.has_perm("schemes.add_scheme"),
        )
        return context


def _unit_options_html(choices: list, selected: str) -> str:
    """The unit ``<select>``'s options (a province has ~300): written here, not in a template loop."""
    parts = []
    for group, options in choices:
        if group == "":
            parts.append(f'<option value="">{escape(options)}</option>')
            continue
        rows = "".join(
            f'<option value="{pk}"{" selected" if str(pk) == selected else ""}>{escape(name)}</option>'
            for pk, name in options
        )
        parts.append(f'<optgroup label="{escape(group)}">{rows}</optgroup>')
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703 - names escaped, keys are integers


def _seek_links(request, seek) -> dict:
    """Addresses of the first, previous, next and last keyset pages, keeping the filters."""
    params = request.GET.copy()
    for key in ("after", "before", "last", "page"):
        params.pop(key, None)

    def link(**extra) -> str:
        query = params.copy()
        for key, value in extra.items():
            query[key] = value
        return "?" + query.urlencode()

    return {
        "first": link() if seek.has_previous else None,
        "previous": link(before=seek.first_key) if seek.has_previous else None,
        "next": link(after=seek.last_key) if seek.has_next else None,
        "last": link(last="1") if seek.has_next else None,
    }


class UnitOptionsView(ScopedPermissionMixin, View):
    """Units of the registry's unit filter matching ``?q=`` (JSON), within the user's jurisdiction."""

    permission_required = "schemes.view_scheme"

    def get(self, request):
        query = request.GET.get("q", "")[:100]
        return JsonResponse({"results": selectors.unit_options(user=request.user, query=query) if query else []})


class KindOptionsView(ScopedPermissionMixin, View):
    """Kinds of the catalogue matching ``?q=`` (JSON), for the kind filter's search box."""

    permission_required = "schemes.view_scheme"

    def get(self, request):
        query = request.GET.get("q", "")[:100]
        return JsonResponse({"results": selectors.kind_options(query=query) if query else []})


class SchemeColumnsView(ScopedPermissionMixin, View):
    """Remember which columns of the registry the user wants to see (in the session)."""

    permission_required = "schemes.view_scheme"
    http_method_names = ["post"]

    def post(self, request):
        form = ColumnsForm(request.POST, choices=SchemeTable.column_choices())
        if form.is_valid():
            store_visible_columns(request.session, form.cleaned_data["columns"])
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("schemes:scheme_list")
        return HttpResponseRedirect(target)


# --------------------------------------------------------------------------- detail


class SchemeDetailView(ScopedPermissionMixin, TemplateView):
    permission_required = "schemes.view_scheme"
    template_name = "schemes/scheme_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        scheme = selectors.scheme_for_detail(user=user, pk=self.kwargs["pk"])
        editable = scheme.status != "voided" and Scheme.objects.editable_by(user).filter(pk=scheme.pk).exists()
        context.update(
            scheme=scheme,
            object=scheme,
            editable=editable,
            co_host_labels=[HostOrganisation(v).label for v in scheme.co_hosts if v in HostOrganisation.values],
            **_sections(request=self.request, scheme=scheme, editable=editable),
            **selectors.scheme_related(user=user, scheme=scheme),
            family_tree=scheme_family_tree(user=user, scheme=scheme),
            can_replicate=scheme.status == "active" and user.has_perm("schemes.add_scheme"),
        )
        return context


def _sections(*, request, scheme, editable: bool) -> dict:
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


# --------------------------------------------------------------------------- create / edit


class SchemeCreateView(ScopedPermissionMixin, View):
    permission_required = "schemes.add_scheme"
    template_name = "schemes/scheme_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": SchemeForm(user=request.user)})

    def post(self, request):
        form = SchemeForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                scheme = services.scheme_create(user=request.user, data=form.service_data())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, f"Đã đăng ký mô hình “{scheme.name}” (mã {scheme.code}).")
                return redirect(scheme)
        return render(request, self.template_name, {"form": form}, status=200)


class SchemeUpdateView(ScopedPermissionMixin, View):
    permission_required = "schemes.change_scheme"
    template_name = "schemes/scheme_form.html"

    def get_scheme(self):
        scheme = get_for_user(
            Scheme.objects.select_related("commune"), self.request.user, "change", pk=self.kwargs["pk"]
        )
        if scheme.status == "voided":
            raise Http404("Bản ghi đã hủy.")
        return scheme

    def get(self, request, pk):
        scheme = self.get_scheme()
        form = SchemeForm(instance=scheme, user=request.user)
        return render(request, self.template_name, {"form": form, "scheme": scheme})

    def post(self, request, pk):
        scheme = self.get_scheme()
        form = SchemeForm(request.POST, instance=scheme, user=request.user)
        if form.is_valid():
            try:
                services.scheme_update(
                    user=request.user,
                    scheme=scheme,
                    data=form.service_data(),
                    expected_version=form.cleaned_data.get("version"),
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, "Đã lưu thay đổi.")
                return redirect(scheme)
        return render(request, self.template_name, {"form": form, "scheme": scheme})


class _SchemeActionView(ScopedPermissionMixin, View):
    """A status change on one scheme (void, merge): a form page and its POST."""

    template_name = ""
    form_class = None

    def get_scheme(self):
        return get_for_user(
            Scheme.objects.select_related("commune", "kind"), self.request.user, "change", pk=self.kwargs["pk"]
        )

    def make_form(self, scheme, data=None):
        return self.form_class(data)

    def get(self, request, pk):
        scheme = self.get_scheme()
        return render(request, self.template_name, {"scheme": scheme, "form": self.make_form(scheme)})

    def post(self, request, pk):
        scheme = self.get_scheme()
        form = self.make_form(scheme, request.POST)
        if form.is_valid():
            try:
                self.perform(scheme, form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error) if not hasattr(form, "add_service_errors") else form.add_service_errors(
                    error
                )
            else:
                return redirect(scheme)
        return render(request, self.template_name, {"scheme": scheme, "form": form})


class SchemeVoidView(_SchemeActionView):
    permission_required = ("schemes.change_scheme", "schemes.void_scheme")
    template_name = "schemes/scheme_void.html"
    form_class = VoidForm

    def perform(self, scheme, data):
        services.scheme_void(user=self.request.user, scheme=scheme, reason=data["reason"])
        messages.warning(self.request, "Đã hủy bản ghi. Bản ghi vẫn được lưu trong nhật ký.")


class SchemeMergeView(_SchemeActionView):
    permission_required = "schemes.change_scheme"
    template_name = "schemes/scheme_merge.html"

    def make_form(self, scheme, data=None):
        return MergeForm(data, user=self.request.user, scheme=scheme)

    def perform(self, scheme, data):
        services.scheme_merge(
            user=self.request.user,
            scheme=scheme,
            into=data["into"],
            merged_on=data["merged_on"],
            note=data.get("note", ""),
        )
        messages.success(self.request, f"Đã sáp nhập vào “{data['into'].name}”.")


class SchemeReplicateView(ScopedPermissionMixin, View):
    """Nhân rộng: a new scheme in another commune, pre-filled from this one, confirmed by the officer."""

    permission_required = "schemes.add_scheme"
    template_name = "schemes/scheme_replicate.html"

    def get_source(self):
        return get_for_user(
            Scheme.objects.select_related("commune", "kind"), self.request.user, "view", pk=self.kwargs["pk"]
        )

    def get(self, request, pk):
        source = self.get_source()
        initial = services.scheme_replica_initial(source=source) | {"founded_on": timezone.localdate()}
        form = ReplicateForm(user=request.user, source=source, initial=initial)
        return render(request, self.template_name, {"form": form, "scheme": source})

    def post(self, request, pk):
        source = self.get_source()
        form = ReplicateForm(request.POST, user=request.user, source=source)
        if form.is_valid():
            try:
                replica = services.scheme_replicate(user=request.user, source=source, data=form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, f"Đã nhân rộng thành mô hình “{replica.name}” (mã {replica.code}).")
                return redirect(replica)
        return render(request, self.template_name, {"form": form, "scheme": source})


# --------------------------------------------------------------------------- inline (HTMX) team/member/activity


class _InlineView(ScopedPermissionMixin, View):
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
            "htmx_mode": _is_htmx(self.request),
        }
        template = "schemes/partials/inline_form.html" if _is_htmx(self.request) else "schemes/inline_form_page.html"
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
        if _is_htmx(request):
            response = reswap(retarget(response, f"#{self.section}-form"), "innerHTML")
        return response

    def success(self, scheme):
        if not _is_htmx(self.request):
            return redirect(f"{scheme.get_absolute_url()}#{self.section}")
        editable = Scheme.objects.editable_by(self.request.user).filter(pk=scheme.pk).exists()
        context = {"scheme": scheme, **_sections(request=self.request, scheme=scheme, editable=editable)}
        return render(self.request, f"schemes/partials/{self.section}_section.html", context)


class TeamCreateView(_InlineView):
    permission_required = "schemes.add_team"
    form_class = TeamForm
    section = "teams"
    title = "Thêm tổ"

    def save(self, scheme, instance, form):
        services.team_create(user=self.request.user, scheme=scheme, data=form.service_data())


class TeamUpdateView(_InlineView):
    permission_required = "schemes.change_team"
    model = Team
    form_class = TeamForm
    section = "teams"
    title = "Sửa tổ"

    def save(self, scheme, instance, form):
        services.team_update(user=self.request.user, team=instance, data=form.service_data())


class MemberCreateView(_InlineView):
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


class MemberAnonymiseView(_InlineView):
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


class ActivityReportCreateView(_InlineView):
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


# --------------------------------------------------------------------------- catalogue of kinds


class KindListView(ScopedPermissionMixin, TemplateView):
    permission_required = "schemes.view_schemekind"
    template_name = "schemes/kind_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "")
        table = KindTable(selectors.kind_list(user=self.request.user, query=query), request=self.request)
        RequestConfig(self.request, paginate={"per_page": 100}).configure(table)
        # The page's kinds, the very objects the table renders, counted in one query.
        selectors.with_scheme_counts(user=self.request.user, kinds=list(table.page.object_list.data))
        context.update(table=table, q=query, can_add=self.request.user.has_perm("schemes.add_schemekind"))
        return context


class KindCreateView(ScopedPermissionMixin, View):
    permission_required = "schemes.add_schemekind"
    template_name = "schemes/kind_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": KindForm()})

    def post(self, request):
        form = KindForm(request.POST)
        if form.is_valid():
            try:
                kind = services.kind_create(user=request.user, data=form.service_data())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, f"Đã thêm loại mô hình “{kind.name}”.")
                return redirect("schemes:kind_list")
        return render(request, self.template_name, {"form": form})


class KindUpdateView(ScopedPermissionMixin, View):
    permission_required = "schemes.change_schemekind"
    template_name = "schemes/kind_form.html"

    def get_kind(self):
        try:
            return SchemeKind.objects.get(pk=self.kwargs["pk"])
        except SchemeKind.DoesNotExist as exc:
            raise Http404("Không tìm thấy loại mô hình.") from exc

    def get(self, request, pk):
        kind = self.get_kind()
        return render(request, self.template_name, {"form": KindForm(instance=kind), "kind": kind})

    def post(self, request, pk):
        kind = self.get_kind()
        form = KindForm(request.POST, instance=kind)
        if form.is_valid():
            try:
                services.kind_update(user=request.user, kind=kind, data=form.service_data())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, "Đã lưu loại mô hình.")
                return redirect("schemes:kind_list")
        return render(request, self.template_name, {"form": form, "kind": kind})
