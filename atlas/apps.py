from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AtlasConfig(AppConfig):
    name = "atlas"
    verbose_name = _("TFI-atlas")

    def ready(self):
        from cases import reference_cache

        from .models import Area

        reference_cache.register(Area)  # choice lists of areas come from the cache
