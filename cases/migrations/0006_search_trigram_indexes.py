"""Trigram indexes for the free-text search of the requisition and advisory lists (PostgreSQL only).

`icontains` is `UPPER(column) LIKE UPPER('%text%')` on PostgreSQL; a GIN index with pg_trgm's operator
class on `UPPER(column)` answers it without reading every row (see RequisitionQuerySet.search). pg_trgm
is a trusted extension (PostgreSQL 13+): the database's owner may create it. SQLite gets nothing.
"""

from django.db import migrations

INDEXES = [
    ("cases_requisition", "title"),
    ("cases_requisition", "description"),
    ("cases_advisory", "title"),
    ("cases_advisory", "description"),
]


def name(table: str, column: str) -> str:
    return f"{table}_{column}_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name(table, column)}" ON "{table}" USING gin (UPPER("{column}") gin_trgm_ops)')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name(table, column)}"')


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_version"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
