"""Inserting many new rows at once: PostgreSQL's ``COPY`` where it is there, ``bulk_create`` elsewhere.

``bulk_create`` on PostgreSQL sends one ``INSERT ... SELECT * FROM UNNEST(...)`` per batch, and
with Django's client-side parameter binding psycopg writes every column's array into the SQL
text in Python: for an import of 10.000 schemes and their 10.000 audit entries that was a quarter
of the whole import (docs/performance.md). ``COPY ... FROM STDIN`` streams the same rows in
psycopg's C writer. The ids are drawn from the table's own sequence first, so every instance
comes back saved with its primary key, as from ``bulk_create``. Triggers fire on ``COPY`` as on
``INSERT`` (the registry's tallies and versions stay exact).
"""

from collections.abc import Sequence

from django.db import connections, router
from django.db.models import Model


def bulk_insert(model: type[Model], objects: Sequence[Model], *, batch_size: int = 1000) -> None:
    """Insert ``objects`` (new instances of ``model``) and give each its primary key."""
    if not objects:
        return
    alias = router.db_for_write(model)
    connection = connections[alias]
    if connection.vendor != "postgresql" or model._meta.parents:
        model._default_manager.db_manager(alias).bulk_create(objects, batch_size=batch_size)
        return
    meta = model._meta
    pk = meta.pk
    fields = meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(meta.db_table)
    with connection.cursor() as cursor:
        missing = [obj for obj in objects if obj.pk is None]
        if missing:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, pk.column, len(missing)],
            )
            for obj, (value,) in zip(missing, cursor.fetchall(), strict=True):
                setattr(obj, pk.attname, value)
        # Table and column names come from the model's metadata, quoted; the values travel as COPY data.
        statement = f"COPY {table} ({columns}) FROM STDIN"
        for start in range(0, len(objects), batch_size):
            with cursor.cursor.copy(statement) as copy:
                for obj in objects[start : start + batch_size]:
                    copy.write_row([field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields])
    for obj in objects:
        obj._state.adding = False
        obj._state.db = alias
