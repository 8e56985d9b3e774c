"""The year's figures: participants counted once and never from expectations, the headline counts, the
comparison with the year before, and the page that shows them (with its query count)."""

import datetime
import itertools
import re

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from cases.choices import DeliverableStatus
from core import reference_cache
from core.figures import change_percent
from reports.selectors.figures import participants_total, year_comparison, year_figures
from tests.factories import (
    AdvisoryFactory,
    ChallengeFactory,
    DeliverableFactory,
    EventFactory,
    OrganisationFactory,
    ProjectVisitFactory,
    RequisitionFactory,
    SteeringGroupMembershipFactory,
    WorkPlanFactory,
)
from tests.helpers import MADE_AND_STORED, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge():
    return ChallengeFactory(work_plan=WorkPlanFactory(year=2008, total_fte=4), number=1)


@pytest.fixture
def challenge_2007():
    return ChallengeFactory(work_plan=WorkPlanFactory(year=2007, total_fte=3), number=1)


@pytest.fixture
def future_challenge():
    return ChallengeFactory(work_plan=WorkPlanFactory(year=in_two_months().year), number=1)


def in_two_months() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=60)


class TestParticipantsTotal:
    def test_it_adds_held_events_and_requisitions_without_events_never_expectations(
            self, challenge, django_assert_num_queries):
        EventFactory(challenge=challenge, participants=600, participants_expected=500)
        EventFactory(challenge=challenge, participants_expected=60)  # held, actual figure missing
        RequisitionFactory(challenge=challenge, participants=40)
        RequisitionFactory(challenge=challenge, participants=None)
        held_as_event = RequisitionFactory(challenge=challenge, participants=None)
        EventFactory(challenge=challenge, requisition=held_as_event, participants=45)

        with reference_cache.scope():  # as in a request: the reference token read once
            participants_total(year=2008)  # the year's challenges into the reference cache
            with django_assert_num_queries(1):  # the grouped counts of requisitions and events (a UNION ALL)
                total = participants_total(year=2008)

        assert total == {"actual": 685, "from_events": 645, "from_requisitions": 40, "expected": 0}

    def test_a_requisition_held_as_two_events_counts_through_the_events_once(self, challenge):
        requisition = RequisitionFactory(challenge=challenge, participants=None)
        EventFactory.create_batch(2, challenge=challenge, requisition=requisition, participants=30)

        assert participants_total(year=2008)["actual"] == 60

    def test_a_requisition_keeps_its_participants_when_its_event_has_none(self, challenge):
        requisition = RequisitionFactory(challenge=challenge, participants=40)
        EventFactory(challenge=challenge, requisition=requisition, participants=None)

        assert participants_total(year=2008)["actual"] == 40

    def test_it_gives_the_expected_participants_of_events_not_yet_held_apart(
            self, future_challenge, django_assert_num_queries):
        EventFactory(challenge=future_challenge, date=in_two_months(), participants_expected=90)
        EventFactory(challenge=future_challenge, date=in_two_months(), participants_expected=10)
        RequisitionFactory(challenge=future_challenge, date_received=in_two_months(), participants=None)

        with reference_cache.scope():  # as in a request: the reference token read once
            participants_total(year=in_two_months().year)  # the year's challenges into the reference cache
            with django_assert_num_queries(1):  # the grouped counts of requisitions and events (a UNION ALL)
                total = participants_total(year=in_two_months().year)

        assert total == {"actual": 0, "from_events": 0, "from_requisitions": 0, "expected": 100}

    def test_other_years_do_not_count(self, challenge, challenge_2007):
        EventFactory(challenge=challenge_2007, participants=500)
        RequisitionFactory(challenge=challenge_2007, participants=20)
        EventFactory(challenge=challenge, participants=7)

        assert participants_total(year=2008)["actual"] == 7
        assert participants_total(year=2007)["actual"] == 520

    def test_a_year_without_a_plan_has_none(self, challenge):
        EventFactory(challenge=challenge, participants=7)

        assert participants_total(year=2011) == {"actual": 0, "from_events": 0, "from_requisitions": 0,
                                                 "expected": 0}


