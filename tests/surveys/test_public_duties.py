"""The public pages' duties (issue 25): the accessibility statement linked from every page, the privacy
notice before the first question and in the e-mail, and rate limits that fall on the guesser alone: a
valid link always opens, only failed look-ups are counted and, past the limits, refused with the time to
try again."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from surveys import services
from surveys.models import DEFAULT_PRIVACY_NOTICE, FailedLookup, Response, default_privacy_notice
from surveys.services import failed_lookup_record, token_new
from tests.factories import ResponseFactory
from tests.helpers import login, run_jobs
from tests.surveys.helpers import answer_data

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.7"
NOTICE_HEADING = "Sådan behandler vi dine oplysninger"
STATEMENT = "https://www.was.digst.dk/tfi-kk-dk"


def link(token: str) -> str:
    return reverse("surveys:answer", args=[token])


def footer_link(response) -> str:
    """The address of the footer's link to the accessibility statement."""
    footer = re.search(r"<footer.*?</footer>", response.content.decode(), re.S).group(0)
    return re.search(r'<a href="([^"]*)"[^>]*>Tilgængelighedserklæring</a>', footer).group(1)


class TestRateLimits:
    def test_a_hundred_failures_from_one_address_do_not_keep_a_valid_link_from_opening(
            self, client, settings, invitation, requisition_questionnaire):
        """A whole administration behind one address: someone mistypes or guesses a hundred times, and a
        colleague's link still opens and takes the answer. Past the limit the failures are refused, not
        counted."""
        statuses = [client.get(link(token_new()), REMOTE_ADDR=ADDRESS).status_code for _ in range(100)]

        page = client.get(link(invitation.token), REMOTE_ADDR=ADDRESS)
        answer = client.post(link(invitation.token), answer_data(requisition_questionnaire), REMOTE_ADDR=ADDRESS)

        limit = settings.SURVEY_LOOKUP_LIMIT
        assert statuses == [404] * limit + [429] * (100 - limit)
        assert page.status_code == 200
        assertContains(page, escape(invitation.questionnaire.title))
        assert set(page.context["form"].fields) == {f"q_{q.pk}" for q in requisition_questionnaire.questions.all()}
        assert answer.status_code == 302
        assert Response.objects.filter(invitation=invitation).count() == 1
        assert FailedLookup.objects.filter(address=ADDRESS).count() == limit

    def test_a_failure_over_the_limit_gets_429_with_retry_after_and_the_time_to_try_again(self, client, settings):
        settings.SURVEY_LOOKUP_LIMIT = 3
        settings.SURVEY_LOOKUP_WINDOW_MINUTES = 15
        now = timezone.now()
        for minutes_ago in (10, 5, 1):  # the oldest leaves the window in 5 minutes, and the limit with it
            failed_lookup_record(address=ADDRESS, now=now - timedelta(minutes=minutes_ago))

        response = client.get(link(token_new()), REMOTE_ADDR=ADDRESS)

        assert response.status_code == 429
        assert 299 <= int(response["Retry-After"]) <= 300
        assert "no-cache" in response["Cache-Control"]
        again_at = timezone.localtime(now - timedelta(minutes=10) + timedelta(minutes=15))
        assertContains(response, "For mange forsøg", status_code=429)
        assertContains(response, f"Prøv igen om 5 minutter (kl. {again_at:%H:%M}).", status_code=429)
        assert FailedLookup.objects.count() == 3  # a refused failure is not counted

    def test_a_minute_is_named_in_the_singular(self, client, settings):
        settings.SURVEY_LOOKUP_LIMIT = 1
        settings.SURVEY_LOOKUP_WINDOW_MINUTES = 1
        failed_lookup_record(address=ADDRESS)

        response = client.get(link(token_new()), REMOTE_ADDR=ADDRESS)

        assertContains(response, "Prøv igen om 1 minut (kl.", status_code=429)
        assert 1 <= int(response["Retry-After"]) <= 60

    def test_under_the_limit_an_invalid_link_gets_the_ordinary_404_page(self, client, settings):
        settings.SURVEY_LOOKUP_LIMIT = 3
        failed_lookup_record(address=ADDRESS)

        response = client.get(link(token_new()), REMOTE_ADDR=ADDRESS)

        assertContains(response, "Linket virker ikke", status_code=404)
        assert "Retry-After" not in response
        assert FailedLookup.objects.filter(address=ADDRESS).count() == 2

    def test_the_global_limit_slows_a_guesser_spread_over_many_addresses(
            self, client, settings, invitation, requisition_questionnaire):
        settings.SURVEY_LOOKUP_LIMIT = 3
        settings.SURVEY_LOOKUP_GLOBAL_LIMIT = 5
        settings.SURVEY_LOOKUP_WINDOW_MINUTES = 15
        addresses = [f"198.51.100.{n}" for n in range(1, 6)]
        first = [client.get(link(token_new()), REMOTE_ADDR=address).status_code for address in addresses]
        newcomer = "192.0.2.44"  # has failed no look-up of its own

        refused = client.get(link(token_new()), REMOTE_ADDR=newcomer)
        valid = client.get(link(invitation.token), REMOTE_ADDR=newcomer)
        answered = client.post(link(invitation.token), answer_data(requisition_questionnaire), REMOTE_ADDR=newcomer)

        assert first == [404] * 5  # none of the addresses is near its own limit
        assert refused.status_code == 429
        assert 899 <= int(refused["Retry-After"]) <= 900
        assertContains(refused, "Prøv igen om 15 minutter", status_code=429)
        assert valid.status_code == 200
        assert answered.status_code == 302
        assert FailedLookup.objects.count() == 5
        assert not FailedLookup.objects.filter(address=newcomer).exists()

    def test_the_global_limit_ends_when_its_failures_leave_the_window(self, client, settings):
        settings.SURVEY_LOOKUP_GLOBAL_LIMIT = 2
        settings.SURVEY_LOOKUP_WINDOW_MINUTES = 15
        long_ago = timezone.now() - timedelta(minutes=16)
        for n in range(2):
            failed_lookup_record(address=f"198.51.100.{n + 1}", now=long_ago)

        assert client.get(link(token_new()), REMOTE_ADDR=ADDRESS).status_code == 404


