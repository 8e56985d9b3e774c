from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Rekvireringer og rådgivninger")

    def ready(self):
        from spreadsheets import registry

        from .spreadsheet import AdvisoryImporter, EventImporter, RequisitionImporter

        registry.register(RequisitionImporter, AdvisoryImporter, EventImporter)
