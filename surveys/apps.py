from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Tilfredshedsmåling")

    def ready(self):
        from .panels import register_panels

        # The survey's panel on the pages of the work it asks about (registrations/panels.py).
        register_panels()
