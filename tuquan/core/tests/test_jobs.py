"""Background jobs: queued, run by the worker, their progress on the page, failures told to the user."""

import pytest
from django.db import OperationalError
from django.tasks import task
from django.urls import reverse

from tuquan.core import jobs
from tuquan.core.jobs_testing import run_queued_tasks
from tuquan.core.models import Job, JobStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _count_to(job, progress):
    total = job.params["total"]
    progress.start(total=total, message="Đang đếm")
    with progress.transaction():
        for _ in range(total):
            progress.advance()
    return {"message": f"Đã đếm {total} dòng.", "next_url": "/mo-hinh/", "next_label": "Về danh sách"}


def _stop_half_way(job, progress):
    progress.start(total=10)
    progress.set(5)
    progress.flush(force=True)
    seen = jobs.job_progress(Job.objects.get(pk=job.pk))
    job.params["seen"] = list(seen)
    Job.objects.filter(pk=job.pk).update(params=job.params)
    raise OperationalError("server closed the connection unexpectedly")


def _refuse(job, progress):
    raise jobs.JobFailed("Tệp còn 2 dòng lỗi.", errors=[{"row": 3, "column": "Ngày thành lập", "message": "Sai ngày"}])


@task()
def count_task(job_id: int) -> dict:
    return jobs.run_job(job_id, _count_to)


@task()
def database_lost_task(job_id: int) -> dict:
    return jobs.run_job(job_id, _stop_half_way)


@task()
def refused_task(job_id: int) -> dict:
    return jobs.run_job(job_id, _refuse)


def test_a_job_waits_in_the_queue_until_the_worker_runs_it_and_then_shows_100_percent(client, users):
    job = jobs.job_start(user=users["commune"], task=count_task, kind="test.count", label="Đếm", params={"total": 1234})
    client.force_login(users["commune"])

    waiting = client.get(reverse("core:job_progress", args=[job.pk])).content.decode()
    assert 'data-status="queued"' in waiting and 'hx-trigger="every 1s"' in waiting

    run_queued_tasks()

    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (JobStatus.DONE, 1234, 1234)
    page = client.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    assert "đã xử lý 1.234 / 1.234 dòng" in page
    assert "100 %" in page and 'value="1234" max="1234"' in page
    assert "Đã đếm 1234 dòng." in page and "Về danh sách" in page
    assert "every 1s" not in page  # polling stops once the job has ended


def test_progress_reported_inside_a_transaction_is_read_from_the_side_file(users):
    job = Job.objects.create(kind="t", label="t", user=users["commune"], status=JobStatus.RUNNING, total=10)
    progress = jobs.Progress(job)
    progress.start(total=10)
    with progress.transaction():
        progress.set(7)
        progress.flush(force=True)
        assert jobs.job_progress(Job.objects.get(pk=job.pk))[:2] == (7, 10)
    assert Job.objects.get(pk=job.pk).done == 0  # the row was not touched while the transaction was open


def test_a_lost_database_connection_fails_the_job_with_a_clear_message(client, users):
    job = jobs.job_start(user=users["commune"], task=database_lost_task, kind="t", label="Nhập", params={})

    run_queued_tasks()

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.params["seen"][:2] == [5, 10]
    client.force_login(users["commune"])
    page = client.get(reverse("core:job_progress", args=[job.pk])).content.decode()
    assert "Mất kết nối tới cơ sở dữ liệu" in page and 'data-status="failed"' in page


def test_a_refused_job_lists_its_errors_with_row_and_column(client, users):
    job = jobs.job_start(user=users["commune"], task=refused_task, kind="t", label="Nhập", params={})
    run_queued_tasks()

    client.force_login(users["commune"])
    page = client.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    assert "Tệp còn 2 dòng lỗi." in page
    assert "Ngày thành lập" in page and "Sai ngày" in page


def test_a_job_whose_worker_died_is_shown_failed(client, users):
    from datetime import timedelta

    from django.utils import timezone

    long_ago = timezone.now() - timedelta(minutes=30)
    job = Job.objects.create(kind="t", label="t", user=users["commune"], status=JobStatus.RUNNING, total=10, done=3)
    Job.objects.filter(pk=job.pk).update(started_at=long_ago, heartbeat_at=long_ago)
    client.force_login(users["commune"])

    page = client.get(reverse("core:job_progress", args=[job.pk])).content.decode()

    assert 'data-status="failed"' in page and "bị dừng giữa chừng" in page
    assert Job.objects.get(pk=job.pk).status == JobStatus.FAILED


def test_a_job_is_seen_only_by_its_starter(client, users):
    job = jobs.job_start(user=users["commune"], task=count_task, kind="t", label="Đếm", params={"total": 3})
    for role in ("other_commune", "pv05"):
        client.force_login(users[role])
        for name in ("core:job_detail", "core:job_progress", "core:job_download"):
            assert client.get(reverse(name, args=[job.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("core:job_detail", args=[job.pk])).status_code == 302


def test_files_of_jobs_older_than_a_week_are_removed_when_a_new_job_starts(users):
    import os
    import time

    old, recent = jobs.jobs_dir() / "1-export.xlsx", jobs.jobs_dir() / "2-export.xlsx"
    for path in (old, recent):
        path.write_bytes(b"x")
    eight_days_ago = time.time() - 8 * 24 * 3600
    os.utime(old, (eight_days_ago, eight_days_ago))

    jobs.job_start(user=users["commune"], task=count_task, kind="t", label="Đếm", params={"total": 1})

    assert not old.exists() and recent.exists()
