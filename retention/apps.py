from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    """The anonymisation of contact persons past their retention (`manage.py anonymise_personal_data`): it
    reads every register that holds them, so it stands above them all (README, "Layers")."""

    name = "retention"
    verbose_name = _("Opbevaring af personoplysninger")
