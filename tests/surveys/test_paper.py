"""Answers that came back on paper, typed in by a consultant: for work where the questionnaire was
handed out on paper (a new paper invitation), or for a link already sent."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from surveys import services
from surveys.choices import Channel, QuestionKind, Satisfaction
from surveys.models import Answer, Invitation, Response
from tests.factories import InvitationFactory, ResponseFactory
from tests.helpers import login, messages_of
from tests.surveys.helpers import answer_data, answer_values

pytestmark = pytest.mark.django_db

SAVED = "Papirsvaret er registreret."
ALREADY = "Spørgeskemaet er allerede besvaret."


def paper_url(kind: str, registration) -> str:
    return reverse("surveys:paper_response_create", args=[kind, registration.pk])


def invitation_paper_url(invitation) -> str:
    return reverse("surveys:invitation_paper_response", args=[invitation.pk])


def year_figures(client, manager) -> tuple:
    """Sent, answered and response rate of 2008 as the results page shows them."""
    total = login(client, manager).get(reverse("surveys:results") + "?year=2008").context["results"]["total"]
    client.logout()
    return total["sent"], total["answered"], total["response_rate"]


class TestPaperAnswerWithoutALink:
    @pytest.mark.parametrize(("kind", "registration", "questionnaire"), [
        ("rekvirering", "requisition", "requisition_questionnaire"),
        ("raadgivning", "advisory", "advisory_questionnaire"),
    ])
    def test_it_records_a_paper_invitation_and_its_answer_entered_by_the_consultant(
            self, client, request, consultant, requester, mailoutbox, kind, registration, questionnaire):
        registration, questionnaire = request.getfixturevalue(registration), request.getfixturevalue(questionnaire)
        data = {"requester": requester.pk, "contact_name": "Lise Holm",
                **answer_data(questionnaire, satisfaction=Satisfaction.SATISFIED, comment="Fint", prefix="svar-")}

        response = login(client, consultant).post(paper_url(kind, registration), data)

        invitation = Invitation.objects.get()
        assertRedirects(response, invitation.get_absolute_url(), fetch_redirect_response=False)
        assert messages_of(response) == [SAVED]
        assert invitation.registration == registration
        assert (invitation.channel, invitation.requester, invitation.contact_name) == (
            Channel.PAPER, requester, "Lise Holm")
        assert (invitation.questionnaire, invitation.sent_by) == (questionnaire, consultant)
        answer = invitation.response
        assert (answer.channel, answer.entered_by) == (Channel.PAPER, consultant)
        assert answer.answers.count() == questionnaire.questions.count()
        assert answer.answers.get(question__is_headline=True).scale == Satisfaction.SATISFIED
        assert answer.answers.get(question__kind=QuestionKind.TEXT).text == "Fint"
        assert mailoutbox == []

    def test_the_form_shows_the_questions_and_the_requesters(
            self, client, consultant, requisition, requester, requisition_questionnaire):
        response = login(client, consultant).get(paper_url("rekvirering", requisition))

        assertContains(response, "Registrér papirsvar")
        assert list(response.context["form"].fields["requester"].queryset) == [requester]
        assert set(response.context["answer_form"].fields) == {
            f"q_{question.pk}" for question in requisition_questionnaire.questions.all()}

    def test_missing_required_answers_save_nothing(self, client, consultant, requisition, requester):
        response = login(client, consultant).post(paper_url("rekvirering", requisition),
                                                  {"requester": requester.pk})

        assertContains(response, "Svaret er ikke gemt.")
        assertContains(response, "Besvar venligst spørgsmålet.", count=8)  # at each question and in the summary
        assert not Invitation.objects.exists()
        assert not Response.objects.exists()

    def test_it_is_refused_for_an_unfinished_requisition(
            self, client, consultant, open_requisition, requester, requisition_questionnaire):
        data = {"requester": requester.pk, **answer_data(requisition_questionnaire, prefix="svar-")}

        response = login(client, consultant).post(paper_url("rekvirering", open_requisition), data)

        assertRedirects(response, open_requisition.get_absolute_url(), fetch_redirect_response=False)
        assert messages_of(response) == ["Spørgeskemaet sendes, når rekvireringen er afsluttet."]
        assert not Invitation.objects.exists()

    def test_management_may_not_enter_paper_answers(
            self, client, manager, requisition, requester, requisition_questionnaire):
        data = {"requester": requester.pk, **answer_data(requisition_questionnaire, prefix="svar-")}

        response = login(client, manager).post(paper_url("rekvirering", requisition), data)

        assert response.status_code == 403
        assert not Invitation.objects.exists()


class TestPaperAnswerToASentLink:
    def test_it_answers_the_invitation_on_paper_and_the_link_then_says_answered(
            self, client, consultant, invitation, requisition_questionnaire):
        data = answer_data(requisition_questionnaire, satisfaction=Satisfaction.LESS_SATISFIED, prefix="svar-")

        response = login(client, consultant).post(invitation_paper_url(invitation), data)

        assertRedirects(response, invitation.get_absolute_url(), fetch_redirect_response=False)
        assert messages_of(response) == [SAVED]
        stored = Response.objects.get()
        assert (stored.invitation, stored.channel, stored.entered_by) == (invitation, Channel.PAPER, consultant)
        assert stored.answers.get(question__is_headline=True).scale == Satisfaction.LESS_SATISFIED
        invitation.refresh_from_db()
        assert invitation.channel == Channel.EMAIL  # it was sent by e-mail; only the answer came on paper
        link = reverse("surveys:answer", args=[invitation.token])
        assertContains(Client().get(link), "Der er allerede svaret via dette link")

    def test_the_form_names_the_contact_and_requester(self, client, consultant, invitation):
        response = login(client, consultant).get(invitation_paper_url(invitation))

        assertContains(response, "Fra Lise Holm, Socialforvaltningen.")

    def test_an_answered_invitation_is_not_offered_the_form(self, client, consultant, invitation):
        ResponseFactory(invitation=invitation)

        response = login(client, consultant).get(invitation_paper_url(invitation))

        assertRedirects(response, invitation.get_absolute_url(), fetch_redirect_response=False)
        assert messages_of(response) == [ALREADY]

    def test_a_paper_answer_to_an_answered_invitation_is_refused_and_changes_nothing(
            self, client, consultant, invitation, requisition_questionnaire):
        first = ResponseFactory(invitation=invitation, answers__satisfaction=Satisfaction.VERY_SATISFIED)
        data = answer_data(requisition_questionnaire, satisfaction=Satisfaction.NOT_SATISFIED, prefix="svar-")

        response = login(client, consultant).post(invitation_paper_url(invitation), data)

        assertRedirects(response, invitation.get_absolute_url(), fetch_redirect_response=False)
        assert messages_of(response) == ["Spørgeskemaet er allerede besvaret. Intet er ændret."]
        assert list(Response.objects.all()) == [first]
        assert set(Answer.objects.filter(question__kind=QuestionKind.SCALE).values_list("scale", flat=True)) == {
            Satisfaction.VERY_SATISFIED}

    def test_the_service_refuses_a_second_answer(self, consultant, invitation, requisition_questionnaire):
        ResponseFactory(invitation=invitation)

        with pytest.raises(services.AlreadyAnswered):
            services.paper_response_create(user=consultant, invitation=invitation,
                                           values=answer_values(requisition_questionnaire))
        assert Response.objects.count() == 1

    def test_missing_required_answers_save_nothing(self, client, consultant, invitation, requisition_questionnaire):
        comment = requisition_questionnaire.questions.get(kind=QuestionKind.TEXT)

        response = login(client, consultant).post(invitation_paper_url(invitation), {f"svar-q_{comment.pk}": ""})

        assertContains(response, "Besvar venligst spørgsmålet.", count=8)  # at each question and in the summary
        assert not Response.objects.exists()


class TestPaperAnswerAboutWorkAlreadySent:
    """"Registrér papirsvar" on the work's page when the requester has been sent the questionnaire: the
    answer is that questionnaire's, not a second one."""

    @pytest.mark.parametrize(("kind", "registration", "questionnaire"), [
        ("rekvirering", "requisition", "requisition_questionnaire"),
        ("raadgivning", "advisory", "advisory_questionnaire"),
    ])
    def test_it_answers_the_link_waiting_for_an_answer_which_then_takes_none(
            self, client, request, consultant, manager, requester, kind, registration, questionnaire):
        registration, questionnaire = request.getfixturevalue(registration), request.getfixturevalue(questionnaire)
        sent = InvitationFactory(**{"requisition" if kind == "rekvirering" else "advisory": registration})
        assert year_figures(client, manager) == (1, 0, 0)
        data = {"requester": requester.pk, "contact_name": "Anden Person",
                **answer_data(questionnaire, satisfaction=Satisfaction.SATISFIED, prefix="svar-")}

        response = login(client, consultant).post(paper_url(kind, registration), data)

        assertRedirects(response, sent.get_absolute_url(), fetch_redirect_response=False)
        assert messages_of(response) == [SAVED]
        assert list(Invitation.objects.all()) == [sent]
        sent.refresh_from_db()
        assert (sent.channel, sent.contact_name) == (Channel.EMAIL, "Lise Holm")  # as it was sent
        answer = Response.objects.get()
        assert (answer.invitation, answer.channel, answer.entered_by) == (sent, Channel.PAPER, consultant)
        assert answer.answers.get(question__is_headline=True).scale == Satisfaction.SATISFIED
        client.logout()
        assert year_figures(client, manager) == (1, 1, 100)
        link = reverse("surveys:answer", args=[sent.token])
        refused = Client().post(link, answer_data(questionnaire, satisfaction=Satisfaction.NOT_SATISFIED))
        assertRedirects(refused, link, fetch_redirect_response=False)
        assertContains(Client().get(link), "Der er allerede svaret via dette link")
        with pytest.raises(services.AlreadyAnswered):
            services.response_submit(token=sent.token, values=answer_values(questionnaire))
        assert Response.objects.count() == 1
        assert answer.answers.get(question__is_headline=True).scale == Satisfaction.SATISFIED

    def test_a_link_that_ran_out_before_the_paper_came_back_takes_the_answer(
            self, client, consultant, manager, requester, requisition, requisition_questionnaire):
        sent = InvitationFactory(requisition=requisition, sent_at=timezone.now() - datetime.timedelta(days=90),
                                 expires_at=timezone.now() - datetime.timedelta(days=60))
        data = {"requester": requester.pk, "contact_name": "",
                **answer_data(requisition_questionnaire, satisfaction=Satisfaction.SATISFIED, prefix="svar-")}

        login(client, consultant).post(paper_url("rekvirering", requisition), data)

        assert list(Invitation.objects.all()) == [sent]
        assert Response.objects.get().invitation == sent

    @pytest.mark.parametrize("channel", [Channel.EMAIL, Channel.PAPER])
    def test_it_is_refused_at_the_form_when_the_requester_has_answered_and_nothing_is_saved(
            self, client, consultant, manager, requisition, requester, requisition_questionnaire, channel):
        first = ResponseFactory(invitation=InvitationFactory(requisition=requisition, channel=channel))
        answers = Answer.objects.count()
        data = {"requester": requester.pk,
                **answer_data(requisition_questionnaire, satisfaction=Satisfaction.NOT_SATISFIED, prefix="svar-")}

        response = login(client, consultant).post(paper_url("rekvirering", requisition), data)

        assertContains(response, "Socialforvaltningen har allerede besvaret spørgeskemaet om denne opgave. "
                                 "Papirsvaret er ikke gemt.", count=1)
        assertNotContains(response, "Ret fejlene")  # nothing in the form to put right
        assert list(Invitation.objects.all()) == [first.invitation]
        assert list(Response.objects.all()) == [first]
        assert Answer.objects.count() == answers
        assert messages_of(response) == []
        client.logout()
        assert year_figures(client, manager) == (1, 1, 100)

    def test_two_links_waiting_for_the_requester_are_not_guessed_between(
            self, client, consultant, requisition, requester, requisition_questionnaire):
        InvitationFactory.create_batch(2, requisition=requisition)
        data = {"requester": requester.pk, **answer_data(requisition_questionnaire, prefix="svar-")}

        response = login(client, consultant).post(paper_url("rekvirering", requisition), data)

        assertContains(response, "Socialforvaltningen har fået flere spørgeskemaer om denne opgave, som ikke er "
                                 "besvaret.")
        assert Invitation.objects.count() == 2
        assert not Response.objects.exists()

    def test_a_link_to_an_older_version_is_answered_from_its_own_page(
            self, client, consultant, invitation, requisition, requester, requisition_questionnaire):
        newer = services.questionnaire_new_version(questionnaire=requisition_questionnaire)
        data = {"requester": requester.pk, **answer_data(newer, prefix="svar-")}

        response = login(client, consultant).post(paper_url("rekvirering", requisition), data)

        assertContains(response, "Spørgeskemaet, som Socialforvaltningen har fået om denne opgave, er en ældre "
                                 "version end formularen her.")
        assert list(Invitation.objects.all()) == [invitation]
        assert not Response.objects.exists()
