"""The reference data moved to `core` with its tables (core/migrations/0001): the foreign keys point
there now. Django's state only; no table or column changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
        ("reports", "0002_figuresversion"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='annualreport',
                    name='work_plan',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='annual_report', to='core.workplan', verbose_name='arbejdsplan'),
                ),
            ],
        ),
    ]
