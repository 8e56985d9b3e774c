from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    ADMINISTRATION = "administration", _("Forvaltning")
    HOUSING = "housing", _("Boligselskab eller afdelingsbestyrelse")
    STATE = "state", _("Stat")
    ASSOCIATION = "association", _("Forening eller NGO")
    OTHER = "other", _("Andet")


class Task(models.TextChoices):
    """The work plan's tasks that FTE are planned on (and registrations count towards)."""

    CASES = "cases", _("Rekvireringer og rådgivninger")
    PROJECT_VISITS = "project_visits", _("Projektbesøg og vidensdeling")
    EVENTS = "events", _("Arrangementer og leverancer")
    STEERING_GROUPS = "steering_groups", _("Styregrupper og lokale indsatser")
    OTHER = "other", _("Øvrige opgaver")
