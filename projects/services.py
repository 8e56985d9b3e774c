"""Writes to the project bank and the project visits. Views and later imports all go through these."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from registrations.services import (
    known_fields,
    registration_fill,
    registration_save,
    registrations_build,
    registrations_insert,
)

from .kinds import PROJECT, PROJECT_VISIT
from .models import Project, ProjectVisit

# What each service writes: the fields its kind's form offers (projects/kinds.py).
PROJECT_FIELDS = PROJECT.service_fields
VISIT_FIELDS = PROJECT_VISIT.service_fields


@transaction.atomic
def project_create(*, user, **data) -> Project:
    """Add a project to the project bank."""
    return registration_save(Project(), known_fields(data, PROJECT_FIELDS), fields=PROJECT_FIELDS)


@transaction.atomic
def project_update(*, project: Project, user, data: dict) -> Project:
    """Change the fields named in `data`."""
    return registration_save(project, data, fields=PROJECT_FIELDS)


def project_build(*, user, data: dict, many: bool = False) -> tuple[Project, dict]:
    """A new project from `data`, checked but not saved: what the Excel import checks each row with."""
    known_fields(data, PROJECT_FIELDS)
    return registration_fill(Project(), data, fields=PROJECT_FIELDS, many=many), {}


@transaction.atomic
def project_create_many(*, user, rows: list[dict]) -> list[Project]:
    """Add many projects at once (the Excel import), each by the rules of project_create."""
    return registrations_insert(registrations_build(rows, project_build, user=user), user=user)


def _visited(project: Project) -> ValidationError:
    return ValidationError(
        _("Projektet »%(name)s« kan ikke slettes, fordi der er registreret besøg hos det. "
          "Markér det i stedet som afsluttet.") % {"name": project.name}, code="protected")


def project_check_deletable(*, project: Project) -> None:
    """Raise a ValidationError saying why, if the project may not be deleted: its visits are the
    year's record and point to it."""
    if project.visits.exists():
        raise _visited(project)


@transaction.atomic
def project_delete(*, project: Project, user) -> None:
    """Remove a project from the bank; refused while visits point to it."""
    project_check_deletable(project=project)
    try:
        project.delete()
    except ProtectedError as error:
        # A visit registered between the check and the delete.
        raise _visited(project) from error


def project_visit_build(*, user, data: dict, many: bool = False) -> tuple[ProjectVisit, dict]:
    """A new visit from `data`, checked but not saved: what project_visit_create saves, and what the Excel
    import checks each row with."""
    known_fields(data, VISIT_FIELDS)
    data = {**data, "consultant": data.get("consultant") or user}
    instance = registration_fill(ProjectVisit(created_by=user), data, fields=VISIT_FIELDS, many=many)
    return instance, {}


@transaction.atomic
def project_visit_create(*, user, **data) -> ProjectVisit:
    """Register a visit with its good-practice note; the consultant defaults to the user who logs it.

    A challenge is optional, but when given it must be of the visit's year (the model's `clean`).
    """
    visit, _links = project_visit_build(user=user, data=data)
    visit.save()
    return visit


@transaction.atomic
def project_visit_create_many(*, user, rows: list[dict]) -> list[ProjectVisit]:
    """Register many visits at once (the Excel import), each by the rules of project_visit_create."""
    return registrations_insert(registrations_build(rows, project_visit_build, user=user), user=user)


@transaction.atomic
def project_visit_update(*, visit: ProjectVisit, user, data: dict) -> ProjectVisit:
    """Change the fields named in `data`."""
    return registration_save(visit, data, fields=VISIT_FIELDS)


@transaction.atomic
def project_visit_delete(*, visit: ProjectVisit, user) -> None:
    visit.delete()
