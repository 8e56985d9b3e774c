import pytest

from tests.factories import ChallengeFactory, WorkPlanFactory


@pytest.fixture
def plan():
    return WorkPlanFactory(year=2008)


@pytest.fixture
def challenge(plan):
    return ChallengeFactory(work_plan=plan, number=1, short_label="Udsatte boligområder")


@pytest.fixture
def challenge_2(plan):
    return ChallengeFactory(work_plan=plan, number=2, short_label="Tryghed")
