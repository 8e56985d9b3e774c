"""The models' own rules: a visit belongs to a project, and its optional challenge is of the visit's year."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from projects.models import Project, ProjectVisit
from tests.factories import ConsultantFactory, ProjectFactory, ProjectVisitFactory

pytestmark = pytest.mark.django_db


def unsaved_visit(**fields) -> ProjectVisit:
    consultant = ConsultantFactory()
    defaults = {"date": datetime.date(2008, 6, 1), "consultant": consultant, "created_by": consultant}
    return ProjectVisit(**{**defaults, **fields})


def test_a_visit_with_a_challenge_of_its_year_is_valid(project, challenge):
    unsaved_visit(project=project, challenge=challenge).full_clean()


def test_a_visit_without_a_challenge_is_valid(project):
    unsaved_visit(project=project, challenge=None).full_clean()


def test_a_visit_with_a_challenge_of_another_year_is_refused_in_danish(project, plan, challenge_2009):
    visit = unsaved_visit(project=project, challenge=challenge_2009, date=datetime.date(2008, 6, 1))

    with pytest.raises(ValidationError) as error:
        visit.full_clean()

    assert error.value.message_dict == {"challenge": [
        "Udfordringen hører til arbejdsplanen for 2009, men registreringen er dateret 2008. "
        "Vælg en udfordring fra 2008."]}


def test_a_visit_is_of_a_project(challenge):
    with pytest.raises(ValidationError) as error:
        unsaved_visit(challenge=challenge).full_clean()

    assert list(error.value.message_dict) == ["project"]


def test_a_project_with_visits_is_protected(visit):
    with pytest.raises(ProtectedError):
        visit.project.delete()

    assert Project.objects.count() == 1


def test_a_project_name_is_unique(project):
    with pytest.raises(ValidationError) as error:
        Project(name="Lektiecafé Mjølnerparken").full_clean()

    assert list(error.value.message_dict) == ["name"]


def test_a_visit_is_owned_by_its_consultant_and_its_creator(project, consultant, other_consultant):
    visit = ProjectVisitFactory(project=project, consultant=consultant, created_by=other_consultant)

    assert visit.owner_ids() == {consultant.pk, other_consultant.pk}


def test_a_visit_reads_as_its_project_and_date(project):
    visit = ProjectVisitFactory(project=project, date=datetime.date(2008, 3, 4))

    assert (str(visit), visit.title, visit.year) == ("Lektiecafé Mjølnerparken · 04.03.2008",
                                                      "Lektiecafé Mjølnerparken", 2008)
    assert str(ProjectFactory(name="Bydelsmødre")) == "Bydelsmødre"
