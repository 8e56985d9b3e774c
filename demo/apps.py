from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The 2008 demo year and its users (`manage.py load_demo`): it writes through every app's services,
    so it stands above them all (README, "Layers")."""

    name = "demo"
    verbose_name = _("Demodata")
