"""Writes of the surveys: sending, reminding, answering, paper answers, quotes, questionnaire versions."""

import secrets
import smtplib
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.choices import RequisitionStatus
from cases.models import Advisory, Requisition
from core.locks import run_lock
from core.models import Organisation
from core.permissions import is_administrator
from history import services as history

from .choices import Channel, QuestionKind, QuestionnaireKind
from .models import Answer, FailedLookup, Invitation, Question, Questionnaire, Response

TOKEN_BYTES = 32  # 256 random bits; token_urlsafe gives 43 characters


class AlreadyAnswered(Exception):
    """The invitation has its answer; nothing more is stored."""


class ReminderError(Exception):
    """The mail server could not be reached; `reminded` holds those sent (and saved) before it."""

    def __init__(self, reminded: list, error: OSError):
        super().__init__(str(error))
        self.reminded = reminded


@dataclass
class Reminders:
    reminded: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # the mail server refused the address


def token_new() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def answer_url(invitation: Invitation) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("surveys:answer", args=[invitation.token])


def expiry_for(sent_at) -> datetime:
    """The end of the last day the link is valid (the e-mail names that day): SURVEY_LINK_DAYS after
    sending, to the end of that day in local time."""
    last_day = timezone.localdate(sent_at) + timedelta(days=settings.SURVEY_LINK_DAYS)
    return timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time.min))


def _registration_fields(registration) -> dict:
    if isinstance(registration, Requisition):
        return {"requisition": registration, "advisory": None}
    if isinstance(registration, Advisory):
        return {"requisition": None, "advisory": registration}
    raise TypeError(f"Not a registration: {registration!r}")


def questionnaire_for(registration) -> Questionnaire:
    """The active questionnaire for the kind of work."""
    kind = QuestionnaireKind.REQUISITION if isinstance(registration, Requisition) else QuestionnaireKind.ADVISORY
    questionnaire = Questionnaire.objects.filter(kind=kind, is_active=True).first()
    if questionnaire is None:
        raise ValidationError(_("Der er intet aktivt spørgeskema til denne slags opgave. "
                                "Administratoren opretter det under Administration."))
    return questionnaire


def _check_registration(registration, requester: Organisation) -> None:
    if isinstance(registration, Requisition):
        if registration.status != RequisitionStatus.FINISHED:
            raise ValidationError(_("Spørgeskemaet sendes, når rekvireringen er afsluttet."))
        if not registration.requesters.filter(pk=requester.pk).exists():
            raise ValidationError({"requester": _("Vælg en af rekvireringens rekvirenter.")})
    elif registration.requester_id != requester.pk:
        raise ValidationError({"requester": _("Rekvirenten skal være rådgivningens rekvirent.")})


def _invitation_new(*, user, registration, requester, channel, contact_name="", contact_email="",
                    now=None, mailed=False) -> Invitation:
    _check_registration(registration, requester)
    now = now or timezone.now()
    invitation = Invitation(
        questionnaire=questionnaire_for(registration), requester=requester, channel=channel,
        contact_name=contact_name.strip(), contact_email=contact_email.strip(), token=token_new(),
        sent_by=user, sent_at=now, expires_at=expiry_for(now), mailed_at=now if mailed else None,
        **_registration_fields(registration))
    invitation.full_clean()
    invitation.save()
    return invitation


def _mail(invitation: Invitation, *, template: str, message: str = "") -> None:
    # In the register's language (Danish), whatever language the sender has chosen: the recipient is
    # outside the register, the link opens the answer page in Danish, and the reminders sent by cron
    # have no sender. The texts are in the catalogue all the same (templates/surveys/email/).
    with translation.override(settings.LANGUAGE_CODE):
        context = {"invitation": invitation, "registration": invitation.registration,
                   "url": answer_url(invitation), "message": message.strip(),
                   "expires": invitation.last_day(),
                   "privacy_notice": invitation.questionnaire.privacy_notice_text()}  # GDPR art. 13
        # One line, whatever the work's title holds: a line break in a header is refused by Django.
        subject = " ".join(render_to_string(f"surveys/email/{template}_subject.txt", context).split())
        body = render_to_string(f"surveys/email/{template}.txt", context)
    send_mail(subject, body, None, [invitation.contact_email])


