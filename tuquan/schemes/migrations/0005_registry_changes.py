"""``SchemeTally.changes``: the registry list's version per commune, kept by triggers (ADR 0015).

Whatever a registry list page shows comes from a scheme, its teams and members (the counts), its
kind, and the administrative units (names, the unit filter). Every write to one of them adds one
to ``changes`` on tally rows, whoever writes (a form, an import, ``QuerySet.update``, ``COPY``):

- a scheme: its own (commune, status) row; a move or a change of status also its old row;
- a team or a member: the row of its scheme (statement-level on PostgreSQL, over the rows the
  statement wrote, so a ``COPY`` of 50.000 members costs one UPDATE);
- a kind or an administrative unit: every row (a rename shows on every list; these are rare).

No counter ever decreases and no row is deleted by the application, so the sum of ``changes``
over the rows a user sees grows with every committed change that user could see: it keys the
cached pages of the list (schemes.views.SchemeListView).
"""

import importlib

from django.db import migrations, models


POSTGRESQL = """
CREATE OR REPLACE FUNCTION schemes_tally() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    moved boolean := TG_OP = 'UPDATE'
        AND (OLD.commune_id IS DISTINCT FROM NEW.commune_id OR OLD.status IS DISTINCT FROM NEW.status);
BEGIN
    IF TG_OP = 'DELETE' OR moved THEN
        UPDATE schemes_schemetally SET count = count - 1, changes = changes + 1
            WHERE commune_id = OLD.commune_id AND status = OLD.status;
    END IF;
    IF TG_OP = 'INSERT' OR moved THEN
        INSERT INTO schemes_schemetally (commune_id, status, count, changes) VALUES (NEW.commune_id, NEW.status, 1, 1)
            ON CONFLICT (commune_id, status)
            DO UPDATE SET count = schemes_schemetally.count + 1, changes = schemes_schemetally.changes + 1;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE schemes_schemetally SET changes = changes + 1
            WHERE commune_id = NEW.commune_id AND status = NEW.status;
    END IF;
    RETURN NULL;
END
$$;
DROP TRIGGER schemes_tally_update ON schemes_scheme;
CREATE TRIGGER schemes_tally_update AFTER UPDATE ON schemes_scheme
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION schemes_tally();

CREATE FUNCTION schemes_registry_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE schemes_schemetally AS t SET changes = t.changes + 1
        FROM (SELECT DISTINCT s.commune_id, s.status FROM schemes_scheme AS s
              WHERE s.id IN (SELECT scheme_id FROM written)) AS c
        WHERE t.commune_id = c.commune_id AND t.status = c.status;
    RETURN NULL;
END
$$;
CREATE FUNCTION schemes_registry_touch_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE schemes_schemetally AS t SET changes = t.changes + 1
        FROM (SELECT DISTINCT s.commune_id, s.status FROM schemes_scheme AS s
              WHERE s.id IN (SELECT scheme_id FROM written UNION SELECT scheme_id FROM overwritten)) AS c
        WHERE t.commune_id = c.commune_id AND t.status = c.status;
    RETURN NULL;
END
$$;
CREATE FUNCTION schemes_registry_touch_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE schemes_schemetally SET changes = changes + 1;
    RETURN NULL;
END
$$;
"""
for _table in ("schemes_team", "schemes_member"):
    POSTGRESQL += f"""
CREATE TRIGGER {_table}_registry_insert AFTER INSERT ON {_table}
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION schemes_registry_touch();
CREATE TRIGGER {_table}_registry_delete AFTER DELETE ON {_table}
    REFERENCING OLD TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION schemes_registry_touch();
CREATE TRIGGER {_table}_registry_update AFTER UPDATE ON {_table}
    REFERENCING OLD TABLE AS overwritten NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION schemes_registry_touch_updated();
"""
for _table in ("schemes_schemekind", "places_adminunit"):
    POSTGRESQL += f"""
CREATE TRIGGER {_table}_registry_touch AFTER INSERT OR UPDATE OR DELETE ON {_table}
    FOR EACH STATEMENT EXECUTE FUNCTION schemes_registry_touch_all();
"""

POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS schemes_schemekind_registry_touch ON schemes_schemekind;
DROP TRIGGER IF EXISTS places_adminunit_registry_touch ON places_adminunit;
"""
for _table in ("schemes_team", "schemes_member"):
    POSTGRESQL_DROP += "".join(
        f"DROP TRIGGER IF EXISTS {_table}_registry_{event} ON {_table};\n" for event in ("insert", "delete", "update")
    )
POSTGRESQL_DROP += """
DROP FUNCTION IF EXISTS schemes_registry_touch();
DROP FUNCTION IF EXISTS schemes_registry_touch_updated();
DROP FUNCTION IF EXISTS schemes_registry_touch_all();
CREATE OR REPLACE FUNCTION schemes_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE schemes_schemetally SET count = count - 1
            WHERE commune_id = OLD.commune_id AND status = OLD.status;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO schemes_schemetally (commune_id, status, count) VALUES (NEW.commune_id, NEW.status, 1)
            ON CONFLICT (commune_id, status) DO UPDATE SET count = schemes_schemetally.count + 1;
    END IF;
    RETURN NULL;
