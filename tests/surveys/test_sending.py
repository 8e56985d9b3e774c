"""Sending a questionnaire from a finished requisition or an advisory: the form, the e-mail with its
link, and the refusals (unfinished work, a requester not on the work, a bad address, management)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from surveys import services
from surveys.choices import Channel, QuestionnaireKind
from surveys.models import Invitation
from surveys.services import invitation_mail, invitations_remind
from tests.factories import OrganisationFactory, RequisitionFactory
from tests.helpers import login, messages_of, run_jobs
from tests.surveys.helpers import link_path, mailed_link

pytestmark = pytest.mark.django_db

NOT_FINISHED = "Spørgeskemaet sendes, når rekvireringen er afsluttet."


def send_url(registration) -> str:
    kind = "raadgivning" if registration._meta.model_name == "advisory" else "rekvirering"
    return reverse("surveys:invitation_create", args=[kind, registration.pk])


def form_data(requester, **overrides) -> dict:
    data = {"requester": requester.pk, "contact_name": "Lise Holm", "contact_email": "lise.holm@example.org",
            "message": "Tak for samarbejdet i foråret."}
    data.update(overrides)
    return data


class TestSendingFromARequisition:
    def test_the_form_names_the_questionnaire_and_suggests_the_requester(
            self, client, consultant, requisition, requester, requisition_questionnaire):
        response = login(client, consultant).get(send_url(requisition))

        assertContains(response, "Send tilfredshedsmåling")
        assertContains(response, "Dialogmøde i Mjølnerparken")
        assertContains(response, "(5 spørgsmål)")
        assert response.context["form"].initial["requester"] == requester.pk

    def test_a_consultant_sends_it_and_the_mailed_link_opens_without_login(
            self, client, settings, consultant, requisition, requester, requisition_questionnaire, mailoutbox):
        settings.SITE_URL = "https://tfi.example.dk/"

        response = login(client, consultant).post(send_url(requisition), form_data(requester))

        assertRedirects(response, requisition.get_absolute_url(), fetch_redirect_response=False)
        invitation = Invitation.objects.get()
        assert (invitation.requisition, invitation.advisory, invitation.requester) == (requisition, None, requester)
        assert (invitation.contact_name, invitation.contact_email) == ("Lise Holm", "lise.holm@example.org")
        assert (invitation.channel, invitation.sent_by, invitation.questionnaire) == (
            Channel.EMAIL, consultant, requisition_questionnaire)
        last_day = timezone.localdate(invitation.expires_at - timedelta(microseconds=1))
        assert last_day == timezone.localdate(invitation.sent_at) + timedelta(days=settings.SURVEY_LINK_DAYS)
        assert messages_of(response)[0].startswith("Spørgeskemaet sendes til lise.holm@example.org.")
        assert mailoutbox == [] and invitation.mailed_at is None  # a worker sends it
        assert run_jobs() == 1
        invitation.refresh_from_db()
        assert invitation.mailed_at is not None and invitation.mail_error == ""
        assert len(mailoutbox) == 1
        mail = mailoutbox[0]
        assert mail.to == ["lise.holm@example.org"]
        assert "Dialogmøde i Mjølnerparken" in mail.subject
        assert "Kære Lise Holm" in mail.body
        assert "Tak for samarbejdet i foråret." in mail.body
        url = mailed_link()
        assert url == f"https://tfi.example.dk/svar/{invitation.token}/"
        page = Client().get(link_path(url))
        assertContains(page, requisition_questionnaire.title)
        assert not page.wsgi_request.user.is_authenticated

    def test_any_of_the_requesters_may_be_chosen(self, client, consultant, challenge, requester):
        second = OrganisationFactory(name="Boligselskabet AKB")
        requisition = RequisitionFactory(challenge=challenge, status="finished", requesters=[requester, second],
                                         created_by=consultant)

        login(client, consultant).post(send_url(requisition), form_data(second))

        assert Invitation.objects.get().requester == second

    def test_a_requester_not_on_the_requisition_is_refused(self, client, consultant, requisition, mailoutbox):
        outsider = OrganisationFactory(name="Kulturhuset Indre By")

        response = login(client, consultant).post(send_url(requisition), form_data(outsider))

        assert response.status_code == 200
        assert response.context["form"].errors["requester"] == [
            "Marker en gyldig valgmulighed. Det valg, du har foretaget, er ikke blandt de tilgængelige valgmuligheder."]
        assertContains(response, "Spørgeskemaet er ikke sendt.")
        assert not Invitation.objects.exists()
        assert mailoutbox == []

    def test_the_service_refuses_a_requester_not_on_the_requisition(self, consultant, requisition, mailoutbox):
        outsider = OrganisationFactory(name="Kulturhuset Indre By")

        with pytest.raises(ValidationError) as error:
            services.invitation_send(user=consultant, registration=requisition, requester=outsider,
                                     contact_email="lise.holm@example.org")

        assert error.value.message_dict == {"requester": ["Vælg en af rekvireringens rekvirenter."]}
        assert not Invitation.objects.exists()
        assert mailoutbox == []


class TestUnfinishedRequisition:
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_the_page_refuses_in_danish_and_saves_and_sends_nothing(
            self, client, consultant, open_requisition, requester, mailoutbox, method):
        response = getattr(login(client, consultant), method)(send_url(open_requisition), form_data(requester))

        assertRedirects(response, open_requisition.get_absolute_url(), fetch_redirect_response=False)
        assert messages_of(response) == [NOT_FINISHED]
        assert not Invitation.objects.exists()
        assert mailoutbox == []

    def test_the_service_refuses_too(self, consultant, open_requisition, requester, mailoutbox):
        with pytest.raises(ValidationError, match=NOT_FINISHED):
            services.invitation_send(user=consultant, registration=open_requisition, requester=requester,
                                     contact_email="lise.holm@example.org")

        assert not Invitation.objects.exists()
        assert mailoutbox == []

    def test_the_requisition_page_offers_no_send_button(self, client, consultant, open_requisition):
        response = login(client, consultant).get(open_requisition.get_absolute_url())

        assertContains(response, "Spørgeskemaet kan sendes, når rekvireringen er afsluttet.")
        assert send_url(open_requisition) not in response.content.decode()


class TestSendingFromAnAdvisory:
    def test_the_advisory_questionnaire_goes_to_the_advisorys_requester(
            self, client, consultant, advisory, requester, advisory_questionnaire, mailoutbox):
        response = login(client, consultant).post(send_url(advisory), form_data(requester))

        assertRedirects(response, advisory.get_absolute_url(), fetch_redirect_response=False)
        invitation = Invitation.objects.get()
        assert (invitation.advisory, invitation.requisition) == (advisory, None)
        assert invitation.questionnaire == advisory_questionnaire
        assert advisory_questionnaire.kind == QuestionnaireKind.ADVISORY
        run_jobs()
        assert mailed_link().endswith(f"/svar/{invitation.token}/")
        assertContains(Client().get(link_path(mailed_link())), "Råd om lektiecafé")

    def test_another_requester_is_refused(self, client, consultant, advisory, mailoutbox):
        outsider = OrganisationFactory(name="Kulturhuset Indre By")

        response = login(client, consultant).post(send_url(advisory), form_data(outsider))

        assert "requester" in response.context["form"].errors
        assert not Invitation.objects.exists()
        assert mailoutbox == []

    def test_the_service_refuses_another_requester(self, consultant, advisory):
        with pytest.raises(ValidationError) as error:
            services.invitation_send(user=consultant, registration=advisory, requester=OrganisationFactory(),
                                     contact_email="lise.holm@example.org")

        assert error.value.message_dict == {"requester": ["Rekvirenten skal være rådgivningens rekvirent."]}


class TestAddressErrors:
    @pytest.mark.parametrize(("address", "error"), [
        ("lise.holm", "Angiv en gyldig e-mailadresse."),
        ("lise holm@example.org", "Angiv en gyldig e-mailadresse."),
        ("", "Angiv modtagerens e-mailadresse."),
    ])
    def test_a_bad_address_gets_a_danish_field_error_and_nothing_is_sent(
            self, client, consultant, requisition, requester, mailoutbox, address, error):
        response = login(client, consultant).post(send_url(requisition), form_data(requester, contact_email=address))

        assert response.status_code == 200
        assert response.context["form"].errors == {"contact_email": [error]}
        assertContains(response, error)
        assert not Invitation.objects.exists()
        assert mailoutbox == []

    def test_when_the_mail_server_is_down_the_link_says_so_and_is_sent_again(
            self, client, consultant, requisition, requester, smtp_down, settings, mailoutbox):
        """The request does not wait for the mail server (a worker sends the e-mail); when the server cannot
        be reached, the link's page says so and offers to send it again."""
        response = login(client, consultant).post(send_url(requisition), form_data(requester))
        assert response.status_code == 302
        run_jobs()
        invitation = Invitation.objects.get()
        assert invitation.mailed_at is None and "Connection refused" in invitation.mail_error
        page = client.get(invitation.get_absolute_url()).content.decode()
        assert "kunne ikke sendes: " in page and "Send igen" in page
        # Nor is anyone reminded of a link that never reached them.
        assert invitations_remind(after_days=0, max_reminders=3).reminded == []

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        again = client.post(reverse("surveys:invitation_mail_again", args=[invitation.pk]))
        assert messages_of(again) == ["E-mailen sendes igen til lise.holm@example.org."]
        run_jobs()
        invitation.refresh_from_db()
        assert invitation.mailed_at is not None and invitation.mail_error == ""
        assert [mail.to for mail in mailoutbox] == [["lise.holm@example.org"]]
        # Sent once: asking again now is refused, and a second delivery of the task sends nothing.
        refused = client.post(reverse("surveys:invitation_mail_again", args=[invitation.pk]), follow=True)
        assert "E-mailen er allerede sendt." in refused.content.decode()
        assert invitation_mail(invitation_id=invitation.pk) is False
        assert len(mailoutbox) == 1


class TestWhoMaySend:
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_management_may_not_send(self, client, manager, requisition, requester, mailoutbox, method):
        response = getattr(login(client, manager), method)(send_url(requisition), form_data(requester))

        assertContains(response, "Ingen adgang", status_code=403)
        assert not Invitation.objects.exists()
        assert mailoutbox == []

    def test_the_administrator_may_send(self, client, administrator, requisition, requester, mailoutbox):
        login(client, administrator).post(send_url(requisition), form_data(requester))

        assert Invitation.objects.get().sent_by == administrator
        run_jobs()
        assert len(mailoutbox) == 1

    def test_anonymous_is_sent_to_the_login(self, client, requisition, requester):
        url = send_url(requisition)

        response = client.post(url, form_data(requester))

        assertRedirects(response, f"/login/?next={url}")
        assert not Invitation.objects.exists()

    def test_an_unknown_kind_of_work_is_not_found(self, client, consultant, requisition):
        url = reverse("surveys:invitation_create", args=["projekt", requisition.pk])

        assert login(client, consultant).get(url).status_code == 404
