"""Reads of the surveys: the link's questionnaire, a registration's invitations, and the year's results."""

import re
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, F, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from cases.models import Requisition
from core.choices import OrganisationKind
from core.models import Challenge, Organisation
from core.selectors import challenge_ids_of_year

from .choices import Channel, QuestionKind, Satisfaction
from .models import Answer, FailedLookup, Invitation, Question, Response


def lookup_retry_at(*, address: str, now=None) -> datetime | None:
    """When a failed token look-up from the address will no longer be refused; None when it is not now.
    Refused while the address has failed SURVEY_LOOKUP_LIMIT times within the window, or all addresses
    together SURVEY_LOOKUP_GLOBAL_LIMIT times: until the failure that reached the limit leaves the window
    (the failures refused are not counted, see services.failed_lookup_record)."""
    window = timedelta(minutes=settings.SURVEY_LOOKUP_WINDOW_MINUTES)
    recent = (FailedLookup.objects.filter(at__gte=(now or timezone.now()) - window).order_by("-at")
              .values_list("at", flat=True))
    reached = (_limit_reached(recent.filter(address=address), settings.SURVEY_LOOKUP_LIMIT)
               + _limit_reached(recent, settings.SURVEY_LOOKUP_GLOBAL_LIMIT))
    return max(reached) + window if reached else None


def _limit_reached(failures: QuerySet, limit: int) -> list:
    """The time of the limit-th newest failure, if there are as many: the limit stays reached until that one
    is older than the window. A limit below 1 counts as 1."""
    limit = max(limit, 1)
    return list(failures[limit - 1:limit])


def lookup_blocked(*, address: str, now=None) -> bool:
    """Are failed token look-ups from the address refused now (see lookup_retry_at)?"""
    return lookup_retry_at(address=address, now=now) is not None


TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def invitation_for_token(*, token: str, now=None) -> Invitation | None:
    """The e-mailed invitation holding the token, with its questions; None when unknown or expired,
    so the two cannot be told apart."""
    if not TOKEN_PATTERN.fullmatch(token):  # not one we made (services.token_new); PostgreSQL refuses a NUL
        return None
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
    """Whole percent, halves rounded up as in the year figures and Excel."""
    if not whole:
        return None
    return int((Decimal(100 * part) / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP))


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


def _add(counts: dict, key, value: int, n: int) -> None:
    counts.setdefault(key, {})
    counts[key][value] = counts[key].get(value, 0) + n


def survey_headline_rows(*, challenge_ids: list[int]) -> list[list]:
    """The invitations about the work of `challenge_ids`, grouped: [challenge id, the headline answer's step
    (or None), sent, answered]. One query: the union of the requisitions' and the advisories' (each an
    index-driven join). An invitation has at most one response, and a response one answer per question."""
    headline = (Answer.objects.filter(response=OuterRef("response"), question__is_headline=True,
                                      scale__isnull=False).order_by().values("scale")[:1])
    kinds = [Invitation.objects.filter(**{f"{kind}__challenge_id__in": challenge_ids}).order_by()
             .values(challenge_id=F(f"{kind}__challenge_id"), scale=Subquery(headline))
             .annotate(sent=Count("pk"), answered=Count("response"))
             for kind in ("requisition", "advisory")]
    return [[row["challenge_id"], row["scale"], row["sent"], row["answered"]]
            for row in kinds[0].union(kinds[1], all=True)]


def survey_headline(*, year: int, rows: list[list] | None = None) -> dict:
    """The year's questionnaires as the status report counts them: sent, answered and the answers to the
    headline (overall satisfaction) question, in all and per challenge id of the year (every one, with
    zeros). A questionnaire belongs to the year of the work it asks about. `rows`: the year's
    survey_headline_rows, where the caller has them (the year's counts, reports/selectors/figures.py)."""
    challenges = challenge_ids_of_year(year)
    if rows is None:
        rows = survey_headline_rows(challenge_ids=challenges)
    sent: dict = {key: {"sent": 0, "answered": 0} for key in [*challenges, None]}
    steps: dict = {}
    for challenge_id, scale, sent_count, answered in rows:
        for key in (challenge_id, None):
            sent[key]["sent"] += sent_count
            sent[key]["answered"] += answered
            if scale is not None:
                _add(steps, key, scale, answered)
    figures = {key: _row(found["sent"], found["answered"], steps.get(key, {})) for key, found in sent.items()}
    return {"total": figures.pop(None), "challenges": figures}


