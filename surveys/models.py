"""Satisfaction surveys: questionnaires, the links sent to requesters, and their answers."""

from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .choices import Channel, QuestionKind, QuestionnaireKind, Satisfaction
from .querysets import AnswerQuerySet, InvitationQuerySet, ResponseQuerySet

# The privacy notice (GDPR art. 13) of a questionnaire without one of its own: each item of the article
# under its own heading, filled in from the settings (DATA_CONTROLLER, DATA_CONTROLLER_CONTACT, DPO_CONTACT,
# PERSONAL_DATA_RETENTION_YEARS). Plain text, paragraphs separated by a blank line, as the administrator
# writes a questionnaire's own notice.
DEFAULT_PRIVACY_NOTICE = _(
    "Dataansvarlig: %(controller)s er dataansvarlig for behandlingen af de oplysninger, du giver i "
    "spørgeskemaet. Du kan kontakte os på %(controller_contact)s.\n\n"
    "Databeskyttelsesrådgiver: Du kan kontakte kommunens databeskyttelsesrådgiver via %(dpo_contact)s.\n\n"
    "Formål: Vi bruger dine svar til at følge op på og forbedre TaskForce Integrations samarbejde med "
    "forvaltninger og samarbejdspartnere og til tallene om tilfredshed i vores årlige statusrapport. Rapporten "
    "nævner ingen navne; en kommentar kan blive citeret uden navn.\n\n"
    "Retsgrundlag: Behandlingen er nødvendig for at udføre kommunens opgaver i samfundets interesse og som "
    "led i myndighedsudøvelse, jf. databeskyttelsesforordningens artikel 6, stk. 1, litra e. Det er frivilligt "
    "at svare, og det har ingen betydning for dig, hvis du ikke svarer.\n\n"
    "Modtagere: Oplysningerne bruges kun af TaskForce Integration og behandles i kommunens it-systemer. De "
    "videregives ikke til andre og overføres ikke til lande uden for EU/EØS. Vi træffer ingen automatiske "
    "afgørelser på grundlag af dem.\n\n"
    "Opbevaring: Dit navn og din e-mailadresse slettes %(years)s år efter, at opgaven er afsluttet. Dine svar "
    "gemmes derefter uden navn og e-mailadresse.\n\n"
    "Dine rettigheder: Du har ret til indsigt i de oplysninger, vi behandler om dig, og ret til at få urigtige "
    "oplysninger berigtiget (rettet). Du kan have ret til at få oplysningerne slettet, til at få behandlingen "
    "begrænset og til at gøre indsigelse mod behandlingen. Skriv til os, hvis du vil bruge dine rettigheder.\n\n"
    "Klage: Du kan klage over behandlingen af dine oplysninger til Datatilsynet, "
    "www.datatilsynet.dk.")


def contact_address(setting: str) -> str:
    """A contact setting, or when it is empty the address the register's e-mails come from."""
    return setting or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def default_privacy_notice() -> str:
    return DEFAULT_PRIVACY_NOTICE % {
        "controller": settings.DATA_CONTROLLER,
        "controller_contact": contact_address(settings.DATA_CONTROLLER_CONTACT),
        "dpo_contact": settings.DPO_CONTACT or gettext("kommunens hjemmeside"),
        "years": settings.PERSONAL_DATA_RETENTION_YEARS,
    }


class Questionnaire(models.Model):
    """One version of a questionnaire. Once it has answers its questions are frozen: a change is
    made as a new version (see services.questionnaire_new_version), which then becomes the active one."""

    kind = models.CharField(_("bruges"), max_length=20, choices=QuestionnaireKind.choices)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = models.CharField(_("titel"), max_length=200, help_text=_("Vises for modtageren."))
    introduction = models.TextField(_("indledning"), blank=True, help_text=_("Vises over spørgsmålene."))
    # Shown before the first question and in the invitation e-mail (GDPR art. 13); blank: the default.
    privacy_notice = models.TextField(
        _("oplysning om behandling af personoplysninger"), blank=True,
        help_text=_("Vises før det første spørgsmål og i e-mailen med linket. Tom: standardteksten bruges."))
    is_active = models.BooleanField(
        _("aktiv"), default=True, help_text=_("Den aktive version sendes ud. Én aktiv version pr. brug."))
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="questionnaire_unique_version",
                                    violation_error_message=_("Der findes allerede et spørgeskema med denne version.")),
            models.UniqueConstraint(
                fields=["kind"], condition=Q(is_active=True), name="questionnaire_one_active_per_kind",
                violation_error_message=_("Der er allerede en aktiv version til denne brug. Gør den inaktiv først.")),
        ]
        verbose_name = _("spørgeskema")
        verbose_name_plural = _("spørgeskemaer")

    def __str__(self):
        return _("%(title)s (version %(version)s)") % {"title": self.title, "version": self.version}

    def has_responses(self) -> bool:
        return Response.objects.filter(invitation__questionnaire=self).exists()

    def privacy_notice_text(self) -> str:
        """The notice the requester is shown: the questionnaire's own, or the default."""
        return self.privacy_notice.strip() or default_privacy_notice()


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions", verbose_name=_("spørgeskema"))
    position = models.PositiveSmallIntegerField(_("nummer"))
    text = models.CharField(_("spørgsmål"), max_length=300)
    kind = models.CharField(_("svartype"), max_length=10, choices=QuestionKind.choices)
    required = models.BooleanField(_("skal besvares"), default=True)
    is_headline = models.BooleanField(
        _("samlet tilfredshed"), default=False,
        help_text=_("Svarene på dette spørgsmål giver årsrapportens tal for tilfredshed. Ét pr. spørgeskema."))

    class Meta:
        ordering = ["questionnaire", "position"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "position"], name="question_unique_position",
                                    violation_error_message=_("To spørgsmål kan ikke have samme nummer.")),
            models.UniqueConstraint(
                fields=["questionnaire"], condition=Q(is_headline=True), name="question_one_headline",
                violation_error_message=_("Kun ét spørgsmål kan være det om den samlede tilfredshed.")),
        ]
        verbose_name = _("spørgsmål")
        verbose_name_plural = _("spørgsmål")

    def __str__(self):
        return f"{self.position}. {self.text}"

    def clean(self):
        if self.questionnaire_id and self.questionnaire.has_responses():
            raise ValidationError(_("Spørgeskemaet er besvaret og kan ikke ændres. Opret en ny version."))
        if self.is_headline and self.kind != QuestionKind.SCALE:
            raise ValidationError({"is_headline": _("Kun et spørgsmål på tilfredshedsskalaen kan være det samlede.")})


