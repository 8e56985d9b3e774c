from django.db import models
from django.utils.translation import gettext_lazy as _


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


class EventKind(models.TextChoices):
    SEMINAR = "seminar", _("Seminar")
    MEETING = "meeting", _("Møde")
    THEME_MEETING = "theme_meeting", _("Temamøde")
    PARTY = "party", _("Fest")
    WORKSHOP = "workshop", _("Workshop")
    CONFERENCE = "conference", _("Konference")
    RECEPTION = "reception", _("Reception")
    FESTIVAL = "festival", _("Festival")
    CAMPAIGN = "campaign", _("Kampagneaktivitet")


class EventRole(models.TextChoices):
    ORGANISED = "organised", _("Arrangeret af TFI")
    ASSISTED = "assisted", _("TFI assisterede")


class DeliverableStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    DELIVERED = "delivered", _("Leveret")
    REPLACED = "replaced", _("Erstattet")
    CANCELLED = "cancelled", _("Aflyst")


class SteeringRole(models.TextChoices):
    MEMBER = "member", _("Medlem")
    CHAIR = "chair", _("Formand")
    ACTING_PROJECT_MANAGER = "acting_project_manager", _("Konstitueret projektleder")
