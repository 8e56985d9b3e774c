"""Optimistic locking: each registration carries the version it is at, so that an edit made from an
older version is refused instead of overwriting what someone else saved in between."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Versioned(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True
