"""Running queued background tasks inside a test, through the real worker loop of django-tasks-db."""

from django_tasks_db.management.commands.db_worker import Worker


def run_queued_tasks() -> None:
    """Run every queued task once, as ``manage.py db_worker --batch`` would, in this thread."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()