class TestYearFigures:
    def test_it_counts_the_years_registrations(self, challenge, challenge_2007, django_assert_num_queries):
        RequisitionFactory.create_batch(3, challenge=challenge, requesters=OrganisationFactory.create_batch(2))
        AdvisoryFactory.create_batch(2, challenge=challenge)
        EventFactory.create_batch(4, challenge=challenge)
        DeliverableFactory(challenge=challenge, status=DeliverableStatus.DELIVERED)
        DeliverableFactory(challenge=challenge, status=DeliverableStatus.REPLACED)
        DeliverableFactory(challenge=challenge)
        ProjectVisitFactory(date=datetime.date(2008, 6, 1), is_good_practice=True)
        ProjectVisitFactory(date=datetime.date(2008, 8, 1))
        SteeringGroupMembershipFactory(start=datetime.date(2007, 3, 1))  # open-ended: active in 2008
        SteeringGroupMembershipFactory(start=datetime.date(2008, 3, 1), end=datetime.date(2008, 9, 1))
        SteeringGroupMembershipFactory(start=datetime.date(2006, 3, 1), end=datetime.date(2007, 9, 1))
        RequisitionFactory(challenge=challenge_2007)
        EventFactory(challenge=challenge_2007)

        with reference_cache.scope():  # as in a request: the reference token read once
            year_figures(year=2008)  # the year's challenges into the reference cache
            with django_assert_num_queries(1):  # the year's counts, kept by the first call (the plan: cached)
                figures = year_figures(year=2008)

        assert {key: value for key, value in figures.items() if key != "participants"} == {
            "total_fte": 4, "requisitions": 3, "advisories": 2, "events": 4, "project_visits": 2,
            "good_practice": 1, "deliverables": 3, "deliverables_delivered": 1, "steering_groups": 2}
        assert figures["participants"]["actual"] == 0

    def test_a_year_without_a_plan_has_no_figures(self, challenge):
        assert year_figures(year=2011) is None


@pytest.mark.parametrize(("current", "previous", "change"), [
    (46, 40, 15), (40, 46, -13), (40, 40, 0), (0, 10, -100), (5, 0, None), (5, None, None), (None, 40, None),
])
def test_change_percent(current, previous, change):
    assert change_percent(current, previous) == change


class TestYearComparison:
    def rows(self, comparison) -> dict:
        return {row["key"]: (row["value"], row["previous"], row["change"]) for row in comparison["rows"]}

    def test_it_sets_the_year_against_the_year_before(self, challenge, challenge_2007):
        RequisitionFactory.create_batch(46, challenge=challenge, requesters=[])
        RequisitionFactory.create_batch(40, challenge=challenge_2007, requesters=[])
        EventFactory(challenge=challenge, participants=300)
        EventFactory(challenge=challenge_2007, participants=400)
        AdvisoryFactory(challenge=challenge)

        comparison = year_comparison(year=2008)

        assert comparison["has_previous"] is True
        rows = self.rows(comparison)
        assert rows["requisitions"] == (46, 40, 15)
        assert rows["events"] == (1, 1, 0)
        assert rows["participants"] == (300, 400, -25)
        assert rows["advisories"] == (1, 0, None)
        assert list(rows) == ["requisitions", "advisories", "project_visits", "good_practice", "events",
                              "participants", "deliverables_delivered", "steering_groups"]

    def test_it_has_no_change_where_the_year_before_has_no_plan(self, challenge):
        RequisitionFactory.create_batch(3, challenge=challenge, requesters=[])

        comparison = year_comparison(year=2008)

        assert comparison["has_previous"] is False
        assert self.rows(comparison)["requisitions"] == (3, None, None)
        assert all(row["change"] is None and row["previous"] is None for row in comparison["rows"])

    def test_a_year_before_with_under_a_tenth_of_the_registrations_gives_no_changes(self, challenge, challenge_2007):
        """As the 2008 demo's stub 2007 (one event): "+2.200 %" would read as growth."""
        EventFactory.create_batch(23, challenge=challenge)
        RequisitionFactory.create_batch(8, challenge=challenge, requesters=[])
        EventFactory(challenge=challenge_2007)  # 1 of 31: under a tenth

        comparison = year_comparison(year=2008)

        assert comparison["has_previous"] is True and comparison["comparable"] is False
        assert self.rows(comparison)["events"] == (23, 1, None)
        assert all(row["change"] is None for row in comparison["rows"])

    def test_a_tenth_of_the_registrations_is_enough(self, challenge, challenge_2007):
        EventFactory.create_batch(20, challenge=challenge)
        RequisitionFactory.create_batch(2, challenge=challenge_2007, requesters=[])  # 2 of 20

        comparison = year_comparison(year=2008)

        assert comparison["comparable"] is True
        assert self.rows(comparison)["requisitions"] == (0, 2, -100)

    def test_a_year_without_a_plan_has_no_comparison(self, challenge):
        assert year_comparison(year=2011) is None


