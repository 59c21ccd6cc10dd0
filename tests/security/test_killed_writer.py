"""A process killed in the middle of a large write leaves the database as it was, and the work can be
done again; a background job whose worker was killed is reported failed, not left "running" forever.

A real second process (tests/security/killed_writer.py) imports a file of ``ROWS`` schemes through the
real import service — directly, as a request does, or as the background job run by django-tasks-db's
worker loop — into the database this test shares with it. Once it has written its first batch of
schemes and audit entries inside the import's transaction, the test checks from outside that it holds
an open writing transaction (PostgreSQL: its backend has a transaction id and a row-exclusive lock on
the schemes table; SQLite: the database's write lock is taken) and kills it with SIGKILL. Nothing it
wrote may remain, and the same file then imports completely.

On PostgreSQL the process uses the test database itself (``transaction=True``, so the test's rows are
committed and visible to it). On SQLite the test database is in memory, which no other process can
open: it is copied, with SQLite's online backup, into a file both use.
"""

import json
import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tuquan.schemes.tests.conftest import ensure_seeded_kinds

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

ROWS = 3000  # three batches of services.BULK_BATCH
ROOT = Path(settings.BASE_DIR)


def _csv() -> bytes:
    lines = ["Tên mô hình, tổ chức;Loại mô hình;Xã/phường/đặc khu;Ngày thành lập"]
    lines += [f"Tổ tự quản số {n};Tiếng kẻng an ninh;Bắc Nha Trang;01/01/2020" for n in range(1, ROWS + 1)]
    return "\n".join(lines).encode("utf-8")


class Shared:
    """The database and media files the test and the other process both use."""

    def __init__(self, tmp_path: Path):
        self.media = tmp_path / "media"
        (self.media / "imports").mkdir(parents=True)
        self.sqlite_file = None
        db = connection.settings_dict
        if connection.vendor == "sqlite":
            self.sqlite_file = tmp_path / "shared.sqlite3"
            copy = sqlite3.connect(self.sqlite_file)
            connection.ensure_connection()
            connection.connection.backup(copy)
            copy.close()
            self.url = f"sqlite:///{self.sqlite_file}"
        else:
            password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
            self.url = f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"

    def env(self) -> dict:
        return {**os.environ, "DATABASE_URL": self.url, "MEDIA_ROOT": str(self.media), "DB_CONN_MAX_AGE": "0"}

    def run(self, *args: str) -> dict:
        done = subprocess.run(
            [sys.executable, "-m", "tests.security.killed_writer", *args],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    def start(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.security.killed_writer", *args, "--pause"],
            cwd=ROOT,
            env=self.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def writing_transactions(self) -> int:
        """How many other connections hold an open transaction that has written to the schemes table."""
        if self.sqlite_file is not None:
            probe = sqlite3.connect(self.sqlite_file, timeout=0)
            try:
                probe.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                assert "locked" in str(error)
                return 1
            else:
                probe.rollback()
                return 0
            finally:
                probe.close()
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT count(DISTINCT a.pid) FROM pg_stat_activity a
                JOIN pg_locks l ON l.pid = a.pid
                JOIN pg_class c ON c.oid = l.relation
                WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
                  AND a.backend_xid IS NOT NULL AND c.relname = 'schemes_scheme' AND l.mode = 'RowExclusiveLock'
                """
            )
            return cursor.fetchone()[0]


def _kill_while_writing(shared: Shared, process: subprocess.Popen) -> int:
    """Wait for the process to say it has written its first batch, check it from outside, SIGKILL it."""
    try:
        ready, _, _ = select.select([process.stdout], [], [], 180)
        if not ready:
            pytest.fail("the import never started writing")
        line = process.stdout.readline()
        if not line:
            pytest.fail(f"the import ended before writing: {process.stderr.read()[-3000:]}")
        written = json.loads(line)["writing"]
        in_transaction = shared.writing_transactions()
    finally:
        process.send_signal(signal.SIGKILL)  # never left waiting, whatever failed above
        process.wait(timeout=30)
    assert in_transaction == 1, "the other process was inside its transaction, having written"
    assert process.returncode == -signal.SIGKILL
    for _ in range(100):  # the server notices the lost client and rolls its transaction back
        if shared.writing_transactions() == 0:
            break
        time.sleep(0.1)
    assert shared.writing_transactions() == 0
    return written


@pytest.fixture
def shared(users, tmp_path):
    ensure_seeded_kinds()
    return Shared(tmp_path)


def test_an_import_killed_in_its_transaction_writes_nothing_and_the_same_file_then_imports(shared, tmp_path):
    path = tmp_path / "lon.csv"
    path.write_bytes(_csv())
    before = shared.run("counts")

    written = _kill_while_writing(shared, shared.start("import", "pv05", str(path)))

    assert written == 1000
    after = shared.run("counts")
    assert (after["schemes"], after["log_entries"]) == (before["schemes"], before["log_entries"]), "all or nothing"
    assert after["integrity"] in (None, "ok")

    assert shared.run("import", "pv05", str(path)) == {"created": ROWS, "errors": 0}
    again = shared.run("counts")
    assert again["schemes"] == before["schemes"] + ROWS
    assert again["log_entries"] == before["log_entries"] + ROWS, "one audit entry per scheme created"


def test_a_background_import_whose_worker_is_killed_writes_nothing_and_is_reported_failed(shared):
    key = uuid.uuid4().hex
    (shared.media / "imports" / f"{key}.csv").write_bytes(_csv())
    job = shared.run("start", "pv05", key)["job"]
    before = shared.run("counts")
    assert before["jobs"] == {"queued": 1}

    _kill_while_writing(shared, shared.start("worker"))

    after = shared.run("counts")
    assert (after["schemes"], after["log_entries"]) == (before["schemes"], before["log_entries"])
    assert after["jobs"] == {"running": 1}, "nobody is left to finish it"
    assert after["integrity"] in (None, "ok")
    checked = shared.run("check", str(job))
    assert checked["status"] == "failed"
    assert "bị dừng giữa chừng" in checked["message"] and "đã được hủy; hãy chạy lại" in checked["message"]

    # Run again (the upload is still kept): the whole file is written.
    shared.run("start", "pv05", key)
    shared.run("worker")
    again = shared.run("counts")
    assert again["jobs"] == {"failed": 1, "done": 1}
    assert again["schemes"] == before["schemes"] + ROWS
