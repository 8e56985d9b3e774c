"""The TFI atlas: the neighbourhoods the team works in and the local actors in each."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.models.versioning import Versioned

from .querysets import ActorQuerySet


def latitude_field(**kwargs):
    return models.DecimalField(
        _("breddegrad"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)], **kwargs)


def longitude_field(**kwargs):
    return models.DecimalField(
        _("længdegrad"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)], **kwargs)


def validate_position(latitude, longitude) -> None:
    """A position is both coordinates or neither."""
    if (latitude is None) != (longitude is None):
        field = "longitude" if longitude is None else "latitude"
        raise ValidationError({field: _("Angiv både bredde- og længdegrad, eller ingen af dem.")})


def validate_boundary(boundary) -> None:
    """The boundary is a GeoJSON Polygon or MultiPolygon geometry with positions in range."""
    if boundary in (None, ""):
        return
    error = ValidationError(_("Afgrænsningen skal være en GeoJSON-geometri af typen Polygon eller MultiPolygon "
                              "med punkter som [længdegrad, breddegrad]."))
    if not isinstance(boundary, dict) or boundary.get("type") not in ("Polygon", "MultiPolygon"):
        raise error
    polygons = boundary.get("coordinates")
    if boundary["type"] == "Polygon":
        polygons = [polygons]
    try:
        for polygon in polygons:
            for ring in polygon:
                if len(ring) < 4:
                    raise error
                for longitude, latitude, *_rest in ring:
                    if not (-180 <= float(longitude) <= 180 and -90 <= float(latitude) <= 90):
                        raise error
    except (TypeError, ValueError) as exc:
        raise error from exc


class Area(models.Model):
    """A neighbourhood the team works in (udsat boligområde), e.g. Mjølnerparken on Nørrebro."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    district = models.CharField(_("bydel"), max_length=100, blank=True)
    latitude = latitude_field(help_text=_("Områdets midtpunkt."))
    longitude = longitude_field()
    boundary = models.JSONField(_("afgrænsning"), null=True, blank=True, validators=[validate_boundary],
                                help_text=_("Valgfri GeoJSON-geometri (Polygon eller MultiPolygon)."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("område")
        verbose_name_plural = _("områder")

    def __str__(self):
        return f"{self.name} ({self.district})" if self.district else self.name

    def get_absolute_url(self):
        return reverse("atlas:area_detail", args=[self.pk])

    def clean(self):
        validate_position(self.latitude, self.longitude)


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
