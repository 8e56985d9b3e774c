"""The moved models keep their content types, renamed: the change history (django-auditlog's rows), the
admin's log and the roles' permissions point at a content type by its id, so each is given its new app
label rather than made anew (which would leave the history of work plans, challenges, organisations and
areas behind under the old label, and the roles without their permissions until the next migrate)."""

from django.db import migrations

MOVED = {"cases": ["workplan", "challenge", "organisation", "fteallocation", "referenceversion"], "atlas": ["area"]}


def relabel(apps, schema_editor, *, to_core: bool):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for old_label, models in MOVED.items():
        source, target = (old_label, "core") if to_core else ("core", old_label)
        for model in models:
            if not types.filter(app_label=target, model=model).exists():
                types.filter(app_label=source, model=model).update(app_label=target)


def forwards(apps, schema_editor):
    relabel(apps, schema_editor, to_core=True)


def backwards(apps, schema_editor):
    relabel(apps, schema_editor, to_core=False)


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
