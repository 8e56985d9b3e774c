"""The municipality's project bank (Projektbanken) and the team's visits to its projects."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Area, Challenge, ContactPerson, Organisation, Versioned, hours_field, validate_challenge_year

from .choices import Assessment


class ProjectQuerySet(models.QuerySet):
    def search(self, text: str):
        return self.filter(Q(name__icontains=text) | Q(description__icontains=text)
                           | Q(organisation__name__icontains=text))

    def for_list(self):
        return self.select_related("organisation", "area")


class Project(Versioned, ContactPerson):
    """An integration project in the municipality's project bank."""

    # The message is the model's, so the form, the import and the admin say the same.
    name = models.CharField(_("navn"), max_length=200, unique=True, error_messages={
        "unique": _("Der findes allerede et projekt med det navn i projektbanken.")})
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="projects",
        verbose_name=_("organisation"))
    area = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="projects", verbose_name=_("område"))
    description = models.TextField(_("beskrivelse"), blank=True)
    is_active = models.BooleanField(_("aktivt"), default=True)
    is_municipality_funded = models.BooleanField(_("støttet af Københavns Kommune"), default=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("projekt")
        verbose_name_plural = _("projekter")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("projects:project_detail", args=[self.pk])


class ProjectVisitQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(date__year=year)

    def search(self, text: str):
        return self.filter(Q(project__name__icontains=text) | Q(what_works__icontains=text)
                           | Q(advice__icontains=text))

    def for_list(self):
        return self.select_related("project__organisation", "project__area", "consultant",
                                   "challenge__work_plan")


class ProjectVisit(Versioned):
    """A consultant's visit to a project, with its one-page good-practice note."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="visits",
                                verbose_name=_("projekt"))
    date = models.DateField(_("dato"))
    consultant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="project_visits", verbose_name=_("konsulent"))
    challenge = models.ForeignKey(
        Challenge, on_delete=models.PROTECT, null=True, blank=True, related_name="project_visits",
        verbose_name=_("udfordring"), help_text=_("Typisk vidensdeling i integrationsprojekter."))
    what_works = models.TextField(_("hvad virker"), blank=True)
    advice = models.TextField(_("gode råd til andre projekter"), blank=True)
    sets_goals = models.CharField(_("opstiller projektet mål og succeskriterier?"), max_length=10,
                                  choices=Assessment.choices, blank=True)
    measures_effect = models.CharField(_("måler projektet sin effekt?"), max_length=10,
                                       choices=Assessment.choices, blank=True)
    is_good_practice = models.BooleanField(
        _("eksempel på god praksis"), default=False, help_text=_("Med i årets publikation om god praksis."))
    hours = hours_field()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("oprettet af"))
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    objects = ProjectVisitQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["date"])]
        verbose_name = _("projektbesøg")
        verbose_name_plural = _("projektbesøg")

    def __str__(self):
        return f"{self.project} · {self.date:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("projects:projectvisit_detail", args=[self.pk])

    def clean(self):
        if self.challenge_id and self.date:
            validate_challenge_year(self.challenge, self.date)

    @property
    def title(self) -> str:
        return str(self.project)

    @property
    def year(self) -> int:
        return self.date.year

    def owner_ids(self) -> set[int]:
        return {self.created_by_id, self.consultant_id}
