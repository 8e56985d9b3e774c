"""Writes go through the services: all or nothing, with the rules checked before anything is saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cases.choices import RequisitionStatus
from cases.models import Advisory, Requisition
from cases.services import (
    advisory_create,
    advisory_delete,
    advisory_update,
    requisition_create,
    requisition_delete,
    requisition_update,
)
from core.models import Organisation
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

pytestmark = pytest.mark.django_db

Requesters = Requisition.requesters.through
Consultants = Requisition.consultants.through


@pytest.fixture
def challenge():
    return ChallengeFactory(work_plan=WorkPlanFactory(year=2008), number=1)


@pytest.fixture
def challenge_2009():
    return ChallengeFactory(work_plan=WorkPlanFactory(year=2009), number=1)


@pytest.fixture
def administration():
    return AdministrationFactory(name="Socialforvaltningen")


@pytest.fixture
def association():
    return OrganisationFactory(name="Foreningen Gellerup")


def row_counts() -> dict[str, int]:
    return {
        "requisitions": Requisition.objects.count(),
        "requesters": Requesters.objects.count(),
        "consultants": Consultants.objects.count(),
        "advisories": Advisory.objects.count(),
    }


def snapshot(requisition: Requisition) -> dict:
    """What the database holds for a requisition, read afresh."""
    fresh = Requisition.objects.get(pk=requisition.pk)
    return {
        "title": fresh.title,
        "challenge": fresh.challenge_id,
        "date_received": fresh.date_received,
        "date_finished": fresh.date_finished,
        "status": fresh.status,
        "requesters": set(fresh.requesters.values_list("pk", flat=True)),
        "consultants": set(fresh.consultants.values_list("pk", flat=True)),
    }


# requisition_create

def test_it_creates_a_requisition_with_its_requesters_and_consultants(
        consultant, other_consultant, challenge, administration, association):
    area = AreaFactory(name="Mjølnerparken")

    requisition = requisition_create(
        user=consultant, challenge=challenge, requesters=[administration, association],
        consultants=[consultant, other_consultant], title="Temadag om foreningsliv",
        date_received=datetime.date(2008, 3, 1), date_finished=datetime.date(2008, 4, 1),
        status=RequisitionStatus.FINISHED, participants=35, participants_approximate=True, area=area,
        partners="Røde Kors", volunteers="Tre mentorer", description="Aftenmøde")

    saved = Requisition.objects.get()
    assert saved == requisition
    assert saved.title == "Temadag om foreningsliv"
    assert saved.created_by == consultant
    assert saved.area == area
    assert saved.status == RequisitionStatus.FINISHED
    assert saved.participants_display() == "ca. 35"
    assert set(saved.requesters.all()) == {administration, association}
    assert set(saved.consultants.all()) == {consultant, other_consultant}


def test_it_creates_a_requisition_without_consultants(consultant, challenge, association):
    requisition = requisition_create(user=consultant, challenge=challenge, requesters=[association],
                                     title="Møde", date_received=datetime.date(2008, 3, 1))

    assert list(requisition.consultants.all()) == []
    assert requisition.status == RequisitionStatus.RECEIVED
    assert row_counts()["requisitions"] == 1


@pytest.mark.parametrize("requesters", [[], None, ()])
def test_it_writes_nothing_for_a_requisition_without_requesters(consultant, challenge, requesters):
    before = row_counts()

    with pytest.raises(ValidationError) as error:
        requisition_create(user=consultant, challenge=challenge, requesters=requesters,
                           consultants=[consultant], title="Møde", date_received=datetime.date(2008, 3, 1))

    assert error.value.message_dict == {"requesters": ["Angiv mindst én rekvirent."]}
    assert row_counts() == before


def test_it_writes_nothing_for_a_requisition_with_a_challenge_of_another_year(
        consultant, challenge, association):
    before = row_counts()

    with pytest.raises(ValidationError) as error:
        requisition_create(user=consultant, challenge=challenge, requesters=[association],
                           consultants=[consultant], title="Møde", date_received=datetime.date(2009, 1, 2))

    assert list(error.value.message_dict) == ["challenge"]
    assert row_counts() == before


def test_it_writes_nothing_for_a_requisition_finished_before_it_was_received(
        consultant, challenge, association):
    before = row_counts()

    with pytest.raises(ValidationError) as error:
        requisition_create(user=consultant, challenge=challenge, requesters=[association], title="Møde",
                           date_received=datetime.date(2008, 5, 2), date_finished=datetime.date(2008, 5, 1))

    assert list(error.value.message_dict) == ["date_finished"]
    assert row_counts() == before


def test_it_writes_nothing_for_a_requisition_without_a_title(consultant, challenge, association):
    before = row_counts()

    with pytest.raises(ValidationError) as error:
        requisition_create(user=consultant, challenge=challenge, requesters=[association], title="",
                           date_received=datetime.date(2008, 5, 2))

    assert list(error.value.message_dict) == ["title"]
    assert row_counts() == before


def test_it_rolls_back_the_requisition_when_its_requesters_cannot_be_saved(
        consultant, challenge, association):
    before = row_counts()
    unsaved = Organisation(name="Ikke gemt")

    with pytest.raises(ValueError):
        requisition_create(user=consultant, challenge=challenge, requesters=[association, unsaved],
                           title="Møde", date_received=datetime.date(2008, 3, 1))

    assert row_counts() == before


# requisition_update

def test_it_updates_fields_and_replaces_requesters_and_consultants(
        consultant, other_consultant, challenge, administration, association):
    requisition = RequisitionFactory(challenge=challenge, requesters=[association], consultants=[consultant])

    requisition_update(requisition=requisition, user=other_consultant, data={
        "title": "Nyt navn", "status": RequisitionStatus.FINISHED, "date_finished": datetime.date(2008, 6, 1),
        "requesters": [administration], "consultants": [other_consultant],
    })

    assert snapshot(requisition) == {
        "title": "Nyt navn", "challenge": challenge.pk, "date_received": datetime.date(2008, 3, 1),
        "date_finished": datetime.date(2008, 6, 1), "status": RequisitionStatus.FINISHED,
        "requesters": {administration.pk}, "consultants": {other_consultant.pk},
    }


def test_it_keeps_the_creator_when_a_colleague_updates(consultant, other_consultant, challenge):
    requisition = RequisitionFactory(challenge=challenge, created_by=consultant)

    requisition_update(requisition=requisition, user=other_consultant, data={"title": "Dækket ind"})

    assert Requisition.objects.get().created_by == consultant


def test_it_leaves_the_sets_alone_when_the_data_does_not_name_them(
        consultant, other_consultant, challenge, administration, association):
    requisition = RequisitionFactory(challenge=challenge, requesters=[administration, association],
                                     consultants=[consultant, other_consultant])

    requisition_update(requisition=requisition, user=consultant, data={"title": "Kun titlen"})

    after = snapshot(requisition)
    assert after["title"] == "Kun titlen"
    assert after["requesters"] == {administration.pk, association.pk}
    assert after["consultants"] == {consultant.pk, other_consultant.pk}


def test_it_can_empty_the_consultants(consultant, challenge):
    requisition = RequisitionFactory(challenge=challenge, consultants=[consultant])

    requisition_update(requisition=requisition, user=consultant, data={"consultants": []})

    assert snapshot(requisition)["consultants"] == set()


def test_it_changes_nothing_when_an_update_removes_every_requester(consultant, challenge, association):
    requisition = RequisitionFactory(challenge=challenge, title="Før", requesters=[association])
    before = snapshot(requisition)

    with pytest.raises(ValidationError) as error:
        requisition_update(requisition=requisition, user=consultant,
                           data={"title": "Efter", "requesters": [], "consultants": []})

    assert error.value.message_dict == {"requesters": ["Angiv mindst én rekvirent."]}
    assert snapshot(requisition) == before


def test_it_changes_nothing_when_an_update_moves_to_a_challenge_of_another_year(
        consultant, challenge, challenge_2009, administration, association):
    requisition = RequisitionFactory(challenge=challenge, title="Før", requesters=[association])
    before = snapshot(requisition)

    with pytest.raises(ValidationError) as error:
        requisition_update(requisition=requisition, user=consultant, data={
            "title": "Efter", "challenge": challenge_2009, "requesters": [administration], "consultants": [],
        })

    assert list(error.value.message_dict) == ["challenge"]
    assert snapshot(requisition) == before


def test_it_changes_nothing_when_an_update_finishes_before_receipt(consultant, challenge):
    requisition = RequisitionFactory(challenge=challenge, title="Før")
    before = snapshot(requisition)

    with pytest.raises(ValidationError):
        requisition_update(requisition=requisition, user=consultant,
                           data={"title": "Efter", "date_finished": datetime.date(2008, 1, 1)})

    assert snapshot(requisition) == before


def test_it_moves_a_requisition_to_another_year_with_a_matching_challenge(
        consultant, challenge, challenge_2009):
    requisition = RequisitionFactory(challenge=challenge)

    requisition_update(requisition=requisition, user=consultant,
                       data={"challenge": challenge_2009, "date_received": datetime.date(2009, 2, 1)})

    assert Requisition.objects.for_year(2009).get() == requisition


# requisition_delete

def test_it_deletes_a_requisition_with_its_links_but_not_the_requesters(
        consultant, other_consultant, challenge, administration, association):
    keep = RequisitionFactory(challenge=challenge, requesters=[association], consultants=[consultant])
    requisition = RequisitionFactory(challenge=challenge, requesters=[administration, association],
                                     consultants=[consultant, other_consultant])

    requisition_delete(requisition=requisition, user=consultant)

    assert list(Requisition.objects.all()) == [keep]
    assert row_counts() == {"requisitions": 1, "requesters": 1, "consultants": 1, "advisories": 0}
    assert Organisation.objects.filter(pk__in=[administration.pk, association.pk]).count() == 2


# advisory_create

def test_it_creates_an_advisory_with_the_user_as_consultant(consultant, challenge, association):
    advisory = advisory_create(user=consultant, challenge=challenge, requester=association,
                               title="Råd om fundraising", date=datetime.date(2008, 4, 1))

    saved = Advisory.objects.get()
    assert saved == advisory
    assert saved.consultant == consultant
    assert saved.created_by == consultant
    assert saved.requester == association
    assert saved.is_report_example is False


def test_it_creates_an_advisory_for_a_named_consultant(consultant, other_consultant, challenge, association):
    area = AreaFactory()

    advisory_create(user=consultant, consultant=other_consultant, challenge=challenge, requester=association,
                    title="Råd", date=datetime.date(2008, 4, 1), area=area, is_report_example=True,
                    description="Telefonisk")

    saved = Advisory.objects.get()
    assert saved.consultant == other_consultant
    assert saved.created_by == consultant
    assert (saved.area, saved.is_report_example, saved.description) == (area, True, "Telefonisk")


def test_it_writes_nothing_for_an_advisory_with_a_challenge_of_another_year(
        consultant, challenge, association):
    with pytest.raises(ValidationError) as error:
        advisory_create(user=consultant, challenge=challenge, requester=association, title="Råd",
                        date=datetime.date(2009, 1, 1))

    assert list(error.value.message_dict) == ["challenge"]
    assert Advisory.objects.count() == 0


def test_it_writes_nothing_for_an_advisory_without_a_requester(consultant, challenge):
    with pytest.raises(ValidationError) as error:
        advisory_create(user=consultant, challenge=challenge, requester=None, title="Råd",
                        date=datetime.date(2008, 1, 1))

    assert "requester" in error.value.message_dict
    assert Advisory.objects.count() == 0


def test_it_writes_nothing_for_an_advisory_without_a_title(consultant, challenge, association):
    with pytest.raises(ValidationError) as error:
        advisory_create(user=consultant, challenge=challenge, requester=association, title="",
                        date=datetime.date(2008, 1, 1))

    assert list(error.value.message_dict) == ["title"]
    assert Advisory.objects.count() == 0


# advisory_update and advisory_delete

def test_it_updates_an_advisory(consultant, other_consultant, challenge, administration):
    advisory = AdvisoryFactory(challenge=challenge, consultant=consultant, title="Før")

    advisory_update(advisory=advisory, user=other_consultant, data={
        "title": "Efter", "requester": administration, "consultant": other_consultant,
        "is_report_example": True,
    })

    saved = Advisory.objects.get()
    assert (saved.title, saved.requester, saved.consultant, saved.is_report_example) == (
        "Efter", administration, other_consultant, True)
    assert saved.created_by == consultant


def test_it_changes_nothing_when_an_advisory_update_breaks_a_rule(consultant, challenge, challenge_2009):
    advisory = AdvisoryFactory(challenge=challenge, consultant=consultant, title="Før")

    with pytest.raises(ValidationError) as error:
        advisory_update(advisory=advisory, user=consultant,
                        data={"title": "Efter", "challenge": challenge_2009})

    assert list(error.value.message_dict) == ["challenge"]
    saved = Advisory.objects.get()
    assert (saved.title, saved.challenge) == ("Før", challenge)


def test_it_deletes_an_advisory(consultant, challenge):
    keep = AdvisoryFactory(challenge=challenge)
    advisory = AdvisoryFactory(challenge=challenge, consultant=consultant)

    advisory_delete(advisory=advisory, user=consultant)

    assert list(Advisory.objects.all()) == [keep]
    assert ConsultantFactory._meta.model.objects.filter(pk=consultant.pk).exists()
