import subprocess
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.dateparse import parse_datetime
from django.views.generic import DetailView, FormView, ListView, TemplateView, View

from tuquan.core.nd30 import DOCX_CONTENT_TYPE
from tuquan.core.scoping import get_for_user
from tuquan.core.views import ScopedPermissionMixin
from tuquan.reviews import services
from tuquan.reviews.choices import NARRATIVE_SECTIONS
from tuquan.reviews.docx import ROMAN, docx_to_pdf, review_docx, soffice_path
from tuquan.reviews.forms import ReviewCreateForm, ReviewForm
from tuquan.reviews.models import Review


def _review(request, pk, action="view") -> Review:
    return get_for_user(Review.objects.select_related("unit", "created_by", "updated_by"), request.user, action, pk=pk)


def figures_display(figures: dict) -> dict:
    """The snapshot with its dates parsed and class shares computed, for templates."""
    if not figures:
        return {}
    shown = dict(figures)
    for key in ("period", "previous_period"):
        shown[key] = {name: date.fromisoformat(value) for name, value in figures[key].items()}
    classes = dict(figures.get("classes", {}))
    total = classes.get("total") or 0
    classes["rows"] = [
        row | {"share": round(100 * row["count"] / total, 1) if total else 0} for row in classes.get("rows", [])
    ]
    shown["classes"] = classes
    by_unit = figures.get("by_unit", [])
    shown["by_unit_totals"] = {key: sum(row[key] for row in by_unit) for key in ("at_end", "new", "eliminated")}
    by_kind = figures.get("by_kind", [])
    shown["by_kind_totals"] = {key: sum(row[key] for row in by_kind) for key in ("schemes", "teams")}
    shown["change_abs"] = abs(figures.get("totals", {}).get("change", 0))
    return shown


def _sections(content) -> list[tuple[str, str, str]]:
    get = content.get if isinstance(content, dict) else lambda name: getattr(content, name)
    return [(ROMAN[i], heading, get(name) or "") for i, (name, heading) in enumerate(NARRATIVE_SECTIONS)]


class ReviewListView(ScopedPermissionMixin, ListView):
    permission_required = "reviews.view_review"
    template_name = "reviews/review_list.html"
    paginate_by = 50

    def get_queryset(self):
        return Review.objects.visible_to(self.request.user).select_related("unit", "updated_by")


class ReviewCreateView(ScopedPermissionMixin, FormView):
    permission_required = "reviews.add_review"
    template_name = "reviews/review_create.html"
    form_class = ReviewCreateForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user}

    def form_valid(self, form):
        period = form.cleaned_data["period"]
        try:
            review = services.review_create(
                user=self.request.user,
                unit=form.cleaned_data["unit"],
                period_kind=form.cleaned_data["period_kind"],
                period_start=period.start,
                period_end=period.end,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, "Đã lập dự thảo báo cáo với số liệu của hệ thống. Hãy viết các phần nhận định.")
        return redirect("reviews:review_edit", pk=review.pk)


class ReviewDetailView(ScopedPermissionMixin, DetailView):
    permission_required = "reviews.view_review"
    template_name = "reviews/review_detail.html"
    context_object_name = "review"

    def get_object(self, queryset=None):
        return _review(self.request, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        review = self.object
        user = self.request.user
        return super().get_context_data(**kwargs) | {
            "figures": figures_display(review.figures),
            "sections": _sections(review),
            "can_edit": Review.objects.editable_by(user).filter(pk=review.pk).exists(),
            "pdf_available": soffice_path() is not None,
        }


class ReviewUpdateView(ScopedPermissionMixin, FormView):
    permission_required = "reviews.change_review"
    template_name = "reviews/review_form.html"
    form_class = ReviewForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.has_perm(self.permission_required):
            self.review = _review(request, kwargs["pk"], "change")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.review}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"review": self.review}

    def form_valid(self, form):
        changes = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS}
        try:
            review = services.review_update(
                review=self.review,
                user=self.request.user,
                expected_version=form.cleaned_data["version"],
                **changes,
            )
        except services.ReviewConflict as conflict:
            form.add_error(None, str(conflict))
            return self.form_invalid(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Đã lưu báo cáo (phiên bản {review.version}).")
        return redirect(review)


class ReviewRefreshView(ScopedPermissionMixin, View):
    """Read the figures again (POST); the previous figures stay in the versions."""

    permission_required = "reviews.change_review"
    http_method_names = ["post"]

    def post(self, request, pk):
        review = _review(request, pk, "change")
        try:
            expected = int(request.POST.get("version", ""))
        except ValueError:
            messages.error(request, "Thiếu phiên bản báo cáo: hãy tải lại trang rồi thử lại.")
            return redirect(review)
        try:
            review = services.review_refresh_figures(review=review, user=request.user, expected_version=expected)
        except services.ReviewConflict as conflict:
            messages.error(request, str(conflict))
            return redirect(review)
        messages.success(
            request, f"Đã cập nhật số liệu (phiên bản {review.version}); số liệu cũ vẫn lưu ở phiên bản trước."
        )
        return redirect(review)


class ReviewVersionListView(ScopedPermissionMixin, TemplateView):
    permission_required = "reviews.view_review"
    template_name = "reviews/version_list.html"

    def get_context_data(self, **kwargs):
        review = _review(self.request, self.kwargs["pk"])
        return super().get_context_data(**kwargs) | {
            "review": review,
            "versions": review.versions.select_related("saved_by").order_by("-number"),
        }


class ReviewVersionDetailView(ScopedPermissionMixin, TemplateView):
    permission_required = "reviews.view_review"
    template_name = "reviews/version_detail.html"

    def get_context_data(self, **kwargs):
        review = _review(self.request, self.kwargs["pk"])
        version = get_object_or_404(review.versions.select_related("saved_by"), number=self.kwargs["number"])
        return super().get_context_data(**kwargs) | {
            "review": review,
            "version": version,
            "content": version.content,
            "figures": figures_display(version.content.get("figures") or {}),
            "read_at": parse_datetime(version.content.get("figures_read_at") or ""),
            "sections": _sections(version.content),
        }


def _filename(review: Review, extension: str) -> str:
    return f"bao-cao-{review.pk}-{review.period_start:%Y%m%d}-{review.period_end:%Y%m%d}.{extension}"


class ReviewDocxView(ScopedPermissionMixin, View):
    permission_required = "reviews.view_review"

    def get(self, request, pk):
        review = _review(request, pk)
        response = HttpResponse(review_docx(review), content_type=DOCX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{_filename(review, "docx")}"'
        return response


class ReviewPdfView(ScopedPermissionMixin, View):
    permission_required = "reviews.view_review"

    def get(self, request, pk):
        review = _review(request, pk)
        if soffice_path() is None:
            messages.error(request, "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải tệp .docx.")
            return redirect(review)
        try:
            pdf = docx_to_pdf(review_docx(review))
        except (subprocess.SubprocessError, OSError):
            messages.error(request, "Chuyển sang PDF không thành công; hãy thử lại hoặc tải tệp .docx.")
            return redirect(review)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{_filename(review, "pdf")}"'
        return response
