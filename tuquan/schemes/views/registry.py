"""The registry: the list of schemes with its filters, columns and pages, and the filters' search boxes."""

import hashlib

from django.core.cache import caches
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView
from django_tables2 import RequestConfig

from tuquan.core.scoping import reach
from tuquan.core.views import ScopedPermissionMixin
from tuquan.schemes import selectors
from tuquan.schemes.filtersets import SELECT_LIMIT, SchemeFilterSet
from tuquan.schemes.forms import ColumnsForm
from tuquan.schemes.tables import (
    LOADED_FIELDS,
    SchemeTable,
    store_visible_columns,
    visible_columns_from_session,
)
from tuquan.schemes.views.base import is_htmx

PAGE_SIZES = (20, 50, 100)


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
        partial = is_htmx(request)
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
        # ``content`` is the SafeString the template engine returned (kept as one by the cache, which
        # pickles it): the page template places it as it is, without marking any string safe here.
        return render(request, self.template_name, {"content": content})

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
        full_page = not is_htmx(request)
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
            unit_choices=unit_choices or [],
            unit_pk=_int_or_none(request.GET.get("unit", "")),
            per_page=self.per_page(),
            page_sizes=PAGE_SIZES,
            columns_form=ColumnsForm(initial={"columns": columns}, choices=SchemeTable.column_choices()),
            can_add=user.has_perm("schemes.add_scheme"),
        )
        return context


def _int_or_none(value: str) -> int | None:
    """The chosen unit's key (compared with the options' integer keys), or ``None``."""
    return int(value) if value.isdigit() else None


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
