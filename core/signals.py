"""Signals of the register's own, for what Django's model signals do not cover."""

from django.dispatch import Signal

# Sent by a service that writes many rows at once with bulk_create, which sends no post_save
# (registrations/services.py, the Excel import): sender is the model, `instances` the new rows, saved,
# with their keys and many-to-many links. Caches kept over the registrations (reports/caching.py)
# replace their tokens on it as they do on post_save.
bulk_created = Signal()
