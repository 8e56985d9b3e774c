"""Each survey page makes a fixed number of queries, however much it shows.

Every test renders the page with little data and again with much (many invitations over all four
challenges, both kinds of work, many requesters, answers by link and on paper, a long questionnaire),
and pins the count: the same number both times, and that number is the bound. A change that adds a
query per row, per answer or per question fails here.

The staff pages are counted as a user sees them on a second look, with the reference cache warm
(core/reference_cache.py: each measured request follows one to the same address, made after the data;
new requesters or consultants replace the reference token, so the large case is warmed again). Their
permissions, the work plan years and the filters' choices then cost one query: the reference token.
"""

import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.choices import RequisitionStatus
from core.choices import OrganisationKind
from surveys.choices import Channel, QuestionKind, Satisfaction
from surveys.models import Answer, FailedLookup
from tests.factories import (
    AdministrationFactory,
    AdvisoryFactory,
    ChallengeFactory,
    ConsultantFactory,
    InvitationFactory,
    OrganisationFactory,
    QuestionFactory,
    QuestionnaireFactory,
    RequisitionFactory,
    ResponseFactory,
    WorkPlanFactory,
)

pytestmark = pytest.mark.django_db

# Measured on SQLite and PostgreSQL; each test's docstring says what the queries are.
ANSWER_PAGE = 2
RESULTS_PAGE = 12
INVITATION_LIST = 5
# The invitation's page: +1 for the access log's INSERT (it shows the contact person); it keeps no history.
INVITATION_DETAIL = 6
INVITATION_DETAIL_PAPER = 6
PAGE_SIZE = 25
TEXT_ANSWERS_PER_PAGE = 20
KINDS = itertools.cycle([QuestionKind.SCALE, QuestionKind.YES_NO, QuestionKind.TEXT])


class Surveys:
    """Invitations spread over four challenges, both kinds of work and many requesters; every other
    one answered, alternately by link and on paper, with a comment; a few expired."""

    def __init__(self):
        plan = WorkPlanFactory(year=2008)
        self.challenges = itertools.cycle([ChallengeFactory(work_plan=plan, number=n) for n in range(1, 5)])
        self.requesters = itertools.cycle(AdministrationFactory.create_batch(4) + OrganisationFactory.create_batch(
            4, kind=OrganisationKind.ASSOCIATION))
        self.consultants = itertools.cycle(ConsultantFactory.create_batch(5))
        self.count = 0

    def invitations(self, n: int) -> list:
        created = []
        for _ in range(n):
            self.count += 1
            consultant, requester = next(self.consultants), next(self.requesters)
            if self.count % 2:
                work = {"requisition": RequisitionFactory(
                    challenge=next(self.challenges), status=RequisitionStatus.FINISHED, date_finished="2008-06-01",
                    requesters=[requester, next(self.requesters)], created_by=consultant)}
            else:
                work = {"advisory": AdvisoryFactory(challenge=next(self.challenges), requester=requester,
                                                    consultant=consultant)}
            sent_at = timezone.now() - timezone.timedelta(days=90 if self.count % 7 == 0 else 5)
            invitation = InvitationFactory(**work, requester=requester, sent_at=sent_at,
                                           contact_name=f"Kontakt {self.count}")
            if self.count % 2 == 0 or self.count % 3 == 0:
                paper = self.count % 4 == 0
                ResponseFactory(invitation=invitation, channel=Channel.PAPER if paper else Channel.EMAIL,
                                entered_by=consultant if paper else None,
                                answers__satisfaction=Satisfaction.VERY_SATISFIED - self.count % 3,
                                answers__comment=f"Kommentar nummer {self.count}")
            created.append(invitation)
        return created


@pytest.fixture
def surveys(db):
    return Surveys()


def long_questionnaire(n: int = 40):
    """An extra version with `n` questions of every kind, the first the headline."""
    questionnaire = QuestionnaireFactory()
    for position in range(1, n + 1):
        QuestionFactory(questionnaire=questionnaire, position=position, kind=QuestionKind.SCALE if position == 1
                        else next(KINDS), required=position % 2 == 1, is_headline=position == 1)
    return questionnaire


def test_the_answer_page_makes_a_fixed_number_of_queries(
        client, surveys, django_assert_num_queries, django_assert_max_num_queries):
    """No session or user, and no failed look-ups (a valid link opens whatever they are): the invitation
    with its questionnaire, work and answer; the questions."""
    small = InvitationFactory(requisition=surveys.invitations(1)[0].requisition)
    surveys.invitations(30)
    FailedLookup.objects.bulk_create(FailedLookup(address=f"10.0.0.{n}") for n in range(1, 30))
    large = InvitationFactory(advisory=AdvisoryFactory(challenge=next(surveys.challenges)),
                              questionnaire=long_questionnaire())

    with django_assert_num_queries(ANSWER_PAGE):
        few = client.get(reverse("surveys:answer", args=[small.token]))
    with django_assert_max_num_queries(ANSWER_PAGE) as captured:
        many = client.get(reverse("surveys:answer", args=[large.token]))

    assert len(captured) == ANSWER_PAGE
    assert len(few.context["form"].fields) == 5
    assert len(many.context["form"].fields) == 40
    content = many.content.decode()
    assert all(f'id="div_id_q_{question.pk}"' in content for question in large.questionnaire.questions.all())


