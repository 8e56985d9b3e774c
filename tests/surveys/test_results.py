"""The year's results: the demo reproduces the 2008 status report (36 answers, 35 satisfied); the
figures per challenge, per requester and per question; who may see them and who may choose the
quotes for the report."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from core.choices import OrganisationKind
from demo import surveys as survey_demo
from surveys.choices import Channel, QuestionKind, Satisfaction
from surveys.models import Answer
from surveys.selectors import survey_results, text_answers
from tests.factories import (
    AdministrationFactory,
    AdvisoryFactory,
    AnswerFactory,
    ChallengeFactory,
    InvitationFactory,
    OrganisationFactory,
    RequisitionFactory,
    ResponseFactory,
    WorkPlanFactory,
)
from tests.helpers import login, messages_of

pytestmark = pytest.mark.django_db

RESULTS = reverse("surveys:results")


def steps(row) -> list[int]:
    """The headline counts, best step first."""
    return [step["count"] for step in row["satisfaction"]["steps"]]


class TestDemo:
    def test_the_demo_year_has_36_answers_of_which_35_satisfied(self, demo):
        results = survey_results(year=2008)

        total = results["total"]
        assert (total["sent"], total["answered"], total["response_rate"]) == (48, 36, 75)
        assert steps(total) == [23, 12, 1, 0]
        assert (total["satisfaction"]["total"], total["satisfaction"]["satisfied"]) == (36, 35)
        assert total["satisfaction"]["satisfied_percent"] == 97
        assert sum(row["answered"] for row in results["challenges"]) == 36
        assert sum(row["answered"] for row in results["administrations"] + results["other_requesters"]) == 36

    def test_the_report_quote_is_marked(self, demo):
        quotes = list(text_answers(year=2008, quotes_only=True))

        assert [answer.text for answer in quotes] == [survey_demo.QUOTE]
        assert quotes[0].response.invitation.advisory.title == survey_demo.QUOTE_ADVISORY

    def test_the_results_page_shows_the_figures_and_the_quote_first(self, client, demo):
        manager = get_user_model().objects.get(username="leder")

        response = login(client, manager).get(RESULTS, {"year": 2008})

        assertContains(response, "36 besvarelser af 48 udsendte spørgeskemaer (svarprocent 75 %).")
        assertContains(response, "35 ud af 36 er i høj grad tilfredse eller tilfredse")
        for line in ["23 ud af 36: i høj grad tilfreds", "12 ud af 36: tilfreds",
                     "1 ud af 36: i mindre grad tilfreds", "0 ud af 36: ikke tilfreds"]:
            assertContains(response, f"<li>{line}</li>", html=True)
        first = response.context["page_obj"].object_list[0]
        assert (first.text, first.is_report_quote) == (survey_demo.QUOTE, True)

    def test_another_year_has_no_results(self, demo):
        results = survey_results(year=2007)

        assert (results["total"]["sent"], results["total"]["answered"]) == (0, 0)
        assert results["total"]["response_rate"] is None
        assert results["questions"] == []


class TestFigures:
    """Two challenges of 2008 and one of 2007; an administration and an association as requesters."""

    @pytest.fixture
    def data(self, consultant):
        plan = WorkPlanFactory(year=2008)
        first, second = (ChallengeFactory(work_plan=plan, number=n) for n in (1, 2))
        administration = AdministrationFactory(name="Kultur- og Fritidsforvaltningen")
        association = OrganisationFactory(name="Foreningen Fælleshus", kind=OrganisationKind.ASSOCIATION)
        requisition = RequisitionFactory(challenge=first, status="finished", requesters=[administration])
        advisory = AdvisoryFactory(challenge=second, requester=association)
        ResponseFactory(invitation=InvitationFactory(requisition=requisition),
                        answers__satisfaction=Satisfaction.VERY_SATISFIED, answers__comment="Godt")
        paper = ResponseFactory(invitation=InvitationFactory(requisition=requisition, channel=Channel.PAPER),
                                answers__satisfaction=Satisfaction.SATISFIED)
        InvitationFactory(requisition=requisition)
        ResponseFactory(invitation=InvitationFactory(advisory=advisory),
                        answers__satisfaction=Satisfaction.LESS_SATISFIED)
        InvitationFactory(advisory=advisory)
        # Only the headline question counts as satisfaction: a low mark elsewhere changes nothing there.
        Answer.objects.filter(response=paper, question__kind=QuestionKind.SCALE, question__is_headline=False).update(
            scale=Satisfaction.NOT_SATISFIED)
        # Work of another year is left out.
        old = ChallengeFactory(work_plan=WorkPlanFactory(year=2007), number=1)
        ResponseFactory(invitation=InvitationFactory(advisory=AdvisoryFactory(challenge=old, requester=association)),
                        answers__satisfaction=Satisfaction.NOT_SATISFIED)
        return {"first": first, "second": second, "administration": administration, "association": association}

    def test_the_total_counts_the_years_invitations_and_headline_answers(self, data):
        total = survey_results(year=2008)["total"]

        assert (total["sent"], total["answered"], total["response_rate"]) == (5, 3, 60)
        assert steps(total) == [1, 1, 1, 0]
        assert (total["satisfaction"]["satisfied"], total["satisfaction"]["satisfied_percent"]) == (2, 67)

    def test_per_challenge(self, data):
        rows = survey_results(year=2008)["challenges"]

        assert [row["challenge"] for row in rows] == [data["first"], data["second"]]
        assert [(row["sent"], row["answered"], steps(row)) for row in rows] == [
            (3, 2, [1, 1, 0, 0]), (2, 1, [0, 0, 1, 0])]

    def test_per_requester_with_the_administrations_apart(self, data):
        results = survey_results(year=2008)

        assert [(row["requester"], row["sent"], row["answered"], row["response_rate"])
                for row in results["administrations"]] == [(data["administration"], 3, 2, 67)]
        assert [(row["requester"], row["sent"], row["answered"], steps(row))
                for row in results["other_requesters"]] == [(data["association"], 2, 1, [0, 0, 1, 0])]

    def test_per_question(self, data):
        items = {(item["question"].questionnaire.kind, item["question"].position): item
                 for item in survey_results(year=2008)["questions"]}

        assert steps(items[("requisition", 1)]) == [1, 1, 0, 0]
        assert steps(items[("requisition", 2)]) == [1, 0, 0, 1]
        assert (items[("requisition", 3)]["yes"], items[("requisition", 3)]["no"]) == (2, 0)
        assert items[("requisition", 5)]["answered"] == 1
        assert steps(items[("advisory", 1)]) == [0, 0, 1, 0]
        assert ("advisory", 4) not in items  # nobody wrote a comment


class TestWhoSeesTheResults:
    def test_anonymous_is_sent_to_the_login(self, client):
        response = client.get(RESULTS)

        assertRedirects(response, f"/login/?next={RESULTS}")

    @pytest.mark.parametrize("user", ["consultant", "manager", "administrator"])
    def test_every_role_sees_them(self, client, request, user, plan):
        response = login(client, request.getfixturevalue(user)).get(RESULTS)

        assertContains(response, "Tilfredshedsmåling 2008")
        assertContains(response, "Der er ikke sendt spørgeskemaer om arbejde i 2008 endnu.")


class TestQuotes:
    @pytest.fixture
    def comment(self, invitation):
        return AnswerFactory(response=ResponseFactory(invitation=invitation), text="TFI gjorde en forskel for os.")

    def quote(self, client, answer, value: str, **extra):
        return client.post(reverse("surveys:answer_quote", args=[answer.pk]), {"is_report_quote": value, **extra})

    def test_a_consultant_may_not_mark_a_quote(self, client, consultant, comment):
        response = self.quote(login(client, consultant), comment, "1")

        assert response.status_code == 403
        comment.refresh_from_db()
        assert comment.is_report_quote is False

    def test_a_consultant_is_not_offered_the_button(self, client, consultant, comment):
        response = login(client, consultant).get(RESULTS, {"year": 2008})

        assertContains(response, "TFI gjorde en forskel for os.")
        assertNotContains(response, "Citér i årsrapporten")

    def test_management_marks_and_unmarks_a_quote(self, client, manager, comment):
        login(client, manager)
        page = client.get(RESULTS, {"year": 2008})

        marked = self.quote(client, comment, "1", next="/tilfredshed/?year=2008#fritekst")
        comment.refresh_from_db()
        assert comment.is_report_quote is True
        unmarked = self.quote(client, comment, "0")
        comment.refresh_from_db()

        assertContains(page, "Citér i årsrapporten")
        assertRedirects(marked, "/tilfredshed/?year=2008#fritekst", fetch_redirect_response=False)
        assert messages_of(marked) == ["Svaret citeres i årsrapporten."]
        assertRedirects(unmarked, RESULTS, fetch_redirect_response=False)
        assert messages_of(unmarked)[-1] == "Svaret citeres ikke længere i årsrapporten."
        assert comment.is_report_quote is False

    def test_the_administrator_may_mark_a_quote(self, client, administrator, comment):
        self.quote(login(client, administrator), comment, "1")

        comment.refresh_from_db()
        assert comment.is_report_quote is True

    def test_an_answer_that_is_not_free_text_cannot_be_marked(self, client, manager, invitation):
        headline = ResponseFactory(invitation=invitation).answers.get(question__is_headline=True)

        response = self.quote(login(client, manager), headline, "1")

        assert messages_of(response) == ["Kun et fritekstsvar kan citeres i rapporten."]
        headline.refresh_from_db()
        assert headline.is_report_quote is False

    def test_it_goes_back_inside_the_site_only(self, client, manager, comment):
        response = self.quote(login(client, manager), comment, "1", next="https://example.com/")

        assertRedirects(response, RESULTS, fetch_redirect_response=False)

    def test_it_only_accepts_posts(self, client, manager, comment):
        response = login(client, manager).get(reverse("surveys:answer_quote", args=[comment.pk]))

        assert response.status_code == 405


def test_percentages_round_halves_away_from_zero_as_the_reports_do(requisition):
    invitations = InvitationFactory.create_batch(8, requisition=requisition)
    for invitation in invitations[:5]:
        ResponseFactory(invitation=invitation)

    total = survey_results(year=2008)["total"]

    assert (total["sent"], total["answered"]) == (8, 5)
    assert total["response_rate"] == 63
