"""The rest of the year's work: events, the work plan's deliverables, and steering-group seats."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Area, Challenge, Organisation, Versioned, hours_field, validate_challenge_year

from ..choices import DeliverableStatus, EventKind, EventRole, SteeringRole
from ..querysets import DeliverableQuerySet, EventQuerySet, SteeringGroupMembershipQuerySet
from .registrations import Registration, Requisition, participants_text


class Deliverable(Versioned):
    """A deliverable (leverance) promised in the work plan under a challenge, and what became of it."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.PROTECT, related_name="deliverables", verbose_name=_("udfordring"))
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("løfte i arbejdsplanen"), blank=True)
    outcome = models.TextField(_("hvad skete der"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=DeliverableStatus.choices,
                              default=DeliverableStatus.PLANNED)
    is_promised = models.BooleanField(
        _("lovet i arbejdsplanen"), default=True,
        help_text=_("Fra i år lovet i arbejdsplanen; ellers kommet til i løbet af året, f.eks. som erstatning."))
    replaced_by = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="replaces", verbose_name=_("erstattet af"))
    requisitions = models.ManyToManyField(
        Requisition, blank=True, related_name="deliverables", verbose_name=_("opfyldt af rekvireringer"))
    publication_title = models.CharField(_("publikation"), max_length=200, blank=True)
    publication_url = models.URLField(_("publikationens adresse"), blank=True)
    hours = hours_field()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("oprettet af"))
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    objects = DeliverableQuerySet.as_manager()

    class Meta:
        ordering = ["challenge__number", "id"]
        verbose_name = _("leverance")
        verbose_name_plural = _("leverancer")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cases:deliverable_detail", args=[self.pk])

    @property
    def year(self) -> int:
        return self.challenge.work_plan.year

    def owner_ids(self) -> set[int]:
        return {self.created_by_id}


