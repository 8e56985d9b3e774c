"""Sign-in through an OpenID Connect provider (Microsoft Entra ID, AD FS, Keycloak): the authorization
code flow with PKCE, `state` and `nonce`, by Authlib's Django client.

Authlib rather than mozilla-django-oidc: Authlib checks the ID token itself (the signature against the
provider's published keys, refetched when the provider rotates them; `iss`, `aud`, `exp`, `iat` and the
nonce, with a bounded leeway for clock skew) and does PKCE (S256) and RP-initiated logout, where
mozilla-django-oidc checks the signature and the nonce but not the issuer, audience or expiry.

Everything comes from the settings (tfi/settings.py, README "Single sign-on"), read at each sign-in.
"""

import logging

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from joserfc.errors import BadSignatureError, ClaimError, ExpiredTokenError, JoseError

from .identity import ProviderIdentity, roles_from
from .models import ExternalIdentity

logger = logging.getLogger(__name__)

_clients: dict[tuple, object] = {}


def enabled() -> bool:
    return bool(settings.OIDC_DISCOVERY_URL and settings.OIDC_CLIENT_ID)


def client():
    """Authlib's client for the configured provider; one per configuration, so that the discovery document
    and the provider's keys are fetched once per process rather than at every sign-in."""
    key = (settings.OIDC_DISCOVERY_URL, settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET, settings.OIDC_SCOPES)
    if key not in _clients:
        oauth = OAuth()
        _clients[key] = oauth.register(
            name="municipality", server_metadata_url=settings.OIDC_DISCOVERY_URL,
            client_id=settings.OIDC_CLIENT_ID, client_secret=settings.OIDC_CLIENT_SECRET,
            client_kwargs={"scope": settings.OIDC_SCOPES, "code_challenge_method": "S256", "timeout": 10})
    return _clients[key]


def redirect_uri(request) -> str:
    return request.build_absolute_uri(reverse("accounts:oidc_callback"))


def start(request):
    """The redirect to the provider's sign-in; Authlib keeps state, nonce and the PKCE verifier in the session."""
    return client().authorize_redirect(request, redirect_uri(request))


class SignInRefused(Exception):
    """The provider's answer did not hold; the message says why, in the user's language."""


def identity_from_callback(request) -> tuple[ProviderIdentity, str]:
    """The verified identity from the provider's answer, and the ID token (for the logout's hint).

    Authlib exchanges the code (with the PKCE verifier) and checks the ID token; the issuer and the
    audience are checked as essential claims here, whatever the provider's metadata says."""
    if request.GET.get("error"):
        # The provider refused, or the user cancelled there. The code is not shown: anyone can put text in a link.
        if request.GET["error"] == "access_denied":
            raise SignInRefused(_("Login blev afvist eller annulleret hos identitetsudbyderen."))
        raise SignInRefused(_("Identitetsudbyderen afbrød login. Prøv igen, eller kontakt administratoren."))
    oidc = client()
    try:
        issuer = oidc.load_server_metadata()["issuer"]
        token = oidc.authorize_access_token(
            request, leeway=settings.OIDC_CLOCK_SKEW_SECONDS,
            claims_options={"iss": {"essential": True, "value": issuer},
                            "aud": {"essential": True, "value": settings.OIDC_CLIENT_ID}})
    except ExpiredTokenError as error:
        raise SignInRefused(_("Svaret fra identitetsudbyderen er udløbet. Prøv at logge ind igen.")) from error
    except BadSignatureError as error:
        raise SignInRefused(_("Svaret fra identitetsudbyderen har ikke en gyldig signatur.")) from error
    except ClaimError as error:
        if error.claim == "aud":
            message = _("Svaret fra identitetsudbyderen er udstedt til en anden tjeneste end TFI Register.")
        elif error.claim == "iss":
            message = _("Svaret kommer ikke fra den identitetsudbyder, TFI Register er sat op til.")
        else:
            message = _("Svaret fra identitetsudbyderen kunne ikke godkendes (%(claim)s).") % {"claim": error.claim}
        raise SignInRefused(message) from error
    except (JoseError, AuthlibBaseError, ValueError) as error:
        # A state that is not this browser's (a replayed or stale answer), a code refused by the provider,
        # a token that cannot be read.
        logger.info("OpenID Connect sign-in refused: %r", error)
        raise SignInRefused(_("Login-svaret er ugyldigt, forældet eller allerede brugt. Prøv at logge ind igen.")) \
            from error
    except requests.RequestException as error:
        logger.warning("The OpenID provider could not be reached: %r", error)
        raise SignInRefused(_("Identitetsudbyderen svarer ikke. Prøv igen om lidt.")) from error
    claims = token.get("userinfo")
    if not claims:
        raise SignInRefused(_("Identitetsudbyderen sendte ikke et ID-token. Prøv at logge ind igen."))
    subject = claims.get(settings.OIDC_SUBJECT_CLAIM)
    if not subject:
        raise SignInRefused(_("Identitetsudbyderen sendte ikke brugerens id (%(claim)s).")
                            % {"claim": settings.OIDC_SUBJECT_CLAIM})
    groups = claims.get(settings.OIDC_ROLES_CLAIM) or []
    if isinstance(groups, str):
        groups = [groups]
    amr = {str(value) for value in claims.get("amr") or [] if isinstance(claims.get("amr"), list)}
    identity = ProviderIdentity(
        protocol=ExternalIdentity.Protocol.OIDC, issuer=issuer, subject=str(subject),
        username=claims.get("preferred_username") or claims.get("upn") or "",
        full_name=claims.get("name") or " ".join(filter(None, [claims.get("given_name"), claims.get("family_name")])),
        email=claims.get("email") or "",
        roles=roles_from(groups, settings.OIDC_ROLES),
        multi_factor=bool(amr & settings.OIDC_MFA_AMR) or str(claims.get("acr") or "") in settings.OIDC_MFA_ACR)
    return identity, token["id_token"]


def logout_url(request, id_token: str) -> str | None:
    """The provider's end-session address (RP-initiated logout), back to the login page afterwards; None
    when the provider offers none."""
    try:
        metadata = client().load_server_metadata()
    except requests.RequestException:
        return None
    if not metadata.get("end_session_endpoint"):
        return None
    return client().create_logout_url(
        post_logout_redirect_uri=request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL)),
        id_token_hint=id_token)["url"]
