from auditlog import apps as auditlog_apps
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    default = True
    default_auto_field = "django.db.models.BigAutoField"
    name = "history"
    verbose_name = _("Historik og adgangslog")

    def ready(self):
        from .registry import register_models

        # The one place that says which models keep a change history: no other app's models.py
        # needs to know about django-auditlog.
        register_models()


class AuditlogConfig(auditlog_apps.AuditlogConfig):
    """django-auditlog, whose log entries are the change history, under a Danish name in the admin (listed
    instead of "auditlog")."""

    default = False
    verbose_name = _("Ændringshistorik")