class TestPrivacyNotice:
    @pytest.fixture(autouse=True)
    def _controller(self, settings):
        settings.DATA_CONTROLLER = "Testrup Kommune"
        settings.DATA_CONTROLLER_CONTACT = "tfi@testrup.dk"
        settings.DPO_CONTACT = "dpo@testrup.dk"
        settings.PERSONAL_DATA_RETENTION_YEARS = 7

    def test_the_default_text_names_each_item_of_article_13(self):
        text = default_privacy_notice()

        items = {
            "the controller and its contact": ["Testrup Kommune er dataansvarlig", "tfi@testrup.dk"],
            "the data protection officer's contact": ["databeskyttelsesrådgiver", "dpo@testrup.dk"],
            "the purpose": ["Formål:"],
            "the legal basis": ["Retsgrundlag:", "artikel 6, stk. 1, litra e"],
            "the recipients": ["Modtagere:", "videregives ikke"],
            "how long it is kept": ["Opbevaring:", "slettes 7 år efter"],
            "access": ["indsigt"],
            "rectification": ["berigtiget"],
            "erasure": ["slettet"],
            "restriction": ["begrænset"],
            "objection": ["indsigelse"],
            "the complaint to the supervisory authority": ["Datatilsynet"],
            "whether answering is required": ["frivilligt"],
        }
        assert {item: [word for word in words if word not in text] for item, words in items.items()} == {
            item: [] for item in items}
        assert "%(" not in text

    def test_without_contact_settings_the_sender_address_and_the_website_are_named(self, settings):
        settings.DATA_CONTROLLER_CONTACT = ""
        settings.DPO_CONTACT = ""
        settings.DEFAULT_FROM_EMAIL = "TaskForce Integration <tfi@kk.example>"

        text = default_privacy_notice()

        assert "kontakte os på tfi@kk.example." in text
        assert "databeskyttelsesrådgiver via kommunens hjemmeside." in text

    def test_the_notice_is_shown_before_the_first_question(self, client, invitation, requisition_questionnaire):
        response = client.get(link(invitation.token))

        content = response.content.decode()
        first_question = requisition_questionnaire.questions.order_by("position").first()
        notice_at = content.index(NOTICE_HEADING)
        assert notice_at < content.index('<form method="post"') < content.index(escape(first_question.text))
        assert notice_at < content.index("dpo@testrup.dk") < content.index(escape(first_question.text))
        assert content.index(escape(requisition_questionnaire.title)) < notice_at
        assert re.search(r"<details[^>]*\bopen\b[^>]*>\s*<summary><h2[^>]*>" + NOTICE_HEADING, content)

    def test_a_questionnaires_own_notice_replaces_the_default(self, client, invitation, requisition_questionnaire):
        requisition_questionnaire.privacy_notice = "Vores egen tekst om dine data.\n\nAndet afsnit."
        requisition_questionnaire.save()

        response = client.get(link(invitation.token))

        assertContains(response, "<p>Vores egen tekst om dine data.</p>\n\n<p>Andet afsnit.</p>", html=False)
        assertNotContains(response, "Retsgrundlag:")
        assert requisition_questionnaire.privacy_notice_text() == "Vores egen tekst om dine data.\n\nAndet afsnit."

    def test_a_blank_own_notice_means_the_default(self, requisition_questionnaire):
        requisition_questionnaire.privacy_notice = "  \n "

        assert requisition_questionnaire.privacy_notice_text() == default_privacy_notice()

    def test_the_notice_is_in_the_invitation_email(self, mailoutbox, consultant, requisition, requester):
        services.invitation_send(user=consultant, registration=requisition, requester=requester,
                                 contact_email="lise.holm@example.org")
        run_jobs()

        body = mailoutbox[0].body
        assert NOTICE_HEADING in body
        for paragraph in default_privacy_notice().split("\n\n"):
            assert paragraph in body
        assert body.index("/svar/") < body.index(NOTICE_HEADING)  # the link comes first
        assert "&" not in body.split(NOTICE_HEADING)[1]  # plain text, nothing escaped

    def test_the_questionnaires_own_notice_is_in_the_email(
            self, mailoutbox, consultant, requisition, requester, requisition_questionnaire):
        requisition_questionnaire.privacy_notice = "Vi gemmer dine svar i 3 år & sletter dem så."
        requisition_questionnaire.save()

        services.invitation_send(user=consultant, registration=requisition, requester=requester,
                                 contact_email="lise.holm@example.org")
        run_jobs()

        assert "Vi gemmer dine svar i 3 år & sletter dem så." in mailoutbox[0].body
        assert "Retsgrundlag:" not in mailoutbox[0].body

    def test_the_default_text_is_in_the_register_s_language_in_the_email_whatever_the_sender_s(
            self, mailoutbox, consultant, requisition, requester):
        with translation.override("en"):
            services.invitation_send(user=consultant, registration=requisition, requester=requester,
                                     contact_email="lise.holm@example.org")
        with translation.override("en"):
            run_jobs()

        assert "Retsgrundlag:" in mailoutbox[0].body

    def test_a_new_version_keeps_the_notice(self, requisition_questionnaire):
        requisition_questionnaire.privacy_notice = "Egen tekst."
        requisition_questionnaire.save()

        copy = services.questionnaire_new_version(questionnaire=requisition_questionnaire)

        assert copy.privacy_notice == "Egen tekst."

    def test_the_administrator_edits_the_notice_in_the_admin_even_of_an_answered_version(
            self, client, administrator, invitation, requisition_questionnaire):
        ResponseFactory(invitation=invitation)
        url = reverse("admin:surveys_questionnaire_change", args=[requisition_questionnaire.pk])
        login(client, administrator)

        page = client.get(url)
        questions = list(requisition_questionnaire.questions.order_by("position"))
        data = {"privacy_notice": "Ny kontakt: dpo@nyt.example.", "is_active": "on",
                "questions-TOTAL_FORMS": str(len(questions)), "questions-INITIAL_FORMS": str(len(questions)),
                "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000",
                **{f"questions-{index}-id": question.pk for index, question in enumerate(questions)}}
        saved = client.post(url, data)

        assertContains(page, 'name="privacy_notice"')
        assertContains(page, "slettes 7 år efter")  # the default text, to start from
        assert saved.status_code == 302
        requisition_questionnaire.refresh_from_db()
        assert requisition_questionnaire.privacy_notice == "Ny kontakt: dpo@nyt.example."

    def test_the_constant_is_danish_with_the_settings_as_placeholders(self):
        assert str(DEFAULT_PRIVACY_NOTICE).startswith("Dataansvarlig: %(controller)s")


