"""The other process of tests/security/test_killed_writer.py: run as ``python -m tests.security.killed_writer``
with ``DATABASE_URL`` (and ``MEDIA_ROOT``) naming the database and files the test shares with it.

Commands (one per run, the answer is one JSON line on stdout):

- ``import USERNAME PATH [--pause]`` — import the file through ``scheme_import_apply``, as a request does;
- ``start USERNAME KEY`` — start the background import job of an upload kept under MEDIA_ROOT/imports;
- ``worker [--pause]`` — run the queued tasks with django-tasks-db's real worker loop
  (``manage.py db_worker --batch``);
- ``check JOB_ID`` — ``job_check_alive`` once its worker has been silent longer than ``STALE_AFTER``;
- ``counts`` — schemes, audit entries, jobs by status, and SQLite's integrity check.

``--pause``: once the first batch of schemes and their audit entries is written — inside the import's
transaction, nothing committed — print ``{"writing": n}`` and wait to be killed (a machine that freezes
or a process the system kills in the middle of a large write).
"""

import json
import os
import sys
import time


def _say(data: dict) -> None:
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


def _pause_after_first_batch() -> None:
    from tuquan.schemes.services import bulk

    original = bulk._audit_bulk

    def audit_then_wait(pairs, action):
        original(pairs, action)
        _say({"writing": len(pairs), "pid": os.getpid()})
        time.sleep(600)

    bulk._audit_bulk = audit_then_wait


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from datetime import timedelta
    from pathlib import Path

    from auditlog.models import LogEntry
    from django.db import connection
    from django.db.models import Count

    from tuquan.accounts.models import User
    from tuquan.core import jobs
    from tuquan.core.actor import acting_as
    from tuquan.core.models import Job
    from tuquan.schemes.models import Scheme

    command, *args = argv
    if "--pause" in args:
        args.remove("--pause")
        _pause_after_first_batch()
    if command == "import":
        from tuquan.schemes.excel.importers import scheme_import_apply

        user = User.objects.get(username=args[0])
        path = Path(args[1])
        with acting_as(user):
            plan = scheme_import_apply(user=user, path=path, extension=path.suffix.lstrip("."))
        _say({"created": plan.created, "errors": len(plan.errors)})
    elif command == "start":
        from tuquan.schemes.excel import tasks

        job = jobs.job_start(
            user=User.objects.get(username=args[0]),
            task=tasks.import_apply_task,
            kind="schemes.import_apply",
            label="Nhập tệp lớn",
            params={"key": args[1], "ext": "csv", "name": "lon.csv"},
        )
        _say({"job": job.pk})
    elif command == "worker":
        from tuquan.core.jobs_testing import run_queued_tasks

        run_queued_tasks()
        _say({"worker": "idle"})
    elif command == "check":
        jobs.STALE_AFTER = timedelta(0)  # as if the five minutes had passed
        job = jobs.job_check_alive(Job.objects.get(pk=int(args[0])))
        _say({"status": job.status, "message": job.message})
    elif command == "counts":
        integrity = None
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                integrity = cursor.execute("PRAGMA integrity_check").fetchone()[0]
        statuses = dict(Job.objects.values_list("status").annotate(n=Count("pk")).order_by())
        _say(
            {
                "schemes": Scheme.objects.count(),
                "log_entries": LogEntry.objects.count(),
                "jobs": statuses,
                "integrity": integrity,
            }
        )
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
