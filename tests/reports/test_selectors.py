"""The year's table of requisitions and advisories per challenge: one aggregate per kind, with totals."""

import pytest

from core import reference_cache
from reports.selectors.figures import challenge_table, year_counts
from tests.factories import (
    AdvisoryFactory,
    ChallengeFactory,
    OrganisationFactory,
    RequisitionFactory,
    WorkPlanFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenges():
    """The 2008 plan's four challenges, created out of order."""
    plan = WorkPlanFactory(year=2008)
    return {number: ChallengeFactory(work_plan=plan, number=number) for number in (3, 1, 4, 2)}


def counts(table) -> list[tuple[int, int, int]]:
    return [(row["challenge"].number, row["requisitions"], row["advisories"]) for row in table["rows"]]


def test_it_counts_requisitions_and_advisories_per_challenge(challenges):
    RequisitionFactory.create_batch(2, challenge=challenges[1])
    RequisitionFactory.create_batch(3, challenge=challenges[3])
    AdvisoryFactory.create_batch(4, challenge=challenges[1])
    AdvisoryFactory(challenge=challenges[2])

    table = challenge_table(year=2008)

    assert table["year"] == 2008
    assert counts(table) == [(1, 2, 4), (2, 0, 1), (3, 3, 0), (4, 0, 0)]
    assert (table["requisitions"], table["advisories"]) == (5, 5)


def test_it_lists_every_challenge_of_the_year_even_without_registrations(challenges):
    table = challenge_table(year=2008)

    assert [row["challenge"] for row in table["rows"]] == [challenges[n] for n in (1, 2, 3, 4)]
    assert counts(table) == [(1, 0, 0), (2, 0, 0), (3, 0, 0), (4, 0, 0)]
    assert (table["requisitions"], table["advisories"]) == (0, 0)


def test_registrations_of_another_year_do_not_count(challenges):
    RequisitionFactory(challenge=challenges[1])
    AdvisoryFactory(challenge=challenges[1])
    other_plan = WorkPlanFactory(year=2009)
    RequisitionFactory.create_batch(3, challenge=ChallengeFactory(work_plan=other_plan, number=1))
    AdvisoryFactory.create_batch(2, challenge=ChallengeFactory(work_plan=other_plan, number=5))

    table = challenge_table(year=2008)

    assert counts(table) == [(1, 1, 1), (2, 0, 0), (3, 0, 0), (4, 0, 0)]
    assert (table["requisitions"], table["advisories"]) == (1, 1)
    other = challenge_table(year=2009)
    assert counts(other) == [(1, 3, 0), (5, 0, 2)]
    assert (other["requisitions"], other["advisories"]) == (3, 2)


def test_a_requisition_with_several_requesters_and_consultants_counts_once(
        challenges, consultant, other_consultant):
    RequisitionFactory(challenge=challenges[2], requesters=OrganisationFactory.create_batch(3),
                       consultants=[consultant, other_consultant])
    RequisitionFactory(challenge=challenges[2])

    table = challenge_table(year=2008)

    assert counts(table)[1] == (2, 2, 0)
    assert table["requisitions"] == 2


def test_a_year_without_a_plan_has_an_empty_table(challenges):
    RequisitionFactory(challenge=challenges[1])

    assert challenge_table(year=2011) == {"year": 2011, "rows": [], "requisitions": 0, "advisories": 0}


def test_it_takes_one_query_however_many_rows(challenges, django_assert_num_queries):
    """As in a request, with the reference cache warm (a first call fills it with the challenges and
    reads the token): the year's counts as kept, read with its token, and, since the registrations replaced
    it, the counts of requisitions and advisories per challenge, one UNION ALL, not kept. Once a page of
    figures has counted the year (year_counts), the first query is all."""
    for challenge in challenges.values():
        RequisitionFactory.create_batch(5, challenge=challenge)
        AdvisoryFactory.create_batch(5, challenge=challenge)

    with reference_cache.scope():
        challenge_table(year=2008)
        with django_assert_num_queries(2):
            table = challenge_table(year=2008)
            str(table["rows"][0]["challenge"])
        year_counts([2008])
        with django_assert_num_queries(1):
            kept = challenge_table(year=2008)

    assert (table["requisitions"], table["advisories"]) == (20, 20)
    assert kept == table
