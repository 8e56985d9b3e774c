from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    ADMINISTRATION = "administration", _("Forvaltning")
    HOUSING = "housing", _("Boligselskab eller afdelingsbestyrelse")
    STATE = "state", _("Stat")
    ASSOCIATION = "association", _("Forening eller NGO")
    OTHER = "other", _("Andet")


class RequisitionStatus(models.TextChoices):
    RECEIVED = "received", _("Modtaget")
    IN_PROGRESS = "in_progress", _("I gang")
    FINISHED = "finished", _("Afsluttet")
    CANCELLED = "cancelled", _("Annulleret")

    @classmethod
    def open_values(cls) -> list[str]:
        return [cls.RECEIVED, cls.IN_PROGRESS]


class RequesterScope(models.TextChoices):
    """Filter choice: was the work asked for by one of the seven administrations or by anyone else."""

    ADMINISTRATION = "administration", _("Forvaltning")
    OUTSIDE = "outside", _("Øvrige rekvirenter")
