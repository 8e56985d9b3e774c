"""Answers as the requester's page and the paper form post them, and as the services take them."""

import re

from django.core import mail

from surveys.choices import QuestionKind, Satisfaction
from tests.helpers import run_jobs


def answer_data(questionnaire, *, satisfaction=Satisfaction.VERY_SATISFIED, yes=True, comment="",
                prefix="") -> dict:
    """POST data answering every question (the free-text one only when `comment` is given)."""
    data = {}
    for question in questionnaire.questions.all():
        name = f"{prefix}q_{question.pk}"
        if question.kind == QuestionKind.SCALE:
            data[name] = str(int(satisfaction))
        elif question.kind == QuestionKind.YES_NO:
            data[name] = "1" if yes else "0"
        elif comment:
            data[name] = comment
    return data


def answer_values(questionnaire, *, satisfaction=Satisfaction.VERY_SATISFIED, comment="") -> dict:
    """Question id → cleaned value, as the services take them."""
    values = {}
    for question in questionnaire.questions.all():
        if question.kind == QuestionKind.SCALE:
            values[question.pk] = int(satisfaction)
        elif question.kind == QuestionKind.YES_NO:
            values[question.pk] = True
        else:
            values[question.pk] = comment
    return values


def mailed_link(message=None) -> str:
    """The answer link in an e-mail (the only one sent, unless given; a worker sends it: run here first)."""
    if message is None:
        run_jobs()
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
    return re.search(r"https?://\S+/svar/[\w-]+/", message.body).group(0)


def link_path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)