class TestYearFiguresPage:
    url = reverse("reports:year_figures")

    def test_it_requires_login(self, client, challenge):
        assertRedirects(client.get(self.url), f"/login/?next={self.url}")

    @pytest.mark.parametrize("user", ["manager", "consultant", "administrator"])
    def test_it_is_open_to_every_role(self, client, request, user, challenge):
        response = login(client, request.getfixturevalue(user)).get(self.url)

        assert response.status_code == 200
        assertContains(response, "Årets tal 2008")

    def test_management_sees_the_figures_and_the_change(self, client, manager, challenge, challenge_2007):
        RequisitionFactory.create_batch(46, challenge=challenge, requesters=[])
        RequisitionFactory.create_batch(40, challenge=challenge_2007, requesters=[])
        EventFactory(challenge=challenge, participants=1300)
        EventFactory(challenge=challenge_2007, participants=400)
        RequisitionFactory(challenge=challenge, participants=25, requesters=[])

        response = login(client, manager).get(self.url)

        assert response.status_code == 200
        assert response.context["comparison"]["year"] == 2008
        html = response.content.decode()
        assertContains(response, '<th scope="col" class="text-end">2007</th>', html=False)
        assert _row(html, "Rekvireringer") == ["47", "40", "+18 %"]
        assert _row(html, "Deltagere") == ["1.325", "400", "+231 %"]
        assert _row(html, "Rådgivninger") == ["0", "0", "–"]
        assertContains(response, "Deltagere: 1.300 fra arrangementer og 25 fra rekvireringer uden arrangement")

    def test_a_change_of_thousands_of_per_cent_is_written_in_the_languages_format(
            self, client, manager, challenge, challenge_2007):
        EventFactory.create_batch(23, challenge=challenge)
        EventFactory(challenge=challenge_2007)
        RequisitionFactory.create_batch(3, challenge=challenge_2007, requesters=[])  # 4 of 23: comparable

        html = login(client, manager).get(self.url).content.decode()

        assert _row(html, "Arrangementer") == ["23", "1", "+2.200 %"]

    def test_it_says_why_a_thin_year_before_shows_no_changes(self, client, manager, challenge, challenge_2007):
        EventFactory.create_batch(23, challenge=challenge)
        EventFactory(challenge=challenge_2007)

        response = login(client, manager).get(self.url)

        assert _row(response.content.decode(), "Arrangementer") == ["23", "1", "–"]
        assertContains(response, "2007 har for få registreringer til en sammenligning (under en tiendedel af årets)")

    def test_it_shows_another_year_on_request(self, client, manager, challenge, challenge_2007):
        RequisitionFactory.create_batch(2, challenge=challenge_2007, requesters=[])

        response = login(client, manager).get(self.url, {"year": "2007"})

        assert response.context["year"] == 2007
        assert _row(response.content.decode(), "Rekvireringer") == ["2"]
        assertContains(response, "Året før har ingen arbejdsplan i registret, så der er intet at sammenligne med.")

    def test_it_mentions_expected_participants_apart(self, client, manager, future_challenge):
        EventFactory(challenge=future_challenge, date=in_two_months(), participants_expected=90)

        response = login(client, manager).get(self.url, {"year": in_two_months().year})

        assertContains(response, "Desuden forventes 90 deltagere ved arrangementer, der endnu ikke er holdt.")
        assert _row(response.content.decode(), "Deltagere")[0] == "0"

    @pytest.mark.parametrize("year", ["abc", "1999", ""])
    def test_it_falls_back_to_the_default_year(self, client, manager, challenge, year):
        response = login(client, manager).get(self.url, {"year": year})

        assert response.status_code == 200
        assert response.context["year"] == 2008

    def test_it_explains_that_there_is_no_work_plan_yet(self, client, manager):
        response = login(client, manager).get(self.url)

        assertContains(response, "Der er ingen arbejdsplan endnu.")
        assertNotContains(response, "Ændring")


