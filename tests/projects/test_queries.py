"""Each project page makes a fixed number of queries, however many rows it shows.

Every test renders the page with a few rows and again with many (each row with its own project,
organisation, area, consultant and challenge, some without a challenge, so a lookup per row would
show), and pins the count: the same number both times, and that number is the bound.

Each measured request follows a warm-up request to the same page, so the count is that of the reference
cache a user usually meets (core/reference_cache.py): the permissions, roles, choice lists, work plan
years and challenges come from the cache, and the request reads only the reference token.
"""

import datetime
import itertools

import pytest
from django.urls import reverse

from tests.factories import (
    AreaFactory,
    ChallengeFactory,
    ConsultantFactory,
    OrganisationFactory,
    ProjectFactory,
    ProjectVisitFactory,
    WorkPlanFactory,
)

pytestmark = pytest.mark.django_db

FEW, MANY = 5, 40
PAGE_SIZE = 25
JANUARY_1 = datetime.date(2008, 1, 1)

# Measured on SQLite and PostgreSQL, with the reference cache warm; each test's docstring says what
# the queries are.
PROJECT_LIST = 5
PROJECT_DETAIL = 7  # 5, + the change history and the access log's INSERT
VISIT_LIST = 7
VISIT_DETAIL = 5  # 4, + the change history
VISIT_PRINT = 4
GOOD_PRACTICE_PRINT = 4


class Register:
    """Projects and visits spread over organisations, areas, consultants and the 2008 challenges."""

    def __init__(self):
        plan = WorkPlanFactory(year=2008)
        self.challenges = itertools.cycle([None, *(ChallengeFactory(work_plan=plan, number=n) for n in range(1, 5))])
        self.organisations = itertools.cycle(OrganisationFactory.create_batch(7))
        self.areas = itertools.cycle([None, *AreaFactory.create_batch(5)])
        self.consultants = itertools.cycle(ConsultantFactory.create_batch(6))
        self.day = itertools.count()

    def projects(self, n: int, visits: int = 2) -> list:
        projects = [ProjectFactory(organisation=next(self.organisations), area=next(self.areas), is_active=i % 3 > 0)
                    for i in range(n)]
        for project in projects:
            self.visits(visits, project=project)
        return projects

    def visits(self, n: int, project=None, **kwargs) -> list:
        return [
            ProjectVisitFactory(
                project=project or self.projects(1, visits=0)[0], consultant=next(self.consultants),
                challenge=next(self.challenges), date=JANUARY_1 + datetime.timedelta(days=next(self.day) % 360),
                what_works=f"Hvad virker {i}", advice=f"Gode råd {i}", **kwargs)
            for i in range(n)
        ]


@pytest.fixture
def register():
    return Register()


def warm_up(client, url: str) -> None:
    """Fill the reference cache (permissions, roles, choice lists, work plan years) the way an earlier
    request would: the counts pinned here are those of a user's usual request, not of the first
    request after reference data changed."""
    assert client.get(url).status_code == 200


def measure(client, url, expected, more, django_assert_num_queries, django_assert_max_num_queries):
    """The page's queries with the rows there are, then again after `more()` adds many; each after a
    warm-up, as `more()` may add reference data (new projects) and so replace the reference token."""
    warm_up(client, url)
    with django_assert_num_queries(expected):
        few = client.get(url)
    more()
    warm_up(client, url)
    with django_assert_max_num_queries(expected) as captured:
        many = client.get(url)
    assert len(captured) == expected
    assert (few.status_code, many.status_code) == (200, 200)
    return few, many


@pytest.mark.parametrize("user", ["consultant", "manager"])
def test_the_project_list_makes_a_fixed_number_of_queries(
        client, request, register, user, django_assert_num_queries, django_assert_max_num_queries):
    """Session, user, the reference token (permissions and the filter choices come from the cache); the
    row count; the page of projects with organisation, area, visit count and latest visit in one
    query."""
    client.force_login(request.getfixturevalue(user))
    register.projects(FEW)

    few, many = measure(client, reverse("projects:project_list"), PROJECT_LIST, lambda: register.projects(MANY - FEW),
                        django_assert_num_queries, django_assert_max_num_queries)

    assert len(few.context["object_list"]) == FEW
    rows = many.context["object_list"]
    assert len(rows) == PAGE_SIZE
    content = many.content.decode()
    assert all(project.organisation.name in content for project in rows)
    assert {project.visit_count for project in rows} == {2}


