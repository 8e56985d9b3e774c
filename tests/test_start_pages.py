"""The start page by role (issue 24, item 10): a consultant's work and quick advisory; management's way to
the year's dashboard, report, texts and quotes, and the finished year waiting for approval; the
administrator's to what they keep, without a quick advisory they would not use."""

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from reports import services
from tests.factories import ChallengeFactory, RequisitionFactory, WorkPlanFactory
from tests.helpers import login

pytestmark = pytest.mark.django_db

QUICK_ADVISORY = 'id="quick-heading"'


@pytest.fixture
def two_years():
    this_year = timezone.localdate().year
    last_year = ChallengeFactory(work_plan=WorkPlanFactory(year=this_year - 1))
    ChallengeFactory(work_plan=WorkPlanFactory(year=this_year))
    RequisitionFactory(challenge=last_year)
    return this_year


def test_management_finds_the_years_dashboard_report_texts_and_quotes(client, manager, two_years):
    page = login(client, manager).get("/")

    for link in (f'{reverse("reports:dashboard")}?year={two_years}', reverse("reports:report", args=[two_years]),
                 reverse("reports:report_texts", args=[two_years]),
                 f'{reverse("surveys:results")}?year={two_years}#fritekst'):
        assertContains(page, f'href="{link}"')
        assert client.get(link.split("#")[0]).status_code == 200
    assertNotContains(page, QUICK_ADVISORY)
    assertNotContains(page, 'id="administration-heading"')


def test_management_is_asked_to_approve_the_finished_year_until_it_is(client, manager, two_years):
    last_year = two_years - 1
    login(client, manager)

    asked = client.get("/")
    services.annual_report_approve(year=last_year, user=manager)
    approved = client.get("/")

    assertContains(asked, f"Statusrapporten for {last_year} er ikke godkendt endnu.")
    assertContains(asked, f'href="{reverse("reports:report", args=[last_year])}">Gennemse og godkend den</a>')
    assertNotContains(approved, "er ikke godkendt endnu")


def test_the_administrator_finds_what_they_keep_and_no_quick_advisory(client, administrator, two_years):
    page = login(client, administrator).get("/")

    assertNotContains(page, QUICK_ADVISORY)
    assertNotContains(page, reverse("admin:api_servicetoken_changelist"))  # a superuser's
    for name in ("core_workplan", "core_organisation", "auth_user", "surveys_questionnaire"):
        link = reverse(f"admin:{name}_changelist")
        assertContains(page, f'href="{link}"')
        assert client.get(link).status_code == 200


def test_a_consultant_keeps_the_quick_advisory_and_sees_no_management_links(client, consultant, two_years):
    page = login(client, consultant).get("/")

    assertContains(page, QUICK_ADVISORY)
    assertNotContains(page, 'id="report-heading"')
    assertNotContains(page, 'id="administration-heading"')
