"""The requester's page behind the link: reached without an account, shows the questionnaire and
nothing else, takes one answer, and tells nothing about links that do not work."""

import re
import string
from datetime import datetime, time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects, assertTemplateUsed

from cases.choices import RequisitionStatus
from core.choices import OrganisationKind
from surveys import services
from surveys.choices import Channel, QuestionKind, Satisfaction
from surveys.models import Answer, FailedLookup, Invitation, Response
from surveys.selectors import invitation_for_token, lookup_blocked
from surveys.services import AlreadyAnswered, failed_lookup_record, response_submit, token_new
from tests.factories import (
    AreaFactory,
    ConsultantFactory,
    InvitationFactory,
    OrganisationFactory,
    RequisitionFactory,
    ResponseFactory,
)
from tests.helpers import run_jobs
from tests.surveys.helpers import answer_data, answer_values

pytestmark = pytest.mark.django_db

URL_SAFE = set(string.ascii_letters + string.digits + "-_")
REQUIRED = "Besvar venligst spørgsmålet."
ALREADY_ANSWERED = "Der er allerede svaret via dette link"
THANKS = "Tak for dit svar"
INVALID = "Linket virker ikke"
ADDRESS, OTHER_ADDRESS = "203.0.113.7", "198.51.100.20"


def link(token: str) -> str:
    return reverse("surveys:answer", args=[token])


class TestToken:
    def test_a_token_has_at_least_128_random_bits_in_url_safe_characters(self):
        tokens = [token_new() for _ in range(1000)]

        assert {len(token) for token in tokens} == {43}  # 43 × 6 bits = 258 bits
        assert len(set(tokens)) == 1000
        assert set("".join(tokens)) == URL_SAFE  # all 64 characters turn up, nothing else

    def test_each_sent_invitation_gets_its_own_token(self, consultant, requisition, requester):
        first, second = (services.invitation_send(user=consultant, registration=requisition, requester=requester,
                                                  contact_email=f"kontakt{n}@example.org") for n in range(2))

        assert len(first.token) == len(second.token) == 43
        assert first.token != second.token
        assert set(first.token) <= URL_SAFE


class TestExpiry:
    def test_the_link_expires_at_the_end_of_the_day_survey_link_days_after_sending(
            self, settings, consultant, requisition, requester):
        settings.SURVEY_LINK_DAYS = 30
        now = timezone.now()

        invitation = services.invitation_send(user=consultant, registration=requisition, requester=requester,
                                              contact_email="lise.holm@example.org", now=now)

        assert invitation.sent_at == now
        last_day = timezone.localdate(now) + timedelta(days=30)
        assert invitation.expires_at == timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time.min))
        assert now + timedelta(days=30) < invitation.expires_at <= now + timedelta(days=31)

    def test_the_link_works_until_just_before_it_expires_and_not_from_then_on(self, invitation):
        expires = invitation.expires_at

        assert invitation_for_token(token=invitation.token, now=expires - timedelta(microseconds=1)) == invitation
        assert invitation_for_token(token=invitation.token, now=expires) is None
        assert invitation_for_token(token=invitation.token, now=expires + timedelta(days=1)) is None

    def test_an_answer_is_stored_just_before_expiry_and_refused_at_it(self, invitation, requisition_questionnaire):
        values = answer_values(requisition_questionnaire)

        with pytest.raises(Invitation.DoesNotExist):
            response_submit(token=invitation.token, values=values, now=invitation.expires_at)
        assert not Response.objects.exists()
        response = response_submit(token=invitation.token, values=values,
                                   now=invitation.expires_at - timedelta(seconds=1))
        assert response.invitation == invitation

    def test_the_page_opens_before_expiry_and_not_after(self, client, requisition):
        now = timezone.now()
        valid = InvitationFactory(requisition=requisition, sent_at=now - timedelta(days=59),
                                  expires_at=now + timedelta(minutes=5))
        expired = InvitationFactory(requisition=requisition, sent_at=now - timedelta(days=60),
                                    expires_at=now - timedelta(seconds=1))

        assertContains(client.get(link(valid.token)), valid.questionnaire.title)
        assertContains(client.get(link(expired.token)), INVALID, status_code=404)

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_an_expired_link_cannot_be_told_from_an_unknown_one(
            self, client, requisition, requisition_questionnaire, method):
        """Same status, same headers that matter, and byte for byte the same page."""
        now = timezone.now()
        expired = InvitationFactory(requisition=requisition, sent_at=now - timedelta(days=61),
                                    expires_at=now - timedelta(days=1))
        data = answer_data(requisition_questionnaire) if method == "post" else {}

        unknown_page = getattr(client, method)(link(token_new()), data)
        expired_page = getattr(client, method)(link(expired.token), data)

        assert unknown_page.status_code == expired_page.status_code == 404
        assert expired_page.content == unknown_page.content
        assert expired_page["Cache-Control"] == unknown_page["Cache-Control"]
        assertContains(expired_page, INVALID, status_code=404)
        assert not Response.objects.exists()
        assert FailedLookup.objects.count() == 2  # both count towards the rate limit

    def test_an_answered_link_that_has_expired_is_unknown_too(self, client, requisition):
        now = timezone.now()
        answered = ResponseFactory(invitation=InvitationFactory(
            requisition=requisition, sent_at=now - timedelta(days=70), expires_at=now - timedelta(days=10)))

        response = client.get(link(answered.invitation.token))

        assert response.content == client.get(link(token_new())).content
        assert response.status_code == 404

    def test_the_token_of_a_paper_invitation_opens_nothing(self, client, requisition):
        paper = InvitationFactory(requisition=requisition, channel=Channel.PAPER)

        assertContains(client.get(link(paper.token)), INVALID, status_code=404)


