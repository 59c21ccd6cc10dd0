"""Inserting many new rows at once: PostgreSQL's ``COPY`` where it is there, ``bulk_create`` elsewhere.

``bulk_create`` on PostgreSQL sends one ``INSERT ... SELECT * FROM UNNEST(...)`` per batch, and
with Django's client-side parameter binding psycopg writes every column's array into the SQL
text in Python: for an import of 10.000 schemes and their 10.000 audit entries that was a quarter
of the whole import (docs/performance.md). ``COPY ... FROM STDIN`` streams the same rows in
psycopg's C writer. The ids are drawn from the table's own sequence first, so every instance
comes back saved with its primary key, as from ``bulk_create``. Triggers fire on ``COPY`` as on
``INSERT`` (the registry's tallies and versions stay exact).
"""

import datetime
from collections.abc import Sequence

from django.db import connections, models, router
from django.db.models import Model

# Fields whose value goes to PostgreSQL as it is when it already has the field's own Python type:
# for these (exactly these classes, not subclasses that may convert), ``pre_save`` reads the
# attribute and ``get_db_prep_save`` gives such a value back unchanged. Reading them directly saves
# two calls a cell (400.000 in a 10.000-row import with its audit entries, ~5 % of it).
_TEXT, _WHOLE, _YES_NO, _DAY = (str, type(None)), (int, type(None)), (bool, type(None)), (datetime.date, type(None))
PLAIN_FIELDS = {
    models.CharField: _TEXT,
    models.TextField: _TEXT,
    models.AutoField: _WHOLE,
    models.BigAutoField: _WHOLE,
    models.BigIntegerField: _WHOLE,
    models.IntegerField: _WHOLE,
    models.PositiveIntegerField: _WHOLE,
    models.PositiveSmallIntegerField: _WHOLE,
    models.SmallIntegerField: _WHOLE,
    models.BooleanField: _YES_NO,
}


def _plain_types(field) -> tuple:
    """The Python types (exactly) that ``field`` stores as they are; () for a field that always
    goes the ORM's way."""
    if type(field) is models.DateField:
        return () if field.auto_now or field.auto_now_add else _DAY
    if type(field) is models.ForeignKey:
        return PLAIN_FIELDS.get(type(field.target_field), ())
    return PLAIN_FIELDS.get(type(field), ())


def _row_writer(fields, connection):
    """A function giving the COPY row of an instance: what ``field.get_db_prep_save(field.pre_save(obj,
    True), connection)`` gives for every field, the plain values read directly."""
    readers = [(field, field.attname, _plain_types(field)) for field in fields]

    def row(obj) -> list:
        values = []
        for field, attname, plain in readers:
            if plain:
                value = getattr(obj, attname)
                if type(value) in plain:
                    values.append(value)
                    continue
            values.append(field.get_db_prep_save(field.pre_save(obj, True), connection))
        return values

    return row


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
        row = _row_writer(fields, connection)
        for start in range(0, len(objects), batch_size):
            with cursor.cursor.copy(statement) as copy:
                for obj in objects[start : start + batch_size]:
                    copy.write_row(row(obj))
    for obj in objects:
        obj._state.adding = False
        obj._state.db = alias
