"""A real SAML 2.0 identity provider on 127.0.0.1 for the tests of sign-in through SAML.

The product signs users in through djangosaml2/pysaml2 as a service provider. These tests need an identity provider
at the other end that behaves like one: it reads the AuthnRequest the product sends, checks it against the product's
metadata (issuer, AssertionConsumerService URL, signature when the request is signed), answers with an assertion
signed with XML-DSig and answers a LogoutRequest with a LogoutResponse. A mock that returns canned XML would only test
that the product accepts what the mock's author thought it should.

The IdP side of pysaml2 (`saml2.server.Server`) is used because it is a complete, maintained identity provider: its
AuthnRequest parsing, assertion construction, metadata and xmlsec1 signing are the ones other pysaml2 identity
providers (SATOSA among them) use in production. What is ours is the HTTP around it (the standard library's
threading HTTP server in a daemon thread), the login page, and the `mischief` that lets a test ask for a response
the product must refuse.

    idp = SamlIdentityProvider(tmp_path).start()
    idp.trust_sp(f"{live_server.url}/saml2/metadata/")
    idp.users["anna"] = {"name_id": "anna-1", "attributes": {"urn:oid:2.5.4.3": ["Anna Berg"]}}
    ...  # the browser goes to the product's SAML login and signs in at the IdP: "anna", button "Godkend"
    idp.stop()

What a test controls and reads:

- `users`: username typed at the login page -> {"name_id", "attributes": {URI: [values]}, "authn_context"}, read at
  each sign-in. Every AuthnRequest shows the login page: the IdP keeps no session of its own.
- `mischief`: None, or "tampered" (a value changed after signing), "wrong_audience", "expired" (both correctly
  signed, only that one thing wrong) or "unsigned".
- `responses` (each SAMLResponse posted, for a replay) and `logout_requests`.

Attribute names go on the wire as given, with NameFormat uri, and every attribute of the user is released. The NameID
is persistent. The assertion and the response around it are both signed (RSA-SHA256, SHA-256 digests), so the SP may
require either. LogoutResponses are signed too: in the query string for the redirect binding, in the XML for POST.
"""

import base64
import datetime
import html
import re
import secrets
import shutil
import threading
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, class_name, saml
from saml2.assertion import Policy
from saml2.attribute_converter import AttributeConverter
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.s_utils import do_ava, factory
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.sigver import pre_signature_part, verify_redirect_signature
from saml2.time_util import in_a_while
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

PASSWORD_PROTECTED_TRANSPORT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
OTHER_AUDIENCE = "https://another-service.example/"
MISCHIEFS = (None, "tampered", "wrong_audience", "expired", "unsigned")

TITLE = "Test-SAML-identitetsudbyder"


class _AttributeNamesAsGiven(AttributeConverter):
    """Puts each attribute on the wire under the name the test gave it, with NameFormat uri.

    pysaml2's own converters map local names ("cn", "mail") to URIs and leave any other name without a NameFormat;
    its no-op converter lower-cases names. The tests speak in the URIs the product reads, so neither fits.
    """

    def __init__(self) -> None:
        super().__init__(NAME_FORMAT_URI)

    def to_(self, attrvals):
        return [
            factory(saml.Attribute, name=name, name_format=NAME_FORMAT_URI, attribute_value=do_ava(values))
            for name, values in attrvals.items()
        ]


class _ReleaseEverything(Policy):
    """The release policy of the configuration, except that the SP's RequestedAttributes do not filter the release:
    pysaml2 would drop every attribute the SP's metadata does not request, and a test's user should arrive whole."""

    def restrict(self, ava, sp_entity_id, metadata=None):
        return self.filter(ava, sp_entity_id)


@dataclass
class _PendingSignIn:
    """An AuthnRequest waiting for the user to sign in at the login page."""

    request_id: str
    sp_entity_id: str
    acs_url: str
    relay_state: str


