"""The two questionnaires of 2008 as version 1 (see surveys/questionnaires.py)."""

from django.db import migrations

from surveys.questionnaires import questionnaires_2008_create


def create(apps, schema_editor):
    questionnaires_2008_create(apps.get_model("surveys", "Questionnaire"), apps.get_model("surveys", "Question"))


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
