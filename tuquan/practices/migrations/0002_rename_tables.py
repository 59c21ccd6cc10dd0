"""The tables taken over from ``reviews`` get this app's names, and so do the named constraints.

``AlterModelTable`` also renames the auto-created table of ``GoodPractice.schemes``
(``reviews_goodpractice_schemes`` → ``practices_goodpractice_schemes``). The content types move
too (``reviews`` → ``practices``, same ids), so the audit log entries and the permissions stay
attached to the moved rows.
"""

from django.db import migrations, models

MODELS = ['goodpractice', 'goodpracticeattachment']


def _move_content_types(apps, source: str, target: str) -> None:
    ContentType = apps.get_model('contenttypes', 'ContentType')
    LogEntry = apps.get_model('auditlog', 'LogEntry')
    for model in MODELS:
        moving = ContentType.objects.filter(app_label=source, model=model).first()
        if moving is None:
            continue
        # A content type that ``migrate`` created for the target in the meantime: its log entries
        # go to the moving one, then it goes (with its permissions, the same as the moving one's).
        stale = ContentType.objects.filter(app_label=target, model=model).first()
        if stale is not None:
            LogEntry.objects.filter(content_type=stale).update(content_type=moving)
            stale.delete()
        moving.app_label = target
        moving.save(update_fields=['app_label'])


def content_types_forwards(apps, schema_editor):
    _move_content_types(apps, 'reviews', 'practices')


def content_types_backwards(apps, schema_editor):
    _move_content_types(apps, 'practices', 'reviews')


class Migration(migrations.Migration):

    dependencies = [
        ('auditlog', '__latest__'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('practices', '0001_initial'),
        ('reviews', '0003_move_practices_commendations'),
    ]

    operations = [
        migrations.AlterModelTable(name='goodpractice', table=None),
        migrations.AlterModelTable(name='goodpracticeattachment', table=None),
        migrations.RemoveConstraint(model_name='goodpractice', name='reviews_goodpractice_year_range'),
        migrations.AddConstraint(
            model_name='goodpractice',
            constraint=models.CheckConstraint(
                condition=models.Q(('year__gte', 1945), ('year__lte', 2100)), name='practices_goodpractice_year_range'
            ),
        ),
        migrations.RunPython(content_types_forwards, content_types_backwards),
    ]
