"""Pages of the yearly inspection. Thin: parse input, call a selector or a service, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from tuquan.assessments import excel, selectors, services
from tuquan.assessments.choices import Progress, State
from tuquan.assessments.forms import (
    CampaignForm,
    CriteriaSetVersionForm,
    CriterionFormSet,
    EliminationForm,
    ImportUploadForm,
    ScoreForm,
)
from tuquan.assessments.models import (
    Assessment,
    Campaign,
    CriteriaSet,
    CriterionScore,
    EliminatedScheme,
    Elimination,
)
from tuquan.core.downloads import xlsx_response
from tuquan.core.forms import add_service_errors
from tuquan.core.scoping import get_for_user
from tuquan.core.views import ScopedPermissionMixin
from tuquan.schemes.models import Scheme

IMPORT_SESSION_KEY = "assessments_import"
ELIMINATIONS_PER_PAGE = 50


def _campaign(request, pk) -> Campaign:
    return get_for_user(Campaign.objects.select_related("root_unit"), request.user, "view", pk=pk)


# --------------------------------------------------------------------------- campaigns


class CampaignListView(ScopedPermissionMixin, TemplateView):
    permission_required = "assessments.view_campaign"
    template_name = "assessments/campaign_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            campaigns=selectors.campaigns_for(self.request.user),
            can_add=self.request.user.has_perm("assessments.add_campaign"),
            **kwargs,
        )


class CampaignCreateView(ScopedPermissionMixin, View):
    permission_required = "assessments.add_campaign"
    template_name = "assessments/campaign_form.html"

    def get(self, request):
        year = timezone.localdate().year
        form = CampaignForm(initial={"year": year, "name": f"Kiểm tra, đánh giá, phân loại mô hình năm {year}"})
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = CampaignForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            criteria_set = data.pop("criteria_set")
            try:
                campaign = services.campaign_create(user=request.user, data=data, criteria_set=criteria_set)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"Đã tạo đợt “{campaign.name}”.")
                return redirect(campaign)
        return render(request, self.template_name, {"form": form}, status=400)


class CampaignDetailView(ScopedPermissionMixin, TemplateView):
    """Progress per commune and the campaign's schemes with their assessment state."""

    permission_required = "assessments.view_campaign"
    template_name = "assessments/campaign_detail.html"

    def get_context_data(self, **kwargs):
        campaign = _campaign(self.request, self.kwargs["pk"])
        user = self.request.user
        progress = selectors.campaign_progress(campaign, user)
        state = self.request.GET.get("state", "")
        rows = (
            selectors.campaign_scheme_rows(campaign, user)
            .select_related("commune", "kind")
            .values(
                "pk",
                "name",
                "code",
                "commune__name",
                "kind__name",
                "current__pk",
                "current__state",
                "current__total",
                "current__final_rating",
                "current__suggested_rating",
            )
            .order_by("commune__path", "name")
        )
        if state == Progress.NOT_STARTED:
            rows = rows.filter(current__isnull=True)
        elif state in State.values:
            rows = rows.filter(current__state=state)
        commune = self.request.GET.get("commune", "")
        if commune.isdigit():
            rows = rows.filter(commune_id=int(commune))
        page_obj = Paginator(rows, 50).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            campaign=campaign,
            progress=progress,
            results=selectors.campaign_results(campaign, user),
            schemes=page_obj.object_list,
            page_obj=page_obj,
            state=state,
            commune=commune,
            states=Progress.choices,
            state_labels=dict(Progress.choices),
            rating_labels=dict(selectors.rating_columns()),
            can_assess=user.has_perm("assessments.add_assessment"),
            can_export_late=user.has_perm("assessments.change_campaign"),
            **kwargs,
        )


class LateCommunesExportView(ScopedPermissionMixin, View):
    permission_required = "assessments.change_campaign"

    def get(self, request, pk):
        campaign = _campaign(request, pk)
        progress = selectors.campaign_progress(campaign, request.user)
        return xlsx_response(excel.late_communes(campaign, progress), f"xa-tre-han-{campaign.year}.xlsx")


class CampaignResultsView(ScopedPermissionMixin, TemplateView):
    permission_required = "assessments.view_campaign"
    template_name = "assessments/campaign_results.html"

    def tables(self, campaign):
        return selectors.campaign_results_tables(campaign, self.request.user)

    def get_context_data(self, **kwargs):
        campaign = _campaign(self.request, self.kwargs["pk"])
        tables = self.tables(campaign)
        columns = selectors.rating_columns()
        return super().get_context_data(
            campaign=campaign,
            results=selectors.campaign_results(campaign, self.request.user),
            tables=tables,
            columns=columns,
            chart_data={"columns": columns, "rows": tables[1][1]},
            **kwargs,
        )


