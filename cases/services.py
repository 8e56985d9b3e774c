"""Writes to the register. Views, the demo loader and later imports all go through these."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .choices import RequisitionStatus
from .models import Advisory, Challenge, Organisation, Requisition

REQUISITION_FIELDS = (
    "challenge", "title", "description", "area", "date_received", "date_finished", "status",
    "participants", "participants_approximate", "partners", "volunteers",
)
ADVISORY_FIELDS = ("challenge", "requester", "title", "description", "area", "date", "consultant",
                   "is_report_example")


def _require_requesters(requesters) -> list[Organisation]:
    requesters = list(requesters or [])
    if not requesters:
        raise ValidationError({"requesters": _("Angiv mindst én rekvirent.")})
    return requesters


@transaction.atomic
def requisition_create(
    *,
    user,
    challenge: Challenge,
    requesters: Iterable[Organisation],
    title: str,
    date_received: date,
    consultants: Iterable = (),
    description: str = "",
    area=None,
    date_finished: date | None = None,
    status: str = RequisitionStatus.RECEIVED,
    participants: int | None = None,
    participants_approximate: bool = False,
    partners: str = "",
    volunteers: str = "",
) -> Requisition:
    """Register a requisition with its requesters and responsible consultants, all or nothing."""
    requesters = _require_requesters(requesters)
    requisition = Requisition(
        challenge=challenge, title=title, description=description, area=area,
        date_received=date_received, date_finished=date_finished, status=status,
        participants=participants, participants_approximate=participants_approximate,
        partners=partners, volunteers=volunteers, created_by=user,
    )
    requisition.full_clean()
    requisition.save()
    requisition.requesters.set(requesters)
    requisition.consultants.set(list(consultants))
    return requisition


@transaction.atomic
def requisition_update(*, requisition: Requisition, user, data: dict) -> Requisition:
    """Change the fields named in `data`; `requesters` and `consultants` replace the current sets."""
    for field in REQUISITION_FIELDS:
        if field in data:
            setattr(requisition, field, data[field])
    requesters = _require_requesters(data["requesters"]) if "requesters" in data else None
    requisition.full_clean()
    requisition.save()
    if requesters is not None:
        requisition.requesters.set(requesters)
    if "consultants" in data:
        requisition.consultants.set(list(data["consultants"]))
    return requisition


@transaction.atomic
def requisition_delete(*, requisition: Requisition, user) -> None:
    requisition.delete()


@transaction.atomic
def advisory_create(
    *,
    user,
    challenge: Challenge,
    requester: Organisation,
    title: str,
    date: date,
    consultant=None,
    description: str = "",
    area=None,
    is_report_example: bool = False,
) -> Advisory:
    """Register an advisory; the consultant defaults to the user who logs it."""
    advisory = Advisory(
        challenge=challenge, requester=requester, title=title, date=date,
        consultant=consultant or user, description=description, area=area,
        is_report_example=is_report_example, created_by=user,
    )
    advisory.full_clean()
    advisory.save()
    return advisory


@transaction.atomic
def advisory_update(*, advisory: Advisory, user, data: dict) -> Advisory:
    for field in ADVISORY_FIELDS:
        if field in data:
            setattr(advisory, field, data[field])
    advisory.full_clean()
    advisory.save()
    return advisory


@transaction.atomic
def advisory_delete(*, advisory: Advisory, user) -> None:
    advisory.delete()
