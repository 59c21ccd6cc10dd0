"""The table taken over from ``reviews`` gets this app's name, and so do its named constraints and index.

The content type moves too (``reviews`` → ``commendations``, same id), so the audit log entries and
the permissions (``approve_commendation`` included) stay attached to the moved rows.
"""

from django.db import migrations, models

MODELS = ['commendation']


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
    _move_content_types(apps, 'reviews', 'commendations')


def content_types_backwards(apps, schema_editor):
    _move_content_types(apps, 'commendations', 'reviews')


CONSTRAINTS = {
    'scheme_recipient_has_scheme': models.Q(
        models.Q(('recipient_kind', 'scheme'), _negated=True), ('scheme__isnull', False), _connector='OR'
    ),
    'person_recipient_has_name': models.Q(
        models.Q(('recipient_kind', 'person'), _negated=True), models.Q(('person_name', ''), _negated=True), _connector='OR'
    ),
    'approved_has_decision_date': models.Q(
        models.Q(('status', 'approved'), _negated=True), ('decision_date__isnull', False), _connector='OR'
    ),
}


class Migration(migrations.Migration):

    dependencies = [
        ('auditlog', '__latest__'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('commendations', '0001_initial'),
        ('reviews', '0003_move_practices_commendations'),
    ]

    operations = [
        migrations.AlterModelTable(name='commendation', table=None),
        migrations.RenameIndex(
            model_name='commendation', old_name='reviews_commend_scheme_yr', new_name='commendations_scheme_year'
        ),
        *(
            migrations.RemoveConstraint(model_name='commendation', name=f'reviews_commendation_{name}')
            for name in CONSTRAINTS
        ),
        *(
            migrations.AddConstraint(
                model_name='commendation',
                constraint=models.CheckConstraint(condition=condition, name=f'commendations_commendation_{name}'),
            )
            for name, condition in CONSTRAINTS.items()
        ),
        migrations.RunPython(content_types_forwards, content_types_backwards),
    ]
