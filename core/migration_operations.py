"""What several apps' migrations do alike."""

from django.db import IntegrityError, models, transaction
from django.db.models import Q

from .text import UNREADABLE_RE, stored_unreadable


def remove_unreadable_text(app_label: str):
    """A RunPython function that takes, out of every text column of the app's tables, the characters no
    reader can hold (core/text.py): rows saved before the forms, the admin and the import refused them
    (issue 24). A row is found by the `regex` lookup on both databases and mended alone; where the text so
    shortened would equal another row's unique one, each character becomes U+FFFD (the replacement
    character) instead. The change history keeps the old values, as it keeps every value."""

    def run(apps, schema_editor):
        alias, pattern = schema_editor.connection.alias, stored_unreadable(schema_editor.connection.vendor)
        for model in apps.get_app_config(app_label).get_models():
            names = [field.attname for field in model._meta.concrete_fields
                     if isinstance(field, models.CharField | models.TextField)]
            if not names:
                continue
            holding = Q()
            for name in names:
                holding |= Q(**{f"{name}__regex": pattern})
            rows = model._default_manager.using(alias).filter(holding).values("pk", *names)
            for row in rows.iterator():
                texts = {name: row[name] for name in names
                         if isinstance(row[name], str) and UNREADABLE_RE.search(row[name])}
                this_row = model._default_manager.using(alias).filter(pk=row["pk"])
                try:
                    with transaction.atomic(using=alias):
                        this_row.update(**{name: UNREADABLE_RE.sub("", text) for name, text in texts.items()})
                except IntegrityError:
                    this_row.update(**{name: UNREADABLE_RE.sub("\ufffd", text) for name, text in texts.items()})

    return run
