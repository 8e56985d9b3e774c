from django.db import models
from django.utils.translation import gettext_lazy as _


class Assessment(models.TextChoices):
    """The consultant's judgement of a project's practice, on the visit's note."""

    YES = "yes", _("Ja")
    PARTLY = "partly", _("Delvist")
    NO = "no", _("Nej")
