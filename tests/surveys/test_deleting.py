"""Withdrawing a link, and deleting work that questionnaires were sent about: refused with a Danish
message rather than an error page when answers or invitations depend on it."""

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from cases.models import Advisory, Requisition
from surveys.models import Answer, Invitation, Response
from tests.factories import InvitationFactory, ResponseFactory
from tests.helpers import login, messages_of

pytestmark = pytest.mark.django_db


def delete_url(invitation) -> str:
    return reverse("surveys:invitation_delete", args=[invitation.pk])


class TestWithdrawingALink:
    def test_the_sender_withdraws_an_unanswered_link_which_then_stops_working(
            self, client, consultant, invitation, requisition):
        link = reverse("surveys:answer", args=[invitation.token])

        response = login(client, consultant).post(delete_url(invitation))

        assertRedirects(response, requisition.get_absolute_url(), fetch_redirect_response=False)
        assert messages_of(response) == ["Linket er trukket tilbage og virker ikke længere."]
        assert not Invitation.objects.exists()
        assertContains(Client().get(link), "Linket virker ikke", status_code=404)

    def test_an_answered_invitation_cannot_be_deleted(self, client, consultant, invitation):
        ResponseFactory(invitation=invitation, answers__comment="Tak")

        response = login(client, consultant).post(delete_url(invitation))

        assertRedirects(response, invitation.get_absolute_url(), fetch_redirect_response=False)
        assert messages_of(response) == ["Spørgeskemaet er besvaret, så udsendelsen kan ikke slettes."]
        assert Invitation.objects.filter(pk=invitation.pk).exists()
        assert Response.objects.count() == 1
        assert Answer.objects.count() == 5

    def test_the_confirmation_page_of_an_answered_one_says_so_and_offers_no_delete(self, client, consultant,
                                                                                    invitation):
        ResponseFactory(invitation=invitation, answers__comment="Tak")

        response = login(client, consultant).get(delete_url(invitation))

        assertContains(response, "Spørgeskemaet er besvaret, så udsendelsen kan ikke slettes.")
        assertNotContains(response, "Ja, slet")

    def test_the_detail_page_offers_withdrawal_only_while_unanswered(self, client, consultant, invitation):
        login(client, consultant)
        before = client.get(invitation.get_absolute_url())
        ResponseFactory(invitation=invitation)
        after = client.get(invitation.get_absolute_url())

        assertContains(before, delete_url(invitation))
        assert delete_url(invitation) not in after.content.decode()

    @pytest.mark.parametrize("user", ["other_consultant", "manager"])
    def test_others_than_the_sender_may_not_withdraw_it(self, client, request, invitation, user):
        response = login(client, request.getfixturevalue(user)).post(delete_url(invitation))

        assert response.status_code == 403
        assert Invitation.objects.filter(pk=invitation.pk).exists()

    def test_the_administrator_may_withdraw_it(self, client, administrator, invitation):
        login(client, administrator).post(delete_url(invitation))

        assert not Invitation.objects.exists()


class TestDeletingWorkWithInvitations:
    @pytest.mark.parametrize(("registration", "name"), [
        ("requisition", "cases:requisition_delete"), ("advisory", "cases:advisory_delete")])
    def test_it_is_refused_with_a_danish_message_instead_of_an_error_page(
            self, client, request, consultant, registration, name):
        registration = request.getfixturevalue(registration)
        field = registration._meta.model_name
        InvitationFactory(**{field: registration})

        response = login(client, consultant).post(reverse(name, args=[registration.pk]))

        assertRedirects(response, registration.get_absolute_url(), fetch_redirect_response=False)
        assert messages_of(response) == [
            f"»{registration.title}« kan ikke slettes, fordi der er registreret udsendte spørgeskemaer til den. "
            "Slet eller flyt dem først."]
        assert type(registration).objects.filter(pk=registration.pk).exists()
        assert Invitation.objects.count() == 1

    def test_work_without_invitations_is_deleted(self, client, consultant, requisition, advisory):
        login(client, consultant)
        client.post(reverse("cases:requisition_delete", args=[requisition.pk]))
        client.post(reverse("cases:advisory_delete", args=[advisory.pk]))

        assert not Requisition.objects.exists()
        assert not Advisory.objects.exists()
