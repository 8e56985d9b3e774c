"""Writes of the atlas; the admin keeps areas, these keep the actors."""

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

from .kinds import ACTOR
from .models import Actor

# What the service writes: the fields the actor's form offers (atlas/kinds.py).
ACTOR_FIELDS, ACTOR_M2M = ACTOR.service_fields, ACTOR.service_m2m


def _areas(data: dict) -> list:
    areas = list(data.get("areas") or ())
    if not areas:
        raise ValidationError({"areas": _("Vælg mindst ét område.")})
    return areas


def actor_build(*, user, data: dict, many: bool = False) -> tuple[Actor, dict]:
    """A new actor from `data`, checked but not saved: what actor_create saves, and what the Excel import
    checks each row with."""
    known_fields(data, ACTOR_FIELDS, ACTOR_M2M)
    links = {"areas": _areas(data)}
    instance = registration_fill(Actor(created_by=user), data, fields=ACTOR_FIELDS, many=many)
    return instance, links


@transaction.atomic
def actor_create(*, user, **data) -> Actor:
    """Register an actor in at least one area."""
    actor, links = actor_build(user=user, data=data)
    actor.save()
    actor.areas.set(links["areas"])
    return actor


@transaction.atomic
def actor_create_many(*, user, rows: list[dict]) -> list[Actor]:
    """Register many actors at once (the Excel import), each by the rules of actor_create."""
    return registrations_insert(registrations_build(rows, actor_build, user=user), user=user)


@transaction.atomic
def actor_update(*, actor: Actor, user, data: dict) -> Actor:
    """Change the fields named in `data`; `areas`, when named, replaces the actor's areas (at least one)."""
    if "areas" in data:
        data = {**data, "areas": _areas(data)}
    return registration_save(actor, data, fields=ACTOR_FIELDS, m2m=ACTOR_M2M)


@transaction.atomic
def actor_delete(*, actor: Actor, user) -> None:
    actor.delete()