def test_the_link_works_all_through_the_last_day_named_in_the_email(
        mailoutbox, consultant, requisition, requester):
    sent = timezone.make_aware(datetime(2008, 9, 1, 10, 0))
    invitation = services.invitation_send(user=consultant, registration=requisition, requester=requester,
                                          contact_email="lise.holm@example.org", now=sent)
    last_day = invitation.last_day()
    assert last_day == datetime(2008, 10, 31).date()
    run_jobs()
    assert "gælder til og med 31. oktober 2008" in mailoutbox[0].body
    evening = timezone.make_aware(datetime.combine(last_day, time(20, 0)))

    assert invitation_for_token(token=invitation.token, now=evening) == invitation


class TestRateLimit:
    @pytest.fixture(autouse=True)
    def _limit(self, settings):
        settings.SURVEY_LOOKUP_LIMIT = 3
        settings.SURVEY_LOOKUP_WINDOW_MINUTES = 15

    def fail(self, client, times: int, address: str = ADDRESS) -> None:
        for _ in range(times):
            assert client.get(link(token_new()), REMOTE_ADDR=address).status_code == 404

    def test_after_the_limit_a_failed_look_up_is_refused_but_the_valid_token_opens_and_is_answered(
            self, client, invitation, requisition_questionnaire):
        self.fail(client, 3)

        refused = client.get(link(token_new()), REMOTE_ADDR=ADDRESS)
        refused_post = client.post(link(token_new()), answer_data(requisition_questionnaire), REMOTE_ADDR=ADDRESS)
        page = client.get(link(invitation.token), REMOTE_ADDR=ADDRESS)
        post = client.post(link(invitation.token), answer_data(requisition_questionnaire), REMOTE_ADDR=ADDRESS)

        assertContains(refused, "For mange forsøg", status_code=429)
        assert refused_post.status_code == 429
        assertContains(page, invitation.questionnaire.title)
        assert post.status_code == 302
        assert Response.objects.filter(invitation=invitation).count() == 1
        assert FailedLookup.objects.filter(address=ADDRESS).count() == 3  # refused failures are not counted

    def test_below_the_limit_the_valid_link_still_opens(self, client, invitation):
        self.fail(client, 2)

        assert client.get(link(invitation.token), REMOTE_ADDR=ADDRESS).status_code == 200

    def test_expired_links_count_as_failures(self, client, requisition, invitation):
        now = timezone.now()
        expired = InvitationFactory(requisition=requisition, sent_at=now - timedelta(days=90),
                                    expires_at=now - timedelta(days=30))
        for _ in range(3):
            client.get(link(expired.token), REMOTE_ADDR=ADDRESS)

        assert client.get(link(expired.token), REMOTE_ADDR=ADDRESS).status_code == 429
        assert client.get(link(token_new()), REMOTE_ADDR=ADDRESS).status_code == 429
        assert client.get(link(invitation.token), REMOTE_ADDR=ADDRESS).status_code == 200

    def test_another_address_is_not_affected_and_nothing_is_counted_for_it(self, client, invitation):
        self.fail(client, 3)
        assert client.get(link(token_new()), REMOTE_ADDR=ADDRESS).status_code == 429

        response = client.get(link(invitation.token), REMOTE_ADDR=OTHER_ADDRESS)

        assertContains(response, invitation.questionnaire.title)
        assert not FailedLookup.objects.filter(address=OTHER_ADDRESS).exists()
        assert lookup_blocked(address=ADDRESS) is True
        assert lookup_blocked(address=OTHER_ADDRESS) is False

    def test_opening_a_valid_link_again_and_again_counts_nothing(self, client, invitation):
        for _ in range(6):
            assert client.get(link(invitation.token), REMOTE_ADDR=ADDRESS).status_code == 200

        assert not FailedLookup.objects.exists()

    def test_failures_older_than_the_window_are_forgotten(self, client, invitation):
        long_ago = timezone.now() - timedelta(minutes=16)
        for _ in range(3):
            failed_lookup_record(address=ADDRESS, now=long_ago)

        assert lookup_blocked(address=ADDRESS) is False
        assert client.get(link(invitation.token), REMOTE_ADDR=ADDRESS).status_code == 200
        self.fail(client, 1)
        assert FailedLookup.objects.filter(address=ADDRESS).count() == 1  # the old ones are cleared


