"""Running queued background tasks inside a test, through the real worker loop of django-tasks-db."""

from unittest import mock

from django_tasks_db.management.commands import db_worker


def run_queued_tasks() -> None:
    """Run every queued task once, as ``manage.py db_worker --batch`` would, in this thread.

    The worker's ``close_old_connections`` is skipped: inside a test's transaction it would close the
    test's own PostgreSQL connection (autocommit is off there, which it reads as a broken connection).
    """
    worker = db_worker.Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        worker.run()
