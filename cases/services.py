"""Writes to the register. Views, the demo loader and later imports all go through these."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .choices import DeliverableStatus, RequisitionStatus
from .models import Advisory, Challenge, Deliverable, Event, Organisation, Requisition, SteeringGroupMembership

REQUISITION_FIELDS = (
    "challenge", "title", "description", "area", "date_received", "date_finished", "status",
    "participants", "participants_approximate", "partners", "volunteers", "hours",
    "contact_name", "contact_email", "contact_phone",
)
ADVISORY_FIELDS = ("challenge", "requester", "title", "description", "area", "date", "consultant",
                   "is_report_example", "hours", "contact_name", "contact_email", "contact_phone")


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
    hours=None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Requisition:
    """Register a requisition with its requesters and responsible consultants, all or nothing."""
    requesters = _require_requesters(requesters)
    requisition = Requisition(
        challenge=challenge, title=title, description=description, area=area,
        date_received=date_received, date_finished=date_finished, status=status,
        participants=participants, participants_approximate=participants_approximate,
        partners=partners, volunteers=volunteers, hours=hours, contact_name=contact_name, contact_email=contact_email,
        contact_phone=contact_phone, created_by=user,
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
    hours=None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Advisory:
    """Register an advisory; the consultant defaults to the user who logs it."""
    advisory = Advisory(
        challenge=challenge, requester=requester, title=title, date=date,
        consultant=consultant or user, description=description, area=area,
        is_report_example=is_report_example, hours=hours, contact_name=contact_name, contact_email=contact_email,
        contact_phone=contact_phone, created_by=user,
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


def _save(instance, data: dict, *, fields, m2m=()):
    """Set the given fields, validate the row, save it, then replace the many-to-many sets."""
    for field in fields:
        if field in data:
            setattr(instance, field, data[field])
    instance.full_clean()
    instance.save()
    for field in m2m:
        if field in data:
            getattr(instance, field).set(list(data[field]))
    return instance


EVENT_FIELDS = ("challenge", "kind", "title", "description", "date", "place", "area", "role", "consultant",
                "deliverable", "requisition", "participants", "participants_expected",
                "participants_approximate", "organisation_count", "volunteers", "previous", "hours")
EVENT_M2M = ("organisations",)


@transaction.atomic
def event_create(*, user, **data) -> Event:
    """Register an event; the responsible consultant defaults to the user."""
    data.setdefault("consultant", user)
    return _save(Event(created_by=user), data, fields=EVENT_FIELDS, m2m=EVENT_M2M)


@transaction.atomic
def event_update(*, event: Event, user, data: dict) -> Event:
    return _save(event, data, fields=EVENT_FIELDS, m2m=EVENT_M2M)


@transaction.atomic
def event_delete(*, event: Event, user) -> None:
    event.delete()


DELIVERABLE_FIELDS = ("challenge", "title", "description", "outcome", "status", "is_promised",
                      "publication_title", "publication_url", "hours")
DELIVERABLE_M2M = ("replaced_by", "requisitions")


def _check_replacements(deliverable: Deliverable, data: dict) -> None:
    status = data.get("status", deliverable.status)
    if "replaced_by" in data:
        replaced_by = list(data["replaced_by"])
    else:
        replaced_by = list(deliverable.replaced_by.all()) if deliverable.pk else []
    if status == DeliverableStatus.REPLACED and not replaced_by:
        raise ValidationError({"replaced_by": _(
            "En erstattet leverance skal angive de leverancer, der erstattede den.")})
    if deliverable.pk and any(other.pk == deliverable.pk for other in replaced_by):
        raise ValidationError({"replaced_by": _("En leverance kan ikke erstatte sig selv.")})


@transaction.atomic
def deliverable_create(*, user, **data) -> Deliverable:
    """Register a deliverable of the work plan; a replaced one must name what replaced it."""
    deliverable = Deliverable(created_by=user)
    _check_replacements(deliverable, data)
    return _save(deliverable, data, fields=DELIVERABLE_FIELDS, m2m=DELIVERABLE_M2M)


@transaction.atomic
def deliverable_update(*, deliverable: Deliverable, user, data: dict) -> Deliverable:
    _check_replacements(deliverable, data)
    return _save(deliverable, data, fields=DELIVERABLE_FIELDS, m2m=DELIVERABLE_M2M)


@transaction.atomic
def deliverable_delete(*, deliverable: Deliverable, user) -> None:
    deliverable.delete()


STEERING_FIELDS = ("body", "area", "challenge", "role", "consultant", "start", "end", "notes", "hours")


@transaction.atomic
def steering_group_membership_create(*, user, **data) -> SteeringGroupMembership:
    data.setdefault("consultant", user)
    return _save(SteeringGroupMembership(created_by=user), data, fields=STEERING_FIELDS)


@transaction.atomic
def steering_group_membership_update(*, membership: SteeringGroupMembership, user,
                                     data: dict) -> SteeringGroupMembership:
    return _save(membership, data, fields=STEERING_FIELDS)


@transaction.atomic
def steering_group_membership_delete(*, membership: SteeringGroupMembership, user) -> None:
    membership.delete()