class TestAnswering:
    def test_the_page_opens_without_login(self, client, invitation, requisition_questionnaire):
        response = client.get(link(invitation.token))

        assert response.status_code == 200
        assert not response.wsgi_request.user.is_authenticated
        assert "no-cache" in response["Cache-Control"]
        for question in requisition_questionnaire.questions.all():
            assertContains(response, f'name="q_{question.pk}"')

    def test_an_answer_is_stored_with_every_value_and_thanked_for(
            self, client, invitation, requisition_questionnaire):
        data = answer_data(requisition_questionnaire, satisfaction=Satisfaction.SATISFIED, yes=False,
                           comment="  Tak for et godt forløb.  ")

        response = client.post(link(invitation.token), data)

        assertRedirects(response, link(invitation.token), fetch_redirect_response=False)
        stored = Response.objects.get(invitation=invitation)
        assert stored.channel == Channel.EMAIL
        assert stored.entered_by is None
        by_kind = {}
        for answer in stored.answers.select_related("question"):
            by_kind.setdefault(answer.question.kind, []).append(answer)
        assert [a.scale for a in by_kind[QuestionKind.SCALE]] == [Satisfaction.SATISFIED] * 2
        assert [a.yes_no for a in by_kind[QuestionKind.YES_NO]] == [False, False]
        assert [a.text for a in by_kind[QuestionKind.TEXT]] == ["Tak for et godt forløb."]
        thanks = client.get(link(invitation.token))
        assertContains(thanks, THANKS)
        assertNotContains(thanks, ALREADY_ANSWERED)

    def test_the_optional_question_may_be_left_empty(self, client, invitation, requisition_questionnaire):
        client.post(link(invitation.token), answer_data(requisition_questionnaire))

        answers = Answer.objects.filter(response__invitation=invitation)
        assert answers.count() == requisition_questionnaire.questions.filter(required=True).count() == 4
        assert not answers.filter(question__kind=QuestionKind.TEXT).exists()

    def test_missing_required_answers_give_400_with_danish_messages_and_nothing_is_stored(
            self, client, invitation, requisition_questionnaire):
        data = answer_data(requisition_questionnaire, comment="Kun en kommentar")
        first_required = requisition_questionnaire.questions.get(position=1)
        del data[f"q_{first_required.pk}"]

        response = client.post(link(invitation.token), data)

        # At the question, and in the summary above the form, whose link leads to the question's first choice.
        assertContains(response, REQUIRED, count=2, status_code=400)
        assertContains(response, f'<a class="alert-link" href="#id_q_{first_required.pk}_0">', status_code=400)
        assert response.context["form"].errors == {f"q_{first_required.pk}": [REQUIRED]}
        assert not Response.objects.exists()
        assert not Answer.objects.exists()

    def test_an_empty_post_names_every_required_question(self, client, invitation):
        response = client.post(link(invitation.token), {})

        assertContains(response, REQUIRED, count=8, status_code=400)  # at each question and in the summary
        assert not Response.objects.exists()

    def test_a_value_off_the_scale_is_refused(self, client, invitation, requisition_questionnaire):
        data = answer_data(requisition_questionnaire)
        headline = requisition_questionnaire.questions.get(is_headline=True)
        data[f"q_{headline.pk}"] = "9"

        response = client.post(link(invitation.token), data)

        assert response.status_code == 400
        assert f"q_{headline.pk}" in response.context["form"].errors
        assert not Response.objects.exists()


