"""Views every app shares: the generic, scoped view mixins, background jobs and choice search."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import FileResponse, Http404, JsonResponse
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from tuquan.core.scoping import get_for_user
from tuquan.core.search_choices import choice_options

_SENTINEL = 987654321


def address_pattern(url_name: str) -> str:
    """The address of ``url_name`` for one integer argument, as a ``str.format`` pattern ("/…/{}/…").

    For a page that links each of hundreds of rows: ``reverse`` costs ~50 µs a call, a format a
    fraction of that; the pattern is reversed once a page.
    """
    return reverse(url_name, args=[_SENTINEL]).replace(str(_SENTINEL), "{}")


class ScopedPermissionMixin(PermissionRequiredMixin):
    """A view that declares the permission it needs (403 without it).

    Every view of tuquan declares ``permission_required`` (or ``public = True``);
    the permission matrix test fails on a view that does not.
    """

    raise_exception = True

    def handle_no_permission(self):
        if not self.request.user.is_authenticated:
            self.raise_exception = False
        return super().handle_no_permission()


class HtmxTemplateMixin:
    """Render ``partial_template_name`` for HTMX requests and the full page otherwise."""

    partial_template_name: str | None = None

    def get_template_names(self):
        if self.partial_template_name and getattr(self.request, "htmx", False) and not self.request.htmx.boosted:
            return [self.partial_template_name]
        return super().get_template_names()


# --------------------------------------------------------------------------- background jobs


class JobMixin(ScopedPermissionMixin):
    """A job is seen by the user who started it only (404 for anyone else)."""

    permission_required = ()

    def get_job(self):
        from tuquan.core.jobs import job_check_alive
        from tuquan.core.models import Job

        return job_check_alive(get_for_user(Job, self.request.user, pk=self.kwargs["pk"]))

    def job_context(self, job) -> dict:
        return job_context(job)


def job_context(job) -> dict:
    """What the job progress partial (core/partials/job_progress.html) shows."""
    from tuquan.core.jobs import job_progress, job_waiting_long

    done, total, message = job_progress(job)
    if job.status == "done":
        done = total = max(total, done)
    errors = job.errors if isinstance(job.errors, list) else []
    return {
        "job": job,
        "done": done,
        "total": total,
        "message": message,
        "percent": 100 if job.status == "done" else (min(100, done * 100 // total) if total else 0),
        "waiting_long": job_waiting_long(job),
        "errors": errors[:ERRORS_SHOWN],
        "errors_have_sheets": any(isinstance(error, dict) and error.get("sheet") for error in errors),
        "errors_hidden": max(0, len(errors) - ERRORS_SHOWN),
    }


ERRORS_SHOWN = 2000


class JobDetailView(JobMixin, TemplateView):
    template_name = "core/job_detail.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.job_context(self.get_job())}


class JobProgressView(JobMixin, TemplateView):
    """The progress partial HTMX polls every second until the job has ended."""

    template_name = "core/partials/job_progress.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.job_context(self.get_job())}


class JobDownloadView(JobMixin, View):
    """The file a finished job produced (an export), for the user who started it."""

    def get(self, request, pk: int):
        from tuquan.core.jobs import job_result_path

        job = self.get_job()
        path = job_result_path(job) if job.status == "done" else None
        if path is None:
            raise Http404("Tệp kết quả không còn hoặc công việc chưa xong.")
        filename = job.result.get("filename") or path.name
        return FileResponse(path.open("rb"), as_attachment=True, filename=filename)


class ChoiceOptionsView(ScopedPermissionMixin, View):
    """Choices of a long field of a registered form matching ``?q=`` (JSON), for its search box.

    Any signed-in user may ask; ``choice_options`` answers 403 without the form's own permission and
    searches the form's queryset for that user (``tuquan/core/search_choices.py``).
    """

    permission_required = ()

    def get(self, request):
        return JsonResponse(
            {
                "results": choice_options(
                    user=request.user,
                    key=request.GET.get("form", "")[:50],
                    field_name=request.GET.get("field", "")[:50],
                    query=request.GET.get("q", "")[:100],
                )
            }
        )
