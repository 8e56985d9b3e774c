"""Each page makes a fixed number of queries, however many rows it shows.

Every test renders the page with a few rows and again with many (each requisition with two requesters,
two consultants and an area, so a lookup per row or per related object would show), and pins the
count: the same number both times, and that number is the bound. A change that adds an N+1 fails here.

Each measured request follows a warm-up request to the same page, so the count is that of the reference
cache a user usually meets (core/reference_cache.py): the permissions, roles, choice lists, work plan
years and challenges come from the cache, and the request reads only the reference token.
"""

import itertools

import pytest
from django.urls import reverse

from cases.choices import RequisitionStatus
from cases.models import Advisory, Requisition
from core.choices import OrganisationKind
from tests.factories import (
    AdministrationFactory,
    AdvisoryFactory,
    AreaFactory,
    ChallengeFactory,
    ConsultantFactory,
    OrganisationFactory,
    RequisitionFactory,
    WorkPlanFactory,
)
from tests.helpers import warm_up

pytestmark = pytest.mark.django_db

FEW, MANY = 5, 40
FEW_ADVISORIES, MANY_ADVISORIES = 5, 60

# Measured on SQLite and PostgreSQL, with the reference cache warm; each test's docstring says what
# the queries are.
REQUISITION_LIST = 7
ADVISORY_LIST = 5
HOME_CONSULTANT = 9
HOME_MANAGER = 6
# The detail pages: +2 for the change history (one query) and the access log (one INSERT).
REQUISITION_DETAIL = 12
ADVISORY_DETAIL = 8
PAGE_SIZE = 25


class Register:
    """Rows spread over four challenges, many requesters, consultants and areas."""

    def __init__(self, consultant):
        plan = WorkPlanFactory(year=2008)
        self.consultant = consultant
        self.challenges = itertools.cycle([ChallengeFactory(work_plan=plan, number=n) for n in range(1, 5)])
        self.areas = itertools.cycle(AreaFactory.create_batch(6))
        self.organisations = itertools.cycle(
            AdministrationFactory.create_batch(4) + OrganisationFactory.create_batch(4)
            + OrganisationFactory.create_batch(3, kind=OrganisationKind.HOUSING))
        self.colleagues = itertools.cycle(ConsultantFactory.create_batch(6))
        self.statuses = itertools.cycle([RequisitionStatus.RECEIVED, RequisitionStatus.IN_PROGRESS])

    def requisitions(self, n: int, **kwargs):
        """Open requisitions the consultant is responsible for, each with two requesters."""
        return [
            RequisitionFactory(
                challenge=next(self.challenges), area=next(self.areas), status=next(self.statuses),
                created_by=self.consultant if i % 2 else next(self.colleagues), participants=i,
                requesters=[next(self.organisations), next(self.organisations)],
                consultants=[self.consultant, next(self.colleagues)], **kwargs)
            for i in range(n)
        ]

    def advisories(self, n: int):
        return [
            AdvisoryFactory(challenge=next(self.challenges), area=next(self.areas),
                            requester=next(self.organisations),
                            consultant=self.consultant if i % 2 else next(self.colleagues),
                            created_by=next(self.colleagues))
            for i in range(n)
        ]


@pytest.fixture
def register(consultant):
    return Register(consultant)


def names(response, rows, attribute: str) -> None:
    """The page shows the related names of every row it lists (so the prefetches are really used)."""
    content = response.content.decode()
    for row in rows:
        for related in getattr(row, attribute).all():
            assert related.name in content, related.name


@pytest.mark.parametrize("user", ["consultant", "manager"])
def test_the_requisition_list_makes_a_fixed_number_of_queries(
        client, request, register, user, django_assert_num_queries, django_assert_max_num_queries):
    """Session, user, the reference token (permissions, work plan years, the year's challenges and the
    filter choices come from the cache); counts per challenge (also the row count); the page of rows
    with challenge and plan joined; their requesters; their consultants."""
    client.force_login(request.getfixturevalue(user))
    url = reverse("cases:requisition_list")
    register.requisitions(FEW)
    warm_up(client, url)

    with django_assert_num_queries(REQUISITION_LIST):
        few = client.get(url)
    register.requisitions(MANY - FEW)
    with django_assert_max_num_queries(REQUISITION_LIST) as captured:
        many = client.get(url)

    assert len(captured) == REQUISITION_LIST
    assert len(few.context["object_list"]) == FEW
    assert len(many.context["object_list"]) == PAGE_SIZE
    names(many, many.context["object_list"], "requesters")


@pytest.mark.parametrize("user", ["consultant", "manager"])
def test_the_advisory_list_makes_a_fixed_number_of_queries(
        client, request, register, user, django_assert_num_queries, django_assert_max_num_queries):
    """Session, user, the reference token; counts per challenge (also the row count); the page of rows
    with challenge, plan, requester, consultant and area joined (no prefetches)."""
    client.force_login(request.getfixturevalue(user))
    url = reverse("cases:advisory_list")
    register.advisories(FEW_ADVISORIES)
    warm_up(client, url)

    with django_assert_num_queries(ADVISORY_LIST):
        few = client.get(url)
    register.advisories(MANY_ADVISORIES - FEW_ADVISORIES)
    with django_assert_max_num_queries(ADVISORY_LIST) as captured:
        many = client.get(url)

    assert len(captured) == ADVISORY_LIST
    assert len(few.context["object_list"]) == FEW_ADVISORIES
    rows = many.context["object_list"]
    assert len(rows) == PAGE_SIZE
    content = many.content.decode()
    assert all(advisory.requester.name in content for advisory in rows)


