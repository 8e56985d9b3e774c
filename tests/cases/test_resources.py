"""Resources: the FTE the work plan sets aside per task and per challenge against the hours registered,
converted with settings.HOURS_PER_FTE; the page that shows them (with its query count)."""

import datetime
import itertools
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from core import reference_cache
from core.choices import Task
from reports.selectors.figures import fte_overview
from tests.factories import (
    AdvisoryFactory,
    ChallengeFactory,
    DeliverableFactory,
    EventFactory,
    FteAllocationFactory,
    ProjectVisitFactory,
    RequisitionFactory,
    SteeringGroupMembershipFactory,
    WorkPlanFactory,
)
from tests.helpers import login, warm_up

pytestmark = pytest.mark.django_db

OVERVIEW_QUERIES = 10
RESOURCES_PAGE = 13  # with the reference cache warm


@pytest.fixture
def plan():
    return WorkPlanFactory(year=2008, total_fte=4)


@pytest.fixture
def challenges(plan):
    return {number: ChallengeFactory(work_plan=plan, number=number, short_label=f"Udf. {number}")
            for number in (2, 1)}


@pytest.fixture
def year_2008(plan, challenges):
    """A plan of 4 FTE, 3 of them given to tasks, and 1,189.8 hours registered over the year."""
    one, two = challenges[1], challenges[2]
    FteAllocationFactory(work_plan=plan, task=Task.CASES, challenge=one, fte=Decimal("1.00"))
    FteAllocationFactory(work_plan=plan, task=Task.CASES, challenge=two, fte=Decimal("0.50"))
    FteAllocationFactory(work_plan=plan, task=Task.EVENTS, challenge=None, fte=Decimal("0.75"))
    FteAllocationFactory(work_plan=plan, task=Task.STEERING_GROUPS, challenge=one, fte=Decimal("0.25"))
    FteAllocationFactory(work_plan=plan, task=Task.OTHER, challenge=None, fte=Decimal("0.50"))
    RequisitionFactory(challenge=one, hours=400)
    RequisitionFactory(challenge=two, hours=214)
    RequisitionFactory(challenge=two, hours=None)
    AdvisoryFactory(challenge=one, hours=200)
    EventFactory(challenge=one, hours=100)
    DeliverableFactory(challenge=two, hours=63)
    SteeringGroupMembershipFactory(challenge=one, start=datetime.date(2008, 1, 1), hours=Decimal("81.4"))
    SteeringGroupMembershipFactory(challenge=None, start=datetime.date(2008, 5, 1), hours=Decimal("81.4"))
    ProjectVisitFactory(date=datetime.date(2008, 6, 1), hours=50)
    other_year = ChallengeFactory(work_plan=WorkPlanFactory(year=2007), number=1)
    RequisitionFactory(challenge=other_year, hours=999)
    EventFactory(challenge=other_year, hours=999)
    FteAllocationFactory(work_plan=other_year.work_plan, task=Task.CASES, fte=Decimal("2.00"))


def per_task(overview) -> dict:
    return {row["task"]: (row["planned"], row["hours"], row["registered"]) for row in overview["tasks"]}


class TestFteOverview:
    def test_it_sets_planned_fte_against_registered_hours_per_task(self, year_2008, django_assert_num_queries):
        with reference_cache.scope():  # as in a request: the reference token read once
            fte_overview(year=2008)  # the year's challenges into the reference cache
            with django_assert_num_queries(OVERVIEW_QUERIES):
                overview = fte_overview(year=2008)

        assert per_task(overview) == {
            Task.CASES: (Decimal("1.50"), Decimal("814"), Decimal("0.50")),
            Task.PROJECT_VISITS: (Decimal("0"), Decimal("50"), Decimal("0.03")),
            Task.EVENTS: (Decimal("0.75"), Decimal("163"), Decimal("0.10")),
            Task.STEERING_GROUPS: (Decimal("0.25"), Decimal("162.8"), Decimal("0.10")),
            Task.OTHER: (Decimal("0.50"), Decimal("0"), Decimal("0.00")),
        }
        assert [row["label"] for row in overview["tasks"]] == [
            "Rekvireringer og rådgivninger", "Projektbesøg og vidensdeling", "Arrangementer og leverancer",
            "Styregrupper og lokale indsatser", "Øvrige opgaver"]

    def test_it_sets_planned_fte_against_registered_hours_per_challenge(self, year_2008, challenges):
        overview = fte_overview(year=2008)

        assert [(row["challenge"], row["planned"], row["hours"], row["registered"])
                for row in overview["challenges"]] == [
            (challenges[1], Decimal("1.25"), Decimal("781.4"), Decimal("0.48")),
            (challenges[2], Decimal("0.50"), Decimal("277"), Decimal("0.17")),
        ]
        assert overview["unassigned"] == {"planned": Decimal("1.25"), "hours": Decimal("131.4"),
                                          "registered": Decimal("0.08")}

    def test_it_gives_the_totals(self, year_2008, plan):
        overview = fte_overview(year=2008)

        assert overview["plan"] == plan
        assert (overview["planned_total"], overview["planned_allocated"]) == (Decimal("4"), Decimal("3.00"))
        assert (overview["hours_total"], overview["registered_total"]) == (Decimal("1189.8"), Decimal("0.73"))
        assert overview["hours_per_fte"] == Decimal("1628")

    def test_it_converts_with_the_hours_per_fte_setting(self, year_2008, settings):
        settings.HOURS_PER_FTE = 1000

        overview = fte_overview(year=2008)

        assert per_task(overview)[Task.CASES][2] == Decimal("0.81")
        assert overview["registered_total"] == Decimal("1.19")
        assert overview["hours_per_fte"] == Decimal("1000")

    def test_a_year_without_registrations_has_zero_hours(self, plan, challenges):
        FteAllocationFactory(work_plan=plan, task=Task.CASES, challenge=challenges[1], fte=2)

        overview = fte_overview(year=2008)

        assert per_task(overview)[Task.CASES] == (Decimal("2"), Decimal("0"), Decimal("0.00"))
        assert overview["hours_total"] == 0
        assert [row["hours"] for row in overview["challenges"]] == [0, 0]

    def test_the_hours_per_challenge_add_up_to_the_hours_per_task(self, plan, challenges):
        started_2007 = ChallengeFactory(work_plan=WorkPlanFactory(year=2007), number=1)
        SteeringGroupMembershipFactory(challenge=started_2007, start=datetime.date(2007, 3, 1), hours=100)
        RequisitionFactory(challenge=challenges[1], hours=10)

        overview = fte_overview(year=2008)

        by_challenge = sum(row["hours"] for row in overview["challenges"]) + overview["unassigned"]["hours"]
        assert by_challenge == overview["hours_total"]