class CampaignResultsExportView(CampaignResultsView):
    def get(self, request, pk):
        campaign = _campaign(request, pk)
        content = excel.results(
            campaign,
            selectors.campaign_results(campaign, request.user),
            self.tables(campaign),
            selectors.rating_columns(),
        )
        return xlsx_response(content, f"ket-qua-phan-loai-{campaign.year}.xlsx")


# --------------------------------------------------------------------------- assessments


class AssessmentStartView(ScopedPermissionMixin, View):
    """Open (create if needed) the assessment of one scheme in a campaign."""

    permission_required = "assessments.add_assessment"

    def post(self, request, pk, scheme_pk):
        campaign = _campaign(request, pk)
        scheme = get_for_user(Scheme, request.user, "view", pk=scheme_pk)
        try:
            assessment = services.assessment_start(user=request.user, campaign=campaign, scheme=scheme)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(campaign)
        return redirect(assessment)


def _assessment(request, pk) -> Assessment:
    queryset = Assessment.objects.select_related(
        "campaign", "scheme", "scheme__commune", "scheme__kind", "submitted_by", "approved_by", "returned_by"
    ).prefetch_related(
        "campaign__criteria",
        Prefetch("scores", queryset=CriterionScore.objects.select_related("criterion").order_by("criterion__order")),
    )
    return get_for_user(queryset, request.user, "view", pk=pk)


