"""Writes for the user's own login: the authenticator app; the private calendar link."""

from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.secrets import secret_digest, secret_new

from .models import CalendarFeed


@transaction.atomic
def totp_device_confirm(*, user, key: str, token: str) -> TOTPDevice | None:
    """Register the authenticator app holding `key` when `token` is its current code.

    The code is checked by django-otp's own TOTPDevice; only a confirmed device counts at login. A
    new device replaces the user's earlier ones (a new phone). None when the code does not match.
    """
    device = TOTPDevice(user=user, key=key, name=_("Godkendelsesapp"), confirmed=False)
    device.full_clean()
    device.save()
    if not device.verify_token(token):
        device.delete()
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


@transaction.atomic
def totp_device_remove(*, user) -> int:
    """Remove the user's authenticator apps; the number removed."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    return removed


def calendar_feed_renew(*, user) -> str:
    """A new secret for the user's calendar link (the old link stops working at once); shown this once."""
    secret = secret_new("kal_")
    CalendarFeed.objects.update_or_create(user=user, defaults={"digest": secret_digest(secret)})
    return secret
