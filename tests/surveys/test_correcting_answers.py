"""A paper answer typed in wrong is corrected, or withdrawn, in the browser by whoever typed it (or the
administrator), with the reason; the change history keeps the old answers; the results follow at once."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from surveys import services
from surveys.choices import Channel, Satisfaction
from surveys.models import Answer, Invitation, Response
from tests.factories import ResponseFactory
from tests.helpers import login, messages_of
from tests.surveys.helpers import answer_data, answer_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def typed_in(consultant, requisition, requester, requisition_questionnaire):
    """A paper answer typed in as "Meget tilfreds", where the paper says "Utilfreds"."""
    return services.paper_response_create(
        user=consultant, registration=requisition, requester=requester,
        values=answer_values(requisition_questionnaire, satisfaction=Satisfaction.VERY_SATISFIED, comment="Fint"))


def correct_url(response) -> str:
    return reverse("surveys:response_correct", args=[response.invitation.pk])


def satisfied(client, manager) -> int:
    results = login(client, manager).get(reverse("surveys:results") + "?year=2008").context["results"]
    client.logout()
    return results["total"]["satisfaction"]["satisfied"]


def test_the_consultant_corrects_a_mistyped_answer_and_the_results_and_history_follow(
        client, consultant, manager, typed_in, requisition_questionnaire):
    assert satisfied(client, manager) == 1
    headline = typed_in.answers.get(question__is_headline=True)
    form = login(client, consultant).get(correct_url(typed_in))
    assert form.context["answer_form"].initial[f"q_{headline.question_id}"] == Satisfaction.VERY_SATISFIED
    assert "Fint" in form.content.decode()
    detail = client.get(typed_in.invitation.get_absolute_url()).content.decode()
    assert correct_url(typed_in) in detail and "Ret papirsvaret" in detail

    saved = client.post(correct_url(typed_in), {
        **answer_data(requisition_questionnaire, satisfaction=Satisfaction.NOT_SATISFIED, comment="Fint",
                      prefix="svar-"), "reason": "Tastefejl: papiret siger Utilfreds", "correct": "1"})

    assert saved.url == typed_in.invitation.get_absolute_url()
    assert messages_of(saved) == ["Papirsvaret er rettet."]
    headline.refresh_from_db()
    assert headline.scale == Satisfaction.NOT_SATISFIED
    typed_in.refresh_from_db()
    assert (typed_in.corrected_by, typed_in.correction_reason) == (consultant, "Tastefejl: papiret siger Utilfreds")
    change = LogEntry.objects.get_for_object(headline).get(action=LogEntry.Action.UPDATE)
    assert change.changes_dict["scale"] == [str(Satisfaction.VERY_SATISFIED), str(Satisfaction.NOT_SATISFIED)]
    assert change.actor == consultant
    assert LogEntry.objects.get_for_object(typed_in).filter(action=LogEntry.Action.UPDATE).exists()
    page = client.get(typed_in.invitation.get_absolute_url()).content.decode()
    assert "Tastefejl: papiret siger Utilfreds" in page
    assert satisfied(client, manager) == 0  # the results follow at once (the cache follows the service)


def test_a_correction_needs_a_reason_and_changes_nothing_without_one(
        client, consultant, typed_in, requisition_questionnaire):
    response = login(client, consultant).post(correct_url(typed_in), {
        **answer_data(requisition_questionnaire, satisfaction=Satisfaction.NOT_SATISFIED, prefix="svar-"),
        "reason": "  ", "correct": "1"})
    assert response.status_code == 200
    assert "Skriv, hvorfor svaret rettes." in response.content.decode()
    assert typed_in.answers.get(question__is_headline=True).scale == Satisfaction.VERY_SATISFIED
    assert Response.objects.get().corrected_at is None


def test_a_paper_answer_typed_to_the_wrong_questionnaire_is_withdrawn_and_waits_again(
        client, consultant, manager, typed_in):
    invitation = typed_in.invitation
    answer_ids = list(typed_in.answers.values_list("pk", flat=True))
    response = login(client, consultant).post(correct_url(typed_in), {"reason": "Forkert skema", "withdraw": "1"})
    assert messages_of(response) == ["Papirsvaret er trukket tilbage; spørgeskemaet venter igen på svar."]
    assert not Response.objects.exists() and not Answer.objects.exists()
    assert Invitation.objects.filter(pk=invitation.pk).exists()
    deleted = LogEntry.objects.filter(action=LogEntry.Action.DELETE, content_type__model="answer",
                                      object_id__in=answer_ids)
    assert deleted.count() == len(answer_ids)
    reason = LogEntry.objects.get_for_object(typed_in).get(action=LogEntry.Action.UPDATE)
    assert reason.changes_dict["correction_reason"] == ["", "Forkert skema"]
    assert satisfied(client, manager) == 0


def test_who_may_correct(client, other_consultant, administrator, manager, typed_in, requisition_questionnaire):
    data = {**answer_data(requisition_questionnaire, satisfaction=Satisfaction.SATISFIED, prefix="svar-"),
            "reason": "Rettelse", "correct": "1"}
    refused = login(client, other_consultant).post(correct_url(typed_in), data)
    assert messages_of(refused) == ["Kun den, der tastede papirsvaret ind, eller administratoren kan rette det."]
    assert login(client, manager).get(correct_url(typed_in)).status_code == 403
    assert typed_in.answers.get(question__is_headline=True).scale == Satisfaction.VERY_SATISFIED
    login(client, administrator).post(correct_url(typed_in), data)
    assert typed_in.answers.get(question__is_headline=True).scale == Satisfaction.SATISFIED


def test_an_answer_given_through_the_link_is_the_requesters_own_and_is_not_corrected(client, consultant):
    web = ResponseFactory(channel=Channel.EMAIL)
    response = login(client, consultant).get(reverse("surveys:response_correct", args=[web.invitation.pk]))
    assert messages_of(response) == ["Svaret er givet via linket af modtageren selv og kan ikke rettes."]
