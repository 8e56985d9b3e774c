"""The words of requisitions and advisories for the lists' full-text search (PostgreSQL only).

On PostgreSQL the search finds, besides the text as typed (the trigram indexes of 0006), a row holding every
word of the search in any order and form by the Danish configuration's stems ("unge i boligområderne" finds
"boligområdets unge"). The words are a stored generated column, `words`, with a GIN index
(cases/querysets.py, `_words_match`):

- stored, not an index on the expression `to_tsvector(...)`: where PostgreSQL chose to read the table for a
  word in most rows, it computed every row's words again (0.69 s at 100,000 rows, against 0.13 s for the
  trigram indexes; bench/growth.py, 2026-12-06); a stored column is read, not computed.
- a column the models do not declare: Django would select it with every row read (and the change history,
  the exports and the forms would see it); SQLite has no such column, and its search is the text as typed.

A later migration that changes the type of `title` or `description` on PostgreSQL must drop the column first
and add it again after ("cannot alter type of a column used by a generated column"): `drop` and `create`.
"""

from django.db import migrations

TABLES = ["cases_requisition", "cases_advisory"]
WORDS = "to_tsvector('danish'::regconfig, COALESCE(\"title\", '') || ' ' || COALESCE(\"description\", ''))"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(
            f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS "words" tsvector GENERATED ALWAYS AS ({WORDS}) STORED')
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{table}_words" ON "{table}" USING gin ("words")')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS "words"')


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0010_reference_data_in_core"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