def matching(rows, text: str) -> set[int]:
    """The ids of the rows whose title, description or a requester's name contains `text`, by Python."""
    def names(row):
        return [row.requester.name] if hasattr(row, "requester") else [org.name for org in row.requesters.all()]
    return {row.pk for row in rows
            if any(text.lower() in value.lower() for value in [row.title, row.description, *names(row)])}


@pytest.mark.parametrize(("name", "make", "model", "expected", "word"), [
    ("cases:requisition_list", "requisitions", Requisition, REQUISITION_LIST, "Rekvirering"),
    ("cases:advisory_list", "advisories", Advisory, ADVISORY_LIST, "Rådgivning")])
@pytest.mark.parametrize("by", ["word", "requester"])
def test_a_search_over_every_year_makes_as_many_queries_as_the_list(
        client, consultant, register, name, make, model, expected, word, by, django_assert_num_queries):
    """The same queries as the list, whether the search names requesters or not (a word in every
    title): the organisations it names come from the reference cache, the counts per challenge are
    one query and the page's rows another, whichever shape each has."""
    text = word if by == "word" else "forvaltning"  # AdministrationFactory's names
    client.force_login(consultant)
    url = reverse(name) + f"?year=&q={text}"
    getattr(register, make)(FEW)
    warm_up(client, url)
    getattr(register, make)(MANY - FEW)

    with django_assert_num_queries(expected):
        response = client.get(url)

    found = matching(model.objects.all(), text)
    assert response.context["paginator"].count == len(found) > 0
    assert {row.pk for row in response.context["object_list"]} <= found
    assert len(response.context["object_list"]) == min(PAGE_SIZE, len(found))


def test_the_start_page_of_a_consultant_makes_a_fixed_number_of_queries(
        client, consultant, register, django_assert_num_queries, django_assert_max_num_queries):
    """Session, user, the reference token (permissions, work plan years, the challenge list and the
    quick form's choices come from the cache); the challenge table's counts (the year's counts as kept,
    read with its token, and, since a registration has replaced it, requisitions and advisories per
    challenge counted, one UNION ALL, not kept: reports/selectors/figures.py, year_counts); the held events
    missing their actual participants; open requisitions; latest requisitions; latest advisories."""
    client.force_login(consultant)
    register.requisitions(FEW)
    register.advisories(FEW_ADVISORIES)
    warm_up(client, "/")

    with django_assert_num_queries(HOME_CONSULTANT):
        few = client.get("/")
    register.requisitions(MANY - FEW)
    register.advisories(MANY_ADVISORIES - FEW_ADVISORIES)
    with django_assert_max_num_queries(HOME_CONSULTANT) as captured:
        many = client.get("/")

    assert len(captured) == HOME_CONSULTANT
    assert len(few.context["open_requisitions"]) == FEW
    assert len(many.context["open_requisitions"]) == 20
    assert many.context["table"]["requisitions"] == MANY
    assert many.context["table"]["advisories"] == MANY_ADVISORIES


def test_the_start_page_of_management_makes_a_fixed_number_of_queries(
        client, manager, register, django_assert_num_queries, django_assert_max_num_queries):
    """Session, user, the reference token; the challenge table's counts (the year's counts as kept, and,
    since a registration has replaced its token, requisitions and advisories per challenge counted, one
    UNION ALL); whether the last finished year's report is approved (reports.selectors.approval)."""
    client.force_login(manager)
    register.requisitions(FEW)
    register.advisories(FEW_ADVISORIES)
    warm_up(client, "/")

    with django_assert_num_queries(HOME_MANAGER):
        few = client.get("/")
    register.requisitions(MANY - FEW)
    register.advisories(MANY_ADVISORIES - FEW_ADVISORIES)
    with django_assert_max_num_queries(HOME_MANAGER) as captured:
        many = client.get("/")

    assert len(captured) == HOME_MANAGER
    assert few.context["table"]["requisitions"] == FEW
    assert many.context["table"]["requisitions"] == MANY


def test_the_requisition_detail_makes_a_fixed_number_of_queries(
        client, consultant, register, django_assert_num_queries, django_assert_max_num_queries):
    """Session, user, the reference token (permissions and roles come from the cache); the requisition
    with challenge, plan and area; its requesters; its consultants; its events; its deliverables; the
    questionnaires sent about it; its creator; the change history with its users; the access log's
    INSERT (the page shows personal data)."""
    client.force_login(consultant)
    small = register.requisitions(1)[0]
    large = register.requisitions(1)[0]
    large.requesters.set(OrganisationFactory.create_batch(10))
    large.consultants.set([consultant, *ConsultantFactory.create_batch(9)])
    warm_up(client, small.get_absolute_url())

    with django_assert_num_queries(REQUISITION_DETAIL):
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(REQUISITION_DETAIL) as captured:
        response = client.get(large.get_absolute_url())

    assert len(captured) == REQUISITION_DETAIL
    names(response, [large], "requesters")
    assert response.context["can_delete"] is True


def test_the_advisory_detail_makes_a_fixed_number_of_queries(
        client, consultant, register, django_assert_num_queries):
    """Session, user, the reference token (permissions and roles come from the cache); the advisory with
    challenge, plan, requester, consultant and area; the questionnaires sent about it; its creator;
    the change history with its users; the access log's INSERT."""
    client.force_login(consultant)
    advisory = register.advisories(2)[1]
    assert advisory.consultant == consultant
    warm_up(client, advisory.get_absolute_url())

    with django_assert_num_queries(ADVISORY_DETAIL):
        response = client.get(advisory.get_absolute_url())

    assert advisory.requester.name in response.content.decode()
