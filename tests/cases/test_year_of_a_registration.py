"""Year-aware forms (issue 24, item 6): a registration's challenge is of its year's work plan, a requisition's
the year it was received or a later year it was held; the forms offer the challenges grouped by year for
their script to follow the dates, and start from today's date only while this year has a plan."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.selectors import registration_day
from tests.factories import ChallengeFactory, RequisitionFactory, WorkPlanFactory

pytestmark = pytest.mark.django_db

DECEMBER, JANUARY = datetime.date(2007, 12, 10), datetime.date(2008, 1, 15)


@pytest.fixture
def challenges():
    return {year: ChallengeFactory(work_plan=WorkPlanFactory(year=year), number=1) for year in (2007, 2008)}


@pytest.mark.parametrize("received, held, year, allowed", [
    (DECEMBER, JANUARY, 2008, True),   # received in December, held in January: the later year's
    (DECEMBER, JANUARY, 2007, True),   # or the year it was received
    (DECEMBER, None, 2008, False),     # not held (yet): the year it was received
    (JANUARY, datetime.date(2008, 3, 1), 2007, False),  # never an earlier year
])
def test_a_requisition_belongs_to_the_year_received_or_a_later_year_held(challenges, received, held, year, allowed):
    requisition = RequisitionFactory.build(challenge=challenges[year], date_received=received, date_finished=held)
    if allowed:
        requisition.full_clean(exclude=["created_by"])
    else:
        with pytest.raises(ValidationError, match="Udfordringen hører til arbejdsplanen for"):
            requisition.full_clean(exclude=["created_by"])


def test_a_new_registration_starts_from_today_only_while_this_year_has_a_plan(challenges):
    today = datetime.date.today()
    assert registration_day(today=datetime.date(2008, 5, 1)) == datetime.date(2008, 5, 1)
    assert registration_day(today=datetime.date(2009, 5, 1)) is None
    assert registration_day() is None if today.year not in (2007, 2008) else registration_day() == today


def test_the_form_offers_the_challenges_grouped_by_year_following_its_dates(client, consultant, challenges):
    client.force_login(consultant)
    page = client.get(reverse("cases:requisition_create"))
    html = page.content.decode()

    assert page.context["form"]["date_received"].value() is None  # this year has no plan
    assert '<optgroup label="2008">' in html and '<optgroup label="2007">' in html
    assert html.index('<optgroup label="2008">') < html.index('<optgroup label="2007">')
    assert 'data-year-of="id_date_received id_date_finished"' in html
    assert "Udfordringerne fra arbejdsplanen for {år}." in html

    advisory = client.get(reverse("cases:advisory_create")).content.decode()
    assert 'data-year-of="id_date"' in advisory


def test_today_is_the_start_when_this_year_has_a_plan(client, consultant):
    ChallengeFactory(work_plan=WorkPlanFactory(year=datetime.date.today().year), number=1)
    client.force_login(consultant)
    for name, field in (("cases:requisition_create", "date_received"), ("cases:advisory_create", "date"),
                        ("cases:event_create", "date"), ("projects:projectvisit_create", "date")):
        assert client.get(reverse(name)).context["form"][field].value() == datetime.date.today(), name
