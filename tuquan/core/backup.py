"""Backups of the whole database: SQLite's online backup API, PostgreSQL's pg_dump/pg_restore.

``database_fingerprint()`` gives each table's row count and a checksum of its rows, so a
restore can be proved identical to what was backed up (docs/operations.md).
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.db import connection


class BackupError(Exception):
    pass


def _pg_env_and_args() -> tuple[dict, list[str]]:
    settings = connection.settings_dict
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    args = []
    if settings.get("HOST"):
        args += ["-h", settings["HOST"]]
    if settings.get("PORT"):
        args += ["-p", str(settings["PORT"])]
    if settings.get("USER"):
        args += ["-U", settings["USER"]]
    return env, args


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"Không tìm thấy chương trình {name}: cài gói postgresql-client.")
    return path


def backup_create(*, target: Path) -> Path:
    """Write a consistent copy of the database to ``target`` while the site keeps running."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return target
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args()
        command = [_tool("pg_dump"), "-Fc", "--no-owner", "-f", str(target), *args, connection.settings_dict["NAME"]]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise BackupError(f"pg_dump thất bại: {result.stderr.strip()}")
        return target
    raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.")


def backup_restore(*, source: Path) -> None:
    """Replace the database's content with the backup in ``source``."""
    if not source.exists():
        raise BackupError(f"Không có tệp sao lưu {source}.")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        origin = sqlite3.connect(source)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()
        return
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args()
        connection.close()
        command = [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "-d",
            connection.settings_dict["NAME"],
            *args,
            str(source),
        ]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise BackupError(f"pg_restore thất bại: {result.stderr.strip()}")
        return
    raise BackupError(f"Chưa hỗ trợ phục hồi cơ sở dữ liệu {connection.vendor}.")


def database_fingerprint() -> dict[str, tuple[int, str]]:
    """Each model table → (row count, sha256 of its rows in primary-key order)."""
    fingerprint = {}
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table not in existing or table in fingerprint:
                continue
            quoted = connection.ops.quote_name(table)
            pk = connection.ops.quote_name(model._meta.pk.column)
            # Table and column names come from the model registry, quoted by the backend; no user input.
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY {pk}")  # noqa: S608  # nosec B608
            digest = hashlib.sha256()
            count = 0
            for row in cursor.fetchall():
                digest.update(repr(tuple(_canonical(value) for value in row)).encode())
                count += 1
            fingerprint[table] = (count, digest.hexdigest())
    return fingerprint


def _canonical(value):
    """Values as the same text whichever driver returned them (memoryview, Decimal, datetime...)."""
    if isinstance(value, memoryview):
        return bytes(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