END
$$;
DROP TRIGGER schemes_tally_update ON schemes_scheme;
CREATE TRIGGER schemes_tally_update AFTER UPDATE OF commune_id, status ON schemes_scheme
    FOR EACH ROW WHEN (OLD.commune_id IS DISTINCT FROM NEW.commune_id OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION schemes_tally();
"""

# SQLite: row triggers only, one per event, the statements inline. The tally's triggers are
# dropped before the column is added (SQLite rebuilds the table, and a trigger naming a table
# that is momentarily missing stops the rebuild) and written anew after.
_ADD = """
    INSERT INTO schemes_schemetally (commune_id, status, count, changes) VALUES (NEW.commune_id, NEW.status, 1, 1)
        ON CONFLICT (commune_id, status) DO UPDATE SET count = count + 1, changes = changes + 1;"""
_SUBTRACT = """
    UPDATE schemes_schemetally SET count = count - 1, changes = changes + 1
        WHERE commune_id = OLD.commune_id AND status = OLD.status;"""
_MOVED = "OLD.commune_id IS NOT NEW.commune_id OR OLD.status IS NOT NEW.status"
_TOUCH = """
    UPDATE schemes_schemetally SET changes = changes + 1
        WHERE (commune_id, status) IN (SELECT commune_id, status FROM schemes_scheme WHERE id IN ({ids}));"""
SQLITE = [
    f"CREATE TRIGGER schemes_tally_insert AFTER INSERT ON schemes_scheme BEGIN{_ADD}\nEND",
    f"CREATE TRIGGER schemes_tally_delete AFTER DELETE ON schemes_scheme BEGIN{_SUBTRACT}\nEND",
    f"CREATE TRIGGER schemes_tally_update AFTER UPDATE ON schemes_scheme WHEN {_MOVED} BEGIN{_SUBTRACT}{_ADD}\nEND",
    f"CREATE TRIGGER schemes_tally_touch AFTER UPDATE ON schemes_scheme WHEN NOT ({_MOVED}) BEGIN"
    "\n    UPDATE schemes_schemetally SET changes = changes + 1"
    "\n        WHERE commune_id = NEW.commune_id AND status = NEW.status;\nEND",
]
for _table in ("schemes_team", "schemes_member"):
    SQLITE += [
        f"CREATE TRIGGER {_table}_registry_insert AFTER INSERT ON {_table} BEGIN{_TOUCH.format(ids='NEW.scheme_id')}\nEND",
        f"CREATE TRIGGER {_table}_registry_delete AFTER DELETE ON {_table} BEGIN{_TOUCH.format(ids='OLD.scheme_id')}\nEND",
        f"CREATE TRIGGER {_table}_registry_update AFTER UPDATE ON {_table}"
        f" BEGIN{_TOUCH.format(ids='OLD.scheme_id, NEW.scheme_id')}\nEND",
    ]
for _table in ("schemes_schemekind", "places_adminunit"):
    SQLITE += [
        f"CREATE TRIGGER {_table}_registry_{event} AFTER {event.upper()} ON {_table}"
        " BEGIN\n    UPDATE schemes_schemetally SET changes = changes + 1;\nEND"
        for event in ("insert", "update", "delete")
    ]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS schemes_tally_{event}" for event in ("insert", "delete", "update", "touch")]
for _table in ("schemes_team", "schemes_member", "schemes_schemekind", "places_adminunit"):
    SQLITE_DROP += [f"DROP TRIGGER IF EXISTS {_table}_registry_{event}" for event in ("insert", "delete", "update")]


def _run(schema_editor, statements) -> None:
    for statement in statements:
        schema_editor.execute(statement, params=None)


def before_column(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)


def after_column_removed(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":  # the tally's triggers as migration 0004 wrote them
        tally = importlib.import_module("tuquan.schemes.migrations.0004_scheme_tally")
        _run(schema_editor, tally.SQLITE)


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, [POSTGRESQL])
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE)
    else:
        raise NotImplementedError(f"registry triggers are written for PostgreSQL and SQLite, not {vendor}")
    # Rows that exist count as changed once: a sum of zero means "no row" (never cached).
    _run(schema_editor, ["UPDATE schemes_schemetally SET changes = 1"])


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, [POSTGRESQL_DROP] if vendor == "postgresql" else SQLITE_DROP)


class Migration(migrations.Migration):

    dependencies = [
        ("places", "0001_initial"),
        ("schemes", "0004_scheme_tally"),
    ]

    operations = [
        migrations.RunPython(before_column, after_column_removed, elidable=False),
        migrations.AddField(
            model_name="schemetally",
            name="changes",
            field=models.BigIntegerField(
                db_default=0,
                help_text="Tăng mỗi khi dữ liệu danh sách mô hình của xã thay đổi (ADR 0015).",
                verbose_name="số lần thay đổi",
            ),
        ),
        migrations.RunPython(install, uninstall, elidable=False),
    ]
