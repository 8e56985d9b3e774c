from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapporter")

    def ready(self):
        from core import reference_cache

        from .caching import connect
        from .models import AnnualReport

        connect()
        # The current year's report and dashboard are kept a minute under the reference token
        # (reports/caching.py): edited texts show at once.
        reference_cache.register(AnnualReport)