class SamlIdentityProvider:
    """pysaml2's IdP behind a small HTTP server; see the module docstring."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.key_file = self.workdir / "idp-key.pem"
        self.cert_file = self.workdir / "idp-cert.pem"
        write_key_and_certificate(self.key_file, self.cert_file)

        self.users: dict[str, dict] = {}
        self.mischief: str | None = None
        self.responses: list[dict] = []
        self.logout_requests: list[dict] = []

        self._sp_metadata_urls: dict[str, bool] = {}  # URL -> loaded into the Server's metadata
        self._pending: dict[str, _PendingSignIn] = {}
        self._lock = threading.Lock()  # one SAML exchange at a time: pysaml2's Server is not made for threads
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._server: Server | None = None
        self._release_policy: Policy | None = None
        self._metadata_xml = ""

    # -- life cycle ------------------------------------------------------------------------------------------------

    def start(self) -> "SamlIdentityProvider":
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), type("Handler", (_Handler,), {"idp": self}))
        self._httpd.daemon_threads = True
        # The entity id and endpoints name the port, so the configuration is made once the port is bound.
        settings = self._config()
        config = IdPConfig().load(settings)
        config.attribute_converters = [_AttributeNamesAsGiven()]
        self._server = Server(config=config)
        self._release_policy = _ReleaseEverything(settings["service"]["idp"]["policy"], self._server.metadata)
        self._metadata_xml = create_metadata_string(None, config=config).decode("utf-8")
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="saml-idp", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=5)
            self._httpd = None
        if self._server is not None:
            self._server.close()
            self._server = None

    def __enter__(self) -> "SamlIdentityProvider":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("The identity provider is not started")
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def entity_id(self) -> str:
        return f"{self.base_url}/metadata"

    @property
    def metadata_url(self) -> str:
        return f"{self.base_url}/metadata"

    def metadata_xml(self) -> str:
        return self._metadata_xml

    def trust_sp(self, sp_metadata_url: str) -> None:
        """Trust the SP whose metadata is at this URL. It is fetched when the next SAML message arrives (the SP may not
        be up yet); naming the same URL again fetches it anew."""
        with self._lock:
            self._sp_metadata_urls[sp_metadata_url] = False

    def _config(self) -> dict:
        xmlsec = shutil.which("xmlsec1")
        if xmlsec is None:
            raise RuntimeError("xmlsec1 is needed to sign assertions (Debian: apt-get install xmlsec1)")
        base = self.base_url
        return {
            "entityid": self.entity_id,
            "xmlsec_binary": xmlsec,
            "key_file": str(self.key_file),
            "cert_file": str(self.cert_file),
            "metadata": {},  # the SPs come in through trust_sp
            "accepted_time_diff": 60,
            "http_client_timeout": 10,
            "delete_tmpfiles": True,
            "service": {
                "idp": {
                    "name": TITLE,
                    "endpoints": {
                        "single_sign_on_service": [
                            (f"{base}/sso/redirect", BINDING_HTTP_REDIRECT),
                            (f"{base}/sso/post", BINDING_HTTP_POST),
                        ],
                        "single_logout_service": [
                            (f"{base}/slo/redirect", BINDING_HTTP_REDIRECT),
                            (f"{base}/slo/post", BINDING_HTTP_POST),
                        ],
                    },
                    "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                    # Here, not at the top: the Server reads them in the "idp" context. pysaml2's default is RSA-SHA1.
                    "signing_algorithm": SIG_RSA_SHA256,
                    "digest_algorithm": DIGEST_SHA256,
                    # Unsigned AuthnRequests are accepted; a signed one is still checked (see _check_redirect_signature;
                    # pysaml2 itself checks a signature inside a POSTed request).
                    "want_authn_requests_signed": False,
                    "sign_response": True,
                    "sign_assertion": True,
                    "policy": {
                        "default": {
                            "lifetime": {"minutes": 15},
                            "attribute_restrictions": None,  # release every attribute
                            "name_form": NAME_FORMAT_URI,
                            "nameid_format": NAMEID_FORMAT_PERSISTENT,
                        },
                    },
                },
            },
        }

    # -- HTTP ------------------------------------------------------------------------------------------------------

    def _handle(self, method: str, path: str, params: dict[str, str]) -> tuple[int, list[tuple[str, str]], str]:
        """Answer one HTTP request: (status, headers, body)."""
        if (method, path) == ("GET", "/metadata"):
            # Without the lock: the SP may fetch this while the IdP, holding the lock, fetches the SP's metadata.
            return 200, [("Content-Type", "application/samlmetadata+xml; charset=utf-8")], self._metadata_xml
        routes = {
            ("GET", "/sso/redirect"): lambda: self._authn_request(params, BINDING_HTTP_REDIRECT),
            ("POST", "/sso/post"): lambda: self._authn_request(params, BINDING_HTTP_POST),
            ("POST", "/login"): lambda: self._login(params),
            ("GET", "/slo/redirect"): lambda: self._logout_request(params, BINDING_HTTP_REDIRECT),
            ("POST", "/slo/post"): lambda: self._logout_request(params, BINDING_HTTP_POST),
        }
        route = routes.get((method, path))
        if route is None:
            return _page(404, "Siden findes ikke", f"<p>{html.escape(method)} {html.escape(path)}</p>")
        with self._lock:
            try:
                return route()
            except Exception as exc:  # any fault in a SAML message is the sender's: show it, as an IdP would
                return _page(400, "Ugyldig SAML-besked", f"<p>{html.escape(f'{type(exc).__name__}: {exc}')}</p>")

    # -- single sign-on --------------------------------------------------------------------------------------------

    def _authn_request(self, params: dict[str, str], binding: str):
        if "SAMLRequest" not in params:
            raise ValueError("SAMLRequest is missing")
        self._load_sp_metadata()
        request = self._server.parse_authn_request(params["SAMLRequest"], binding)
        message = request.message
        sp_entity_id = message.issuer.text.strip()
        if binding == BINDING_HTTP_REDIRECT:
            self._check_redirect_signature(params, sp_entity_id)
        # The ACS is the one the request names, if the SP's metadata has it for the POST binding, else the SP's first
        # POST ACS; pysaml2 refuses a request whose ACS URL is not in the metadata.
        acs_url = self._server.response_args(message, [BINDING_HTTP_POST])["destination"]
        pending_id = secrets.token_urlsafe(16)
        self._pending[pending_id] = _PendingSignIn(message.id, sp_entity_id, acs_url, params.get("RelayState", ""))
        return self._login_page(pending_id)

    def _login(self, params: dict[str, str]):
        pending_id = params.get("pending", "")
        pending = self._pending.get(pending_id)
        if pending is None:
            return _page(400, "Ingen igangværende login", "<p>Start login fra tjenesten igen.</p>")
        user = self.users.get(params.get("username", "").strip())
        if user is None:
            return self._login_page(pending_id, error="Ukendt bruger")
        saml_response = self._authn_response(pending, user)
        del self._pending[pending_id]  # one response per request
        self.responses.append(
            {"acs_url": pending.acs_url, "SAMLResponse": saml_response, "RelayState": pending.relay_state}
        )
        return _post_page(pending.acs_url, {"SAMLResponse": saml_response, "RelayState": pending.relay_state})

    def _authn_response(self, pending: _PendingSignIn, user: dict) -> str:
        """The base64 SAMLResponse for this user, honest or with the mischief asked for."""
        if self.mischief not in MISCHIEFS:
            raise ValueError(f"Unknown mischief {self.mischief!r}; one of {MISCHIEFS}")
        # Made unsigned, then signed below: the same steps as create_authn_response(sign_assertion=True,
        # sign_response=True), with room between them for the mischief that must still be signed correctly.
        response = self._server.create_authn_response(
            identity={name: list(values) for name, values in user.get("attributes", {}).items()},
            in_response_to=pending.request_id,
            destination=pending.acs_url,
            sp_entity_id=pending.sp_entity_id,
            name_id=NameID(
                format=NAMEID_FORMAT_PERSISTENT,
                name_qualifier=self.entity_id,
                sp_name_qualifier=pending.sp_entity_id,
                text=user["name_id"],
            ),
            authn={"class_ref": user.get("authn_context", PASSWORD_PROTECTED_TRANSPORT), "authn_auth": self.entity_id},
            release_policy=self._release_policy,
            sign_assertion=False,
            sign_response=False,
        )
        assertion = response.assertion
        if self.mischief == "expired":
            issued, expired = in_a_while(hours=-2), in_a_while(hours=-1)
            response.issue_instant = assertion.issue_instant = issued
            assertion.conditions.not_before = issued
            assertion.conditions.not_on_or_after = expired
            for confirmation in assertion.subject.subject_confirmation:
                confirmation.subject_confirmation_data.not_on_or_after = expired
            for statement in assertion.authn_statement:
                statement.authn_instant = issued
        elif self.mischief == "wrong_audience":
            # Only the audience: Destination and Recipient remain the real ACS.
            assertion.conditions.audience_restriction = [
                saml.AudienceRestriction(audience=[saml.Audience(text=OTHER_AUDIENCE)])
            ]

        if self.mischief == "unsigned":
            xml = response.to_string().decode("utf-8")
        else:
            server = self._server
            assertion.signature = pre_signature_part(
                assertion.id,
                server.sec.my_cert,
                2,
                sign_alg=server.signing_algorithm,
                digest_alg=server.digest_algorithm,
            )
            # Entity.sign signs the assertion, then the response around it (enveloped signatures, xmlsec1).
            xml = server.sign(response, to_sign=[(class_name(assertion), assertion.id)])

        if self.mischief == "tampered":
            xml = _tamper(xml)
        return base64.b64encode(xml.encode("utf-8")).decode("ascii")

    def _login_page(self, pending_id: str, error: str = ""):
        alert = f'<p role="alert">{html.escape(error)}</p>' if error else ""
        sp = html.escape(self._pending[pending_id].sp_entity_id)
        return _page(
            200,
            TITLE,
            f"<p>Log ind for at fortsætte til {sp}.</p>{alert}"
            '<form method="post" action="/login">'
            f'<input type="hidden" name="pending" value="{html.escape(pending_id)}">'
            '<p><label for="username">Brugernavn hos udbyderen</label><input id="username" name="username"></p>'
            '<button type="submit">Godkend</button>'
            "</form>",
        )

    # -- single logout ---------------------------------------------------------------------------------------------

    def _logout_request(self, params: dict[str, str], binding: str):
        if "SAMLRequest" not in params:
            raise ValueError("SAMLRequest is missing (only SP-initiated logout is supported)")
        self._load_sp_metadata()
        request = self._server.parse_logout_request(params["SAMLRequest"], binding)
        message = request.message
        sp_entity_id = message.issuer.text.strip()
        if binding == BINDING_HTTP_REDIRECT:
            self._check_redirect_signature(params, sp_entity_id)
        self.logout_requests.append(
            {"name_id": message.name_id.text if message.name_id is not None else None, "issuer": sp_entity_id}
        )
        relay_state = params.get("RelayState", "")
        # The SP's SingleLogoutService from its metadata: the redirect binding when it has one, else POST.
        reply = self._server.response_args(message, [BINDING_HTTP_REDIRECT, BINDING_HTTP_POST])
        if reply["binding"] == BINDING_HTTP_REDIRECT:
            # The redirect binding signs the query string (SigAlg, Signature), not the XML.
            response = self._server.create_logout_response(message, [BINDING_HTTP_REDIRECT], sign=False)
            info = self._server.apply_binding(
                BINDING_HTTP_REDIRECT, str(response), reply["destination"], relay_state, response=True, sign=True
            )
            return info["status"], info["headers"], ""
        xml = self._server.create_logout_response(message, [BINDING_HTTP_POST], sign=True)
        saml_response = base64.b64encode(xml.encode("utf-8")).decode("ascii")
        return _post_page(reply["destination"], {"SAMLResponse": saml_response, "RelayState": relay_state})

    # -- the SPs ---------------------------------------------------------------------------------------------------

    def _load_sp_metadata(self) -> None:
        store = self._server.metadata
        for url in [url for url, loaded in self._sp_metadata_urls.items() if not loaded]:
            # pysaml2's "remote" metadata source: a GET of the URL, kept under the URL (a new load replaces it).
            store.load("remote", url=url)
            self._sp_metadata_urls[url] = True
            # The store answers from the first source that has an entity: an SP trusted anew under another URL
            # (a new server, a new key) must not be shadowed by the old one.
            entity_ids = set(store.metadata[url].keys())
            for other in [other for other in store.metadata if other != url]:
                if entity_ids & set(store.metadata[other].keys()):
                    del store.metadata[other]
                    self._sp_metadata_urls.pop(other, None)

    def _check_redirect_signature(self, params: dict[str, str], sp_entity_id: str) -> None:
        """A redirect-bound request that carries a signature must verify with a signing certificate of its SP."""
        if "Signature" not in params:
            return
        signed = {key: params[key] for key in ("SAMLRequest", "RelayState", "SigAlg", "Signature") if key in params}
        certificates = self._server.metadata.certs(sp_entity_id, "any", "signing")
        if not any(verify_redirect_signature(signed, self._server.sec.sec_backend, cert) for _, cert in certificates):
            raise ValueError(f"The request's signature does not verify with a signing certificate of {sp_entity_id}")


class _Handler(BaseHTTPRequestHandler):
    """Turns HTTP requests into SamlIdentityProvider._handle calls (the class is made per IdP with `idp` set)."""

    idp: SamlIdentityProvider
    server_version = "TestSamlIdP"

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        self._answer("GET", url.path, _form_fields(url.query))

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        self._answer("POST", url.path, _form_fields(self.rfile.read(length).decode("utf-8")))

    def _answer(self, method: str, path: str, params: dict[str, str]) -> None:
        status, headers, body = self.idp._handle(method, path, params)
        data = body.encode("utf-8")
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args) -> None:
        pass  # quiet: one line per request is noise in the test output


def _form_fields(encoded: str) -> dict[str, str]:
    # keep_blank_values: an empty RelayState is still part of what a redirect signature covers.
    return dict(urllib.parse.parse_qsl(encoded, keep_blank_values=True))


def _page(status: int, title: str, body: str) -> tuple[int, list[tuple[str, str]], str]:
    document = (
        '<!DOCTYPE html><html lang="da"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>"
        f"<body><main><h1>{html.escape(title)}</h1>{body}</main></body></html>"
    )
    return status, [("Content-Type", "text/html; charset=utf-8")], document


def _post_page(action: str, fields: dict[str, str]):
    """The HTTP-POST binding: a form to the SP that submits itself at once. Its button stays visible, so pressing it
    works too (the form of pysaml2's apply_binding hides it in <noscript>)."""
    inputs = "".join(
        f'<input type="hidden" name="{html.escape(name)}" value="{html.escape(value)}">'
        for name, value in fields.items()
        if value
    )
    return _page(
        200,
        "Videresender til tjenesten",
        f'<form method="post" action="{html.escape(action)}">{inputs}<button type="submit">Fortsæt</button></form>'
        "<script>document.forms[0].submit();</script>",
    )


def _tamper(xml: str) -> str:
    """Change the first attribute value (or else the NameID) of signed XML, so its signatures no longer verify."""
    for element in ("AttributeValue", "NameID"):
        pattern = re.compile(rf"(<(?:\w+:)?{element}\b[^>]*>)([^<]*)(<)")
        if pattern.search(xml):
            return pattern.sub(lambda match: f"{match[1]}{match[2]}-tampered{match[3]}", xml, count=1)
    raise ValueError("Nothing to tamper with: the response has neither attribute values nor a NameID")


def write_key_and_certificate(key_file: Path, cert_file: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, TITLE)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
