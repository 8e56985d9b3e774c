"""Writes to the project bank and the project visits. Views and later imports all go through these."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from cases.models import Challenge, Organisation

from .models import Project, ProjectVisit

PROJECT_FIELDS = ("name", "organisation", "area", "description", "is_active", "is_municipality_funded",
                  "contact_name", "contact_email", "contact_phone")
VISIT_FIELDS = ("project", "date", "consultant", "challenge", "what_works", "advice", "sets_goals",
                "measures_effect", "is_good_practice", "hours")


def _save(instance, data: dict, *, fields):
    """Set the given fields, validate the row (the model's rules included), then save it."""
    for field in fields:
        if field in data:
            setattr(instance, field, data[field])
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def project_create(
    *,
    user,
    name: str,
    organisation: Organisation | None = None,
    area=None,
    description: str = "",
    is_active: bool = True,
    is_municipality_funded: bool = True,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Project:
    """Add a project to the project bank."""
    project = Project(
        name=name, organisation=organisation, area=area, description=description, is_active=is_active,
        is_municipality_funded=is_municipality_funded, contact_name=contact_name, contact_email=contact_email,
        contact_phone=contact_phone,
    )
    project.full_clean()
    project.save()
    return project


@transaction.atomic
def project_update(*, project: Project, user, data: dict) -> Project:
    """Change the fields named in `data`."""
    return _save(project, data, fields=PROJECT_FIELDS)


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


@transaction.atomic
def project_visit_create(
    *,
    user,
    project: Project,
    date: date,
    consultant=None,
    challenge: Challenge | None = None,
    what_works: str = "",
    advice: str = "",
    sets_goals: str = "",
    measures_effect: str = "",
    is_good_practice: bool = False,
    hours: Decimal | None = None,
) -> ProjectVisit:
    """Register a visit with its good-practice note; the consultant defaults to the user who logs it.

    A challenge is optional, but when given it must be of the visit's year (the model's `clean`).
    """
    visit = ProjectVisit(
        project=project, date=date, consultant=consultant or user, challenge=challenge, what_works=what_works,
        advice=advice, sets_goals=sets_goals, measures_effect=measures_effect,
        is_good_practice=is_good_practice, hours=hours, created_by=user,
    )
    visit.full_clean()
    visit.save()
    return visit


@transaction.atomic
def project_visit_update(*, visit: ProjectVisit, user, data: dict) -> ProjectVisit:
    """Change the fields named in `data`."""
    return _save(visit, data, fields=VISIT_FIELDS)


@transaction.atomic
def project_visit_delete(*, visit: ProjectVisit, user) -> None:
    visit.delete()
