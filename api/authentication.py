from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from .models import ServiceToken, token_digest

LAST_USED_RESOLUTION = timedelta(minutes=1)


class ServiceTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer tfi_…`: a service token that is neither expired nor revoked."""

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != b"bearer":
            return None
        if len(header) != 2:
            raise AuthenticationFailed(_("Angiv tokenet som \"Authorization: Bearer <token>\"."))
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise AuthenticationFailed(_("Tokenet er ukendt, udløbet eller tilbagekaldt.")) from error
        token = ServiceToken.objects.select_related("user").filter(digest=token_digest(secret)).first()
        now = timezone.now()
        if token is None or not token.is_valid(now) or not token.user.is_active:
            raise AuthenticationFailed(_("Tokenet er ukendt, udløbet eller tilbagekaldt."))
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            ServiceToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="tfi-register"'
