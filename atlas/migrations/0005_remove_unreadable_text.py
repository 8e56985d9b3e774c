"""Characters that no reader of the data can hold, taken out of the text saved before the forms refused them
(core/migration_operations.py)."""

from django.db import migrations

from core.migration_operations import remove_unreadable_text


class Migration(migrations.Migration):
    dependencies = [
        ("atlas", "0004_reference_data_in_core"),
    ]

    operations = [
        migrations.RunPython(remove_unreadable_text("atlas"), migrations.RunPython.noop, elidable=True),
    ]
