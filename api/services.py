"""Service tokens: made (shown once), revoked."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.secrets import secret_new

from .models import ServiceToken, token_digest

PREFIX = "tfi_"


@transaction.atomic
def service_token_create(*, name: str, scope: str, days: int, created_by=None) -> tuple[ServiceToken, str]:
    """A new token and its secret, which is shown this once and kept only as a hash."""
    secret = secret_new(PREFIX)
    user_model = get_user_model()
    base = f"tjeneste-{slugify(name)[:120] or 'token'}"
    username, number = base, 1
    while user_model.objects.filter(username=username).exists():
        number += 1
        username = f"{base}-{number}"
    user = user_model.objects.create_user(username=username, first_name=name[:150], last_name="(API)")
    token = ServiceToken(name=name, scope=scope, prefix=secret[:10], digest=token_digest(secret), user=user,
                         created_by=created_by, expires_at=timezone.now() + timedelta(days=days))
    token.full_clean(exclude=["user"])
    token.save()
    return token, secret


def service_token_revoke(*, token: ServiceToken) -> None:
    """Revoked at once: the next request with it is refused."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
