"""pg_trgm, for the search of one person's data (retention/selectors.py): a misspelt name is found by its
trigrams. It does nothing on SQLite. pg_trgm is a trusted extension (PostgreSQL 13 and later): the database's
owner may create it without being a superuser."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = []

    operations = [TrigramExtension()]
