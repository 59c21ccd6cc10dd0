"""Pages of the good-practices library (kinh nghiệm hay, điển hình tiên tiến) and the spread statistics."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views import View

from tuquan.core.downloads import xlsx_response
from tuquan.core.scoping import get_for_user
from tuquan.core.views import ScopedPermissionMixin
from tuquan.practices import selectors, services
from tuquan.practices.exports import spread_xlsx
from tuquan.practices.forms import AttachmentForm, PracticeFilterForm, PracticeForm
from tuquan.practices.models import GoodPractice, GoodPracticeAttachment
from tuquan.schemes.replication import replication_spread

SPREAD_SHOWN = 100


class PracticeListView(ScopedPermissionMixin, View):
    permission_required = "practices.view_goodpractice"
    template_name = "practices/practice_list.html"

    def get(self, request):
        user = request.user
        form = PracticeFilterForm(request.GET or None, years=selectors.practice_years(user=user))
        filters = form.cleaned_data if form.is_valid() else {}
        practices = selectors.practice_list(
            user=user,
            q=filters.get("q") or "",
            year=filters.get("year"),
            field=filters.get("field") or "",
        )
        page = Paginator(practices, 20).get_page(request.GET.get("page"))
        spread = replication_spread(user=user)
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            self.template_name,
            {
                "filter_form": form,
                "page_obj": page,
                "practices": page.object_list,
                "query": query.urlencode(),
                "spread": selectors.widest_spread(spread, SPREAD_SHOWN),
                "spread_count": len(spread),
                "spread_totals": selectors.spread_totals(spread),
            },
        )


class SpreadExportView(ScopedPermissionMixin, View):
    """Every kind's spread (points, communes, replicated) as an Excel sheet."""

    permission_required = "practices.view_goodpractice"

    def get(self, request):
        return xlsx_response(spread_xlsx(replication_spread(user=request.user)), "nhan-rong-theo-mo-hinh.xlsx")


def _practice(request, pk, action="view") -> GoodPractice:
    return get_for_user(GoodPractice.objects.select_related("unit", "created_by"), request.user, action, pk=pk)


class PracticeDetailView(ScopedPermissionMixin, View):
    permission_required = "practices.view_goodpractice"
    template_name = "practices/practice_detail.html"

    def get(self, request, pk, attachment_form=None):
        practice = _practice(request, pk)
        user = request.user
        editable = GoodPractice.objects.editable_by(user).filter(pk=practice.pk).exists()
        return render(
            request,
            self.template_name,
            {
                "practice": practice,
                "object": practice,
                "schemes": practice.schemes.visible_to(user).select_related("commune", "kind"),
                "attachments": list(practice.attachments.all()),
                "editable": editable,
                "attachment_form": attachment_form or AttachmentForm(),
            },
            status=400 if attachment_form is not None else 200,
        )


class PracticeCreateView(ScopedPermissionMixin, View):
    permission_required = "practices.add_goodpractice"
    template_name = "practices/practice_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": PracticeForm(user=request.user)})

    def post(self, request):
        form = PracticeForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                practice = services.good_practice_create(user=request.user, data=form.service_data())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, "Đã thêm kinh nghiệm, điển hình vào thư viện.")
                return redirect(practice)
        return render(request, self.template_name, {"form": form})


class PracticeUpdateView(ScopedPermissionMixin, View):
    permission_required = "practices.change_goodpractice"
    template_name = "practices/practice_form.html"

    def _form(self, request, practice, data=None):
        initial = {
            "title": practice.title,
            "summary": practice.summary,
            "body": practice.body,
            "schemes": list(practice.schemes.values_list("pk", flat=True)),
            "unit": practice.unit_id,
            "year": practice.year,
            "field": practice.field,
            "tags": practice.tags,
        }
        return PracticeForm(data, user=request.user, initial=initial)

    def get(self, request, pk):
        practice = _practice(request, pk, "change")
        return render(request, self.template_name, {"form": self._form(request, practice), "practice": practice})

    def post(self, request, pk):
        practice = _practice(request, pk, "change")
        form = self._form(request, practice, request.POST)
        if form.is_valid():
            try:
                services.good_practice_update(user=request.user, practice=practice, data=form.service_data())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, "Đã lưu thay đổi.")
                return redirect(practice)
        return render(request, self.template_name, {"form": form, "practice": practice})


class AttachmentUploadView(ScopedPermissionMixin, View):
    permission_required = "practices.change_goodpractice"
    http_method_names = ["post"]

    def post(self, request, pk):
        practice = _practice(request, pk, "change")
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.good_practice_attach(
                    user=request.user,
                    practice=practice,
                    upload=form.cleaned_data["file"],
                    kind=form.cleaned_data["kind"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            except PermissionDenied:
                raise
            else:
                messages.success(request, "Đã tải tệp lên.")
                return redirect(practice)
        return PracticeDetailView().get(request, pk, attachment_form=form)


class AttachmentDownloadView(ScopedPermissionMixin, View):
    """Serve one attachment to a user who may see its practice (never directly from /media/)."""

    permission_required = "practices.view_goodpractice"

    def get(self, request, pk):
        attachment = get_for_user(
            GoodPracticeAttachment.objects.select_related("practice"), request.user, "view", pk=pk
        )
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404("Không tìm thấy tệp.") from exc
        inline = attachment.is_image or attachment.content_type == "application/pdf"
        response = FileResponse(
            handle,
            as_attachment=not inline,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, max-age=0"
        return response
