"""A trigram index for the diacritics-free search on PostgreSQL (docs/performance.md, cause 3).

``search_text`` holds the folded text and search is ``LIKE '%...%'``, which a B-tree cannot
serve; pg_trgm's GIN index can. Creating the extension needs a role allowed to do so: where it
is not, the migration carries on without the index (search still works, only slower) and
says so, rather than blocking the upgrade. SQLite keeps the scan (fast at province scale).
"""

from django.db import migrations, transaction


def create_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as exc:  # noqa: BLE001 - any refusal: keep going without the index
        print(f"\n  pg_trgm unavailable ({exc}); scheme search stays unindexed.")
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS schemes_scheme_search_trgm ON schemes_scheme USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS schemes_scheme_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("schemes", "0002_seed_scheme_kinds")]
    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
