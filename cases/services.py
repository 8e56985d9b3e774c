"""Writes to the register of requisitions, advisories, events, deliverables and steering-group seats.
The forms, the Excel import (the `..._create_many` services), the demo loader and the tests all go
through these; each write is all or nothing, its rules checked before anything is saved."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from registrations.services import (
    known_fields,
    registration_fill,
    registration_save,
    registrations_build,
    registrations_insert,
)

from .choices import DeliverableStatus
from .kinds import ADVISORY, DELIVERABLE, EVENT, REQUISITION, STEERING_GROUP_MEMBERSHIP
from .models import Advisory, Deliverable, Event, Requisition, SteeringGroupMembership

# What each service writes: the fields its kind's form offers (cases/kinds.py).
REQUISITION_FIELDS, REQUISITION_M2M = REQUISITION.service_fields, REQUISITION.service_m2m
ADVISORY_FIELDS = ADVISORY.service_fields
EVENT_FIELDS, EVENT_M2M = EVENT.service_fields, EVENT.service_m2m
DELIVERABLE_FIELDS, DELIVERABLE_M2M = DELIVERABLE.service_fields, DELIVERABLE.service_m2m
STEERING_FIELDS = STEERING_GROUP_MEMBERSHIP.service_fields


# --- Requisitions -----------------------------------------------------------------------------------

def _require_requesters(requesters) -> list:
    requesters = list(requesters or [])
    if not requesters:
        raise ValidationError({"requesters": _("Angiv mindst én rekvirent.")})
    return requesters


def requisition_build(*, user, data: dict, many: bool = False) -> tuple[Requisition, dict]:
    """A new requisition from `data`, checked by every rule but not saved, and its many-to-many sets: what
    requisition_create saves, and what the Excel import checks each row with."""
    known_fields(data, REQUISITION_FIELDS, REQUISITION_M2M)
    links = {"requesters": _require_requesters(data.get("requesters")),
             "consultants": list(data.get("consultants") or ())}
    instance = registration_fill(Requisition(created_by=user), data, fields=REQUISITION_FIELDS, many=many)
    return instance, links


@transaction.atomic
def requisition_create(*, user, **data) -> Requisition:
    """Register a requisition with its requesters (at least one) and responsible consultants."""
    requisition, links = requisition_build(user=user, data=data)
    requisition.save()
    requisition.requesters.set(links["requesters"])
    requisition.consultants.set(links["consultants"])
    return requisition


@transaction.atomic
def requisition_create_many(*, user, rows: list[dict]) -> list[Requisition]:
    """Register many requisitions at once (the Excel import), each by the rules of requisition_create;
    raises core.exceptions.RowRejected naming the first row that breaks one."""
    return registrations_insert(registrations_build(rows, requisition_build, user=user), user=user)


@transaction.atomic
def requisition_update(*, requisition: Requisition, user, data: dict) -> Requisition:
    """Change the fields named in `data` (other keys, such as a form's version, are left alone);
    `requesters` and `consultants` replace the current sets."""
    if "requesters" in data:
        data = {**data, "requesters": _require_requesters(data["requesters"])}
    return registration_save(requisition, data, fields=REQUISITION_FIELDS, m2m=REQUISITION_M2M)


@transaction.atomic
def requisition_delete(*, requisition: Requisition, user) -> None:
    requisition.delete()


# --- Advisories -------------------------------------------------------------------------------------

def advisory_build(*, user, data: dict, many: bool = False) -> tuple[Advisory, dict]:
    """A new advisory from `data`, checked but not saved (see requisition_build)."""
    known_fields(data, ADVISORY_FIELDS)
    data = {**data, "consultant": data.get("consultant") or user}
    instance = registration_fill(Advisory(created_by=user), data, fields=ADVISORY_FIELDS, many=many)
    return instance, {}


@transaction.atomic
def advisory_create(*, user, **data) -> Advisory:
    """Register an advisory; the consultant defaults to the user who logs it."""
    advisory, _links = advisory_build(user=user, data=data)
    advisory.save()
    return advisory


@transaction.atomic
def advisory_create_many(*, user, rows: list[dict]) -> list[Advisory]:
    """Register many advisories at once (the Excel import), each by the rules of advisory_create."""
    return registrations_insert(registrations_build(rows, advisory_build, user=user), user=user)


@transaction.atomic
def advisory_update(*, advisory: Advisory, user, data: dict) -> Advisory:
    return registration_save(advisory, data, fields=ADVISORY_FIELDS)


@transaction.atomic
def advisory_delete(*, advisory: Advisory, user) -> None:
    advisory.delete()


# --- Events -----------------------------------------------------------------------------------------

def event_build(*, user, data: dict, many: bool = False) -> tuple[Event, dict]:
    """A new event from `data`, checked but not saved (see requisition_build)."""
    known_fields(data, EVENT_FIELDS, EVENT_M2M)
    data = {**data, "consultant": data.get("consultant") or user}
    links = {"organisations": list(data.get("organisations") or ())}
    instance = registration_fill(Event(created_by=user), data, fields=EVENT_FIELDS, many=many)
    return instance, links


@transaction.atomic
def event_create(*, user, **data) -> Event:
    """Register an event; the responsible consultant defaults to the user."""
    event, links = event_build(user=user, data=data)
    event.save()
    event.organisations.set(links["organisations"])
    return event


@transaction.atomic
def event_create_many(*, user, rows: list[dict]) -> list[Event]:
    """Register many events at once (the Excel import), each by the rules of event_create."""
    return registrations_insert(registrations_build(rows, event_build, user=user), user=user)


@transaction.atomic
def event_update(*, event: Event, user, data: dict) -> Event:
    return registration_save(event, data, fields=EVENT_FIELDS, m2m=EVENT_M2M)


@transaction.atomic
def event_delete(*, event: Event, user) -> None:
    event.delete()


# --- Deliverables -----------------------------------------------------------------------------------

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
    _check_replacements(deliverable, known_fields(data, DELIVERABLE_FIELDS, DELIVERABLE_M2M))
    return registration_save(deliverable, data, fields=DELIVERABLE_FIELDS, m2m=DELIVERABLE_M2M)


@transaction.atomic
def deliverable_update(*, deliverable: Deliverable, user, data: dict) -> Deliverable:
    _check_replacements(deliverable, data)
    return registration_save(deliverable, data, fields=DELIVERABLE_FIELDS, m2m=DELIVERABLE_M2M)


@transaction.atomic
def deliverable_delete(*, deliverable: Deliverable, user) -> None:
    deliverable.delete()


# --- Steering-group seats ---------------------------------------------------------------------------

@transaction.atomic
def steering_group_membership_create(*, user, **data) -> SteeringGroupMembership:
    data = {**known_fields(data, STEERING_FIELDS), "consultant": data.get("consultant") or user}
    return registration_save(SteeringGroupMembership(created_by=user), data, fields=STEERING_FIELDS)


@transaction.atomic
def steering_group_membership_update(*, membership: SteeringGroupMembership, user,
                                     data: dict) -> SteeringGroupMembership:
    return registration_save(membership, data, fields=STEERING_FIELDS)


@transaction.atomic
def steering_group_membership_delete(*, membership: SteeringGroupMembership, user) -> None:
    membership.delete()