class TestAnsweringTwice:
    def test_a_double_submit_stores_one_answer(self, client, invitation, requisition_questionnaire):
        first = client.post(link(invitation.token), answer_data(requisition_questionnaire))
        second = client.post(link(invitation.token),
                             answer_data(requisition_questionnaire, satisfaction=Satisfaction.NOT_SATISFIED))

        assert first.status_code == 302
        assertRedirects(second, link(invitation.token), fetch_redirect_response=False)
        page = client.get(link(invitation.token))
        assertTemplateUsed(page, "surveys/answered.html")
        assertContains(page, THANKS)  # thanks, as the first post's answer was stored
        assertNotContains(page, 'name="q_')
        assert Response.objects.filter(invitation=invitation).count() == 1
        headline = Answer.objects.get(response__invitation=invitation, question__is_headline=True)
        assert headline.scale == Satisfaction.VERY_SATISFIED  # the first answer stands

    def test_posting_the_form_again_after_the_answer_leads_to_the_page_and_changes_nothing(
            self, client, invitation, requisition_questionnaire):
        """Back to the form and send it again, or reload the page a POST gave: Post/Redirect/Get, so the
        page shown is never one a reload would post again."""
        response_submit(token=invitation.token, values=answer_values(requisition_questionnaire))

        again = client.post(link(invitation.token),
                            answer_data(requisition_questionnaire, satisfaction=Satisfaction.NOT_SATISFIED))

        assertRedirects(again, link(invitation.token), fetch_redirect_response=False)
        page = client.get(link(invitation.token))
        assertContains(page, ALREADY_ANSWERED)
        assertNotContains(page, THANKS)
        assert Response.objects.count() == 1
        assert Answer.objects.get(question__is_headline=True).scale == Satisfaction.VERY_SATISFIED

    def test_submitting_twice_through_the_service_raises_already_answered(self, invitation, requisition_questionnaire):
        values = answer_values(requisition_questionnaire)
        response_submit(token=invitation.token, values=values)

        with pytest.raises(AlreadyAnswered):
            response_submit(token=invitation.token, values=values)
        assert Response.objects.count() == 1
        assert Answer.objects.count() == 4

    def test_a_reload_after_the_thanks_says_it_is_already_answered(
            self, client, invitation, requisition_questionnaire):
        client.post(link(invitation.token), answer_data(requisition_questionnaire))
        thanks = client.get(link(invitation.token))

        reload = client.get(link(invitation.token))

        assertContains(thanks, THANKS)
        assertContains(reload, ALREADY_ANSWERED)
        assertNotContains(reload, THANKS)
        assertNotContains(reload, 'name="q_')

    def test_the_link_of_an_answer_given_on_paper_says_it_is_already_answered(self, client, invitation):
        ResponseFactory(invitation=invitation, channel=Channel.PAPER)

        response = Client().get(link(invitation.token))

        assertContains(response, ALREADY_ANSWERED)


def test_the_page_shows_the_questionnaire_and_the_work_title_and_nothing_else_from_the_register(client, challenge):
    """Everything the register knows about the work, the people and the link is left out."""
    consultant = ConsultantFactory(username="saerlig.konsulent", first_name="Ingolf", last_name="Quistgaard",
                                   email="ingolf.quistgaard@tfi.example")
    requesters = [OrganisationFactory(name="Zebraforvaltningen", kind=OrganisationKind.ADMINISTRATION),
                  OrganisationFactory(name="Boligselskabet Xylofon")]
    requisition = RequisitionFactory(
        challenge=challenge, title="Dialogmøde om fritidsjob", status=RequisitionStatus.FINISHED,
        date_finished="2008-06-01", created_by=consultant, consultants=[consultant], requesters=requesters,
        description="Fortrolig baggrund om beboerkonflikten", partners="Partnerforeningen Kvasir",
        volunteers="Frivilliggruppen Ymer", participants=4711, area=AreaFactory(name="Område Ulvsund"))
    invitation = InvitationFactory(requisition=requisition, requester=requesters[1], sent_by=consultant,
                                   contact_name="Rigmor Vandel", contact_email="rigmor.vandel@xylofon.example")
    secrets = [
        "Fortrolig baggrund", "Kvasir", "Ymer", "4711", "Ulvsund", "Zebraforvaltningen", "Xylofon",
        "Ingolf", "Quistgaard", "saerlig.konsulent", "tfi.example", "Rigmor", "Vandel", "rigmor.vandel",
        challenge.name, challenge.short_label, "Udfordring", "Log ud",
    ]

    response = client.get(link(invitation.token))

    questionnaire = invitation.questionnaire
    assertContains(response, escape(questionnaire.title))
    assertContains(response, escape(questionnaire.introduction))
    assertContains(response, "Dialogmøde om fritidsjob")
    for question in questionnaire.questions.all():
        assertContains(response, escape(question.text))
    content = response.content.decode()
    assert [secret for secret in secrets if secret in content] == []
    assert set(response.context["form"].fields) == {f"q_{q.pk}" for q in questionnaire.questions.all()}


