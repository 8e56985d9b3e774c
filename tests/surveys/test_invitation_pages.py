"""The team's pages for following the questionnaires sent: the list with its filters, the detail
with the answers, and the section on the requisition's and advisory's own page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from surveys.choices import Channel, Satisfaction
from tests.factories import (
    AdvisoryFactory,
    ChallengeFactory,
    InvitationFactory,
    OrganisationFactory,
    RequisitionFactory,
    ResponseFactory,
    WorkPlanFactory,
)
from tests.helpers import login

pytestmark = pytest.mark.django_db

LIST = reverse("surveys:invitation_list")


@pytest.fixture
def states(requisition, advisory):
    """One invitation in each state, about the requisition or the advisory."""
    now = timezone.now()
    waiting = InvitationFactory(requisition=requisition, contact_name="Ventende Vera")
    answered = InvitationFactory(advisory=advisory, contact_name="Svarende Svend")
    ResponseFactory(invitation=answered)
    expired = InvitationFactory(requisition=requisition, contact_name="Udløbne Ulla",
                                sent_at=now - timedelta(days=70), expires_at=now - timedelta(days=10))
    paper = InvitationFactory(advisory=advisory, channel=Channel.PAPER, contact_name="Papir Per")
    ResponseFactory(invitation=paper)
    return {"waiting": waiting, "answered": answered, "expired": expired, "paper": paper}


def listed(client, **params) -> list:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return list(response.context["object_list"])


class TestList:
    @pytest.mark.parametrize("user", ["consultant", "manager", "administrator"])
    def test_every_role_sees_the_years_invitations(self, client, request, states, user):
        rows = listed(login(client, request.getfixturevalue(user)))

        assert set(rows) == set(states.values())

    def test_anonymous_is_sent_to_the_login(self, client):
        response = client.get(LIST)

        assert response.status_code == 302
        assert response["Location"] == f"/login/?next={LIST}"

    @pytest.mark.parametrize(("state", "expected"), [
        ("waiting", ["waiting"]), ("answered", ["answered", "paper"]), ("expired", ["expired"])])
    def test_it_filters_on_the_state(self, client, consultant, states, state, expected):
        rows = listed(login(client, consultant), state=state)

        assert set(rows) == {states[name] for name in expected}

    def test_it_filters_on_the_channel(self, client, consultant, states):
        assert listed(login(client, consultant), channel="paper") == [states["paper"]]

    def test_it_filters_on_the_challenge_as_the_results_link_it(self, client, consultant, states, plan, requester):
        other = ChallengeFactory(work_plan=plan, number=2)
        elsewhere = InvitationFactory(advisory=AdvisoryFactory(challenge=other, requester=requester))

        rows = listed(login(client, consultant), year=2008, challenge=other.pk)

        assert rows == [elsewhere]

    def test_it_searches_contacts_titles_and_requesters(self, client, consultant, states):
        login(client, consultant)

        assert listed(client, q="ulla") == [states["expired"]]
        assert set(listed(client, q="lektiecafé")) == {states["answered"], states["paper"]}
        assert len(listed(client, q="Socialforvaltningen")) == 4

    def test_it_opens_on_the_default_year_and_leaves_other_years_out(self, client, consultant, states):
        old = ChallengeFactory(work_plan=WorkPlanFactory(year=2007), number=1)
        old_invitation = InvitationFactory(advisory=AdvisoryFactory(challenge=old))
        login(client, consultant)

        assert old_invitation not in listed(client)
        assert listed(client, year=2007) == [old_invitation]

    def test_it_shows_each_state(self, client, consultant, states):
        response = login(client, consultant).get(LIST)

        for text in ("Afventer svar", "Besvaret</span>", "Udløbet uden svar", "Besvaret (papir)"):
            assertContains(response, text)


class TestDetail:
    def test_it_shows_the_answers_and_how_they_came(self, client, consultant, invitation):
        ResponseFactory(invitation=invitation, channel=Channel.PAPER, entered_by=consultant,
                        answers__satisfaction=Satisfaction.SATISFIED, answers__comment="Godt arbejde")

        response = login(client, consultant).get(invitation.get_absolute_url())

        assertContains(response, "Besvaret (papir)")
        assertContains(response, "Godt arbejde")
        assertContains(response, "Tilfreds</p>", count=2)
        assertContains(response, f"indtastet af {consultant.get_full_name()}")
        assertNotContains(response, reverse("surveys:invitation_paper_response", args=[invitation.pk]))

    def test_an_unanswered_link_offers_a_paper_answer(self, client, consultant, invitation):
        response = login(client, consultant).get(invitation.get_absolute_url())

        assertContains(response, "Intet svar endnu.")
        assertContains(response, reverse("surveys:invitation_paper_response", args=[invitation.pk]))

    def test_management_sees_it_without_paper_or_withdraw_buttons(self, client, manager, invitation):
        response = login(client, manager).get(invitation.get_absolute_url())

        assertContains(response, "Lise Holm")
        assertNotContains(response, reverse("surveys:invitation_paper_response", args=[invitation.pk]))
        assertNotContains(response, reverse("surveys:invitation_delete", args=[invitation.pk]))

    def test_an_unknown_invitation_is_not_found(self, client, consultant, invitation):
        url = reverse("surveys:invitation_detail", args=[invitation.pk + 100])

        assert login(client, consultant).get(url).status_code == 404


class TestSectionOnTheWorksPage:
    def test_the_requisition_page_lists_its_invitations_with_their_state(
            self, client, consultant, requisition, states):
        response = login(client, consultant).get(requisition.get_absolute_url())

        assertContains(response, "Ventende Vera")
        assertContains(response, "Udløbne Ulla")
        assertNotContains(response, "Svarende Svend")
        assertContains(response, reverse("surveys:invitation_create", args=["rekvirering", requisition.pk]))

    def test_the_advisory_page_offers_sending(self, client, consultant, advisory):
        response = login(client, consultant).get(advisory.get_absolute_url())

        assertContains(response, reverse("surveys:invitation_create", args=["raadgivning", advisory.pk]))
        assertContains(response, reverse("surveys:paper_response_create", args=["raadgivning", advisory.pk]))

    def test_management_sees_the_section_without_buttons(self, client, manager, requisition, states):
        response = login(client, manager).get(requisition.get_absolute_url())

        assertContains(response, "Ventende Vera")
        assertNotContains(response, "Send spørgeskema")

    def test_a_requisition_with_two_requesters_lists_the_invitations_to_each(
            self, client, consultant, challenge, requester):
        second = OrganisationFactory(name="Boligselskabet AKB")
        requisition = RequisitionFactory(challenge=challenge, status="finished", requesters=[requester, second],
                                         created_by=consultant)
        InvitationFactory(requisition=requisition, requester=requester, contact_name="Første Kontakt")
        InvitationFactory(requisition=requisition, requester=second, contact_name="Anden Kontakt")

        response = login(client, consultant).get(requisition.get_absolute_url())

        assertContains(response, "Første Kontakt")
        assertContains(response, "Anden Kontakt")
        assertContains(response, "Boligselskabet AKB")
