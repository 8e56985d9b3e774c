"""Shared data for the project tests: the 2008 plan with its knowledge-sharing challenge, a project in
the bank and a visit to it owned by `consultant` (tests/conftest.py's users)."""

import datetime

import pytest

from projects.choices import Assessment
from tests.factories import (
    AreaFactory,
    ChallengeFactory,
    OrganisationFactory,
    ProjectFactory,
    ProjectVisitFactory,
    WorkPlanFactory,
)


@pytest.fixture
def plan():
    return WorkPlanFactory(year=2008)


@pytest.fixture
def challenge(plan):
    return ChallengeFactory(work_plan=plan, number=4, name="Bedre vidensdeling i integrationsprojekter",
                            short_label="Vidensdeling i projekter")


@pytest.fixture
def challenge_2009():
    return ChallengeFactory(work_plan=WorkPlanFactory(year=2009), number=4, short_label="Vidensdeling")


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Foreningen Bydelsmødre")


@pytest.fixture
def area():
    return AreaFactory(name="Mjølnerparken", district="Nørrebro")


@pytest.fixture
def project(organisation, area):
    return ProjectFactory(name="Lektiecafé Mjølnerparken", organisation=organisation, area=area,
                          description="Lektiehjælp to gange om ugen")


@pytest.fixture
def visit(project, challenge, consultant):
    """Owned by `consultant`, who made the visit and logged it."""
    return ProjectVisitFactory(
        project=project, challenge=challenge, consultant=consultant, date=datetime.date(2008, 6, 1),
        what_works="Frivillige fra kvarteret kender familierne.",
        advice="Skriv målene ned fra første dag.", sets_goals=Assessment.YES,
        measures_effect=Assessment.PARTLY, is_good_practice=True)