class Event(Registration):
    """An event (arrangement): a seminar, meeting, party... with its participants.

    Participants are the actual number once the event has been held; before, the expected one.
    An event held for a requisition carries the participants of that requisition (counted once).
    """

    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices)
    date = models.DateField(_("dato"))
    place = models.CharField(_("sted"), max_length=200, blank=True)
    role = models.CharField(_("TFI's rolle"), max_length=20, choices=EventRole.choices,
                            default=EventRole.ORGANISED)
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="events",
        verbose_name=_("ansvarlig konsulent"))
    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.SET_NULL, null=True, blank=True, related_name="events",
        verbose_name=_("leverance"))
    requisition = models.ForeignKey(
        Requisition, on_delete=models.SET_NULL, null=True, blank=True, related_name="events",
        verbose_name=_("rekvirering"))
    participants = models.PositiveIntegerField(_("deltagere (faktisk)"), null=True, blank=True)
    participants_expected = models.PositiveIntegerField(_("forventet deltagerantal"), null=True, blank=True)
    participants_approximate = models.BooleanField(_("ca.-tal"), default=False)
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="events", verbose_name=_("deltagende organisationer"))
    organisation_count = models.PositiveIntegerField(
        _("antal deltagende organisationer"), null=True, blank=True,
        help_text=_("Hvis ikke alle organisationer er registreret ved navn, f.eks. 46 foreninger med boder."))
    volunteers = models.PositiveIntegerField(_("frivillige"), null=True, blank=True)
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("samme arrangement året før"),
        help_text=_("Til sammenligning år for år, f.eks. International Dag 2007."))

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["date"]),
            # A consultant's held events still waiting for their actual participants (the start page),
            # holding the columns the start page reads (PostgreSQL): without it, each start page read the
            # whole date index (9 ms at 15,000 events), and without them PostgreSQL still preferred that.
            models.Index(fields=["consultant", "date"], include=["id", "title", "participants_expected"],
                         name="event_awaiting_count_idx",
                         condition=models.Q(participants__isnull=True, participants_expected__isnull=False)),
        ]
        verbose_name = _("arrangement")
        verbose_name_plural = _("arrangementer")

    def get_absolute_url(self):
        return reverse("cases:event_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.challenge_id and self.date:
            try:
                validate_challenge_year(self.challenge, self.date)
            except ValidationError as error:
                errors.update(error.message_dict)
        # The event's participants count under its challenge, in the report and on the dashboard: what it
        # was held for (a deliverable, a requisition) belongs there too.
        if self.deliverable_id and self.challenge_id and self.deliverable.challenge_id != self.challenge_id:
            errors["deliverable"] = _("Leverancen hører under udfordringen »%(other)s«, arrangementet under "
                                      "»%(this)s«. Vælg samme udfordring for begge.") % {
                "other": self.deliverable.challenge, "this": self.challenge}
        if self.requisition_id and self.challenge_id and self.requisition.challenge_id != self.challenge_id:
            errors["requisition"] = _("Rekvireringen hører under udfordringen »%(other)s«, arrangementet under "
                                      "»%(this)s«. Vælg samme udfordring for begge.") % {
                "other": self.requisition.challenge, "this": self.challenge}
        if self.requisition_id and self.participants is not None and \
                self.requisition.participants is not None:
            errors["participants"] = _(
                "Rekvireringen har allerede et deltagertal (%(n)s). Deltagerne registreres ét sted: "
                "fjern tallet på rekvireringen, eller lad feltet stå tomt her.") % {
                "n": self.requisition.participants_display()}
        if self.date and self.date > timezone.localdate() and self.participants is not None:
            errors["participants"] = _(
                "Arrangementet er ikke holdt endnu. Angiv det forventede deltagerantal, og udfyld det "
                "faktiske bagefter.")
        if self.previous_id and self.date and self.previous.date >= self.date:
            errors["previous"] = _("Det tidligere arrangement skal ligge før dette.")
        if errors:
            raise ValidationError(errors)

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def is_future(self) -> bool:
        return self.date > timezone.localdate()

    @property
    def needs_actual_participants(self) -> bool:
        """Held, but only the expected figure was ever entered."""
        return not self.is_future and self.participants is None and self.participants_expected is not None

    def owner_ids(self) -> set[int]:
        return {self.created_by_id, self.consultant_id}

    def participants_display(self) -> str:
        return participants_text(self.participants, self.participants_approximate)

    @property
    def organisation_total(self) -> int | None:
        """The stated number of participating organisations, else those registered by name
        (uses the prefetched organisations)."""
        if self.organisation_count is not None:
            return self.organisation_count
        return len(self.organisations.all()) or None


class SteeringGroupMembership(Versioned):
    """A seat the team holds in a steering group, progress group or local board."""

    body = models.CharField(_("styregruppe"), max_length=200,
                            help_text=_("F.eks. helhedsplanen for Mjølnerparken."))
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("område"))
    challenge = models.ForeignKey(
        Challenge, on_delete=models.PROTECT, null=True, blank=True, related_name="steering_groups",
        verbose_name=_("udfordring"), help_text=_("Den udfordring, sædet hører under i årsrapporten."))
    role = models.CharField(_("rolle"), max_length=30, choices=SteeringRole.choices,
                            default=SteeringRole.MEMBER)
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="steering_groups",
        verbose_name=_("konsulent"))
    start = models.DateField(_("fra"))
    end = models.DateField(_("til"), null=True, blank=True)
    notes = models.TextField(_("noter"), blank=True)
    hours = hours_field()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("oprettet af"))
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    objects = SteeringGroupMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "body"]
        verbose_name = _("styregruppesæde")
        verbose_name_plural = _("styregruppesæder")

    def __str__(self):
        return f"{self.body} ({self.get_role_display().lower()})"

    def get_absolute_url(self):
        return reverse("cases:steeringgroupmembership_detail", args=[self.pk])

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Slutdatoen kan ikke ligge før startdatoen.")})

    def owner_ids(self) -> set[int]:
        return {self.created_by_id, self.consultant_id}
