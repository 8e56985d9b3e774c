"""The reference data moved to `core` with its tables (core/migrations/0001): the foreign keys point
there now. Django's state only; no table or column changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
        ("projects", "0003_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='project',
                    name='area',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='projects', to='core.area', verbose_name='område'),
                ),
                migrations.AlterField(
                    model_name='project',
                    name='organisation',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='projects', to='core.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='projectvisit',
                    name='challenge',
                    field=models.ForeignKey(blank=True, help_text='Typisk vidensdeling i integrationsprojekter.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='project_visits', to='core.challenge', verbose_name='udfordring'),
                ),
            ],
        ),
    ]
