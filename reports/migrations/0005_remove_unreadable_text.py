"""Characters that no reader of the data can hold, taken out of the text saved before the forms refused them
(core/migration_operations.py)."""

from django.db import migrations

from core.migration_operations import remove_unreadable_text


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0004_figuresversion_counts"),
    ]

    operations = [
        migrations.RunPython(remove_unreadable_text("reports"), migrations.RunPython.noop, elidable=True),
    ]
