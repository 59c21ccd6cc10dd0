"""``SchemeTally``: schemes per commune and status, kept exact by triggers on ``schemes_scheme``.

The triggers are the whole of its upkeep (models.SchemeTally): they run for every writer,
including bulk inserts, ``QuerySet.update`` and PostgreSQL's ``COPY``. An update touches the
tally only when the commune or the status changes. The table is filled from the registry here.
"""

import django.db.models.deletion
from django.db import migrations, models


REBUILD = """
DELETE FROM schemes_schemetally;
INSERT INTO schemes_schemetally (commune_id, status, count)
    SELECT commune_id, status, COUNT(*) FROM schemes_scheme GROUP BY commune_id, status;
"""

POSTGRESQL = """
CREATE FUNCTION schemes_tally() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER schemes_tally_insert_delete AFTER INSERT OR DELETE ON schemes_scheme
    FOR EACH ROW EXECUTE FUNCTION schemes_tally();
CREATE TRIGGER schemes_tally_update AFTER UPDATE OF commune_id, status ON schemes_scheme
    FOR EACH ROW WHEN (OLD.commune_id IS DISTINCT FROM NEW.commune_id OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION schemes_tally();
"""

POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS schemes_tally_update ON schemes_scheme;
DROP TRIGGER IF EXISTS schemes_tally_insert_delete ON schemes_scheme;
DROP FUNCTION IF EXISTS schemes_tally();
"""

# SQLite has no trigger functions: one trigger per event, the same statements inline.
SQLITE_ADD = """
    INSERT INTO schemes_schemetally (commune_id, status, count) VALUES (NEW.commune_id, NEW.status, 1)
        ON CONFLICT (commune_id, status) DO UPDATE SET count = count + 1;"""
SQLITE_SUBTRACT = """
    UPDATE schemes_schemetally SET count = count - 1 WHERE commune_id = OLD.commune_id AND status = OLD.status;"""
SQLITE = [
    f"CREATE TRIGGER schemes_tally_insert AFTER INSERT ON schemes_scheme BEGIN{SQLITE_ADD}\nEND",
    f"CREATE TRIGGER schemes_tally_delete AFTER DELETE ON schemes_scheme BEGIN{SQLITE_SUBTRACT}\nEND",
    "CREATE TRIGGER schemes_tally_update AFTER UPDATE OF commune_id, status ON schemes_scheme"
    " WHEN OLD.commune_id IS NOT NEW.commune_id OR OLD.status IS NOT NEW.status"
    f" BEGIN{SQLITE_SUBTRACT}{SQLITE_ADD}\nEND",
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS schemes_tally_{event}" for event in ("insert", "delete", "update")]


def _run(schema_editor, statements) -> None:
    for statement in statements:
        schema_editor.execute(statement, params=None)


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, [POSTGRESQL])
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE)
    else:
        raise NotImplementedError(f"schemes_tally triggers are written for PostgreSQL and SQLite, not {vendor}")
    _run(schema_editor, [s for s in REBUILD.split(";") if s.strip()])


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, [POSTGRESQL_DROP] if vendor == "postgresql" else SQLITE_DROP)


class Migration(migrations.Migration):

    dependencies = [
        ('places', '0001_initial'),
        ('schemes', '0003_search_trigram_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='SchemeTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('active', 'Đang hoạt động'), ('eliminated', 'Đã thanh loại'), ('merged', 'Đã sáp nhập'), ('voided', 'Đã hủy (nhập nhầm)')], max_length=12, verbose_name='tình trạng')),
                ('count', models.IntegerField(verbose_name='số mô hình')),
                ('commune', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='places.adminunit', verbose_name='xã/phường/đặc khu')),
            ],
            options={
                'verbose_name': 'số mô hình theo xã và tình trạng',
                'verbose_name_plural': 'số mô hình theo xã và tình trạng',
                'constraints': [models.UniqueConstraint(fields=('commune', 'status'), name='schemes_schemetally_unique')],
            },
        ),
        migrations.RunPython(install, uninstall, elidable=False),
    ]
