from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """What every kind of registration shares: its pages (detail, forms, deletion, export), the panels
    other apps add to them, and the sheet columns several kinds have in common."""

    name = "registrations"
    verbose_name = _("Registreringer")
