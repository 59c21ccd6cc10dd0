"""Streaming generated rows into a table at volume, with a progress bar: PostgreSQL's ``COPY``
(psycopg 3 ``cursor.copy()``) or ``executemany`` on SQLite, in batches (``tuquan.demo.national``).
"""

import time
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connections


class Progress:
    """A one-line progress bar on a text stream."""

    def __init__(self, out, label: str, total: int, width: int = 30) -> None:
        self.out, self.label, self.total, self.width = out, label, max(total, 1), width
        self.started = time.perf_counter()
        self.done = 0

    def update(self, done: int) -> None:
        self.done = done
        share = min(done / self.total, 1.0)
        bar = "#" * int(share * self.width)
        elapsed = time.perf_counter() - self.started
        self.out.write(
            f"\r  {self.label:<22} [{bar:<{self.width}}] {share:6.1%} {done:>10,}/{self.total:,} {elapsed:6.1f}s"
        )
        self.out.flush()

    def close(self) -> float:
        self.out.write("\n")
        self.out.flush()
        return time.perf_counter() - self.started


class Writer:
    """Streams tuples into one table: COPY on PostgreSQL, executemany on SQLite, in batches."""

    def __init__(self, alias: str, out, batch: int = 50_000) -> None:
        self.connection = connections[alias]
        self.vendor = self.connection.vendor
        self.out = out
        self.batch = batch

    def next_id(self, model) -> int:
        with self.connection.cursor() as cursor:
            # Table names come from the model registry and columns from this module; no user input (B608).
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")  # noqa: S608  # nosec B608
            return cursor.fetchone()[0]

    def write(self, model, columns: list[str], rows: Iterable[tuple], total: int) -> int:
        table = model._meta.db_table
        progress = Progress(self.out, table, total)
        count = 0
        batch: list[tuple] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= self.batch:
                count += self._flush(table, columns, batch)
                batch = []
                progress.update(count)
        if batch:
            count += self._flush(table, columns, batch)
        progress.update(count)
        progress.close()
        return count

    def _flush(self, table: str, columns: list[str], rows: list[tuple]) -> int:
        quoted = ", ".join(f'"{c}"' for c in columns)
        if self.vendor == "postgresql":
            with self.connection.cursor() as cursor:
                with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
        else:
            marks = ", ".join("?" * len(columns))
            self.connection.ensure_connection()
            raw = self.connection.connection.cursor()
            # Table and column names from the model registry and this module; values are ? parameters (B608).
            raw.executemany(
                f"INSERT INTO {table} ({quoted}) VALUES ({marks})",  # noqa: S608  # nosec B608
                [tuple(_sqlite(v) for v in row) for row in rows],
            )
            raw.close()
        return len(rows)

    def reset_sequences(self, models: list) -> None:
        statements = self.connection.ops.sequence_reset_sql(no_style(), models)
        if statements:
            with self.connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)


def _sqlite(value):
    """Values as Django's SQLite backend stores them (datetimes naive UTC, dates ISO, decimals text)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal):
        return str(value)
    return value