class TestAccessibilityStatement:
    def public_pages(self, client, invitation) -> dict:
        answered = ResponseFactory().invitation
        return {
            "answer": client.get(link(invitation.token)),
            "answered": client.get(link(answered.token)),
            "invalid": client.get(link(token_new())),
            "login": client.get(reverse("login")),
            "statement": client.get(reverse("surveys:accessibility")),
        }

    def test_without_a_setting_every_public_page_links_to_the_register_s_own_statement(
            self, client, settings, invitation):
        settings.ACCESSIBILITY_STATEMENT_URL = ""

        pages = self.public_pages(client, invitation)

        assert {name: footer_link(page) for name, page in pages.items()} == {
            name: reverse("surveys:accessibility") for name in pages}
        assert reverse("surveys:accessibility") == "/was/"

    def test_with_the_setting_every_public_page_links_to_the_statement_made_with_the_agency_s_tool(
            self, client, settings, invitation):
        settings.ACCESSIBILITY_STATEMENT_URL = STATEMENT

        pages = self.public_pages(client, invitation)

        del pages["statement"]  # now leads to the statement itself, below
        assert {name: footer_link(page) for name, page in pages.items()} == dict.fromkeys(pages, STATEMENT)

    def test_the_refused_page_links_to_the_statement_too(self, client, settings):
        settings.SURVEY_LOOKUP_LIMIT = 1
        failed_lookup_record(address=ADDRESS)

        response = client.get(link(token_new()), REMOTE_ADDR=ADDRESS)

        assert response.status_code == 429
        assert footer_link(response) == reverse("surveys:accessibility")

    def test_the_own_statement_answers_without_login_and_says_what_the_act_asks(self, client, settings):
        settings.ACCESSIBILITY_STATEMENT_URL = ""
        settings.ACCESSIBILITY_CONTACT = "tilgaengelighed@kk.example"

        response = client.get(reverse("surveys:accessibility"))

        assert response.status_code == 200
        assert not response.wsgi_request.user.is_authenticated
        assertContains(response, "<h1 class=\"h3\">Tilgængelighedserklæring</h1>", html=False)
        assertContains(response, "WCAG 2.1 på niveau AA")
        assertContains(response, 'href="mailto:tilgaengelighed@kk.example"')
        assertContains(response, "Digitaliseringsstyrelsen")
        assertContains(response, 'href="https://digst.dk/')

    def test_without_a_contact_the_sender_address_is_named(self, client, settings):
        settings.ACCESSIBILITY_CONTACT = ""
        settings.DEFAULT_FROM_EMAIL = "TaskForce Integration <tfi@kk.example>"

        response = client.get(reverse("surveys:accessibility"))

        assertContains(response, 'href="mailto:tfi@kk.example"')

    def test_with_the_setting_the_short_address_leads_to_the_statement(self, client, settings):
        settings.ACCESSIBILITY_STATEMENT_URL = STATEMENT

        response = client.get(reverse("surveys:accessibility"))

        assertRedirects(response, STATEMENT, fetch_redirect_response=False)

    def test_a_logged_in_user_s_pages_link_to_it_too(self, client, settings, consultant):
        settings.ACCESSIBILITY_STATEMENT_URL = ""

        response = login(client, consultant).get(reverse("home"))

        assert footer_link(response) == reverse("surveys:accessibility")
