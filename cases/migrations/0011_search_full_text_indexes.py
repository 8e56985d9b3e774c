"""Full-text indexes for the free-text search of the requisition and advisory lists (PostgreSQL only).

The search finds a row whose title or description holds the text as typed (the trigram indexes of 0006)
or, on PostgreSQL, holds every word of it in any order and form, by the Danish configuration's stems
("unge i boligområderne" finds "boligområdets unge"): `to_tsvector('danish', title || ' ' || description)`
matched by `plainto_tsquery('danish', text)`, which a GIN index on that same expression answers
(cases/querysets.py, `words`). SQLite gets nothing and searches as typed.
"""

from django.db import migrations

TABLES = ["cases_requisition", "cases_advisory"]
# Exactly the expression Django writes for SearchVector("title", "description", config="danish"), so that
# PostgreSQL matches the query to the index.
EXPRESSION = """to_tsvector('danish'::regconfig, COALESCE("title", '') || ' ' || COALESCE("description", ''))"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{table}_words" ON "{table}" USING gin ({EXPRESSION})')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_words"')


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0010_reference_data_in_core"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
