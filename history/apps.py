from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "history"
    verbose_name = _("Historik og adgangslog")

    def ready(self):
        from .registry import register_models

        # The one place that says which models keep a change history: no other app's models.py
        # needs to know about django-auditlog.
        register_models()
