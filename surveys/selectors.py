"""Reads of the surveys: the link's questionnaire, a registration's invitations, and the year's results."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from cases.choices import OrganisationKind
from cases.models import Challenge, Organisation, Requisition

from .choices import Channel, QuestionKind, Satisfaction
from .models import Answer, FailedLookup, Invitation, Question, Response


def lookup_blocked(*, address: str, now=None) -> bool:
    """Has the address failed too many token look-ups within the window?"""
    since = (now or timezone.now()) - timedelta(minutes=settings.SURVEY_LOOKUP_WINDOW_MINUTES)
    return FailedLookup.objects.filter(address=address, at__gte=since).count() >= settings.SURVEY_LOOKUP_LIMIT


def invitation_for_token(*, token: str, now=None) -> Invitation | None:
    """The e-mailed invitation holding the token, with its questions; None when unknown or expired,
    so the two cannot be told apart."""
    invitation = (Invitation.objects.filter(token=token, channel=Channel.EMAIL)
                  .select_related("questionnaire", "requisition", "advisory", "response")
                  .prefetch_related(Prefetch("questionnaire__questions",
                                             queryset=Question.objects.order_by("position")))
                  .first())
    if invitation is None or invitation.is_expired(now):
        return None
    return invitation


def invitation_is_answered(invitation: Invitation) -> bool:
    try:
        return invitation.response is not None
    except Response.DoesNotExist:
        return False


def registration_invitations(registration) -> QuerySet:
    """The questionnaires sent about a requisition or an advisory, newest first."""
    field = "requisition" if isinstance(registration, Requisition) else "advisory"
    return (Invitation.objects.filter(**{field: registration})
            .select_related("questionnaire", "requester", "sent_by", "response"))


def invitation_answers(invitation: Invitation) -> list[Answer]:
    try:
        response = invitation.response
    except Response.DoesNotExist:
        return []
    return list(response.answers.select_related("question").order_by("question__position"))


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _distribution(counts: dict[int, int]) -> dict:
    """Figures of one set of scale answers: count per step (best first), total and share satisfied."""
    total = sum(counts.values())
    satisfied = sum(counts.get(value, 0) for value in Satisfaction.satisfied_values())
    return {
        "steps": [{"value": step.value, "label": step.label, "count": counts.get(step.value, 0),
                   "percent": _percent(counts.get(step.value, 0), total)} for step in Satisfaction],
        "total": total,
        "satisfied": satisfied,
        "satisfied_percent": _percent(satisfied, total),
    }


def _row(sent: int, answered: int, counts: dict[int, int]) -> dict:
    return {"sent": sent, "answered": answered, "response_rate": _percent(answered, sent),
            "satisfaction": _distribution(counts)}


def survey_results(*, year: int) -> dict:
    """The year's survey figures, each an aggregate query: per challenge and per requester (the
    administrations apart from the other requesters) the
    questionnaires sent, answers received, response rate and the distribution on the headline
    (overall satisfaction) question; and the distribution of every question answered that year.

    A questionnaire belongs to the year of the work it asks about (its challenge's work plan)."""
    invitations = Invitation.objects.for_year(year)
    headline = Answer.objects.for_year(year).filter(question__is_headline=True, scale__isnull=False)
    challenge_of_answer = Coalesce("response__invitation__requisition__challenge_id",
                                   "response__invitation__advisory__challenge_id")

    sent = {row["challenge_id"]: row for row in invitations.with_challenge().values("challenge_id").annotate(
        sent=Count("pk"), answered=Count("response")).order_by()}
    scale = {}
    for row in headline.annotate(challenge_id=challenge_of_answer).values("challenge_id", "scale").annotate(
            n=Count("pk")).order_by():
        scale.setdefault(row["challenge_id"], {})[row["scale"]] = row["n"]
    challenges = []
    for challenge in Challenge.objects.filter(work_plan__year=year).order_by("number"):
        figures = sent.get(challenge.pk, {"sent": 0, "answered": 0})
        challenges.append({"challenge": challenge,
                           **_row(figures["sent"], figures["answered"], scale.get(challenge.pk, {}))})

    sent_by_requester = {row["requester_id"]: row for row in invitations.values("requester_id").annotate(
        sent=Count("pk"), answered=Count("response")).order_by()}
    scale_by_requester = {}
    for row in headline.values("response__invitation__requester_id", "scale").annotate(n=Count("pk")).order_by():
        scale_by_requester.setdefault(row["response__invitation__requester_id"], {})[row["scale"]] = row["n"]
    administrations, others = [], []
    for organisation in Organisation.objects.filter(pk__in=list(sent_by_requester)).order_by("name"):
        figures = sent_by_requester[organisation.pk]
        row = {"requester": organisation,
               **_row(figures["sent"], figures["answered"], scale_by_requester.get(organisation.pk, {}))}
        (administrations if organisation.kind == OrganisationKind.ADMINISTRATION else others).append(row)

    total_sent = sum(row["sent"] for row in sent.values())
    total_answered = sum(row["answered"] for row in sent.values())
    total_scale: dict[int, int] = {}
    for counts in scale.values():
        for value, n in counts.items():
            total_scale[value] = total_scale.get(value, 0) + n

    return {
        "year": year,
        "total": _row(total_sent, total_answered, total_scale),
        "challenges": challenges,
        "administrations": administrations,
        "other_requesters": others,
        "questions": question_results(year=year),
    }


def question_results(*, year: int) -> list[dict]:
    """Every question answered in the year, grouped by questionnaire version, with its distribution:
    scale steps, yes/no, or the number of free-text answers."""
    counts: dict[int, dict] = {}
    rows = (Answer.objects.for_year(year).values("question_id", "scale", "yes_no")
            .annotate(n=Count("pk")).order_by())
    for row in rows:
        counts.setdefault(row["question_id"], []).append(row)
    questions = Question.objects.filter(pk__in=list(counts)).select_related("questionnaire").order_by(
        "questionnaire__kind", "questionnaire__version", "position")
    results = []
    for question in questions:
        question_rows = counts[question.pk]
        item = {"question": question, "answered": sum(row["n"] for row in question_rows)}
        if question.kind == QuestionKind.SCALE:
            item["satisfaction"] = _distribution({row["scale"]: row["n"] for row in question_rows
                                                  if row["scale"] is not None})
        elif question.kind == QuestionKind.YES_NO:
            item["yes"] = sum(row["n"] for row in question_rows if row["yes_no"] is True)
            item["no"] = sum(row["n"] for row in question_rows if row["yes_no"] is False)
        results.append(item)
    return results


def text_answers(*, year: int, quotes_only: bool = False) -> QuerySet:
    """The year's free-text answers with the work they are about, quotes for the report first."""
    answers = (Answer.objects.for_year(year).filter(question__kind=QuestionKind.TEXT).exclude(text="")
               .select_related("question", "response__invitation__requisition",
                               "response__invitation__advisory", "response__invitation__requester")
               .order_by("-is_report_quote", "-response__submitted_at", "pk"))
    return answers.filter(is_report_quote=True) if quotes_only else answers
