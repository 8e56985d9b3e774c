"""Requisitions and advisories: the register's two kinds of case."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Area, Challenge, ContactPerson, Organisation, Versioned, hours_field, validate_challenge_year

from ..choices import RequisitionStatus
from ..querysets import AdvisoryQuerySet, RequisitionQuerySet


class Registration(Versioned):
    """Fields and rules shared by requisitions and advisories."""

    challenge = models.ForeignKey(Challenge, on_delete=models.PROTECT, verbose_name=_("udfordring"))
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("område"))
    hours = hours_field()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("oprettet af"))
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title


def participants_text(count: int | None, approximate: bool) -> str:
    """A participant count as shown and exported: "ca. 50" when approximate, "" when not known."""
    if count is None:
        return ""
    return _("ca. %(count)s") % {"count": count} if approximate else str(count)


class Requisition(Registration, ContactPerson):
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
        indexes = [
            models.Index(fields=["date_received"]),
            models.Index(fields=["status"]),
            # The list sorted by title reads its page in order instead of sorting every row (bench/growth.py).
            models.Index(fields=["title"], name="requisition_title_order"),
            # The start page's latest requisitions of the user, newest first.
            models.Index(fields=["created_by", "created_at"], name="requisition_creator_latest"),
        ]
        verbose_name = _("rekvirering")
        verbose_name_plural = _("rekvireringer")

    def get_absolute_url(self):
        return reverse("cases:requisition_detail", args=[self.pk])

    def held_in_its_challenges_year(self) -> bool:
        """A requisition belongs to the year it was received, or to a later year in which it was held: one
        received in December and held in January may be either year's (and counts in its challenge's)."""
        held = self.date_finished
        return bool(held and self.date_received and held.year > self.date_received.year
                    and self.challenge.work_plan.year == held.year)

    def clean(self):
        errors = {}
        if self.date_finished and self.date_received and self.date_finished < self.date_received:
            errors["date_finished"] = _("Datoen for afholdt/afsluttet kan ikke ligge før modtagelsen.")
        if self.challenge_id and self.date_received and not self.held_in_its_challenges_year():
            try:
                validate_challenge_year(self.challenge, self.date_received)
            except ValidationError as error:
                errors.update(error.message_dict)
        if self.pk and self.participants is not None and \
                self.events.filter(participants__isnull=False).exists():
            errors["participants"] = _(
                "Deltagerne er registreret på rekvireringens arrangement. De tælles ét sted: ret tallet dér.")
        if errors:
            raise ValidationError(errors)

    @property
    def year(self) -> int:
        return self.date_received.year

    def owner_ids(self) -> set[int]:
        """The creator and the responsible consultants (uses the prefetched consultants)."""
        return {self.created_by_id, *(user.pk for user in self.consultants.all())}

    @property
    def is_open(self) -> bool:
        return self.status in RequisitionStatus.open_values()

    @property
    def is_finished(self) -> bool:
        return self.status == RequisitionStatus.FINISHED

    def participants_display(self) -> str:
        return participants_text(self.participants, self.participants_approximate)

    def shown_participants_display(self) -> str:
        """The participants as counted (the queryset's with_event_participants): at the requisition's events
        where it was held as events, else its own."""
        return participants_text(self.shown_participants, self.shown_participants_approximate)


class Advisory(Registration, ContactPerson):
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
        indexes = [
            models.Index(fields=["date"]),
            models.Index(fields=["title"], name="advisory_title_order"),
            # The start page's latest advisories of the user (creator or consultant), newest first.
            models.Index(fields=["created_at"], name="advisory_latest"),
        ]
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

    def owner_ids(self) -> set[int]:
        return {self.created_by_id, self.consultant_id}
