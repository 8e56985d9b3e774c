from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpreadsheetsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "spreadsheets"
    verbose_name = _("Excel-import og -eksport")