def cells(html: str, heading: str) -> list[str]:
    """The cells after a row's heading in the page's tables."""
    row = re.search(rf'<th scope="row">{re.escape(heading)}</th>(.*?)</tr>', html, re.S).group(1)
    return [cell.strip() for cell in re.findall(r'<td class="text-end">(.*?)</td>', row, re.S)]


class TestResourcesPage:
    url = reverse("reports:resources")

    def test_it_requires_login(self, client, plan):
        assertRedirects(client.get(self.url), f"/login/?next={self.url}")

    def test_management_sees_the_numbers(self, client, manager, year_2008):
        response = login(client, manager).get(self.url)

        assert response.status_code == 200
        assert response.context["year"] == 2008
        html = response.content.decode()
        assertContains(response, "Ressourcer 2008")
        assertContains(response, "Registrerede timer omregnes med 1628 timer pr. årsværk.")
        assert cells(html, "Rekvireringer og rådgivninger") == ["1,50", "814,0", "0,50"]
        assert cells(html, "Styregrupper og lokale indsatser") == ["0,25", "162,8", "0,10"]
        assert cells(html, "1. Udf. 1") == ["1,25", "781,4", "0,48"]
        assert cells(html, "På tværs af udfordringerne") == ["1,25", "131,4", "0,08"]
        assert re.search(r'<th scope="row">I alt</th><td class="text-end">3,00</td>'
                         r'<td class="text-end">1.189,8</td><td class="text-end">0,73</td>', html)  # thousands grouped

    def test_management_gets_no_link_to_change_the_plan(self, client, manager, plan):
        response = login(client, manager).get(self.url)

        assertNotContains(response, "Ret arbejdsplanens fordeling af årsværk")

    def test_the_administrator_gets_a_link_to_change_the_plan(self, client, administrator, plan):
        response = login(client, administrator).get(self.url)

        assertContains(response, reverse("admin:core_workplan_change", args=[plan.pk]))

    def test_a_consultant_sees_the_page(self, client, consultant, year_2008):
        response = login(client, consultant).get(self.url)

        assert response.status_code == 200
        assertContains(response, "Pr. udfordring")

    def test_it_shows_another_year_on_request(self, client, manager, year_2008):
        response = login(client, manager).get(self.url, {"year": "2007"})

        assert response.context["overview"]["year"] == 2007
        assert cells(response.content.decode(), "Rekvireringer og rådgivninger") == ["2,00", "999,0", "0,61"]

    @pytest.mark.parametrize("year", ["abc", "1999"])
    def test_it_falls_back_to_the_default_year(self, client, manager, plan, year):
        response = login(client, manager).get(self.url, {"year": year})

        assert response.context["year"] == 2008

    def test_it_explains_that_there_is_no_work_plan_yet(self, client, manager):
        response = login(client, manager).get(self.url)

        assert response.status_code == 200
        assertContains(response, "Der er ingen arbejdsplan endnu.")


def test_the_resources_page_makes_a_fixed_number_of_queries(
        client, manager, plan, challenges, django_assert_num_queries, django_assert_max_num_queries):
    """Session, user, the reference token (permissions, work plan years and the default year come from
    the cache); the overview's ten (plan, allocations, hours per source in one, hours per challenge of
    each of six sources, the year's challenges)."""
    client.force_login(manager)
    cycle = itertools.cycle(challenges.values())
    for task in Task:
        FteAllocationFactory(work_plan=plan, task=task, challenge=None, fte=Decimal("0.5"))

    def register(n: int) -> None:
        for _ in range(n):
            challenge = next(cycle)
            RequisitionFactory(challenge=challenge, hours=3, requesters=[])
            AdvisoryFactory(challenge=challenge, hours=1)
            EventFactory(challenge=challenge, hours=5)
            DeliverableFactory(challenge=challenge, hours=2)
            SteeringGroupMembershipFactory(challenge=challenge, start=datetime.date(2008, 1, 1), hours=4)
            ProjectVisitFactory(date=datetime.date(2008, 6, 1), hours=6)

    register(3)
    warm_up(client, reverse("reports:resources"))
    with django_assert_num_queries(RESOURCES_PAGE):
        few = client.get(reverse("reports:resources"))
    register(37)
    warm_up(client, reverse("reports:resources"))  # the new rows brought new users, organisations and projects
    with django_assert_max_num_queries(RESOURCES_PAGE) as captured:
        many = client.get(reverse("reports:resources"))

    assert len(captured) == RESOURCES_PAGE
    assert few.context["overview"]["hours_total"] == 3 * 21
    assert many.context["overview"]["hours_total"] == 40 * 21