def _row(html: str, label: str) -> list[str]:
    """The cells after a row's heading in the figures table."""
    row = re.search(rf'<th scope="row">{label}</th>(.*?)</tr>', html, re.S).group(1)
    return [cell.strip() for cell in re.findall(r'<td class="text-end">(.*?)</td>', row, re.S)]


# Measured on SQLite and PostgreSQL: the figures, looked up and stored in the shared cache.
YEAR_FIGURES_PAGE = 17 + MADE_AND_STORED
YEAR_FIGURES_PAGE_KEPT = 5 + MADE_AND_STORED


def test_the_year_figures_page_makes_a_fixed_number_of_queries(
        client, manager, challenge, challenge_2007, django_assert_num_queries, django_assert_max_num_queries):
    """The first look at the (finished) default year's figures after a change, with the reference cache
    warm: the start page is requested first, after the registrations (their requesters are reference
    data), and fills it without counting the years shown here. Session, user and the reference token (the
    permissions, the work plan years, the default year and its challenges come from the reference cache); the
    year before's challenges (core.selectors.challenges_of_year, for the seats) and the two years' plans
    (work_plan_of_year: the start page read only the year's), the first time; the two years' tokens
    (reports/caching.py); their kept counts, read with the tokens and, since
    something changed, counted again (figures.count_years: the grouped counts in one UNION ALL, the seats,
    what the administrations asked for, the survey, a year's quotes) and kept (a savepoint, the tokens' rows
    read FOR UPDATE and updated). A second look made afresh (the shared cache emptied) reads the counts kept."""
    client.force_login(manager)
    challenges = itertools.cycle([challenge, challenge_2007])

    def register(n: int) -> None:
        for i in range(n):
            current = next(challenges)
            requisition = RequisitionFactory(challenge=current, participants=None if i % 3 else 5,
                                             requesters=OrganisationFactory.create_batch(2))
            EventFactory(challenge=current, participants=10, requisition=requisition if i % 3 else None)
            AdvisoryFactory(challenge=current)
            DeliverableFactory(challenge=current, status=DeliverableStatus.DELIVERED)
            SteeringGroupMembershipFactory(start=datetime.date(current.work_plan.year, 2, 1))

    register(4)
    assert client.get("/").status_code == 200
    with django_assert_num_queries(YEAR_FIGURES_PAGE):
        few = client.get(reverse("reports:year_figures"))
    register(40)
    assert client.get("/").status_code == 200
    with django_assert_max_num_queries(YEAR_FIGURES_PAGE) as captured:
        many = client.get(reverse("reports:year_figures"))

    assert len(captured) == YEAR_FIGURES_PAGE
    caches["reports"].clear()
    with django_assert_num_queries(YEAR_FIGURES_PAGE_KEPT):
        again = client.get(reverse("reports:year_figures"))
    assert again.context["comparison"] == many.context["comparison"]
    assert few.context["comparison"]["figures"]["events"] == 2
    assert many.context["comparison"]["figures"]["events"] == 22
    assert _row(many.content.decode(), "Arrangementer") == ["22", "22", "0 %"]


def test_the_dashboard_shows_no_changes_against_a_thin_year_before_and_says_why(
        client, manager, challenge, challenge_2007):
    """The 2008 demo's case: 23 events against the stub 2007's one read "+2200 %" on the card."""
    EventFactory.create_batch(23, challenge=challenge)
    EventFactory(challenge=challenge_2007)

    response = login(client, manager).get(reverse("reports:dashboard"), {"year": 2008})

    assertContains(response, "2007 har for få registreringer til en sammenligning")
    assertNotContains(response, "ændring i forhold til 2007")
    assertNotContains(response, "intet at sammenligne med")
    assert not re.search(r"[+−-]\d[\d.]* %", response.content.decode())