def test_the_project_detail_makes_a_fixed_number_of_queries(
        client, consultant, register, django_assert_num_queries, django_assert_max_num_queries):
    """Session, user, the reference token (permissions come from the cache); the project with
    organisation and area; its visits with consultant, challenge and plan in one query; the change
    history with its users; the access log's INSERT (the project has a contact person)."""
    client.force_login(consultant)
    project = register.projects(1, visits=1)[0]

    few, many = measure(client, project.get_absolute_url(), PROJECT_DETAIL,
                        lambda: register.visits(MANY, project=project),
                        django_assert_num_queries, django_assert_max_num_queries)

    assert len(many.context["visits"]) == MANY + 1
    assert all(visit.consultant.get_full_name() in many.content.decode() for visit in many.context["visits"])


@pytest.mark.parametrize("user", ["consultant", "manager"])
def test_the_visit_list_makes_a_fixed_number_of_queries(
        client, request, register, user, django_assert_num_queries, django_assert_max_num_queries):
    """Session, user, the reference token (permissions, work plan years for the default year, the
    year's challenges and the filter choices come from the cache); the years with visits or a plan
    (the year choices, read once); counts per challenge (also the row count and the visits without a
    challenge); the year's good-practice count; the page of visits with project, organisation, area,
    consultant, challenge and plan in one query."""
    client.force_login(request.getfixturevalue(user))
    register.visits(FEW)

    few, many = measure(client, reverse("projects:projectvisit_list"), VISIT_LIST,
                        lambda: register.visits(MANY - FEW, is_good_practice=True),
                        django_assert_num_queries, django_assert_max_num_queries)

    assert len(few.context["object_list"]) == FEW
    rows = many.context["object_list"]
    assert len(rows) == PAGE_SIZE
    content = many.content.decode()
    assert all(visit.project.name in content and visit.consultant.get_full_name() in content for visit in rows)
    assert many.context["without_challenge"] == MANY // 5
    assert many.context["good_practice_count"] == MANY - FEW


def test_the_visit_detail_makes_a_fixed_number_of_queries(client, consultant, register, django_assert_num_queries):
    """Session, user, the reference token (permissions and roles, so the administrator check for the
    delete button, come from the cache); the visit with project, organisation, area, consultant,
    challenge, plan and creator; the change history with its users."""
    client.force_login(consultant)
    visit = register.visits(1)[0]
    warm_up(client, visit.get_absolute_url())

    with django_assert_num_queries(VISIT_DETAIL):
        response = client.get(visit.get_absolute_url())

    assert visit.project.organisation.name in response.content.decode()


def test_the_visit_note_makes_a_fixed_number_of_queries(client, consultant, register, django_assert_num_queries):
    """Session, user, the reference token (permissions come from the cache); the visit with everything
    its note prints."""
    client.force_login(consultant)
    visit = register.visits(1)[0]
    url = reverse("projects:projectvisit_print", args=[visit.pk])
    warm_up(client, url)

    with django_assert_num_queries(VISIT_PRINT):
        response = client.get(url)

    assert visit.project.organisation.name in response.content.decode()


def test_the_good_practice_document_makes_a_fixed_number_of_queries(
        client, manager, register, django_assert_num_queries, django_assert_max_num_queries):
    """Session, user, the reference token (permissions come from the cache); the year's flagged visits
    with everything each note prints, in one query."""
    client.force_login(manager)
    register.visits(FEW, is_good_practice=True)
    register.visits(FEW)

    few, many = measure(client, reverse("projects:good_practice_print", args=[2008]), GOOD_PRACTICE_PRINT,
                        lambda: register.visits(MANY, is_good_practice=True),
                        django_assert_num_queries, django_assert_max_num_queries)

    assert len(few.context["visits"]) == FEW
    assert len(many.context["visits"]) == FEW + MANY
    content = many.content.decode()
    assert all(visit.project.organisation.name in content for visit in many.context["visits"])
