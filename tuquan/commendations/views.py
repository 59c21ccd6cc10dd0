"""Pages of commendations (khen thưởng): list, form, detail, suggestions ahead of 19/8, exports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from tuquan.commendations import selectors, services
from tuquan.commendations.choices import PRESETS, CommendationStatus
from tuquan.commendations.exports import proposals_docx, proposals_xlsx
from tuquan.commendations.forms import CommendationFilterForm, CommendationForm
from tuquan.commendations.models import Commendation
from tuquan.core.downloads import xlsx_response
from tuquan.core.nd30 import DOCX_CONTENT_TYPE
from tuquan.core.scoping import get_for_user
from tuquan.core.views import ScopedPermissionMixin

MAX_STREAK_YEARS = 10
# A country has 20.000 suggestions at a time (a province a few hundred): shown a page at a time.
SUGGESTIONS_PER_PAGE = 100


def _filters(request):
    form = CommendationFilterForm(request.GET or None, years=selectors.commendation_years(user=request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    return form, {
        "status": filters.get("status") or "",
        "year": filters.get("year"),
        "recipient_kind": filters.get("recipient_kind") or "",
        "q": filters.get("q") or "",
    }


class CommendationListView(ScopedPermissionMixin, View):
    permission_required = "commendations.view_commendation"
    template_name = "commendations/commendation_list.html"

    def get(self, request):
        form, filters = _filters(request)
        items = selectors.commendation_list(user=request.user, **filters)
        page = Paginator(items, 50).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        export = request.GET.copy()
        export.pop("page", None)
        if not export.get("status"):
            export["status"] = CommendationStatus.PROPOSED
        return render(
            request,
            self.template_name,
            {
                "filter_form": form,
                "page_obj": page,
                "items": page.object_list,
                "query": query.urlencode(),
                "export_query": export.urlencode(),
                "security_day": selectors.next_security_day(timezone.localdate()),
            },
        )


PERSON_FIELDS = ("person_name", "person_role", "person_unit", "unit")


def _form_context(form, **extra) -> dict:
    presets = {
        key: {"title": title, "form": form_value, "level": level, "issuer": issuer}
        for key, title, form_value, level, issuer in PRESETS
    }
    return {"form": form, "presets": presets, "person_fields": PERSON_FIELDS, **extra}


def _commendation(request, pk, action="view") -> Commendation:
    return get_for_user(
        Commendation.objects.select_related("scheme", "unit", "member", "created_by"), request.user, action, pk=pk
    )


class CommendationDetailView(ScopedPermissionMixin, View):
    permission_required = "commendations.view_commendation"
    template_name = "commendations/commendation_detail.html"

    def get(self, request, pk):
        item = _commendation(request, pk)
        editable = Commendation.objects.editable_by(request.user).filter(pk=item.pk).exists() and (
            item.status == CommendationStatus.PROPOSED or request.user.has_perm("commendations.approve_commendation")
        )
        return render(request, self.template_name, {"item": item, "object": item, "editable": editable})


class CommendationCreateView(ScopedPermissionMixin, View):
    permission_required = "commendations.add_commendation"
    template_name = "commendations/commendation_form.html"

    def get(self, request):
        initial = {}
        scheme_id = request.GET.get("scheme", "")
        if scheme_id.isdigit():
            initial = {"scheme": int(scheme_id), "recipient_kind": "scheme"}
        return render(request, self.template_name, _form_context(CommendationForm(user=request.user, initial=initial)))

    def post(self, request):
        form = CommendationForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                item = services.commendation_create(user=request.user, data=form.service_data())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, "Đã lưu khen thưởng.")
                return redirect(item)
        return render(request, self.template_name, _form_context(form))


class CommendationUpdateView(ScopedPermissionMixin, View):
    permission_required = "commendations.change_commendation"
    template_name = "commendations/commendation_form.html"

    def _form(self, request, item, data=None):
        names = [
            "recipient_kind", "scheme", "person_name", "person_role", "person_unit", "unit", "title",
            "award_form", "level", "year", "reason", "status", "decision_number", "decision_date", "issuer",
        ]  # fmt: skip
        initial = {name: getattr(item, f"{name}_id" if name in {"scheme", "unit"} else name) for name in names}
        return CommendationForm(data, user=request.user, initial=initial)

    def get(self, request, pk):
        item = _commendation(request, pk, "change")
        return render(request, self.template_name, _form_context(self._form(request, item), item=item))

    def post(self, request, pk):
        item = _commendation(request, pk, "change")
        form = self._form(request, item, request.POST)
        if form.is_valid():
            try:
                services.commendation_update(user=request.user, commendation=item, data=form.service_data())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, "Đã lưu thay đổi.")
                return redirect(item)
        return render(request, self.template_name, _form_context(form, item=item))


def _streak_years(request) -> int:
    value = request.GET.get("nam_lien") or request.POST.get("nam_lien") or ""
    years = int(value) if value.isdigit() else selectors.DEFAULT_STREAK_YEARS
    return min(max(years, 1), MAX_STREAK_YEARS)


def _page_number(request) -> int:
    value = request.GET.get("page", "")
    return max(int(value), 1) if value.isdigit() else 1


class SuggestionListView(ScopedPermissionMixin, View):
    """Schemes rated Tốt N years running with no commendation since: propose them ahead of 19/8."""

    permission_required = "commendations.view_commendation"
    template_name = "commendations/suggestions.html"

    def get(self, request):
        user = request.user
        years = _streak_years(request)
        until = selectors.latest_rated_year(user=user)
        number = _page_number(request)
        suggestions, total = selectors.suggestion_page(
            user=user, years=years, until=until, page=number, per_page=SUGGESTIONS_PER_PAGE
        )
        paginator = Paginator(range(total), SUGGESTIONS_PER_PAGE)  # numbering only: the rows are above
        if not suggestions and number > paginator.num_pages:
            number = paginator.num_pages
            suggestions, total = selectors.suggestion_page(
                user=user, years=years, until=until, page=number, per_page=SUGGESTIONS_PER_PAGE
            )
        today = timezone.localdate()
        day = selectors.next_security_day(today)
        return render(
            request,
            self.template_name,
            {
                "suggestions": suggestions,
                "total": total,
                "page_obj": paginator.get_page(number),
                "years": years,
                "until": until,
                "first": until - years + 1 if until else None,
                "security_day": day,
                "days_left": (day - today).days,
                "can_propose": user.has_perm("commendations.add_commendation"),
            },
        )


class SuggestionProposeView(ScopedPermissionMixin, View):
    permission_required = "commendations.add_commendation"
    http_method_names = ["post"]

    def post(self, request):
        user = request.user
        years = _streak_years(request)
        until = selectors.latest_rated_year(user=user)
        ids = [int(value) for value in request.POST.getlist("scheme") if value.isdigit()]
        chosen = list(selectors.commendation_suggestions(user=user, years=years, until=until).filter(pk__in=ids))
        if not chosen:
            messages.warning(request, "Chưa chọn mô hình nào (hoặc mô hình đã được đề nghị).")
            return redirect(f"{reverse('commendations:suggestion_list')}?nam_lien={years}")
        label = f"{years} năm liền ({until - years + 1}–{until})" if years > 1 else f"năm {until}"
        try:
            services.commendation_propose_schemes(
                user=user, schemes=chosen, year=timezone.localdate().year, streak_label=label
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, "; ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, f"Đã lập {len(chosen)} đề nghị khen thưởng.")
        return redirect(f"{reverse('commendations:commendation_list')}?status=proposed")


def _export_items(request):
    _, filters = _filters(request)
    if not filters["status"]:
        filters["status"] = CommendationStatus.PROPOSED
    return list(selectors.commendation_list(user=request.user, **filters)), filters


def _unit_name(user) -> str:
    return user.jurisdiction.name if user.jurisdiction_id else "Toàn quốc"


class ProposalXlsxView(ScopedPermissionMixin, View):
    permission_required = "commendations.view_commendation"

    def get(self, request):
        items, filters = _export_items(request)
        content = proposals_xlsx(items, year=filters["year"], unit_name=_unit_name(request.user))
        return xlsx_response(content, "danh-sach-de-nghi-khen-thuong.xlsx")


class ProposalDocxView(ScopedPermissionMixin, View):
    permission_required = "commendations.view_commendation"

    def get(self, request):
        items, filters = _export_items(request)
        user = request.user
        unit = user.jurisdiction
        if unit is None or unit.level == "province":
            parent, issuer = "CÔNG AN TỈNH " + (unit.short_name if unit else "").upper(), "PHÒNG PV05"
            place = unit.short_name if unit else "Khánh Hòa"
            symbol, signer = "DS-PV05", "Trưởng phòng"
        else:
            province = unit.parent.short_name if unit.parent_id else ""
            parent, issuer, place = f"CÔNG AN TỈNH {province}".upper(), f"CÔNG AN {unit.name}".upper(), province
            symbol, signer = "DS-CAX", "Trưởng Công an"
        content = proposals_docx(
            items,
            year=filters["year"],
            issuer_parent=parent,
            issuer=issuer,
            place=place,
            symbol=symbol,
            signer_title=signer,
        )
        response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
        response["Content-Disposition"] = 'attachment; filename="danh-sach-de-nghi-khen-thuong.docx"'
        return response
