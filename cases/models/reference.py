"""Reference data kept by the administrator: work plans, challenges, organisations."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import OrganisationKind, Task


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
    lead_in = models.TextField(
        _("indledning i årsrapporten"), blank=True,
        help_text=_("Står først i udfordringens afsnit i statusrapporten; kan indeholde pladsholdere."))

    class Meta:
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
    choices changes (cases/reference_cache.py). Internal: never shown, so no translated names."""

    token = models.CharField(max_length=32)

    def __str__(self):
        return self.token
