"""Background jobs: long work (imports, large exports, reports) run by the task worker, with real progress.

Built on Django's tasks framework (``django.tasks``) and the database backend of django-tasks-db
(docs/adr/0009-background-tasks.md); ``manage.py db_worker`` runs the queued tasks.

An app declares a task that hands its job to ``run_job`` with a runner::

    @task()
    def import_apply_task(job_id: int) -> dict:
        return run_job(job_id, _apply)

    def _apply(job: Job, progress: Progress) -> dict:
        progress.start(total=len(rows), message="Đang ghi vào sổ đăng ký")
        with progress.transaction():          # progress stays visible while the transaction is open
            for batch in batches:
                ...
                progress.advance(len(batch))
        return {"message": "Đã nhập 10.000 mô hình.", "next_url": "/mo-hinh/"}

and a view starts it with ``job_start(user=..., task=import_apply_task, kind=..., label=...)`` and sends
the user to ``job.get_absolute_url()``, whose progress partial HTMX polls every second.

A runner that raises ``JobFailed`` ends its job failed with that (Vietnamese) message and its errors;
any other exception ends it failed with a general message and is logged with its traceback. A job
whose worker died is found by ``job_check_alive`` (no sign of life for ``STALE_AFTER``) and marked failed.
"""

import json
import logging
import os
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone

from tuquan.core.actor import acting_as
from tuquan.core.models import Job, JobStatus

logger = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=5)  # a running job silent this long has lost its worker
QUEUED_HINT_AFTER = timedelta(minutes=1)  # a job still queued this long: is a worker running?
PROGRESS_EVERY = 0.5  # seconds between two progress writes

DATABASE_LOST_MESSAGE = (
    "Mất kết nối tới cơ sở dữ liệu trong lúc xử lý, công việc đã dừng. Hãy thử lại sau ít phút; "
    "nếu vẫn lỗi, báo quản trị hệ thống."
)
UNEXPECTED_MESSAGE = (
    "Có lỗi không mong muốn trong lúc xử lý ({name}), công việc đã dừng. "
    "Hãy thử lại; nếu vẫn lỗi, báo quản trị hệ thống (chi tiết ghi trong nhật ký máy chủ)."
)
STALE_MESSAGE = (
    "Công việc bị dừng giữa chừng (tiến trình xử lý nền đã tắt hoặc máy chủ khởi động lại). "
    "Những gì đang ghi dở đã được hủy; hãy chạy lại."
)