class AssessmentDetailView(ScopedPermissionMixin, View):
    """The scoring form: editable by the commune (draft/returned), reviewable by PV05 (submitted)."""

    permission_required = "assessments.view_assessment"
    template_name = "assessments/assessment_detail.html"

    def mode(self, assessment) -> str:
        user = self.request.user
        if assessment.state == State.SUBMITTED and user.has_perm("assessments.approve_assessment"):
            return "review"
        if assessment.is_editable and user.has_perm("assessments.change_assessment"):
            return "edit"
        return "read"

    def form(self, assessment, data=None, files=None):
        scores = {s.criterion_id: s for s in assessment.scores.all()}
        initial = {
            "version": assessment.version,
            "recommendation": assessment.recommendation,
            "general_note": assessment.general_note,
        }
        return ScoreForm(
            data,
            files,
            criteria=assessment.campaign.criteria.all(),
            scores=scores,
            mode=self.mode(assessment),
            initial=initial,
        )

    def render_page(self, assessment, form, status=200):
        context = {
            "assessment": assessment,
            "campaign": assessment.campaign,
            "scheme": assessment.scheme,
            "form": form,
            "mode": form.mode,
            "evidence": {s.criterion_id: s for s in assessment.scores.all() if s.evidence},
            "can_submit": form.mode == "edit" and self.request.user.has_perm("assessments.submit_assessment"),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        assessment = _assessment(request, pk)
        return self.render_page(assessment, self.form(assessment))

    def post(self, request, pk):
        assessment = _assessment(request, pk)
        if not request.user.has_perm("assessments.change_assessment"):
            raise PermissionDenied
        get_for_user(Assessment, request.user, "change", pk=pk)
        form = self.form(assessment, request.POST, request.FILES)
        action = request.POST.get("action", "save")
        if not form.is_valid():
            return self.render_page(assessment, form, status=400)
        data = form.cleaned_data
        try:
            if form.mode == "edit":
                assessment = services.assessment_save_draft(
                    user=request.user,
                    assessment=assessment,
                    version=data["version"],
                    scores=form.score_inputs(),
                    recommendation=data.get("recommendation") or "",
                    general_note=data.get("general_note") or "",
                )
                if action == "submit":
                    services.assessment_submit(user=request.user, assessment=assessment, version=assessment.version)
                    messages.success(request, "Đã gửi phiếu tự đánh giá lên PV05.")
                else:
                    messages.success(request, "Đã lưu nháp phiếu đánh giá.")
            elif form.mode == "review" and action == "return":
                services.assessment_return(
                    user=request.user,
                    assessment=assessment,
                    version=data["version"],
                    comment=data.get("return_comment") or "",
                )
                messages.success(request, "Đã trả lại phiếu cho Công an xã/phường.")
            elif form.mode == "review" and action == "approve":
                services.assessment_approve(
                    user=request.user,
                    assessment=assessment,
                    version=data["version"],
                    final_rating=data.get("final_rating") or "",
                    recommendation=data.get("recommendation") or "",
                    scores=form.score_inputs(),
                    adjustment_reason=data.get("adjustment_reason") or "",
                )
                messages.success(request, "Đã duyệt kết quả đánh giá, phân loại.")
            else:
                raise PermissionDenied
        except services.ConflictError as exc:
            form.add_error(None, exc.messages[0])
            return self.render_page(_assessment(request, pk), form, status=409)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.render_page(_assessment(request, pk), form, status=400)
        return redirect("assessments:assessment_detail", pk=pk)


class EvidenceDownloadView(ScopedPermissionMixin, View):
    """An evidence file, served only to users who may see its assessment (never a public URL)."""

    permission_required = "assessments.view_assessment"

    def get(self, request, pk, score_pk):
        score = get_for_user(CriterionScore.objects.exclude(evidence=""), request.user, "view", pk=score_pk)
        if score.assessment_id != pk:
            raise Http404
        try:
            handle = score.evidence.open("rb")
        except FileNotFoundError as exc:
            raise Http404("Tệp minh chứng không còn trên máy chủ.") from exc
        return FileResponse(handle, as_attachment=True, filename=score.evidence.name.rsplit("/", 1)[-1])


# --------------------------------------------------------------------------- bulk import


class ImportTemplateView(ScopedPermissionMixin, View):
    permission_required = "assessments.change_assessment"

    def get(self, request, pk):
        campaign = _campaign(request, pk)
        schemes = (
            services.campaign_schemes(campaign)
            .restrict(request.user, "view")
            .select_related("commune")
            .order_by("commune__path", "name")
        )
        existing: dict = {}
        for scheme_id, criterion_id, score in CriterionScore.objects.filter(
            assessment__campaign=campaign, assessment__scheme__in=schemes
        ).values_list("assessment__scheme_id", "criterion_id", "score"):
            existing.setdefault(scheme_id, {})[criterion_id] = score
        return xlsx_response(excel.score_template(campaign, schemes, existing), f"mau-cham-diem-{campaign.year}.xlsx")


class ImportView(ScopedPermissionMixin, View):
    """Upload → preview with every error by row/column → confirm → all-or-nothing save."""

    permission_required = "assessments.change_assessment"
    template_name = "assessments/import.html"

    def get(self, request, pk):
        campaign = _campaign(request, pk)
        request.session.pop(IMPORT_SESSION_KEY, None)
        return render(request, self.template_name, {"campaign": campaign, "form": ImportUploadForm()})

    def post(self, request, pk):
        campaign = _campaign(request, pk)
        if request.POST.get("action") == "confirm":
            return self.confirm(request, campaign)
        form = ImportUploadForm(request.POST, request.FILES)
        context = {"campaign": campaign, "form": form}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        parsed = excel.parse_scores(campaign, form.cleaned_data["file"])
        codes = {r.code: r for r in parsed.rows}
        names = dict(
            services.campaign_schemes(campaign)
            .restrict(request.user, "view")
            .filter(code__in=codes)
            .values_list("code", "name")
        )
        errors = list(parsed.errors)
        errors += [
            (r.row, "Mã mô hình", f"Không có mô hình mã {r.code} trong phạm vi đợt và địa bàn của bạn.")
            for r in parsed.rows
            if r.code and r.code not in names
        ]
        errors.sort()
        if not errors:
            request.session[IMPORT_SESSION_KEY] = {
                "campaign": campaign.pk,
                "rows": [
                    {
                        "row": r.row,
                        "code": r.code,
                        "scores": r.scores,
                        "recommendation": r.recommendation,
                        "general_note": r.general_note,
                    }
                    for r in parsed.rows
                ],
            }
        context.update(
            errors=errors,
            preview=[(r, names.get(r.code, ""), sum(float(v) for v in r.scores.values())) for r in parsed.rows],
            ready=not errors,
        )
        return render(request, self.template_name, context, status=400 if errors else 200)

    def confirm(self, request, campaign):
        stored = request.session.get(IMPORT_SESSION_KEY)
        if not stored or stored.get("campaign") != campaign.pk:
            messages.error(request, "Không tìm thấy dữ liệu đã xem trước; hãy tải tệp lên lại.")
            return redirect("assessments:import", pk=campaign.pk)
        rows = [excel.ParsedRow(**row) for row in stored["rows"]]
        try:
            saved = services.assessments_import(user=request.user, campaign=campaign, rows=rows)
        except services.BulkImportError as exc:
            context = {"campaign": campaign, "form": ImportUploadForm(), "errors": exc.rows, "ready": False}
            return render(request, self.template_name, context, status=400)
        request.session.pop(IMPORT_SESSION_KEY, None)
        messages.success(request, f"Đã nhập điểm của {saved} mô hình (lưu nháp; kiểm tra rồi gửi từng phiếu).")
        return redirect(campaign)


# --------------------------------------------------------------------------- criteria sets


class CriteriaSetListView(ScopedPermissionMixin, TemplateView):
    """Criteria sets and their versions (province-wide data, read by everyone who reads campaigns)."""

    permission_required = "assessments.view_campaign"
    template_name = "assessments/criteria_set_list.html"

    def get_context_data(self, **kwargs):
        sets = CriteriaSet.objects.prefetch_related("criteria").order_by("name", "-version")
        return super().get_context_data(
            criteria_sets=sets, can_add=self.request.user.has_perm("assessments.add_criteriaset"), **kwargs
        )


class CriteriaSetNewVersionView(ScopedPermissionMixin, View):
    """Edit a criteria set by saving a new version; campaigns keep the copy they were created with."""

    permission_required = "assessments.add_criteriaset"
    template_name = "assessments/criteria_set_form.html"

    def base(self, pk):
        try:
            return CriteriaSet.objects.prefetch_related("criteria").get(pk=pk)
        except CriteriaSet.DoesNotExist as exc:
            raise Http404 from exc

    def render_page(self, base, form, formset, status=200):
        context = {"base": base, "form": form, "formset": formset}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        base = self.base(pk)
        form = CriteriaSetVersionForm(
            initial={
                "threshold_good": base.threshold_good,
                "threshold_fair": base.threshold_fair,
                "threshold_average": base.threshold_average,
                "min_age_months": base.min_age_months,
            }
        )
        formset = CriterionFormSet(
            initial=[
                {"group": c.group, "code": c.code, "name": c.name, "max_points": c.max_points}
                for c in base.criteria.all()
            ]
        )
        return self.render_page(base, form, formset)

    def post(self, request, pk):
        base = self.base(pk)
        form = CriteriaSetVersionForm(request.POST)
        formset = CriterionFormSet(request.POST)
        if form.is_valid() and formset.is_valid():
            try:
                new = services.criteria_set_new_version(
                    user=request.user,
                    base=base,
                    data=form.cleaned_data,
                    criteria=[row for row in formset.cleaned_data if row],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"Đã lưu {new}. Các đợt kiểm tra đã tạo giữ nguyên tiêu chí cũ.")
                return redirect("assessments:criteria_set_list")
        return self.render_page(base, form, formset, status=400)


# --------------------------------------------------------------------------- elimination


class EliminationListView(ScopedPermissionMixin, TemplateView):
    permission_required = "assessments.view_elimination"
    template_name = "assessments/elimination_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        # Decisions accumulate year after year: a page of them, each with its number of schemes
        # counted in the database (not by loading every eliminated scheme).
        eliminations = selectors.eliminations_for(user)
        page_obj = Paginator(eliminations, ELIMINATIONS_PER_PAGE).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            eliminations=page_obj.object_list,
            page_obj=page_obj,
            can_add=user.has_perm("assessments.add_elimination"),
            **kwargs,
        )