@pytest.mark.parametrize("user", ["consultant", "manager"])
def test_the_results_page_makes_a_fixed_number_of_queries(
        client, request, surveys, user, django_assert_num_queries, django_assert_max_num_queries):
    """Session, user, the reference token (permissions and work plan years from the reference cache);
    the invitations by challenge and requester, and the answers by challenge, requester, question and value (each once
    for requisitions, once for advisories); the questions answered with their questionnaires; the
    year's challenges; the requesters; the count and the page of free-text answers with their work
    and requester."""
    client.force_login(request.getfixturevalue(user))
    url = reverse("surveys:results")
    surveys.invitations(3)

    client.get(url)  # warms the reference cache: the count is a user's second look
    with django_assert_num_queries(RESULTS_PAGE):
        few = client.get(url)
    surveys.invitations(60)
    other_version = long_questionnaire(12)
    for _ in range(5):
        requisition = RequisitionFactory(challenge=next(surveys.challenges), status=RequisitionStatus.FINISHED,
                                         requesters=[next(surveys.requesters)])
        ResponseFactory(invitation=InvitationFactory(requisition=requisition, questionnaire=other_version),
                        answers__comment="Ny version")
    quotes = Answer.objects.filter(question__kind=QuestionKind.TEXT).exclude(text="").values_list("pk", flat=True)
    Answer.objects.filter(pk__in=list(quotes[:3])).update(is_report_quote=True)
    client.get(url)  # the new requesters and consultants replaced the reference token
    with django_assert_max_num_queries(RESULTS_PAGE) as captured:
        many = client.get(url)

    assert len(captured) == RESULTS_PAGE
    assert few.context["results"]["total"]["sent"] == 3
    results = many.context["results"]
    assert results["total"]["sent"] > 60
    assert len(results["administrations"]) == len(results["other_requesters"]) == 4
    assert len({item["question"].questionnaire_id for item in results["questions"]}) == 3
    answers = many.context["page_obj"].object_list
    assert len(answers) == TEXT_ANSWERS_PER_PAGE
    content = many.content.decode()
    assert all(answer.response.invitation.registration.title in content for answer in answers)


@pytest.mark.parametrize("user", ["consultant", "manager"])
def test_the_invitation_list_makes_a_fixed_number_of_queries(
        client, request, surveys, user, django_assert_num_queries, django_assert_max_num_queries):
    """Session, user, the reference token (permissions, work plan years and the challenge filter's
    choices from the reference cache); the row count; the page of invitations with their
    questionnaire, work, challenge, plan, requester, sender and answer."""
    client.force_login(request.getfixturevalue(user))
    url = reverse("surveys:invitation_list")
    surveys.invitations(3)

    client.get(url)  # warms the reference cache: the count is a user's second look
    with django_assert_num_queries(INVITATION_LIST):
        few = client.get(url)
    surveys.invitations(40)
    client.get(url)  # the new requesters and consultants replaced the reference token
    with django_assert_max_num_queries(INVITATION_LIST) as captured:
        many = client.get(url)

    assert len(captured) == INVITATION_LIST
    assert len(few.context["object_list"]) == 3
    rows = many.context["object_list"]
    assert len(rows) == PAGE_SIZE
    content = many.content.decode()
    assert all(row.requester.name in content and row.registration.title in content for row in rows)
    for state in ("Besvaret</span>", "Besvaret (papir)", "Afventer svar", "Udløbet uden svar"):
        assert state in content


@pytest.mark.parametrize("user", ["consultant", "manager"])
def test_the_invitation_detail_makes_a_fixed_number_of_queries(
        client, request, surveys, user, django_assert_num_queries, django_assert_max_num_queries):
    """Session, user, the reference token (permissions from the reference cache); the invitation with
    its questionnaire, work, challenge, plan, requester, sender and response; the answers with their
    questions. (The consultant sent it, so the right to delete needs no look-up of the administrator
    role; management may not delete.) The quote buttons management sees beside the free-text answers
    add nothing. The access log's INSERT."""
    viewer = request.getfixturevalue(user)
    client.force_login(viewer)
    small = ResponseFactory(invitation=InvitationFactory(
        requisition=RequisitionFactory(challenge=next(surveys.challenges), status=RequisitionStatus.FINISHED),
        sent_by=viewer))
    surveys.invitations(20)
    large = ResponseFactory(
        invitation=InvitationFactory(advisory=AdvisoryFactory(challenge=next(surveys.challenges)),
                                     questionnaire=long_questionnaire(), sent_by=viewer),
        answers__comment="En lang kommentar")
    quotes = Answer.objects.filter(response=large, question__kind=QuestionKind.TEXT).values_list("pk", flat=True)
    Answer.objects.filter(pk__in=list(quotes[:2])).update(is_report_quote=True)

    client.get(small.invitation.get_absolute_url())  # warms the reference cache
    with django_assert_num_queries(INVITATION_DETAIL):
        few = client.get(small.invitation.get_absolute_url())
    client.get(large.invitation.get_absolute_url())
    with django_assert_max_num_queries(INVITATION_DETAIL) as captured:
        many = client.get(large.invitation.get_absolute_url())

    assert len(captured) == INVITATION_DETAIL
    assert len(few.context["answers"]) == 4
    assert len(many.context["answers"]) == 40
    assert many.content.decode().count("En lang kommentar") == 13


def test_the_detail_of_a_paper_answer_loads_who_typed_it_in_with_the_rest(
        client, consultant, surveys, django_assert_num_queries):
    """As the detail above: the user who entered the answer comes with the invitation's own query."""
    client.force_login(consultant)
    invitation = InvitationFactory(advisory=AdvisoryFactory(challenge=next(surveys.challenges)),
                                   channel=Channel.PAPER, sent_by=consultant)
    response = ResponseFactory(invitation=invitation, entered_by=consultant, answers__comment="Papir")

    client.get(invitation.get_absolute_url())  # warms the reference cache
    with django_assert_num_queries(INVITATION_DETAIL_PAPER):
        page = client.get(invitation.get_absolute_url())

    assert response.entered_by.get_full_name() in page.content.decode()
