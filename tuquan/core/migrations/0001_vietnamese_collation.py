"""The ``vi_icu`` collation for Vietnamese ORDER BY on PostgreSQL.

SQLite gets the same collator on every connection (tuquan.core.text).
"""

from django.db import migrations


def create_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE COLLATION IF NOT EXISTS vi_icu (provider = icu, locale = 'vi-VN', deterministic = true)"
        )


def drop_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP COLLATION IF EXISTS vi_icu")


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [migrations.RunPython(create_collation, drop_collation, elidable=False)]
