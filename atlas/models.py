"""The TFI atlas: the local actors in each of the neighbourhoods the team works in (core.Area)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Area, Versioned, latitude_field, longitude_field, validate_position

from .querysets import ActorQuerySet


class ActorKind(models.TextChoices):
    ASSOCIATION = "association", _("Forening")
    PROJECT = "project", _("Projekt")
    INSTITUTION = "institution", _("Institution")
    HOUSING_BOARD = "housing_board", _("Afdelingsbestyrelse eller boligselskab")
    NETWORK = "network", _("Netværk")
    PUBLIC_SERVICE = "public_service", _("Offentligt tilbud")
    OTHER = "other", _("Andet")


class Actor(Versioned):
    """A local actor (aktør) in one or more areas: an association, project, institution, network..."""

    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=ActorKind.choices)
    areas = models.ManyToManyField(Area, related_name="actors", verbose_name=_("områder"))
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    website = models.URLField(_("hjemmeside"), blank=True)
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("kontaktpersonens e-mail"), blank=True)
    contact_phone = models.CharField(_("kontaktpersonens telefon"), max_length=40, blank=True)
    target_groups = models.TextField(_("målgrupper"), blank=True)
    activities = models.TextField(_("aktiviteter"), blank=True,
                                  help_text=_("Kort beskrivelse af aktørens aktiviteter."))
    is_active = models.BooleanField(_("aktiv"), default=True)
    last_checked = models.DateField(_("senest kontrolleret"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("oprettet af"))
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="actor_position_complete",
                violation_error_message=_("Angiv både bredde- og længdegrad, eller ingen af dem.")),
        ]
        verbose_name = _("aktør")
        verbose_name_plural = _("aktører")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("atlas:actor_detail", args=[self.pk])

    def clean(self):
        validate_position(self.latitude, self.longitude)

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def needs_position(self) -> bool:
        """An address without coordinates: the atlas lists it as "mangler position"."""
        return bool(self.address.strip()) and not self.has_position

    def owner_ids(self) -> set[int]:
        return {self.created_by_id}