class TestCsrf:
    def test_a_post_without_the_csrf_token_is_refused_and_one_with_it_is_stored(
            self, invitation, requisition_questionnaire):
        client = Client(enforce_csrf_checks=True)
        data = answer_data(requisition_questionnaire)
        page = client.get(link(invitation.token))
        cookie = client.cookies["csrftoken"].value

        refused = client.post(link(invitation.token), data)

        assert page.status_code == 200
        assert refused.status_code == 403
        assert not Response.objects.exists()
        accepted = client.post(link(invitation.token), {**data, "csrfmiddlewaretoken": cookie})
        assert accepted.status_code == 302
        assert Response.objects.filter(invitation=invitation).count() == 1

    def test_the_form_carries_the_token_a_browser_posts_back(self, invitation, requisition_questionnaire):
        client = Client(enforce_csrf_checks=True)
        page = client.get(link(invitation.token)).content.decode()
        form_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

        response = client.post(link(invitation.token),
                               {**answer_data(requisition_questionnaire), "csrfmiddlewaretoken": form_token})

        assert response.status_code == 302
        assert Response.objects.count() == 1

    def test_a_token_from_another_visitor_is_refused(self, invitation, requisition_questionnaire):
        other = Client(enforce_csrf_checks=True)
        other.get(link(invitation.token))
        client = Client(enforce_csrf_checks=True)
        client.get(link(invitation.token))

        response = client.post(link(invitation.token), {**answer_data(requisition_questionnaire),
                                                        "csrfmiddlewaretoken": other.cookies["csrftoken"].value})

        assert response.status_code == 403
        assert not Response.objects.exists()


class TestLanguage:
    """The requester has no account, so no user menu: the page offers the other language itself."""

    def test_a_requester_without_an_account_chooses_english_and_the_page_comes_back_in_english(
            self, settings, invitation, requisition_questionnaire):
        client = Client(enforce_csrf_checks=True)
        page = client.get(link(invitation.token))
        assertContains(page, '<html lang="da">')
        form_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
        assertContains(page, f'action="{reverse("surveys:answer_language")}"')
        assertContains(page, 'name="language" value="en" lang="en"')

        chosen = client.post(reverse("surveys:answer_language"),
                             {"language": "en", "next": link(invitation.token), "csrfmiddlewaretoken": form_token})

        assertRedirects(chosen, link(invitation.token), fetch_redirect_response=False)
        assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
        english = client.get(link(invitation.token))
        assert english.status_code == 200
        assert not english.wsgi_request.user.is_authenticated
        assertContains(english, '<html lang="en">')
        assertContains(english, "Send answer")
        assertContains(english, "Questions marked with * must be answered.")
        assertContains(english, "Very satisfied")
        assertNotContains(english, "Send svar")
        assertContains(english, escape(requisition_questionnaire.title))  # the questionnaire's own texts stay as typed
        assertContains(english, 'name="language" value="da" lang="da"')

    def test_the_thanks_come_in_the_chosen_language(self, client, invitation, requisition_questionnaire):
        client.post(reverse("surveys:answer_language"), {"language": "en", "next": link(invitation.token)})

        client.post(link(invitation.token), answer_data(requisition_questionnaire))

        thanks = client.get(link(invitation.token))
        assertContains(thanks, "Thank you for your answer")
        assert Response.objects.filter(invitation=invitation).count() == 1
