"""Writes go through the services: validated before anything is saved, all or nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from projects.choices import Assessment
from projects.models import Project, ProjectVisit
from projects.services import (
    project_create,
    project_delete,
    project_update,
    project_visit_create,
    project_visit_delete,
    project_visit_update,
)
from tests.factories import ProjectFactory, ProjectVisitFactory

pytestmark = pytest.mark.django_db


def rows() -> tuple[int, int]:
    return Project.objects.count(), ProjectVisit.objects.count()


def visit_snapshot(visit) -> tuple:
    fresh = ProjectVisit.objects.get(pk=visit.pk)
    return (fresh.project_id, fresh.date, fresh.consultant_id, fresh.challenge_id, fresh.what_works,
            fresh.advice, fresh.sets_goals, fresh.measures_effect, fresh.is_good_practice)


# Projects

def test_it_adds_a_project_to_the_bank(consultant, organisation, area):
    project = project_create(
        user=consultant, name="Bydelsmødre Nørrebro", organisation=organisation, area=area,
        description="Mødre hjælper mødre", is_active=False, is_municipality_funded=False,
        contact_name="Amina Hassan", contact_email="amina@example.dk", contact_phone="33 66 33 66")

    saved = Project.objects.get()
    assert saved == project
    assert (saved.name, saved.organisation, saved.area, saved.description) == (
        "Bydelsmødre Nørrebro", organisation, area, "Mødre hjælper mødre")
    assert (saved.is_active, saved.is_municipality_funded) == (False, False)
    assert (saved.contact_name, saved.contact_email, saved.contact_phone) == (
        "Amina Hassan", "amina@example.dk", "33 66 33 66")


def test_a_new_project_is_active_and_municipality_funded_unless_told(consultant):
    project = project_create(user=consultant, name="Fodbold for alle")

    assert (project.is_active, project.is_municipality_funded, project.organisation) == (True, True, None)


@pytest.mark.parametrize(("fields", "field"), [
    ({"name": "Lektiecafé Mjølnerparken"}, "name"),
    ({"name": ""}, "name"),
    ({"name": "Nyt projekt", "contact_email": "ikke en adresse"}, "contact_email"),
])
def test_it_writes_no_invalid_project(consultant, project, fields, field):
    before = rows()

    with pytest.raises(ValidationError) as error:
        project_create(user=consultant, **fields)

    assert list(error.value.message_dict) == [field]
    assert rows() == before


def test_it_changes_the_fields_named(consultant, project):
    project_update(project=project, user=consultant, data={"is_active": False, "contact_name": "Ole"})

    saved = Project.objects.get()
    assert (saved.name, saved.is_active, saved.contact_name) == ("Lektiecafé Mjølnerparken", False, "Ole")


def test_an_invalid_project_change_saves_nothing(consultant, project):
    ProjectFactory(name="Bydelsmødre")

    with pytest.raises(ValidationError):
        project_update(project=project, user=consultant, data={"name": "Bydelsmødre", "is_active": False})

    fresh = Project.objects.get(pk=project.pk)
    assert (fresh.name, fresh.is_active) == ("Lektiecafé Mjølnerparken", True)


def test_it_deletes_a_project_without_visits(consultant, project):
    project_delete(project=project, user=consultant)

    assert rows() == (0, 0)


def test_it_refuses_to_delete_a_visited_project_in_danish(consultant, visit):
    with pytest.raises(ValidationError) as error:
        project_delete(project=visit.project, user=consultant)

    assert error.value.messages == [
        "Projektet »Lektiecafé Mjølnerparken« kan ikke slettes, fordi der er registreret besøg hos det. "
        "Markér det i stedet som afsluttet."]
    assert rows() == (1, 1)


# Visits

def test_it_registers_a_visit_with_its_note(consultant, other_consultant, project, challenge):
    visit = project_visit_create(
        user=consultant, project=project, date=datetime.date(2008, 9, 3), consultant=other_consultant,
        challenge=challenge, what_works="Faste frivillige", advice="Mål fremmødet",
        sets_goals=Assessment.PARTLY, measures_effect=Assessment.NO, is_good_practice=True,
        hours=Decimal("3.5"))

    saved = ProjectVisit.objects.get()
    assert saved == visit
    assert visit_snapshot(saved) == (project.pk, datetime.date(2008, 9, 3), other_consultant.pk, challenge.pk,
                                     "Faste frivillige", "Mål fremmødet", "partly", "no", True)
    assert (saved.created_by, saved.hours) == (consultant, Decimal("3.50"))


def test_the_consultant_defaults_to_the_user(consultant, project):
    visit = project_visit_create(user=consultant, project=project, date=datetime.date(2008, 9, 3))

    assert (visit.consultant, visit.created_by, visit.challenge, visit.is_good_practice) == (
        consultant, consultant, None, False)


def test_it_writes_no_visit_with_a_challenge_of_another_year(consultant, project, challenge):
    with pytest.raises(ValidationError) as error:
        project_visit_create(user=consultant, project=project, date=datetime.date(2009, 1, 5),
                             challenge=challenge)

    assert list(error.value.message_dict) == ["challenge"]
    assert rows() == (1, 0)


def test_it_writes_no_visit_with_an_unknown_assessment(consultant, project):
    with pytest.raises(ValidationError) as error:
        project_visit_create(user=consultant, project=project, date=datetime.date(2008, 1, 5),
                             sets_goals="maybe")

    assert list(error.value.message_dict) == ["sets_goals"]
    assert rows() == (1, 0)


def test_it_changes_a_visit(consultant, other_consultant, visit):
    project_visit_update(visit=visit, user=other_consultant,
                         data={"what_works": "Nyt", "is_good_practice": False, "challenge": None})

    fresh = ProjectVisit.objects.get()
    assert (fresh.what_works, fresh.is_good_practice, fresh.challenge, fresh.created_by) == (
        "Nyt", False, None, consultant)


def test_moving_a_visit_to_another_year_keeps_nothing_half_changed(consultant, visit):
    before = visit_snapshot(visit)

    with pytest.raises(ValidationError) as error:
        project_visit_update(visit=visit, user=consultant,
                             data={"date": datetime.date(2009, 2, 1), "what_works": "Ændret"})

    assert list(error.value.message_dict) == ["challenge"]
    assert visit_snapshot(visit) == before


def test_it_deletes_a_visit_and_keeps_the_project(consultant, visit):
    project_visit_delete(visit=visit, user=consultant)

    assert rows() == (1, 0)


def test_a_project_can_be_deleted_once_its_visits_are(consultant, visit):
    other = ProjectVisitFactory(project=visit.project)

    project_visit_delete(visit=visit, user=consultant)
    project_visit_delete(visit=other, user=consultant)
    project_delete(project=visit.project, user=consultant)

    assert rows() == (0, 0)
