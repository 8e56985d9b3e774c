from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AtlasConfig(AppConfig):
    name = "atlas"
    verbose_name = _("TFI-atlas")

    def ready(self):
        from spreadsheets import registry

        from .spreadsheet import ActorImporter

        registry.register(ActorImporter)
