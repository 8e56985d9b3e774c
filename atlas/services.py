"""Writes of the atlas; the admin keeps areas, these keep the actors."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Actor

ACTOR_FIELDS = ("name", "kind", "address", "latitude", "longitude", "website", "contact_name", "contact_email",
                "contact_phone", "target_groups", "activities", "is_active", "last_checked")


def _save(actor: Actor, data: dict) -> Actor:
    for field in ACTOR_FIELDS:
        if field in data:
            setattr(actor, field, data[field])
    areas = list(data["areas"]) if "areas" in data else None
    if areas is not None and not areas:
        raise ValidationError({"areas": _("Vælg mindst ét område.")})
    actor.full_clean()
    actor.save()
    if areas is not None:
        actor.areas.set(areas)
    return actor


@transaction.atomic
def actor_create(*, user, **data) -> Actor:
    if "areas" not in data:
        raise ValidationError({"areas": _("Vælg mindst ét område.")})
    return _save(Actor(created_by=user), data)


@transaction.atomic
def actor_update(*, actor: Actor, user, data: dict) -> Actor:
    return _save(actor, data)


@transaction.atomic
def actor_delete(*, actor: Actor, user) -> None:
    actor.delete()
