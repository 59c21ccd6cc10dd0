"""Good practices and commendations now belong to their own apps (``practices``, ``commendations``).

State only: the tables are kept; the new apps' ``0001`` took the models over and their ``0002``
renames the tables.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0002_good_practices_commendations'),
        ('practices', '0001_initial'),
        ('commendations', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='GoodPracticeAttachment'),
                migrations.DeleteModel(name='GoodPractice'),
                migrations.DeleteModel(name='Commendation'),
            ],
        ),
    ]