@transaction.atomic
def invitation_record(*, user, registration, requester: Organisation, channel: str, contact_name: str = "",
                      contact_email: str = "", sent_at=None) -> Invitation:
    """Register a questionnaire sent outside the register (on paper, or before the register was used),
    without sending any e-mail."""
    return _invitation_new(user=user, registration=registration, requester=requester, channel=channel,
                           contact_name=contact_name, contact_email=contact_email, now=sent_at,
                           mailed=channel == Channel.EMAIL)  # e-mailed outside the register


@transaction.atomic
def invitation_send(*, user, registration, requester: Organisation, contact_email: str,
                    contact_name: str = "", message: str = "", now=None) -> Invitation:
    """Send the right questionnaire about a finished requisition or an advisory to a contact's address:
    the link is stored, and its e-mail put on the queue for a worker (surveys/tasks.py, invitation_mail),
    so no request waits for the mail server."""
    from .tasks import invitation_mail_task

    if not contact_email.strip():
        raise ValidationError({"contact_email": _("Angiv modtagerens e-mailadresse.")})
    invitation = _invitation_new(user=user, registration=registration, requester=requester,
                                 channel=Channel.EMAIL, contact_name=contact_name,
                                 contact_email=contact_email, now=now)
    invitation_mail_task.enqueue(invitation_id=invitation.pk, message=message)
    return invitation


def invitation_mail(*, invitation_id: int, message: str = "") -> bool:
    """Hands the link's e-mail to the mail server, once: the link is claimed with one conditional UPDATE (a
    task delivered twice sends one e-mail). A mail server that cannot be reached, or refuses the address,
    leaves the reason on the link (its page offers to send it again). False when nothing was sent."""
    now = timezone.now()
    if not Invitation.objects.filter(pk=invitation_id, mailed_at__isnull=True).exclude(contact_email="").update(
            mailed_at=now, mail_error=""):
        return False  # withdrawn, anonymised, or already sent
    invitation = Invitation.objects.select_related("questionnaire", "requisition", "advisory").get(pk=invitation_id)
    try:
        _mail(invitation, template="invitation", message=message)
    except OSError as error:  # smtplib's errors are OSErrors
        Invitation.objects.filter(pk=invitation_id).update(mailed_at=None, mail_error=str(error)[:500] or
                                                           type(error).__name__)
        return False
    return True


def invitation_mail_again(*, invitation: Invitation, user) -> None:
    """Puts the e-mail of a link whose sending failed on the queue again."""
    from .tasks import invitation_mail_task

    if invitation.channel != Channel.EMAIL or invitation.mailed_at is not None or not invitation.contact_email:
        raise ValidationError(_("E-mailen er allerede sendt."))
    Invitation.objects.filter(pk=invitation.pk).update(mail_error="")
    invitation_mail_task.enqueue(invitation_id=invitation.pk, message="")


@transaction.atomic
def invitation_delete(*, invitation: Invitation, user) -> None:
    """Withdraw a link (sent to a wrong address, say); an answered questionnaire stays."""
    if Response.objects.filter(invitation=invitation).exists():
        raise ValidationError(_("Spørgeskemaet er besvaret, så udsendelsen kan ikke slettes."))
    invitation.delete()


