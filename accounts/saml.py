"""Sign-in through a SAML 2.0 identity provider (AD FS; KOMBIT's Context Handler), by djangosaml2 and pysaml2.

pysaml2 checks the response: the assertion's signature against the certificate in the IdP's metadata
(signed assertions are required), the audience (this SP's entity id), the recipient and destination (the
assertion consumer's address), NotBefore/NotOnOrAfter (with SAML_CLOCK_SKEW_SECONDS' leeway) and
InResponseTo against the requests this browser has outstanding; djangosaml2 forgets a request once it is
answered, so a replayed response is unsolicited and refused. Unsolicited (IdP-initiated) responses are
refused too. What the assertion says becomes a ProviderIdentity for accounts/identity.py.
"""

import base64
import binascii
import logging
import time

import saml2
from defusedxml import ElementTree
from django.conf import settings
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from djangosaml2 import views as djangosaml2_views
from saml2.config import SPConfig
from saml2.response import IncorrectlySigned
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_TRANSIENT
from saml2.sigver import SignatureError
from saml2.validate import ResponseLifetimeExceed, ToEarly

from .backends import BACKEND
from .identity import AccountClosed, ProviderIdentity, roles_from, user_from_provider
from .models import ExternalIdentity
from .sessions import sign_in_remember

logger = logging.getLogger(__name__)
_configs: dict[tuple, tuple[float, SPConfig]] = {}


def enabled() -> bool:
    return bool(settings.SAML_IDP_METADATA_URL or settings.SAML_IDP_METADATA_FILE)


def base_url() -> str:
    return settings.SITE_URL.rstrip("/")


def entity_id() -> str:
    return settings.SAML_SP_ENTITY_ID or f"{base_url()}{reverse('saml2_metadata')}"


def config_dict() -> dict:
    """pysaml2's configuration of this service provider, from the settings."""
    signing = bool(settings.SAML_SP_KEY_FILE and settings.SAML_SP_CERT_FILE)
    metadata = ({"remote": [{"url": settings.SAML_IDP_METADATA_URL}]} if settings.SAML_IDP_METADATA_URL
                else {"local": [settings.SAML_IDP_METADATA_FILE]})
    config = {
        "entityid": entity_id(),
        "xmlsec_binary": settings.SAML_XMLSEC_BINARY,
        "metadata": metadata,
        "accepted_time_diff": settings.SAML_CLOCK_SKEW_SECONDS,
        "service": {"sp": {
            "name": "TFI Register",
            "endpoints": {
                "assertion_consumer_service": [(f"{base_url()}{reverse('saml2_acs')}", saml2.BINDING_HTTP_POST)],
                "single_logout_service": [(f"{base_url()}{reverse('saml2_ls')}", saml2.BINDING_HTTP_REDIRECT),
                                          (f"{base_url()}{reverse('saml2_ls_post')}", saml2.BINDING_HTTP_POST)],
            },
            "name_id_format": [NAMEID_FORMAT_PERSISTENT],
            "allow_unsolicited": False,
            "want_assertions_signed": True,
            "want_response_signed": False,
            "authn_requests_signed": signing,
            "logout_requests_signed": signing,
            "signing_algorithm": saml2.xmldsig.SIG_RSA_SHA256,
            "digest_algorithm": saml2.xmldsig.DIGEST_SHA256,
        }},
        # Attributes pysaml2 has no friendly name for are kept, named exactly as the IdP sends them (URIs);
        # without this it drops them all. The map in the settings names them.
        "allow_unknown_attributes": True,
    }
    if signing:
        config.update(key_file=settings.SAML_SP_KEY_FILE, cert_file=settings.SAML_SP_CERT_FILE,
                      encryption_keypairs=[{"key_file": settings.SAML_SP_KEY_FILE,
                                            "cert_file": settings.SAML_SP_CERT_FILE}])
    return config


def sp_config(request=None) -> SPConfig:
    """djangosaml2's configuration loader (SAML_CONFIG_LOADER). The IdP's metadata is read once and again
    after SAML_IDP_METADATA_REFRESH_SECONDS (so a new IdP certificate is taken up without a restart)."""
    config = config_dict()
    key = repr(sorted(config.items()))
    expires, loaded = _configs.get(key, (0.0, None))
    if loaded is None or expires < time.monotonic():
        loaded = SPConfig()
        loaded.load(config)
        _configs[key] = (time.monotonic() + settings.SAML_IDP_METADATA_REFRESH_SECONDS, loaded)
    return loaded


def attribute(ava: dict, names: list[str]) -> list[str]:
    """The values of the first of `names` the assertion carries."""
    for name in names:
        if ava.get(name):
            return [str(value) for value in ava[name]]
    return []


def privileges(values: list[str]) -> list[str]:
    """The values themselves, and for a value that is KOMBIT's (OIOSAML) basic privilege profile, a base64
    encoded <PrivilegeList> of <PrivilegeGroup Scope="…"><Privilege>…</Privilege>, the privileges in it."""
    found = []
    for value in values:
        found.append(value)
        try:
            document = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            continue
        if b"PrivilegeList" not in document:
            continue
        try:
            root = ElementTree.fromstring(document)
        except ElementTree.ParseError:
            continue
        found.extend(element.text.strip() for element in root.iter()
                     if element.tag.rpartition("}")[2] == "Privilege" and element.text)
    return found


