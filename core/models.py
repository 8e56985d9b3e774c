"""The ground every register stands on: the reference data the administrator keeps (work plans and
their challenges, organisations, areas) and what every registration shares (its version for
optimistic locking).

Work plans, challenges, organisations and planned FTE were models of `cases`, areas of `atlas`, until
the apps were put in layers (README, "Layers"): their tables kept their names (`db_table`), so a
database of the earlier layout migrates forwards without copying a row (core/migrations/0001).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import OrganisationKind, Task


class Versioned(models.Model):
    """Optimistic locking: each registration carries the version it is at, so that an edit made from an
    older version is refused instead of overwriting what someone else saved in between (core/versioning.py)."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class ContactPerson(models.Model):
    """A contact person for one piece of work (the requester's, the project's), in fields of their own
    (never in free text), so that the retention job (retention/services.py) can anonymise them once the
    retention period has passed."""

    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("kontaktpersonens e-mail"), blank=True)
    contact_phone = models.CharField(_("kontaktpersonens telefon"), max_length=40, blank=True)
    anonymised_at = models.DateTimeField(_("anonymiseret"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_name or self.contact_email or self.contact_phone)


def hours_field():
    """Optional hours spent, so that registered time can be set against the plan's FTE."""
    return models.DecimalField(
        _("timer brugt"), max_digits=7, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)], help_text=_("Valgfrit: tid brugt, til ressourceopgørelsen."))


class WorkPlan(models.Model):
    """The team's plan for one year (arbejdsplan): its resources, purpose and target groups."""

    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    total_fte = models.DecimalField(
        _("årsværk i alt"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])
    purpose = models.TextField(_("formål"), blank=True)
    target_groups = models.TextField(_("målgrupper"), blank=True, help_text=_("Én målgruppe pr. linje."))

    class Meta:
        db_table = "cases_workplan"
        ordering = ["-year"]
        verbose_name = _("arbejdsplan")
        verbose_name_plural = _("arbejdsplaner")

    def __str__(self):
        return _("Arbejdsplan %(year)s") % {"year": self.year}

    def target_group_list(self) -> list[str]:
        return [line.strip(" -") for line in self.target_groups.splitlines() if line.strip(" -")]


class Challenge(models.Model):
    """One of the work plan's challenges (udfordringer); registrations are counted per challenge."""

    work_plan = models.ForeignKey(
        WorkPlan, on_delete=models.PROTECT, related_name="challenges", verbose_name=_("arbejdsplan"))
    number = models.PositiveSmallIntegerField(_("nummer"))
    name = models.CharField(_("navn"), max_length=200)
    short_label = models.CharField(_("kort betegnelse"), max_length=60, help_text=_("Bruges i tabeller."))
    conclusions = models.TextField(_("konklusioner"), blank=True, help_text=_("Én konklusion pr. linje."))
    lead_in = models.TextField(
        _("indledning i årsrapporten"), blank=True,
        help_text=_("Står først i udfordringens afsnit i statusrapporten; kan indeholde pladsholdere."))

    class Meta:
        db_table = "cases_challenge"
        ordering = ["-work_plan__year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["work_plan", "number"], name="challenge_unique_number_per_plan"),
        ]
        verbose_name = _("udfordring")
        verbose_name_plural = _("udfordringer")

    def __str__(self):
        return f"{self.work_plan.year} · {self.number}. {self.short_label}"

    def conclusion_list(self) -> list[str]:
        return [line.strip(" -") for line in self.conclusions.splitlines() if line.strip(" -")]


class Organisation(models.Model):
    """A requester (rekvirent): one of the seven administrations or an outside body."""

    name = models.CharField(_("navn"), max_length=200, unique=True, error_messages={
        "unique": _("Der findes allerede en organisation med det navn. Vælg den i listen.")})
    short_name = models.CharField(_("kort navn"), max_length=60, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    # A requester a consultant added while registering (core/services.py, requester_add) waits for the
    # administrator to check it: keep, correct or merge into an existing one.
    to_review = models.BooleanField(
        _("skal gennemses"), default=False,
        help_text=_("Tilføjet af en konsulent under registreringen; administratoren retter eller fletter den."))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="+", verbose_name=_("tilføjet af"))

    class Meta:
        db_table = "cases_organisation"
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")

    def __str__(self):
        return self.name

    @property
    def is_administration(self) -> bool:
        return self.kind == OrganisationKind.ADMINISTRATION


