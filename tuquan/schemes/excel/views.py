"""Pages of the Excel export and import: thin views over ``exporters`` and ``importers``."""

import time
import uuid
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from tuquan.core.downloads import XLSX_CONTENT_TYPE
from tuquan.core.jobs import job_check_alive, job_start
from tuquan.core.models import Job, JobStatus
from tuquan.core.scoping import get_for_user
from tuquan.core.views import ScopedPermissionMixin, job_context
from tuquan.schemes.excel import exporters, importers, tasks
from tuquan.schemes.excel.columns import SHEET_LABELS
from tuquan.schemes.excel.forms import ExportForm, UploadForm
from tuquan.schemes.filtersets import filtered_schemes_for
from tuquan.schemes.models import Scheme

SESSION_KEY = "schemes_excel_import"
PREVIEW_KIND = "schemes.import_preview"
APPLY_KIND = "schemes.import_apply"
EXPORT_KIND = "schemes.export"


def filtered_schemes(request):
    """The list page's schemes for this request: scoped, then filtered by the list's FilterSet."""
    return filtered_schemes_for(request.user, request.GET)


def _filter_query(request) -> list[tuple[str, str]]:
    return [(key, value) for key, values in request.GET.lists() if key not in ("sheets", "page") for value in values]


def _xlsx_response(output, filename: str) -> FileResponse:
    return FileResponse(output, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


def _stamp() -> str:
    return timezone.localdate().strftime("%d-%m-%Y")


# --------------------------------------------------------------------------- export


class ExportOptionsView(ScopedPermissionMixin, TemplateView):
    """Choose the sheets to export for the current filters of the list."""

    permission_required = "schemes.view_scheme"
    template_name = "schemes/excel/export.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = ExportForm(initial={"sheets": ["schemes"]})
        context["filters"] = _filter_query(self.request)
        context["scheme_count"] = filtered_schemes(self.request).count()
        context["personal_data"] = self.request.user.has_perm("schemes.view_member_personal_data")
        return context


class ExportDownloadView(ScopedPermissionMixin, View):
    """The .xlsx of the filtered list, with the sheets asked for (?sheets=schemes&sheets=members...)."""

    permission_required = "schemes.view_scheme"

    def get(self, request):
        form = ExportForm(request.GET)
        sheets = form.cleaned_data["sheets"] if form.is_valid() else ["schemes"]
        description = "&".join(f"{key}={value}" for key, value in _filter_query(request))
        schemes = filtered_schemes(request)
        filename = f"so-dang-ky-mo-hinh-{_stamp()}.xlsx"
        count = schemes.count()
        if count >= exporters.SYNC_SCHEMES:
            query = QueryDict(mutable=True)
            for key, value in _filter_query(request):
                query.appendlist(key, value)
            job = job_start(
                user=request.user,
                task=tasks.export_task,
                kind=EXPORT_KIND,
                label=f"Xuất Excel {count:,} mô hình".replace(",", "."),
                params={"query": query.urlencode(), "sheets": sheets, "filename": filename},
                total=count,
            )
            return redirect(job.get_absolute_url())
        output = exporters.export_workbook(user=request.user, schemes=schemes, sheets=sheets, description=description)
        return _xlsx_response(output, filename)


class SchemeExportView(ScopedPermissionMixin, View):
    """One scheme with its teams, members and activity reports (404 outside the jurisdiction)."""

    permission_required = "schemes.view_scheme"

    def get(self, request, pk: int):
        scheme = get_for_user(Scheme, request.user, pk=pk)
        output = exporters.export_workbook(
            user=request.user,
            schemes=Scheme.objects.visible_to(request.user).filter(pk=scheme.pk),
            sheets=list(SHEET_LABELS),
            description=f"scheme={scheme.code}",
        )
        return _xlsx_response(output, f"mo-hinh-{scheme.code}.xlsx")


class TemplateDownloadView(ScopedPermissionMixin, View):
    permission_required = "schemes.import_scheme"

    def get(self, request):
        return _xlsx_response(exporters.template_workbook(user=request.user), "mau-nhap-mo-hinh.xlsx")


# --------------------------------------------------------------------------- import


def _import_dir() -> Path:
    return tasks.imports_dir()


def _stored(request) -> tuple[Path, str, dict] | None:
    """The uploaded file kept for this session, if any and still on disk."""
    info = request.session.get(SESSION_KEY)
    if not isinstance(info, dict):
        return None
    path = tasks.upload_path(info.get("key", ""), info.get("ext"))
    return (path, info["ext"], info) if path is not None and path.is_file() else None


def _preview_job(request, info: dict) -> Job | None:
    """The background job checking the session's file, if the file was large enough to need one."""
    job_id = info.get("preview_job")
    if not isinstance(job_id, int):
        return None
    return Job.objects.visible_to(request.user).filter(pk=job_id, kind=PREVIEW_KIND).first()


STALE_AFTER_SECONDS = 24 * 3600


def _remove_stale_uploads(directory: Path) -> None:
    """Files kept for a preview that was never confirmed nor cancelled go after a day."""
    cutoff = time.time() - STALE_AFTER_SECONDS
    for path in directory.glob("*.*"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        except OSError:
            continue


def _forget(request) -> None:
    stored = _stored(request)
    if stored:
        stored[0].unlink(missing_ok=True)
    request.session.pop(SESSION_KEY, None)


class ImportPermissionMixin(ScopedPermissionMixin):
    permission_required = "schemes.import_scheme"


class ImportUploadView(ImportPermissionMixin, View):
    """Upload a file; it is checked, kept under MEDIA_ROOT/imports/ and previewed before anything is written."""

    template_name = "schemes/excel/import_upload.html"
    partial_template_name = "schemes/excel/partials/upload_form.html"

    def render_form(self, form, status=200):
        template = self.partial_template_name if self.request.htmx else self.template_name
        return render(self.request, template, {"form": form}, status=status)

    def get(self, request):
        return self.render_form(UploadForm())

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_form(form)
        uploaded = form.cleaned_data["file"]
        head = uploaded.read(8)
        uploaded.seek(0)
        try:
            extension = importers.upload_check(name=uploaded.name, size=uploaded.size, head=head)
        except importers.ImportFileError as exc:
            form.add_error("file", str(exc))
            return self.render_form(form)
        _forget(request)
        key = uuid.uuid4().hex
        directory = _import_dir()
        directory.mkdir(parents=True, exist_ok=True)
        _remove_stale_uploads(directory)
        path = directory / f"{key}.{extension}"
        with path.open("wb") as destination:
            for chunk in uploaded.chunks():
                destination.write(chunk)
        try:
            importers.upload_check(name=uploaded.name, size=path.stat().st_size, head=head, path=path)
        except importers.ImportFileError as exc:
            path.unlink(missing_ok=True)
            form.add_error("file", str(exc))
            return self.render_form(form)
        info = {"key": key, "ext": extension, "name": Path(uploaded.name).name}
        try:
            rows = importers.count_rows(path, extension)
        except importers.ImportFileError as exc:
            path.unlink(missing_ok=True)
            form.add_error("file", str(exc))
            return self.render_form(form)
        if rows is None or rows >= importers.SYNC_ROWS:
            job = job_start(
                user=request.user,
                task=tasks.import_preview_task,
                kind=PREVIEW_KIND,
                label=f"Kiểm tra tệp {info['name']} trước khi nhập",
                params={"key": key, "ext": extension, "name": info["name"]},
                total=rows or 0,
            )
            info["preview_job"] = job.pk
        request.session[SESSION_KEY] = info
        url = reverse("schemes:excel_import_preview")
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)


class ImportPreviewView(ImportPermissionMixin, View):
    """The preview page; its table is loaded by HTMX (a spinner meanwhile) or inline without JavaScript."""

    def get(self, request):
        stored = _stored(request)
        if stored is None:
            messages.warning(request, "Chưa có tệp nào đang chờ nhập; hãy tải tệp lên.")
            return redirect("schemes:excel_import_upload")
        context = {"filename": stored[2].get("name", "")}
        job = _preview_job(request, stored[2])
        if job is not None:
            return self.from_job(request, job, context)
        if request.htmx or request.GET.get("bang"):
            try:
                context["plan"] = importers.import_plan(user=request.user, path=stored[0], extension=stored[1])
            except importers.ImportFileError as exc:
                context["file_error"] = str(exc)
            except PermissionDenied as exc:
                context["file_error"] = str(exc)
            template = "schemes/excel/partials/preview.html" if request.htmx else "schemes/excel/import_preview.html"
            return render(request, template, context)
        return render(request, "schemes/excel/import_preview.html", {**context, "lazy": True})

    def from_job(self, request, job: Job, context: dict):
        """A large file: its check runs as a background job; the page follows it, then shows its plan."""
        job = job_check_alive(job)
        if job.status == JobStatus.DONE:
            context["plan"] = tasks.stored_plan(job)
            if context["plan"] is None:
                context["file_error"] = "Kết quả kiểm tra không còn trên máy chủ; hãy tải tệp lên lại."
        else:
            context.update(job_context(job))
            context["job_page"] = True
        return render(request, "schemes/excel/import_preview.html", context)


class ImportConfirmView(ImportPermissionMixin, View):
    """Re-validate and write every row in one transaction, or nothing."""

    def post(self, request):
        stored = _stored(request)
        if stored is None:
            messages.warning(request, "Tệp đã được nhập hoặc đã hết hạn; hãy tải tệp lên lại.")
            return self._redirect("schemes:excel_import_upload")
        context = {"filename": stored[2].get("name", "")}
        preview = _preview_job(request, stored[2])
        if preview is not None and not (preview.status == JobStatus.DONE and preview.result.get("ok")):
            messages.warning(request, "Chỉ xác nhận được khi đã kiểm tra xong tệp và không còn lỗi.")
            return self._redirect("schemes:excel_import_preview")
        if preview is not None:
            # A large file is written by a background job; the session lets go of the file, the job removes it.
            request.session.pop(SESSION_KEY, None)
            job = job_start(
                user=request.user,
                task=tasks.import_apply_task,
                kind=APPLY_KIND,
                label=f"Nhập tệp {context['filename']} vào sổ đăng ký",
                params={key: stored[2][key] for key in ("key", "ext", "name")},
                total=preview.total,
            )
            return self._redirect_url(job.get_absolute_url())
        try:
            plan = importers.scheme_import_apply(user=request.user, path=stored[0], extension=stored[1])
        except (importers.ImportFileError, PermissionDenied) as exc:
            context["file_error"] = str(exc)
            plan = None
        if plan is None or not plan.ok:
            context["plan"] = plan
            context["rejected"] = True
            template = "schemes/excel/partials/preview.html" if request.htmx else "schemes/excel/import_preview.html"
            return render(request, template, context)
        _forget(request)
        messages.success(
            request,
            f"Đã nhập tệp {context['filename']}: {plan.created} mô hình mới, {plan.updated} mô hình cập nhật, "
            f"{plan.unchanged} dòng không thay đổi{tasks.related_summary(plan)}.",
        )
        return self._redirect("schemes:scheme_list")

    def _redirect(self, name: str):
        return self._redirect_url(reverse(name))

    def _redirect_url(self, url: str):
        if self.request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)


class ImportCancelView(ImportPermissionMixin, View):
    def post(self, request):
        _forget(request)
        messages.info(request, "Đã hủy nhập tệp; không có gì được ghi.")
        return redirect("schemes:excel_import_upload")