def invitations_remind(*, after_days: int, max_reminders: int, now=None) -> Reminders:
    """Remind every unanswered, unexpired link whose last mail (first send or reminder) is `after_days`
    old, at most `max_reminders` times per link. Each reminder is saved as soon as it is sent. An
    address the mail server refuses is skipped (and tried again next time); a server that cannot be
    reached stops the run with ReminderError."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=after_days)
    due = (Invitation.objects.waiting(now).filter(channel=Channel.EMAIL, reminders_sent__lt=max_reminders,
                                                  mailed_at__isnull=False)
           .filter(sent_at__lte=cutoff).exclude(last_reminded_at__gt=cutoff)
           .exclude(contact_email="")  # anonymised (retention/services.py): no one left to remind
           .select_related("questionnaire", "requisition", "advisory").order_by("pk"))
    result = Reminders()
    for invitation in due:
        if not _reminder_claim(invitation, now):
            continue  # another run (on another machine) has just reminded it
        try:
            _mail(invitation, template="reminder")
        except smtplib.SMTPRecipientsRefused:
            _reminder_release(invitation, now)
            result.refused.append(invitation)
            continue
        except OSError as error:  # the mail server is down: stop, the rest are reminded next time
            _reminder_release(invitation, now)
            raise ReminderError(result.reminded, error) from error
        invitation.reminders_sent += 1
        invitation.last_reminded_at = now
        result.reminded.append(invitation)
    return result


def reminders_run(*, after_days: int, max_reminders: int) -> Reminders | None:
    """The periodic run of the reminders (the command, or a worker's task): under a lock, so a second
    machine's run at the same moment is spared the work (None); each reminder is claimed besides
    (invitations_remind), so a run that takes over an expired lock cannot remind anyone twice either."""
    with run_lock("send_survey_reminders") as held:
        if not held:
            return None
        return invitations_remind(after_days=after_days, max_reminders=max_reminders)


def _reminder_claim(invitation: Invitation, now) -> bool:
    """Count the reminder before it is sent, if the link is still as this run read it: one UPDATE that
    succeeds for one run only, however many run at the same moment (on SQLite and PostgreSQL alike), so
    each reminder is sent once."""
    return Invitation.objects.filter(
        pk=invitation.pk, reminders_sent=invitation.reminders_sent, last_reminded_at=invitation.last_reminded_at,
    ).update(reminders_sent=F("reminders_sent") + 1, last_reminded_at=now) == 1


def _reminder_release(invitation: Invitation, now) -> None:
    """Undo the claim of a reminder that was not sent, so that the next run tries again."""
    Invitation.objects.filter(pk=invitation.pk, reminders_sent=invitation.reminders_sent + 1,
                              last_reminded_at=now).update(reminders_sent=invitation.reminders_sent,
                                                           last_reminded_at=invitation.last_reminded_at)


def _answers_check(questions: list[Question], values: dict) -> list[Answer]:
    """Answer rows for the given question → value mapping; a required question without a value is an error."""
    errors, answers = {}, []
    for question in questions:
        value = values.get(question.pk)
        if value in (None, ""):
            if question.required:
                errors[f"q_{question.pk}"] = _("Besvar venligst spørgsmålet.")
            continue
        answer = Answer(question=question)
        if question.kind == QuestionKind.SCALE:
            answer.scale = int(value)
        elif question.kind == QuestionKind.YES_NO:
            answer.yes_no = bool(value)
        else:
            answer.text = str(value).strip()
        answers.append(answer)
    if errors:
        raise ValidationError(errors)
    return answers


def _response_save(invitation: Invitation, values: dict, *, channel: str, entered_by=None, now=None) -> Response:
    questions = list(invitation.questionnaire.questions.all())
    answers = _answers_check(questions, values)
    try:
        with transaction.atomic():
            response = Response.objects.create(invitation=invitation, channel=channel, entered_by=entered_by,
                                               submitted_at=now or timezone.now())
    except IntegrityError as error:  # the one-to-one on invitation: someone answered a moment ago
        raise AlreadyAnswered from error
    for answer in answers:
        answer.response = response
        answer.full_clean(exclude=["response"])
    Answer.objects.bulk_create(answers)
    return response


@transaction.atomic
def response_submit(*, token: str, values: dict, now=None) -> Response:
    """Store the requester's answer given through the link: once, and only before the link expires.
    `values` maps question id to the cleaned value."""
    now = now or timezone.now()
    invitation = (Invitation.objects.select_for_update().select_related("questionnaire")
                  .filter(token=token, channel=Channel.EMAIL).first())
    if invitation is None or invitation.is_expired(now):
        raise Invitation.DoesNotExist
    if Response.objects.filter(invitation=invitation).exists():
        raise AlreadyAnswered
    return _response_save(invitation, values, channel=Channel.EMAIL, now=now)


def _invitation_for_paper_answer(*, user, registration, requester: Organisation, contact_name: str,
                                 now) -> Invitation:
    """The invitation a paper answer about the registration from the requester belongs to: the one sent
    to that requester and not answered, its link expired or not (its link then takes none), or, when none was sent,
    a new paper invitation (the questionnaire was handed out on paper). Refused when the requester has
    answered already, and when the waiting one is ambiguous or asks other questions than the active
    questionnaire the form shows: then the answer is typed in from that invitation's own page."""
    _check_registration(registration, requester)
    # Two paper answers about the same work typed in at once must not both find no invitation.
    type(registration)._default_manager.select_for_update().only("pk").get(pk=registration.pk)
    sent = Invitation.objects.filter(requester=requester, **_registration_fields(registration))
    # Unanswered, its link expired or not: a paper answer often comes back after the link has run out.
    waiting = list(sent.unanswered().select_for_update())
    if len(waiting) > 1:
        raise ValidationError(_("%(requester)s har fået flere spørgeskemaer om denne opgave, som ikke er "
                                "besvaret. Registrér papirsvaret fra det rigtige spørgeskemas side (under "
                                "Tilfredshedsmåling på opgavens side).") % {"requester": requester.name})
    if waiting:
        if waiting[0].questionnaire_id != questionnaire_for(registration).pk:
            raise ValidationError(_("Spørgeskemaet, som %(requester)s har fået om denne opgave, er en ældre "
                                    "version end formularen her. Registrér papirsvaret fra det udsendte "
                                    "spørgeskemas side (under Tilfredshedsmåling på opgavens side).")
                                  % {"requester": requester.name})
        return waiting[0]
    if sent.answered().exists():
        raise ValidationError(_("%(requester)s har allerede besvaret spørgeskemaet om denne opgave. "
                                "Papirsvaret er ikke gemt.") % {"requester": requester.name})
    return _invitation_new(user=user, registration=registration, requester=requester, channel=Channel.PAPER,
                           contact_name=contact_name, now=now)


@transaction.atomic
def paper_response_create(*, user, values: dict, invitation: Invitation | None = None, registration=None,
                          requester: Organisation | None = None, contact_name: str = "", now=None) -> Response:
    """Type in an answer that came back on paper: to a link already sent, or about a registration, where
    it goes to the requester's invitation still waiting for an answer if there is one, and otherwise to a
    new paper invitation (see _invitation_for_paper_answer). One answer per invitation: the sent and
    answered figures of the results count each questionnaire once."""
    now = now or timezone.now()
    if invitation is None:
        invitation = _invitation_for_paper_answer(user=user, registration=registration, requester=requester,
                                                  contact_name=contact_name, now=now)
    else:
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if Response.objects.filter(invitation=invitation).exists():
        raise AlreadyAnswered
    return _response_save(invitation, values, channel=Channel.PAPER, entered_by=user, now=now)


def paper_response_check_correctable(*, response: Response, user) -> None:
    """Raise a ValidationError saying why, if `user` may not correct or withdraw the answer: only an answer
    typed in from paper, by whoever typed it or the administrator (an answer given through the link is the
    requester's own words)."""
    if response.channel != Channel.PAPER:
        raise ValidationError(_("Svaret er givet via linket af modtageren selv og kan ikke rettes."))
    if response.entered_by_id != user.pk and not is_administrator(user):
        raise ValidationError(_("Kun den, der tastede papirsvaret ind, eller administratoren kan rette det."))


def _reason(reason: str) -> str:
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv, hvorfor svaret rettes.")})
    return reason.strip()


@transaction.atomic
def paper_response_correct(*, response: Response, values: dict, reason: str, user) -> Response:
    """Correct a paper answer typed in wrong: the answers become `values` (question id -> value, checked as
    when typed in), each changed answer saved (so the change history keeps the old value and the figures'
    cache follows), and the response says who corrected it, when and why."""
    paper_response_check_correctable(response=response, user=user)
    reason = _reason(reason)
    response = Response.objects.select_for_update().select_related("invitation__questionnaire").get(pk=response.pk)
    corrected = {answer.question_id: answer for answer in
                 _answers_check(list(response.invitation.questionnaire.questions.all()), values)}
    for answer in list(response.answers.all()):
        new = corrected.pop(answer.question_id, None)
        if new is None:
            answer.delete()  # a voluntary question now left blank
        elif (answer.scale, answer.yes_no, answer.text) != (new.scale, new.yes_no, new.text):
            answer.scale, answer.yes_no, answer.text = new.scale, new.yes_no, new.text
            answer.full_clean()
            answer.save()
    for answer in corrected.values():  # a question left blank on the first typing
        answer.response = response
        answer.full_clean()
        answer.save()
    response.corrected_at, response.corrected_by, response.correction_reason = timezone.now(), user, reason
    response.save(update_fields=["corrected_at", "corrected_by", "correction_reason"])
    return response


@transaction.atomic
def paper_response_withdraw(*, response: Response, reason: str, user) -> Invitation:
    """Withdraw a paper answer typed in by mistake (to the wrong questionnaire, say): the answer goes, with
    the reason in the change history, and the questionnaire waits for its answer again."""
    paper_response_check_correctable(response=response, user=user)
    reason = _reason(reason)
    response.corrected_at, response.corrected_by, response.correction_reason = timezone.now(), user, reason
    response.save(update_fields=["corrected_at", "corrected_by", "correction_reason"])
    invitation = response.invitation
    for answer in list(response.answers.all()):
        answer.delete()
    response.delete()
    return invitation


@transaction.atomic
def answer_mark_quote(*, answer: Answer, is_quote: bool, user) -> Answer:
    if is_quote and (answer.question.kind != QuestionKind.TEXT or not answer.text.strip()):
        raise ValidationError(_("Kun et fritekstsvar kan citeres i rapporten."))
    answer.is_report_quote = is_quote
    answer.save(update_fields=["is_report_quote"])
    return answer


@transaction.atomic
@transaction.atomic
def questionnaire_new_version(*, questionnaire: Questionnaire, user=None) -> Questionnaire:
    """Copy the questionnaire and its questions as the next version, which becomes the active one.
    The answers given stay with the version they answered. The change history shows the version that
    stopped being active, the copy and each of its questions, as by `user`."""
    latest = Questionnaire.objects.filter(kind=questionnaire.kind).order_by("-version").first()
    active = list(Questionnaire.objects.filter(kind=questionnaire.kind, is_active=True))
    Questionnaire.objects.filter(pk__in=[old.pk for old in active]).update(is_active=False)
    for old in active:  # a queryset update sends no signals: its history row is written here
        history.record_changed(old, {"is_active": (True, False)}, user=user)
    copy = Questionnaire.objects.create(
        kind=questionnaire.kind, version=latest.version + 1, title=questionnaire.title,
        introduction=questionnaire.introduction, privacy_notice=questionnaire.privacy_notice, is_active=True)
    questions = Question.objects.bulk_create([
        Question(questionnaire=copy, position=q.position, text=q.text, kind=q.kind, required=q.required,
                 is_headline=q.is_headline)
        for q in questionnaire.questions.all()])
    history.record_created(questions, user=user)
    return copy


def failed_lookup_record(*, address: str, now=None) -> None:
    """Remember a failed token look-up from the address, and forget those older than the window. Only the
    failures not refused are remembered (views/public.py), so the window holds about
    SURVEY_LOOKUP_GLOBAL_LIMIT of them at most, however many are tried."""
    now = now or timezone.now()
    FailedLookup.objects.filter(at__lt=now - timedelta(minutes=settings.SURVEY_LOOKUP_WINDOW_MINUTES)).delete()
    FailedLookup.objects.create(address=address, at=now)
