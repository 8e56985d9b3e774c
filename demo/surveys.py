"""The satisfaction survey of 2008 for the demo: 36 answers, 23 very satisfied, 12 satisfied and
1 less satisfied (status report, "Tilfredshedsmåling"), with the requester's quote printed at the
end of the report marked for the report.

The report gives the answers, not how many questionnaires went out; the demo sends one about each
finished requisition (19) and about 29 advisories, 48 in all, so that the response rate reads 75 %.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from cases.choices import RequisitionStatus
from cases.models import Advisory, Requisition
from surveys.choices import Channel, QuestionKind, Satisfaction
from surveys.models import Invitation, Question, Questionnaire
from surveys.questionnaires import questionnaires_2008_create
from surveys.services import (
    answer_mark_quote,
    invitation_record,
    paper_response_create,
    questionnaire_for,
    response_submit,
)

REQUISITIONS_ANSWERED = 16
PLAIN_ADVISORIES_SENT = 13
PLAIN_ADVISORIES_ANSWERED = 4
SATISFIED_ANSWERS = 12  # "tilfreds"; the rest of the 35 satisfied are "i høj grad tilfreds"

QUOTE_ADVISORY = "Baggrundsgruppe til dokumentarfilm om integration"
QUOTE = (
    "På baggrund af rådgivning fra TFI sigter vi nu primært på at tale med etniske minoritetskvinder på "
    "en mere kvalitativ måde og har nogle aftaler med Kvinderådet o.l. om at møde nogle af de "
    "kvindeforeninger, de har kontakt med. Vi har også justeret på målgruppen i det hele taget og sigter "
    "primært på at få yngre kvinder, der er organiserede i foreninger, i tale. Vi var ikke kommet hertil "
    "uden hjælp fra TFI, så den skal I have mange tak for!")
LESS_SATISFIED_ADVISORY = "Metrobyggeri på ny fodboldbane i Lundtoftegade"
COMMENTS = [
    "Hurtig og kompetent hjælp. Vi bruger gerne TFI igen.",
    "Godt at have én indgang til viden om, hvad der sker i lokalområdet.",
    "Konsulenten kendte netværket og fik de rigtige parter til bordet.",
    "Vi havde gerne set, at opfølgningen var kommet lidt før.",
]
LESS_SATISFIED_COMMENT = "Vi fik ikke den løsning, vi håbede på, men tak for forsøget."
CONTACTS = [
    "Anne Hansen", "Mette Nielsen", "Ali Yilmaz", "Hanne Jensen", "Peter Larsen", "Fatima Ahmed",
    "Lars Pedersen", "Susanne Andersen", "Omar Hassan", "Karen Christensen", "Jens Rasmussen", "Leila Karimi",
]
# Every fourth advisory questionnaire was handed out and returned on paper, the rest went by e-mail.
PAPER_EVERY = 4
LATEST_SENT = 21  # days before the report: all answers are in by the report's date


def _moment(day, *, report_date) -> datetime:
    day = min(day, report_date - timedelta(days=LATEST_SENT))
    return timezone.make_aware(datetime.combine(day, time(10)))


def _headline_scores(count: int) -> list[int]:
    """`count` headline answers with SATISFIED_ANSWERS of them "tilfreds", spread evenly, rest the best."""
    scores = []
    for i in range(count):
        is_satisfied = (i * SATISFIED_ANSWERS) // count != ((i + 1) * SATISFIED_ANSWERS) // count
        scores.append(Satisfaction.SATISFIED if is_satisfied else Satisfaction.VERY_SATISFIED)
    return scores


def _values(questions: list[Question], headline: int, comment: str, number: int) -> dict:
    """Answers to every question: the headline score, the other scale questions a step lower for
    every third respondent, yes when satisfied, the comment as free text."""
    values = {}
    for question in questions:
        if question.kind == QuestionKind.SCALE:
            lower = not question.is_headline and number % 3 == 1
            values[question.pk] = max(headline - 1, Satisfaction.LESS_SATISFIED) if lower else headline
        elif question.kind == QuestionKind.YES_NO:
            values[question.pk] = headline >= Satisfaction.SATISFIED
        else:
            values[question.pk] = comment
    return values


def demo_surveys_load(*, consultant, year: int, report_date, summary: dict, tally) -> None:
    """Send and answer the year's questionnaires, skipping work that already has one."""
    questionnaires_2008_create(Questionnaire, Question)
    requisitions = list(Requisition.objects.for_year(year).filter(status=RequisitionStatus.FINISHED)
                        .prefetch_related("requesters").order_by("date_received", "pk"))
    advisories = Advisory.objects.for_year(year).select_related("requester").order_by("date", "pk")
    examples = [a for a in advisories if a.is_report_example]
    plain = [a for a in advisories if not a.is_report_example][:PLAIN_ADVISORIES_SENT]

    # (registration, requester, answered?) in a fixed order, so that reloading gives the same data.
    sent = [(r, r.requesters.all()[0], i < REQUISITIONS_ANSWERED) for i, r in enumerate(requisitions)]
    sent += [(a, a.requester, True) for a in examples]
    sent += [(a, a.requester, i < PLAIN_ADVISORIES_ANSWERED) for i, a in enumerate(plain)]

    answered = [item[0] for item in sent if item[2]]
    ordinary = [r for r in answered if r.title not in (QUOTE_ADVISORY, LESS_SATISFIED_ADVISORY)]
    headline = dict(zip((id(r) for r in ordinary), _headline_scores(len(ordinary)), strict=True))

    has_invitation = set(Invitation.objects.filter(requisition__in=requisitions).values_list("requisition", flat=True))
    has_invitation |= {("a", pk) for pk in Invitation.objects.filter(advisory__in=list(advisories))
                       .values_list("advisory", flat=True)}
    questions = {q.pk: list(q.questions.order_by("position")) for q in Questionnaire.objects.filter(is_active=True)}

    for number, (registration, requester, is_answered) in enumerate(sent):
        key = registration.pk if isinstance(registration, Requisition) else ("a", registration.pk)
        tally(summary, "survey_invitations", key not in has_invitation)
        if key in has_invitation:
            if is_answered:
                tally(summary, "survey_responses", False)
            continue
        is_requisition = isinstance(registration, Requisition)
        work_day = registration.date_finished if is_requisition else registration.date
        sent_at = _moment(work_day + timedelta(days=7), report_date=report_date)
        answered_at = sent_at + timedelta(days=3 + number % 6)
        contact = CONTACTS[number % len(CONTACTS)]
        on_paper = not is_requisition and number % PAPER_EVERY == 0 and is_answered

        if registration.title == QUOTE_ADVISORY:
            score, comment = Satisfaction.VERY_SATISFIED, QUOTE
        elif registration.title == LESS_SATISFIED_ADVISORY:
            score, comment = Satisfaction.LESS_SATISFIED, LESS_SATISFIED_COMMENT
        else:
            score = headline.get(id(registration))
            comment = COMMENTS[number % len(COMMENTS)] if number % 3 == 0 else ""

        if on_paper:
            invitation_questions = questions[questionnaire_for(registration).pk]
            paper_response_create(user=consultant, registration=registration, requester=requester,
                                  contact_name=contact, values=_values(invitation_questions, score, comment, number),
                                  now=answered_at)
            tally(summary, "survey_responses", True)
            continue
        invitation = invitation_record(
            user=consultant, registration=registration, requester=requester, channel=Channel.EMAIL,
            contact_name=contact, contact_email=email(contact), sent_at=sent_at)
        if is_answered:
            values = _values(list(invitation.questionnaire.questions.order_by("position")), score, comment, number)
            response = response_submit(token=invitation.token, values=values, now=answered_at)
            tally(summary, "survey_responses", True)
            if comment == QUOTE:
                answer_mark_quote(answer=response.answers.select_related("question").get(text=QUOTE),
                                  is_quote=True, user=consultant)


def email(name: str) -> str:
    translation = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
    return name.lower().translate(translation).replace(" ", ".") + "@example.org"