class Invitation(models.Model):
    """A questionnaire sent about one requisition or one advisory to a contact at one requester,
    by a link holding a secret token, or on paper."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="invitations", verbose_name=_("spørgeskema"))
    requisition = models.ForeignKey(
        "cases.Requisition", on_delete=models.PROTECT, null=True, blank=True, related_name="invitations",
        verbose_name=_("rekvirering"))
    advisory = models.ForeignKey(
        "cases.Advisory", on_delete=models.PROTECT, null=True, blank=True, related_name="invitations",
        verbose_name=_("rådgivning"))
    requester = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="invitations", verbose_name=_("rekvirent"))
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    anonymised_at = models.DateTimeField(_("anonymiseret"), null=True, blank=True, editable=False)
    channel = models.CharField(_("sendt som"), max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    token = models.CharField(max_length=64, unique=True, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("sendt af"))
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)
    expires_at = models.DateTimeField(_("udløber"))
    # The e-mail with the link is sent by a worker (surveys/tasks.py): when it was handed to the mail server,
    # or why it could not be.
    mailed_at = models.DateTimeField(_("e-mail afsendt"), null=True, blank=True)
    mail_error = models.TextField(_("e-mailfejl"), blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("påmindelser sendt"), default=0)
    last_reminded_at = models.DateTimeField(_("seneste påmindelse"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(requisition__isnull=False, advisory__isnull=True)
                | Q(requisition__isnull=True, advisory__isnull=False),
                name="invitation_about_one_registration"),
        ]
        indexes = [models.Index(fields=["sent_at"])]
        verbose_name = _("udsendt spørgeskema")
        verbose_name_plural = _("udsendte spørgeskemaer")

    def __str__(self):
        return _("%(questionnaire)s om »%(work)s«") % {
            "questionnaire": self.questionnaire.title, "work": self.registration.title}

    def get_absolute_url(self):
        return reverse("surveys:invitation_detail", args=[self.pk])

    @property
    def registration(self):
        return self.requisition if self.requisition_id else self.advisory

    def last_day(self):
        """The last day the link can be used, as the e-mail names it (it expires at that day's end)."""
        return timezone.localdate(self.expires_at - timedelta(microseconds=1))

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at

    def owner_ids(self) -> set[int]:
        return {self.sent_by_id}


class Response(models.Model):
    """The one answer to an invitation, given through the link or typed in from paper."""

    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, related_name="response", verbose_name=_("udsendelse"))
    channel = models.CharField(_("modtaget som"), max_length=10, choices=Channel.choices)
    submitted_at = models.DateTimeField(_("modtaget"), default=timezone.now)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("indtastet af"))
    # A paper answer typed in wrong is corrected by whoever typed it (or the administrator), with the reason;
    # the change history keeps what the answers were.
    corrected_at = models.DateTimeField(_("rettet"), null=True, blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("rettet af"))
    correction_reason = models.TextField(_("begrundelse for rettelsen"), blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("besvarelse")
        verbose_name_plural = _("besvarelser")

    def __str__(self):
        return _("Besvarelse af %(invitation)s") % {"invitation": self.invitation}

    def get_absolute_url(self):
        # By the id alone: the history's rows build URLs from bare instances (history/selectors.py).
        return reverse("surveys:invitation_detail", args=[self.invitation_id])


class Answer(models.Model):
    """The answer to one question; exactly one of scale, yes_no and text is used, after the question's kind."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers",
                                 verbose_name=_("besvarelse"))
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers",
                                 verbose_name=_("spørgsmål"))
    scale = models.PositiveSmallIntegerField(_("tilfredshed"), choices=Satisfaction.choices, null=True, blank=True)
    yes_no = models.BooleanField(_("ja/nej"), null=True, blank=True)
    text = models.TextField(_("fritekst"), blank=True)
    is_report_quote = models.BooleanField(
        _("citat til rapporten"), default=False, help_text=_("Fritekstsvaret citeres i årsrapporten."))

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["response", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_unique_question"),
        ]
        verbose_name = _("svar")
        verbose_name_plural = _("svar")

    def __str__(self):
        return f"{self.question}: {self.display()}"

    def display(self) -> str:
        if self.scale is not None:
            return str(Satisfaction(self.scale).label)
        if self.yes_no is not None:
            return str(_("Ja") if self.yes_no else _("Nej"))
        return self.text


class FailedLookup(models.Model):
    """A request for an unknown or expired survey link, kept briefly to rate-limit guessing per address
    and for all addresses together."""

    address = models.GenericIPAddressField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        # By address for the address's limit; by time for the global limit and for forgetting the old ones.
        indexes = [models.Index(fields=["address", "at"]), models.Index(fields=["at"])]

    def __str__(self):
        return f"{self.address} {self.at:%Y-%m-%d %H:%M}"
