from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import OrganisationKind, RequisitionStatus
from .querysets import AdvisoryQuerySet, RequisitionQuerySet


class WorkPlan(models.Model):
    """The team's plan for one year (arbejdsplan): its resources, purpose and target groups."""

    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    total_fte = models.DecimalField(
        _("årsværk i alt"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])
    purpose = models.TextField(_("formål"), blank=True)
    target_groups = models.TextField(_("målgrupper"), blank=True, help_text=_("Én målgruppe pr. linje."))

    class Meta:
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

    class Meta:
        ordering = ["-work_plan__year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["work_plan", "number"], name="challenge_unique_number_per_plan"),
        ]
        verbose_name = _("udfordring")
        verbose_name_plural = _("udfordringer")

    def __str__(self):
        return f"{self.work_plan.year} · {self.number}. {self.short_label}"


class Organisation(models.Model):
    """A requester (rekvirent): one of the seven administrations or an outside body."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    short_name = models.CharField(_("kort navn"), max_length=60, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")

    def __str__(self):
        return self.name

    @property
    def is_administration(self) -> bool:
        return self.kind == OrganisationKind.ADMINISTRATION


def validate_challenge_year(challenge: Challenge | None, day, field: str = "challenge"):
    """A registration counts in the year it happened, so its challenge must be of that year's plan."""
    if challenge is None or day is None:
        return
    if challenge.work_plan.year != day.year:
        raise ValidationError({field: _(
            "Udfordringen hører til arbejdsplanen for %(plan)s, men registreringen er dateret %(year)s. "
            "Vælg en udfordring fra %(year)s."
        ) % {"plan": challenge.work_plan.year, "year": day.year}})


class Registration(models.Model):
    """Fields and rules shared by requisitions and advisories."""

    challenge = models.ForeignKey(Challenge, on_delete=models.PROTECT, verbose_name=_("udfordring"))
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    area = models.ForeignKey(
        "atlas.Area", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("område"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("oprettet af"))
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title


class Requisition(Registration):
    """A formal assignment (rekvirering) that one or more requesters ask the team to carry out."""

    requesters = models.ManyToManyField(
        Organisation, related_name="requisitions", verbose_name=_("rekvirenter"))
    consultants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="requisitions", blank=True,
        verbose_name=_("ansvarlige konsulenter"))
    date_received = models.DateField(_("modtaget"))
    date_finished = models.DateField(_("afholdt/afsluttet"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RequisitionStatus.choices, default=RequisitionStatus.RECEIVED)
    participants = models.PositiveIntegerField(_("deltagere"), null=True, blank=True)
    participants_approximate = models.BooleanField(_("ca.-tal"), default=False,
                                                   help_text=_("Deltagertallet er et skøn."))
    partners = models.TextField(_("samarbejdspartnere"), blank=True)
    volunteers = models.TextField(_("frivillige"), blank=True)

    objects = RequisitionQuerySet.as_manager()

    class Meta:
        ordering = ["-date_received", "-id"]
        indexes = [models.Index(fields=["date_received"]), models.Index(fields=["status"])]
        verbose_name = _("rekvirering")
        verbose_name_plural = _("rekvireringer")

    def get_absolute_url(self):
        return reverse("cases:requisition_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.date_finished and self.date_received and self.date_finished < self.date_received:
            errors["date_finished"] = _("Datoen for afholdt/afsluttet kan ikke ligge før modtagelsen.")
        if self.challenge_id and self.date_received:
            try:
                validate_challenge_year(self.challenge, self.date_received)
            except ValidationError as error:
                errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)

    @property
    def year(self) -> int:
        return self.date_received.year

    @property
    def is_open(self) -> bool:
        return self.status in RequisitionStatus.open_values()

    def participants_display(self) -> str:
        if self.participants is None:
            return ""
        return f"ca. {self.participants}" if self.participants_approximate else str(self.participants)


class Advisory(Registration):
    """A short piece of advice (rådgivning) given to one requester."""

    requester = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="advisories", verbose_name=_("rekvirent"))
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="advisories",
        verbose_name=_("konsulent"))
    date = models.DateField(_("dato"))
    is_report_example = models.BooleanField(
        _("eksempel i årsrapporten"), default=False,
        help_text=_("Rådgivningen nævnes som eksempel i statusrapporten."))

    objects = AdvisoryQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["date"])]
        verbose_name = _("rådgivning")
        verbose_name_plural = _("rådgivninger")

    def get_absolute_url(self):
        return reverse("cases:advisory_detail", args=[self.pk])

    def clean(self):
        if self.challenge_id and self.date:
            validate_challenge_year(self.challenge, self.date)

    @property
    def year(self) -> int:
        return self.date.year