def survey_results(*, year: int) -> dict:
    """The year's survey figures: per challenge and per requester (the administrations apart from
    the other requesters) the questionnaires sent, answers received, response rate and the
    distribution on the headline (overall satisfaction) question; and the distribution of every
    question answered that year. A questionnaire belongs to the year of the work it asks about.

    Grouped queries give all of it: the year's invitations by challenge and requester, and the
    year's answers by challenge, requester, question and value, each once for requisitions and once
    for advisories; the rest is adding up a few small rows."""
    invitation_rows, answer_rows = [], []
    for kind in ("requisition", "advisory"):  # one index-driven join each, rather than an OR of two
        invitation_rows += (Invitation.objects.filter(**{f"{kind}__challenge__work_plan__year": year})
                            .values("requester_id", challenge_id=F(f"{kind}__challenge_id"))
                            .annotate(sent=Count("pk"), answered=Count("response")).order_by())
        answer_rows += (Answer.objects.filter(**{f"response__invitation__{kind}__challenge__work_plan__year": year})
                        .values("question_id", "scale", "yes_no",
                                challenge_id=F(f"response__invitation__{kind}__challenge_id"),
                                requester=F("response__invitation__requester_id"))
                        .annotate(n=Count("pk")).order_by())

    sent: dict = {}
    for row in invitation_rows:
        for key in (("challenge", row["challenge_id"]), ("requester", row["requester_id"]), ("total", None)):
            figures = sent.setdefault(key, {"sent": 0, "answered": 0})
            figures["sent"] += row["sent"]
            figures["answered"] += row["answered"]

    questions = {q.pk: q for q in Question.objects.filter(pk__in={row["question_id"] for row in answer_rows})
                 .select_related("questionnaire")}
    headline: dict = {}
    per_question: dict = {}
    for row in answer_rows:
        per_question.setdefault(row["question_id"], []).append(row)
        if questions[row["question_id"]].is_headline and row["scale"] is not None:
            for key in (("challenge", row["challenge_id"]), ("requester", row["requester"]), ("total", None)):
                _add(headline, key, row["scale"], row["n"])

    def figures_row(key) -> dict:
        figures = sent.get(key, {"sent": 0, "answered": 0})
        return _row(figures["sent"], figures["answered"], headline.get(key, {}))

    challenges = [{"challenge": challenge, **figures_row(("challenge", challenge.pk))}
                  for challenge in Challenge.objects.filter(work_plan__year=year).order_by("number")]
    requester_ids = [key[1] for key in sent if key[0] == "requester"]
    administrations, others = [], []
    for organisation in Organisation.objects.filter(pk__in=requester_ids).order_by("name"):
        row = {"requester": organisation, **figures_row(("requester", organisation.pk))}
        (administrations if organisation.kind == OrganisationKind.ADMINISTRATION else others).append(row)

    return {
        "year": year,
        "total": figures_row(("total", None)),
        "challenges": challenges,
        "administrations": administrations,
        "other_requesters": others,
        "questions": _question_results(questions, per_question),
    }


def _question_results(questions: dict, per_question: dict) -> list[dict]:
    """Every question answered, ordered by questionnaire version, with its distribution: scale steps,
    yes/no, or the number of free-text answers."""
    ordered = sorted(questions.values(), key=lambda q: (q.questionnaire.kind, q.questionnaire.version, q.position))
    results = []
    for question in ordered:
        rows = per_question[question.pk]
        item = {"question": question, "answered": sum(row["n"] for row in rows)}
        if question.kind == QuestionKind.SCALE:
            counts: dict[int, int] = {}
            for row in rows:
                if row["scale"] is not None:
                    counts[row["scale"]] = counts.get(row["scale"], 0) + row["n"]
            item["satisfaction"] = _distribution(counts)
        elif question.kind == QuestionKind.YES_NO:
            item["yes"] = sum(row["n"] for row in rows if row["yes_no"] is True)
            item["no"] = sum(row["n"] for row in rows if row["yes_no"] is False)
        results.append(item)
    return results


def text_answers(*, year: int, quotes_only: bool = False) -> QuerySet:
    """The year's free-text answers with the work they are about, quotes for the report first."""
    answers = (Answer.objects.for_year(year).filter(question__kind=QuestionKind.TEXT).exclude(text="")
               .select_related("question", "response__invitation__requisition",
                               "response__invitation__advisory", "response__invitation__requester")
               .order_by("-is_report_quote", "-response__submitted_at", "pk"))
    return answers.filter(is_report_quote=True) if quotes_only else answers