class EliminationCreateView(ScopedPermissionMixin, View):
    """Eliminate many schemes in one decision: Yếu / proposed-for-removal schemes with checkboxes."""

    permission_required = "assessments.add_elimination"
    template_name = "assessments/elimination_form.html"

    def campaign(self, request):
        pk = request.GET.get("campaign") or request.POST.get("campaign")
        if pk:
            return get_for_user(Campaign, request.user, "view", pk=pk)
        return None

    def context(self, request, form, campaign):
        candidates = list(form.fields["schemes"].queryset)
        return {
            "form": form,
            "campaign": campaign,
            "campaigns": selectors.campaigns_for(request.user),
            "candidates": candidates,
            "ratings": selectors.latest_ratings([s.pk for s in candidates]),
            "rating_labels": dict(selectors.rating_columns()),
        }

    def get(self, request):
        campaign = self.campaign(request)
        candidates = selectors.elimination_candidates(request.user, campaign)
        form = EliminationForm(candidates=candidates)
        return render(request, self.template_name, self.context(request, form, campaign))

    def post(self, request):
        campaign = self.campaign(request)
        candidates = selectors.elimination_candidates(request.user, campaign)
        form = EliminationForm(request.POST, candidates=candidates)
        if form.is_valid():
            data = form.cleaned_data
            try:
                elimination = services.schemes_eliminate(
                    user=request.user,
                    schemes=data["schemes"],
                    decision_number=data["decision_number"],
                    decision_date=data["decision_date"],
                    issuer=data["issuer"],
                    reason=data["reason"],
                    campaign=campaign,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"Đã thanh loại {elimination.items.count()} mô hình.")
                return redirect(elimination)
        return render(request, self.template_name, self.context(request, form, campaign), status=400)


class EliminationDetailView(ScopedPermissionMixin, TemplateView):
    permission_required = "assessments.view_elimination"
    template_name = "assessments/elimination_detail.html"

    def get_context_data(self, **kwargs):
        elimination = get_for_user(
            Elimination.objects.select_related("campaign", "unit", "created_by"),
            self.request.user,
            "view",
            pk=self.kwargs["pk"],
        )
        items = (
            EliminatedScheme.objects.visible_to(self.request.user)
            .filter(elimination=elimination)
            .select_related("scheme", "scheme__commune", "scheme__kind", "assessment")
        )
        return super().get_context_data(elimination=elimination, items=items, **kwargs)