class JobFailed(Exception):
    """Raised by a runner: the job ends failed with ``message`` (for the user) and ``errors``."""

    def __init__(self, message: str, errors: list[dict] | None = None, result: dict | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or []
        self.result = result or {}


# --------------------------------------------------------------------------- files


def jobs_dir() -> Path:
    directory = Path(settings.MEDIA_ROOT) / "jobs"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _progress_path(job_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "jobs" / f"{job_id}.progress.json"


KEEP_FILES = timedelta(days=7)


def remove_old_job_files() -> None:
    """Result files (exports, previews) stay a week; each new job clears older ones."""
    cutoff = timezone.now().timestamp() - KEEP_FILES.total_seconds()
    for path in jobs_dir().iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        except OSError:
            continue


def job_file(job: Job, suffix: str) -> Path:
    """Where a job keeps a file of its own (its result, its preview), under MEDIA_ROOT/jobs/."""
    return jobs_dir() / f"{job.pk}-{suffix}"


def job_result_path(job: Job) -> Path | None:
    if not job.result_file:
        return None
    path = (Path(settings.MEDIA_ROOT) / job.result_file).resolve()
    root = Path(settings.MEDIA_ROOT).resolve()
    return path if root in path.parents and path.is_file() else None


# --------------------------------------------------------------------------- progress


class Progress:
    """Reports a running job's progress: on its row, or beside it while a transaction is open.

    Inside a long transaction the job's row cannot show progress to another connection (on
    PostgreSQL the update stays invisible until commit; on SQLite a second writer waits for the
    lock), so ``transaction()`` switches the reports to a small JSON file next to the job's files,
    written atomically; ``job_progress`` reads whichever is newer.
    """

    def __init__(self, job: Job):
        self.job = job
        self.done = job.done
        self.total = job.total
        self.message = job.message
        self._depth = 0  # transactions opened through ``transaction()``, nested or not
        self._last = 0.0

    def start(self, *, total: int, message: str = "", unit_label: str | None = None) -> None:
        self.total, self.done, self.message = max(total, 0), 0, message
        if unit_label:
            self.job.unit_label = unit_label
            Job.objects.filter(pk=self.job.pk).update(unit_label=unit_label)
        self.flush(force=True)

    def note(self, message: str) -> None:
        self.message = message
        self.flush(force=True)

    def advance(self, count: int = 1) -> None:
        self.set(self.done + count)

    def set(self, done: int) -> None:
        self.done = min(max(done, 0), self.total) if self.total else max(done, 0)
        self.flush()

    def flush(self, force: bool = False) -> None:
        now = timezone.now().timestamp()
        if not force and now - self._last < PROGRESS_EVERY and self.done < self.total:
            return
        self._last = now
        if self._depth:
            path = _progress_path(self.job.pk)
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".tmp")
            temporary.write_text(
                json.dumps({"done": self.done, "total": self.total, "message": self.message, "at": now}),
                encoding="utf-8",
            )
            os.replace(temporary, path)
        else:
            Job.objects.filter(pk=self.job.pk).update(
                done=self.done, total=self.total, message=self.message, heartbeat_at=timezone.now()
            )

    @contextmanager
    def transaction(self):
        """``transaction.atomic()`` during which progress goes to the side file (nesting allowed)."""
        self._depth += 1
        self.flush(force=True)
        try:
            with transaction.atomic():
                yield
        finally:
            self._depth -= 1


def job_progress(job: Job) -> tuple[int, int, str]:
    """(done, total, message) of a job as its worker last reported them."""
    done, total, message = job.done, job.total, job.message
    if job.status == JobStatus.RUNNING:
        side = _read_side_file(job.pk)
        if side is not None:
            at = datetime.fromtimestamp(side["at"], tz=UTC)
            if job.heartbeat_at is None or at >= job.heartbeat_at:
                done, total, message = side["done"], side["total"], side.get("message", message)
    return done, total, message


def _read_side_file(job_id: int) -> dict | None:
    try:
        data = json.loads(_progress_path(job_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(key), int | float) for key in ("done", "total", "at")):
        return None
    return data


def _last_sign_of_life(job: Job):
    moments = [moment for moment in (job.heartbeat_at, job.started_at) if moment is not None]
    side = _read_side_file(job.pk)
    if side is not None:
        moments.append(datetime.fromtimestamp(side["at"], tz=UTC))
    return max(moments) if moments else job.created_at


# --------------------------------------------------------------------------- starting and running


def job_start(*, user, task, kind: str, label: str, params: dict | None = None, total: int = 0) -> Job:
    """Record a job for ``user`` and queue ``task`` (a ``django.tasks`` task taking the job id)."""
    remove_old_job_files()
    job = Job.objects.create(
        kind=kind,
        label=label[:255],
        user=user,
        unit_id=getattr(user, "jurisdiction_id", None),
        params=params or {},
        total=total,
    )
    result = task.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def _finish(job_id: int, status: str, *, message: str, errors=None, result=None) -> None:
    if not connection.in_atomic_block and not connection.is_usable():
        connection.close()  # the database went away: reconnect to record the outcome
    fields = {"status": status, "message": message, "finished_at": timezone.now(), "heartbeat_at": timezone.now()}
    if errors is not None:
        fields["errors"] = errors
    if result is not None:
        fields["result"] = result
    if status == JobStatus.DONE:
        fields["done"] = Job.objects.filter(pk=job_id).values_list("total", flat=True).first() or 0
    Job.objects.filter(pk=job_id).update(**fields)
    _progress_path(job_id).unlink(missing_ok=True)


def run_job(job_id: int, runner) -> dict:
    """Run ``runner(job, progress)`` for a queued job and record how it ended; the task's body."""
    job = Job.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.status != JobStatus.QUEUED:
        return {"skipped": True}
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=now, heartbeat_at=now)
    job.status, job.started_at, job.heartbeat_at = JobStatus.RUNNING, now, now
    progress = Progress(job)
    try:
        with acting_as(job.user):
            result = runner(job, progress) or {}
    except JobFailed as exc:
        _finish(job.pk, JobStatus.FAILED, message=exc.message, errors=exc.errors, result=exc.result)
        return {"failed": exc.message}
    except (OperationalError, InterfaceError):
        logger.exception("job %s (%s): database connection lost", job.pk, job.kind)
        _finish(job.pk, JobStatus.FAILED, message=DATABASE_LOST_MESSAGE)
        raise
    except Exception as exc:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job.pk, JobStatus.FAILED, message=UNEXPECTED_MESSAGE.format(name=type(exc).__name__))
        raise
    _finish(job.pk, JobStatus.DONE, message=str(result.get("message", "")), result=result)
    return {"done": True}


def job_check_alive(job: Job) -> Job:
    """Mark failed a job whose worker is gone (silent too long, or its task failed before it started)."""
    if job.status == JobStatus.RUNNING and timezone.now() - _last_sign_of_life(job) > STALE_AFTER:
        _finish(job.pk, JobStatus.FAILED, message=STALE_MESSAGE)
        job.refresh_from_db()
    elif job.status == JobStatus.QUEUED and job.task_id:
        try:
            from django.tasks import TaskResultStatus, default_task_backend

            task_result = default_task_backend.get_result(job.task_id)
        except Exception:  # backend without stored results, or no such task: nothing to learn
            return job
        if task_result.status == TaskResultStatus.FAILED:
            _finish(job.pk, JobStatus.FAILED, message=STALE_MESSAGE)
            job.refresh_from_db()
    return job


def job_waiting_long(job: Job) -> bool:
    """Queued for long: probably no worker is running (the page says so)."""
    return job.status == JobStatus.QUEUED and timezone.now() - job.created_at > QUEUED_HINT_AFTER