class FteAllocation(models.Model):
    """FTE (årsværk) the work plan sets aside for a task, optionally under one challenge."""

    work_plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="allocations", verbose_name=_("arbejdsplan"))
    task = models.CharField(_("opgave"), max_length=30, choices=Task.choices)
    challenge = models.ForeignKey(
        Challenge, on_delete=models.PROTECT, null=True, blank=True, related_name="allocations",
        verbose_name=_("udfordring"), help_text=_("Tom, hvis opgaven går på tværs af udfordringerne."))
    fte = models.DecimalField(_("årsværk"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        db_table = "cases_fteallocation"
        ordering = ["work_plan", "task", "challenge__number"]
        constraints = [
            models.UniqueConstraint(fields=["work_plan", "task", "challenge"],
                                    condition=models.Q(challenge__isnull=False),
                                    name="allocation_unique_task_challenge"),
            models.UniqueConstraint(fields=["work_plan", "task"], condition=models.Q(challenge__isnull=True),
                                    name="allocation_unique_task_without_challenge"),
        ]
        verbose_name = _("planlagt ressource")
        verbose_name_plural = _("planlagte ressourcer")

    def __str__(self):
        return f"{self.work_plan.year} · {self.get_task_display()}: {self.fte}"

    def clean(self):
        if self.challenge_id and self.work_plan_id and self.challenge.work_plan_id != self.work_plan_id:
            raise ValidationError({"challenge": _("Udfordringen hører ikke til denne arbejdsplan.")})


class ReferenceVersion(models.Model):
    """One row: a random token replaced whenever reference data that forms and filters offer as
    choices changes (core/reference_cache.py). Internal: never shown, so no translated names."""

    token = models.CharField(max_length=32)

    class Meta:
        db_table = "cases_referenceversion"

    def __str__(self):
        return self.token


def validate_challenge_year(challenge: Challenge | None, day, field: str = "challenge"):
    """A registration counts in the year it happened, so its challenge must be of that year's plan."""
    if challenge is None or day is None:
        return
    if challenge.work_plan.year != day.year:
        values = {"plan": challenge.work_plan.year, "year": day.year}
        if not WorkPlan.objects.filter(year=day.year).exists():
            # No challenge of that year to choose (a date left at today before the year's plan is made).
            raise ValidationError({field: _(
                "Udfordringen hører til arbejdsplanen for %(plan)s, men registreringen er dateret %(year)s, og "
                "der er ingen arbejdsplan for %(year)s. Ret datoen, eller bed administratoren oprette "
                "arbejdsplanen for %(year)s.") % values})
        raise ValidationError({field: _(
            "Udfordringen hører til arbejdsplanen for %(plan)s, men registreringen er dateret %(year)s. "
            "Vælg en udfordring fra %(year)s."
        ) % values})


# --- Areas and positions ------------------------------------------------------------------------

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
        db_table = "atlas_area"
        ordering = ["name"]
        verbose_name = _("område")
        verbose_name_plural = _("områder")

    def __str__(self):
        # "Amager", not "Amager (Amager)", where the area is named as its district.
        return f"{self.name} ({self.district})" if self.district and self.district != self.name else self.name

    def get_absolute_url(self):
        return reverse("atlas:area_detail", args=[self.pk])

    def clean(self):
        validate_position(self.latitude, self.longitude)


class RunLock(models.Model):
    """A periodic job's run in progress (core/locks.py): held by one process at a time, on however many
    machines. Internal: never shown."""

    name = models.CharField(max_length=100, primary_key=True)
    holder = models.CharField(max_length=100)
    expires_at = models.DateTimeField()

    def __str__(self):
        return self.name