def identity_from(session_info: dict) -> ProviderIdentity:
    ava = session_info["ava"]
    name_id = session_info.get("name_id")
    if name_id is None or not name_id.text or name_id.format == NAMEID_FORMAT_TRANSIENT:
        # The user is found by the NameID alone: one that changes at every sign-in would make a new account each time.
        raise PermissionDenied(_("Identitetsudbyderen sendte ikke et fast id for brugeren (NameID). Bed IT om "
                                 "at sende et vedvarende NameID til TFI Register."))
    contexts = {entry[0] for entry in session_info.get("authn_info") or [] if entry}
    email = next(iter(attribute(ava, settings.SAML_ATTRIBUTE_EMAIL)), "")
    return ProviderIdentity(
        protocol=ExternalIdentity.Protocol.SAML, issuer=session_info["issuer"], subject=name_id.text,
        username=next(iter(attribute(ava, settings.SAML_ATTRIBUTE_USERNAME)), "") or email.split("@")[0],
        full_name=next(iter(attribute(ava, settings.SAML_ATTRIBUTE_NAME)), ""), email=email,
        roles=roles_from(privileges(attribute(ava, settings.SAML_ATTRIBUTE_ROLES)), settings.SAML_ROLES),
        multi_factor=bool(contexts & settings.SAML_MFA_CONTEXTS))


class NoRole(PermissionDenied):
    """The IdP signed the person in, but gave them no role in the register."""


class AssertionConsumerView(djangosaml2_views.AssertionConsumerServiceView):
    """djangosaml2's assertion consumer, signing in with the register's own rules and answering a refused
    response with a Danish page instead of djangosaml2's English one."""

    def authenticate_user(self, request, session_info, attribute_mapping, create_unknown_user, assertion_info):
        identity = identity_from(session_info)
        try:
            user = user_from_provider(identity)
        except AccountClosed as error:
            raise PermissionDenied(_("Kontoen er lukket. Kontakt administratoren, hvis du skal bruge den igen.")) \
                from error
        if user is None:
            raise NoRole
        login(request, user, backend=BACKEND)
        # djangosaml2's own helper: its logout view reads the subject back with the twin _get_subject_id.
        djangosaml2_views._set_subject_id(request.saml_session, session_info["name_id"])
        sign_in_remember(request, protocol=identity.protocol, multi_factor=identity.multi_factor)
        return user

    def handle_acs_failure(self, request, exception=None, status=403, **kwargs):
        from .views import no_access, refused

        if isinstance(exception, NoRole):
            return no_access(request)
        if isinstance(exception, ResponseLifetimeExceed | ToEarly):
            message = _("Svaret fra identitetsudbyderen er udløbet. Prøv at logge ind igen.")
        elif isinstance(exception, SignatureError | IncorrectlySigned):
            message = _("Svaret fra identitetsudbyderen har ikke en gyldig signatur.")
        elif isinstance(exception, PermissionDenied) and exception.args:
            message = str(exception.args[0])
        else:
            message = _("Svaret fra identitetsudbyderen kunne ikke godkendes: det er ugyldigt, forældet, allerede "
                        "brugt eller udstedt til en anden tjeneste. Prøv at logge ind igen.")
        return refused(request, message)


class LogoutInitView(djangosaml2_views.LogoutInitView):
    """The register's logout of a SAML session: the IdP's single logout (a LogoutRequest by redirect),
    after which the IdP sends the browser back to /saml2/ls/ and on to the login page."""

    def post(self, request, *args, **kwargs):
        return self.get(request, *args, **kwargs)

    def handle_unsupported_slo_exception(self, request, exception, *args, **kwargs):
        return redirect(settings.LOGOUT_REDIRECT_URL)  # the IdP offers no single logout: the local one is done


def logout_at_idp(request):
    """The redirect to the IdP's single logout, the register's own session ended; None where there is none to
    make (the SAML cookie that names the subject is gone, the IdP offers no logout, or it fails), and the
    caller ends the session locally."""
    if djangosaml2_views._get_subject_id(request.saml_session) is None:
        return None
    try:
        response = LogoutInitView.as_view()(request)
    except Exception:  # pysaml2 raises plain exceptions of several kinds; the local logout still happens
        logger.warning("SAML single logout could not be started", exc_info=True)
        return None
    location = response.get("Location", "") if response.status_code in (302, 303) else ""
    return response if location.startswith(("http://", "https://")) else None


class LogoutAnswerView(djangosaml2_views.LogoutView):
    """djangosaml2's logout endpoint (the IdP's LogoutResponse, or its own LogoutRequest), with a Danish
    answer instead of a server error for a message that cannot be read."""

    def do_logout_service(self, request, data, binding, *args, **kwargs):
        from .views import refused

        try:
            return super().do_logout_service(request, data, binding, *args, **kwargs)
        except Exception:  # pysaml2: UnravelError, binascii.Error, XML errors…
            logger.info("Unreadable SAML logout message", exc_info=True)
            return refused(request, _("Logud-beskeden fra identitetsudbyderen kunne ikke læses."), status=400)
