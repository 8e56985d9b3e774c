"""Users from the municipality's identity provider: who they are and which of the three roles they hold.

Both sign-ins (OpenID Connect in accounts/oidc.py, SAML 2.0 in accounts/saml.py) turn the provider's
verified answer into a ProviderIdentity and hand it to `user_from_provider`, which finds the user by the
provider's stable identifier alone (issuer and subject: `sub`/`oid`, the NameID), never by a name or an
e-mail, so a colleague with the same e-mail cannot take over an account. A user is made at the first
sign-in; the roles are set from the claims at every sign-in, so a group removed at the provider takes the
role away at the next one. Someone with no mapped role gets no account (and an existing one loses its
roles) and is shown the no-access page.
"""

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from core import roles

from .models import ExternalIdentity

ROLE_NAMES = (roles.CONSULTANT, roles.MANAGEMENT, roles.ADMINISTRATOR)


@dataclass(frozen=True)
class ProviderIdentity:
    """What the provider asserted about the user, after its signature and conditions were checked."""

    protocol: str
    issuer: str
    subject: str
    username: str
    full_name: str
    email: str
    roles: frozenset[str]
    # The provider says the user signed in with more than a password (amr/acr, AuthnContextClassRef).
    multi_factor: bool


class AccountClosed(Exception):
    """The identity belongs to an account the administrator has closed."""


def roles_from(values, role_map: dict[str, frozenset[str]]) -> frozenset[str]:
    """The register's roles given by the provider's group ids or role values (case as sent: Entra ID's
    ids are lower-case GUIDs, but an administrator may paste them in capitals)."""
    given = {str(value).strip().lower() for value in values}
    return frozenset(role for role, ids in role_map.items() if given & {value.lower() for value in ids})


def split_name(full_name: str) -> tuple[str, str]:
    first, _, last = full_name.strip().rpartition(" ")
    return (first, last) if first else (last, "")


def _free_username(wanted: str) -> str:
    """`wanted` made into a Django username; with -2, -3 … when it is taken. The username is only a label:
    an existing local account of that name is not this person's (the provider's id decides)."""
    user_model = get_user_model()
    base = re.sub(r"[^\w.@+-]", "", wanted)[:140] or "bruger"
    candidate, number = base, 1
    while user_model.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _set_roles(user, wanted: frozenset[str]) -> None:
    held = set(user.groups.filter(name__in=ROLE_NAMES).values_list("name", flat=True))
    if held - wanted:
        user.groups.remove(*Group.objects.filter(name__in=held - wanted))
    if wanted - held:
        user.groups.add(*Group.objects.filter(name__in=wanted - held))


@transaction.atomic
def user_from_provider(identity: ProviderIdentity):
    """The user the provider signed in, with roles and name as the provider now says; None when the
    provider gives them no role in the register (no account is made then; an existing one keeps its
    history but loses its roles). AccountClosed when the administrator has closed the account."""
    link = (ExternalIdentity.objects.select_for_update().select_related("user")
            .filter(issuer=identity.issuer, subject=identity.subject).first())
    if link is None:
        if not identity.roles:
            return None
        first_name, last_name = split_name(identity.full_name)
        user = get_user_model().objects.create_user(
            username=_free_username(identity.username or identity.email.split("@")[0] or identity.subject),
            email=identity.email, first_name=first_name[:150], last_name=last_name[:150])
        link = ExternalIdentity.objects.create(user=user, protocol=identity.protocol, issuer=identity.issuer,
                                              subject=identity.subject)
    user = link.user
    if not user.is_active:
        raise AccountClosed
    _set_roles(user, identity.roles)
    first_name, last_name = split_name(identity.full_name)
    changed = {"first_name": first_name[:150] or user.first_name, "last_name": last_name[:150] or user.last_name,
               "email": identity.email or user.email,
               # The admin is the administrator's; superusers are made by hand and never by a provider.
               "is_staff": roles.ADMINISTRATOR in identity.roles or user.is_superuser}
    changed = {field: value for field, value in changed.items() if getattr(user, field) != value}
    if changed:
        for field, value in changed.items():
            setattr(user, field, value)
        user.save(update_fields=list(changed))
    link.last_sign_in_at = timezone.now()
    link.save(update_fields=["last_sign_in_at"])
    return user if identity.roles else None
