from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionnaireKind(models.TextChoices):
    """Which work a questionnaire asks about: the team sends one after a requisition, another after
    an advisory."""

    REQUISITION = "requisition", _("Efter en rekvirering")
    ADVISORY = "advisory", _("Efter en rådgivning")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Tilfredshedsskala")
    YES_NO = "yes_no", _("Ja/nej")
    TEXT = "text", _("Fritekst")


class Satisfaction(models.IntegerChoices):
    """The four steps of the satisfaction scale, best first. The two best count as satisfied."""

    VERY_SATISFIED = 4, _("I høj grad tilfreds")
    SATISFIED = 3, _("Tilfreds")
    LESS_SATISFIED = 2, _("I mindre grad tilfreds")
    NOT_SATISFIED = 1, _("Ikke tilfreds")

    @classmethod
    def satisfied_values(cls) -> list[int]:
        return [cls.VERY_SATISFIED, cls.SATISFIED]


class Channel(models.TextChoices):
    EMAIL = "email", _("Link pr. e-mail")
    PAPER = "paper", _("Papir")


class InvitationState(models.TextChoices):
    """Filter choice on the list of sent questionnaires."""

    WAITING = "waiting", _("Afventer svar")
    ANSWERED = "answered", _("Besvaret")
    EXPIRED = "expired", _("Udløbet uden svar")
