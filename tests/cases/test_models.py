"""The register's rules on a single registration, as the model and its forms enforce them, in Danish."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cases.choices import RequisitionStatus
from cases.forms import AdvisoryForm, QuickAdvisoryForm, RequisitionForm
from cases.models import Advisory, Requisition
from core.choices import OrganisationKind
from core.models import Challenge, WorkPlan
from tests.factories import (
    AdministrationFactory,
    AdvisoryFactory,
    ChallengeFactory,
    ConsultantFactory,
    OrganisationFactory,
    RequisitionFactory,
    WorkPlanFactory,
)

pytestmark = pytest.mark.django_db

WRONG_YEAR = "Udfordringen hører til arbejdsplanen for 2008, men registreringen er dateret 2009. " \
             "Vælg en udfordring fra 2009."
FINISHED_BEFORE_RECEIVED = "Datoen for afholdt/afsluttet kan ikke ligge før modtagelsen."


@pytest.fixture
def challenge_2008():
    return ChallengeFactory(work_plan=WorkPlanFactory(year=2008), number=1)


@pytest.fixture
def plan_2009():
    """The year a registration is wrongly dated in has a plan of its own (else the message says it has none)."""
    return WorkPlanFactory(year=2009)


@pytest.fixture
def requester():
    return OrganisationFactory(name="Boligselskabet Lejerbo")


def requisition_form_data(challenge, requesters, **overrides) -> dict:
    data = {
        "challenge": challenge.pk,
        "status": RequisitionStatus.RECEIVED,
        "title": "Dialogmøde i Mjølnerparken",
        "requesters": [organisation.pk for organisation in requesters],
        "consultants": [],
        "description": "",
        "date_received": "2008-03-01",
        "date_finished": "",
        "area": "",
        "participants": "",
        "partners": "",
        "volunteers": "",
    }
    data.update(overrides)
    return data


def advisory_form_data(challenge, requester, consultant, **overrides) -> dict:
    data = {
        "challenge": challenge.pk,
        "requester": requester.pk,
        "title": "Råd om lektiecafé",
        "description": "",
        "date": "2008-04-01",
        "consultant": consultant.pk,
        "area": "",
    }
    data.update(overrides)
    return data


# The challenge must belong to the work plan of the registration's year.

def test_it_rejects_a_requisition_with_a_challenge_of_another_year(plan_2009, challenge_2008):
    requisition = RequisitionFactory.build(
        challenge=challenge_2008, date_received=datetime.date(2009, 1, 5), created_by=ConsultantFactory())

    with pytest.raises(ValidationError) as error:
        requisition.full_clean()

    assert error.value.message_dict == {"challenge": [WRONG_YEAR]}


def test_it_accepts_a_requisition_with_a_challenge_of_its_year(challenge_2008):
    requisition = RequisitionFactory.build(
        challenge=challenge_2008, date_received=datetime.date(2008, 12, 31), created_by=ConsultantFactory())

    requisition.full_clean()


def test_a_date_in_a_year_without_a_plan_says_so_at_the_challenge(challenge_2008):
    requisition = RequisitionFactory.build(
        challenge=challenge_2008, date_received=datetime.date(2009, 1, 5), created_by=ConsultantFactory())

    with pytest.raises(ValidationError) as error:
        requisition.full_clean()
    assert error.value.message_dict["challenge"] == [
        "Udfordringen hører til arbejdsplanen for 2008, men registreringen er dateret 2009, og der er ingen "
        "arbejdsplan for 2009. Ret datoen, eller bed administratoren oprette arbejdsplanen for 2009."]


def test_it_rejects_an_advisory_with_a_challenge_of_another_year(plan_2009, challenge_2008, requester):
    advisory = AdvisoryFactory.build(challenge=challenge_2008, requester=requester,
                                     date=datetime.date(2009, 1, 5), consultant=ConsultantFactory())

    with pytest.raises(ValidationError) as error:
        advisory.full_clean()

    assert error.value.message_dict == {"challenge": [WRONG_YEAR]}


def test_it_shows_the_wrong_year_at_the_challenge_field_of_the_requisition_form(plan_2009, challenge_2008, requester):
    data = requisition_form_data(challenge_2008, [requester], date_received="2009-01-05")

    form = RequisitionForm(data=data)

    assert not form.is_valid()
    assert form.errors["challenge"] == [WRONG_YEAR]


def test_it_shows_the_wrong_year_at_the_challenge_field_of_the_advisory_form(
        plan_2009, challenge_2008, requester, consultant):
    form = AdvisoryForm(data=advisory_form_data(challenge_2008, requester, consultant, date="2009-01-05"))

    assert not form.is_valid()
    assert form.errors["challenge"] == [WRONG_YEAR]


def test_it_shows_the_wrong_year_in_the_quick_advisory_form(plan_2009, challenge_2008, requester, consultant):
    data = advisory_form_data(challenge_2008, requester, consultant, date="2009-01-05")

    form = QuickAdvisoryForm(data=data)

    assert not form.is_valid()
    assert form.errors["challenge"] == [WRONG_YEAR]


# Participants, dates and requesters.

def test_it_rejects_negative_participants_in_the_form(challenge_2008, requester):
    form = RequisitionForm(data=requisition_form_data(challenge_2008, [requester], participants="-3"))

    assert not form.is_valid()
    assert form.errors["participants"] == ["Denne værdi skal være større end eller lig 0."]


def test_it_accepts_zero_participants(challenge_2008, requester):
    form = RequisitionForm(data=requisition_form_data(challenge_2008, [requester], participants="0"))

    assert form.is_valid(), form.errors


def test_it_rejects_negative_participants_in_the_model(challenge_2008):
    requisition = RequisitionFactory.build(challenge=challenge_2008, participants=-1,
                                           created_by=ConsultantFactory())

    with pytest.raises(ValidationError) as error:
        requisition.full_clean()

    assert list(error.value.message_dict) == ["participants"]


def test_it_rejects_a_finish_before_the_requisition_was_received(challenge_2008):
    requisition = RequisitionFactory.build(
        challenge=challenge_2008, date_received=datetime.date(2008, 3, 10),
        date_finished=datetime.date(2008, 3, 9), created_by=ConsultantFactory())

    with pytest.raises(ValidationError) as error:
        requisition.full_clean()

    assert error.value.message_dict == {"date_finished": [FINISHED_BEFORE_RECEIVED]}


def test_it_accepts_a_finish_on_the_day_it_was_received(challenge_2008):
    requisition = RequisitionFactory.build(
        challenge=challenge_2008, date_received=datetime.date(2008, 3, 10),
        date_finished=datetime.date(2008, 3, 10), created_by=ConsultantFactory())

    requisition.full_clean()


def test_it_reports_both_the_date_and_the_year_errors_at_once(challenge_2008):
    requisition = RequisitionFactory.build(
        challenge=challenge_2008, date_received=datetime.date(2009, 3, 10),
        date_finished=datetime.date(2009, 3, 1), created_by=ConsultantFactory())

    with pytest.raises(ValidationError) as error:
        requisition.full_clean()

    assert set(error.value.message_dict) == {"challenge", "date_finished"}


def test_it_shows_the_finish_date_error_at_its_field_in_the_form(challenge_2008, requester):
    data = requisition_form_data(challenge_2008, [requester], date_received="2008-03-10",
                                 date_finished="2008-03-09")

    form = RequisitionForm(data=data)

    assert not form.is_valid()
    assert form.errors["date_finished"] == [FINISHED_BEFORE_RECEIVED]


def test_it_requires_a_requester_in_the_requisition_form(challenge_2008):
    form = RequisitionForm(data=requisition_form_data(challenge_2008, []))

    assert not form.is_valid()
    assert form.errors["requesters"] == ["Angiv mindst én rekvirent."]


def test_it_requires_a_requester_in_the_advisory_form(challenge_2008, requester, consultant):
    data = advisory_form_data(challenge_2008, requester, consultant)
    data["requester"] = ""

    form = AdvisoryForm(data=data)

    assert not form.is_valid()
    assert form.errors["requester"] == ["Angiv rekvirenten."]


def test_it_explains_the_missing_requisition_fields_in_danish():
    form = RequisitionForm(data={})

    assert not form.is_valid()
    assert form.errors["title"] == ["Giv rekvireringen en titel."]
    assert form.errors["date_received"] == ["Angiv hvornår rekvireringen blev modtaget."]
    assert form.errors["challenge"] == ["Vælg den udfordring, rekvireringen hører under."]
    assert form.errors["requesters"] == ["Angiv mindst én rekvirent."]


def test_it_explains_the_missing_advisory_fields_in_danish():
    form = AdvisoryForm(data={})

    assert not form.is_valid()
    assert form.errors["title"] == ["Giv rådgivningen en titel."]
    assert form.errors["date"] == ["Angiv datoen for rådgivningen."]
    assert form.errors["challenge"] == ["Vælg den udfordring, rådgivningen hører under."]
    assert form.errors["requester"] == ["Angiv rekvirenten."]
    assert form.errors["consultant"] == ["Dette felt er påkrævet."]


def test_it_offers_only_consultants_as_responsible(challenge_2008, requester, consultant, manager):
    form = RequisitionForm(data=requisition_form_data(challenge_2008, [requester],
                                                      consultants=[consultant.pk, manager.pk]))

    assert not form.is_valid()
    assert list(form.errors) == ["consultants"]
    assert list(form.fields["consultants"].queryset) == [consultant]


def test_the_quick_advisory_form_has_no_consultant_field():
    assert "consultant" not in QuickAdvisoryForm().fields


def test_it_keeps_challenge_numbers_unique_within_a_plan(challenge_2008):
    duplicate = Challenge(work_plan=challenge_2008.work_plan, number=1, name="Igen", short_label="Igen")

    with pytest.raises(ValidationError):
        duplicate.full_clean()


# How registrations and reference data read.

def test_a_work_plan_reads_as_its_year():
    assert str(WorkPlanFactory(year=2008)) == "Arbejdsplan 2008"


def test_a_challenge_reads_as_year_number_and_label():
    challenge = ChallengeFactory(work_plan=WorkPlanFactory(year=2008), number=3, short_label="Beskæftigelse")

    assert str(challenge) == "2008 · 3. Beskæftigelse"


def test_an_organisation_reads_as_its_name():
    assert str(OrganisationFactory(name="Røde Kors")) == "Røde Kors"


def test_a_registration_reads_as_its_title(challenge_2008):
    assert str(RequisitionFactory(challenge=challenge_2008, title="Temadag")) == "Temadag"
    assert str(AdvisoryFactory(challenge=challenge_2008, title="Råd om forening")) == "Råd om forening"


def test_a_registration_links_to_its_detail_page(challenge_2008):
    requisition = RequisitionFactory(challenge=challenge_2008)
    advisory = AdvisoryFactory(challenge=challenge_2008)

    assert requisition.get_absolute_url() == f"/rekvireringer/{requisition.pk}/"
    assert advisory.get_absolute_url() == f"/raadgivninger/{advisory.pk}/"


def test_a_registration_counts_in_the_year_it_happened(challenge_2008):
    assert RequisitionFactory.build(date_received=datetime.date(2008, 5, 1)).year == 2008
    assert AdvisoryFactory.build(date=datetime.date(2008, 6, 1)).year == 2008


@pytest.mark.parametrize(("status", "is_open"), [
    (RequisitionStatus.RECEIVED, True),
    (RequisitionStatus.IN_PROGRESS, True),
    (RequisitionStatus.FINISHED, False),
    (RequisitionStatus.CANCELLED, False),
])
def test_a_requisition_is_open_until_finished_or_cancelled(status, is_open):
    assert Requisition(status=status).is_open is is_open


@pytest.mark.parametrize(("participants", "approximate", "shown"), [
    (None, False, ""),
    (None, True, ""),
    (0, False, "0"),
    (40, False, "40"),
    (40, True, "ca. 40"),
])
def test_it_shows_participants_with_an_approximation_mark(participants, approximate, shown):
    requisition = Requisition(participants=participants, participants_approximate=approximate)

    assert requisition.participants_display() == shown


def test_an_administration_is_recognised_by_its_kind():
    assert AdministrationFactory().is_administration is True
    assert OrganisationFactory(kind=OrganisationKind.HOUSING).is_administration is False


def test_it_lists_target_groups_one_per_line_without_bullets():
    plan = WorkPlan(year=2008, total_fte=4, target_groups="- Unge\n\n  - Forældre  \nForeninger\n -  \n")

    assert plan.target_group_list() == ["Unge", "Forældre", "Foreninger"]


def test_new_requisitions_are_received_and_listed_newest_first(challenge_2008):
    older = RequisitionFactory(challenge=challenge_2008, date_received=datetime.date(2008, 2, 1))
    newer = RequisitionFactory(challenge=challenge_2008, date_received=datetime.date(2008, 9, 1))

    assert Requisition(title="x").status == RequisitionStatus.RECEIVED
    assert list(Requisition.objects.all()) == [newer, older]


def test_advisories_are_listed_newest_first(challenge_2008):
    older = AdvisoryFactory(challenge=challenge_2008, date=datetime.date(2008, 2, 1))
    newer = AdvisoryFactory(challenge=challenge_2008, date=datetime.date(2008, 9, 1))

    assert list(Advisory.objects.all()) == [newer, older]
