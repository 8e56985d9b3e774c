"""The reference data moved to `core` with its tables (core/migrations/0001): the foreign keys point
there now. Django's state only; no table or column changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
        ("surveys", "0003_invitation_anonymised_at"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='invitation',
                    name='requester',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='invitations', to='core.organisation', verbose_name='rekvirent'),
                ),
            ],
        ),
    ]
