"""Areas moved to `core` with their table (core/migrations/0001): the actors' areas point there now, and
the old model leaves this app's state. Django's state only; no table or column changes."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("atlas", "0003_version"),
        ("cases", "0010_reference_data_in_core"),
        ("core", "0001_initial"),
        ("projects", "0004_reference_data_in_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="actor",
                    name="areas",
                    field=models.ManyToManyField(related_name="actors", to="core.area", verbose_name="områder"),
                ),
                migrations.DeleteModel(
                    name="Area",
                ),
            ],
        ),
    ]
