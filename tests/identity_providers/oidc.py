"""A real OpenID Connect provider for the tests, on 127.0.0.1 in a thread of the test process.

The sign-in tests need an identity provider that speaks the protocol as a real one does: discovery, the
authorization code flow with PKCE (S256), client authentication at the token endpoint, ID tokens signed
with RS256 and published keys, userinfo, and RP-initiated logout. A mock that hands the relying party
ready-made answers would test the mock; so the protocol here is pyop's (IdentityPython's OpenID provider
library, built on pyoidc and pycryptodomex), and this module is only the HTTP glue around it: a WSGI app
served by the standard library's wsgiref, a login page, and the test's controls:

- `users`: the username typed on the login page -> the claims of that user's ID token ("sub" becomes the
  subject). It is read at each sign-in, so a test may change it between sign-ins.
- `mischief`: makes the token endpoint hand out a broken ID token (or none), so that a test can show that
  the relying party refuses it. Every wrong token but the tampered one carries a valid signature by the
  provider's own key: only the claim named is wrong.
- `authorization_requests` and `ended_sessions`: what the relying party sent, for the test to assert on.

Use:

    provider = OpenIDProvider().start()
    provider.register_client("tfi", "secret", ["http://testserver/oidc/callback/"], ["http://testserver/"])
    provider.users["kako"] = {"sub": "a1b2", "name": "Karen Konsulent", "groups": ["..."]}
    ...  # point the relying party at provider.discovery_url
    provider.stop()
"""

from __future__ import annotations

import base64
import contextlib
import copy
import html
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from Cryptodome.PublicKey import RSA
from jwkest import JWKESTException
from jwkest.jwk import RSAKey
from jwkest.jws import JWS
from oic.exception import MessageException
from oic.oic.message import EndSessionResponse
from pyop.authz_state import AuthorizationState
from pyop.exceptions import (
    AuthorizationError,
    BearerTokenError,
    InvalidAccessToken,
    InvalidAuthenticationRequest,
    InvalidClientAuthentication,
    InvalidSubjectIdentifier,
    OAuthError,
)
from pyop.message import AuthorizationRequest
from pyop.provider import Provider
from pyop.subject_identifier import HashBasedSubjectIdentifierFactory
from pyop.userinfo import Userinfo

MISCHIEF = frozenset({"tampered_signature", "wrong_audience", "expired", "wrong_issuer", "no_id_token"})

# Claims the provider itself sets in an ID token; a user's claims of the same name are left out.
_PROTOCOL_CLAIMS = frozenset({"sub", "iss", "aud", "exp", "iat", "nonce", "at_hash", "c_hash", "azp"})

SCOPES = ["openid", "profile", "email"]
CLAIMS = ["sub", "name", "email", "preferred_username", "groups", "amr"]

WSGIEnviron = dict[str, Any]
StartResponse = Callable[..., Any]


class OpenIDProvider:
    """An OpenID provider with an RS256 key of its own; `start()` serves it at `issuer`.

    users: username (typed on the login page) -> the user's claims; "sub" is the ID token's subject, every other
        claim goes into the ID token as it is (read at each sign-in).
    mischief: None, or one of MISCHIEF: what the token endpoint does wrong until it is set back to None.
    authorization_requests: the query parameters of each authorization request (GET /authorize).
    ended_sessions: the parameters of each call of the end session endpoint (/logout).
    """

    def __init__(self) -> None:
        self.users: dict[str, dict] = {}
        self.ended_sessions: list[dict] = []
        self.authorization_requests: list[dict] = []
        self._mischief: str | None = None
        self._clients: dict[str, dict] = {}
        self._signing_key = RSAKey(key=RSA.generate(2048), alg="RS256", use="sig", kid=uuid.uuid4().hex)
        self._provider: Provider | None = None
        self._server: WSGIServer | None = None
        self._thread: threading.Thread | None = None
        # pyop keeps its codes and tokens in plain dicts and is not written for threads: one request at a time
        # inside pyop (requests are short; the server still accepts connections in parallel).
        self._lock = threading.Lock()
        self.issuer = ""
        self.discovery_url = ""

    # -- the test's controls -------------------------------------------------------------------------------------

    @property
    def mischief(self) -> str | None:
        return self._mischief

    @mischief.setter
    def mischief(self, value: str | None) -> None:
        if value is not None and value not in MISCHIEF:
            raise ValueError(f"Unknown mischief {value!r}: one of {sorted(MISCHIEF)} or None")
        self._mischief = value

    def register_client(self, client_id: str, client_secret: str, redirect_uris: list[str],
                        post_logout_redirect_uris: list[str]) -> None:
        """Registers a confidential client (as an administrator would at a real provider); may be called before
        or after `start()`. It may authenticate at the token endpoint with HTTP Basic or in the body."""
        self._clients[client_id] = {
            "client_id": client_id,
            "client_secret": client_secret,
            "redirect_uris": list(redirect_uris),
            "post_logout_redirect_uris": list(post_logout_redirect_uris),
            "response_types": ["code"],
            "token_endpoint_auth_method": "client_secret_basic",  # see _token: the body's credentials work too
            "subject_type": "public",
        }

    # -- life cycle ----------------------------------------------------------------------------------------------

    def start(self) -> OpenIDProvider:
        self._server = make_server("127.0.0.1", 0, self._app, server_class=_ThreadingWSGIServer,
                                   handler_class=_QuietRequestHandler)
        self.issuer = f"http://127.0.0.1:{self._server.server_port}"
        self.discovery_url = f"{self.issuer}/.well-known/openid-configuration"
        configuration = {
            "issuer": self.issuer.replace("http://", "https://", 1),  # see below
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "end_session_endpoint": f"{self.issuer}/logout",
            "scopes_supported": list(SCOPES),
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "claims_supported": list(CLAIMS),
            "claims_parameter_supported": True,
            "code_challenge_methods_supported": ["S256"],
        }
        # The salt only matters for a user without a "sub" of their own: pyop then hashes the username.
        authz_state = AuthorizationState(HashBasedSubjectIdentifierFactory(uuid.uuid4().hex))
        self._provider = Provider(self._signing_key, configuration, authz_state, self._clients,
                                  Userinfo(_LiveUsers(self)))
        # pyoidc checks, once, as pyop's Provider is made, that the issuer is an https URL (OpenID Connect Discovery
        # 1.0, section 3). This provider serves plain HTTP on the loopback interface (which OAuth clients accept, as
        # RFC 8252 section 7.3 allows): it is made with the https form and then given its real issuer.
        self._provider.configuration_information["issuer"] = self.issuer
        self._provider.authentication_request_validators.append(_pkce_is_s256)
        self._thread = threading.Thread(target=self._server.serve_forever, name="openid-provider", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> OpenIDProvider:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- the HTTP glue -------------------------------------------------------------------------------------------

    def _app(self, environ: WSGIEnviron, start_response: StartResponse) -> Iterable[bytes]:
        routes = {
            "/.well-known/openid-configuration": self._discovery,
            "/jwks": self._jwks,
            "/authorize": self._authorize,
            "/token": self._token,
            "/userinfo": self._userinfo,
            "/logout": self._logout,
        }
        handler = routes.get(environ.get("PATH_INFO", ""))
        if handler is None:
            status, headers, body = _page("404 Not Found", "Ikke fundet", "<p>Siden findes ikke.</p>")
        else:
            request = _Request(environ)  # read before taking the lock
            with self._lock:
                status, headers, body = handler(request)
        start_response(status, headers)
        return [body]

    def _discovery(self, request: _Request) -> _Response:
        return _json("200 OK", self._provider.provider_configuration.to_dict())

    def _jwks(self, request: _Request) -> _Response:
        return _json("200 OK", self._provider.jwks)

    def _authorize(self, request: _Request) -> _Response:
        if request.method == "GET":
            self.authorization_requests.append(dict(parse_qsl(request.query, keep_blank_values=True)))
            query = request.query
        elif request.method == "POST":  # the login form, carrying the authorization request it was shown for
            query = request.form.get("authorization_request", "")
        else:
            return _method_not_allowed("GET, POST")
        try:
            authn_request = self._provider.parse_authentication_request(query)
        except InvalidAuthenticationRequest as error:
            error_url = error.to_error_url()  # None when the client or redirect_uri cannot be trusted
            if error_url:
                return _redirect(error_url)
            return _page("400 Bad Request", "Ugyldig anmodning", f"<p>{html.escape(str(error))}</p>")
        except (MessageException, ValueError) as error:
            return _page("400 Bad Request", "Ugyldig anmodning", f"<p>{html.escape(str(error))}</p>")

        if request.method == "GET":
            return self._login_page(query, authn_request)
        username = request.form.get("username", "").strip()
        if username not in self.users:
            return self._login_page(query, authn_request, error="Ukendt bruger")
        # pyop takes a user's "sub" (read from Userinfo) as their public subject identifier. The claims are given
        # at the token endpoint (_id_token_claims): pyop (with in-memory storage) ignores those given here.
        try:
            response = self._provider.authorize(authn_request, username)
        except AuthorizationError as error:  # the request's claims asked for another subject
            return _page("403 Forbidden", "Afvist", f"<p>{html.escape(str(error))}</p>")
        return _redirect(response.request(authn_request["redirect_uri"]))

    def _login_page(self, query: str, authn_request: AuthorizationRequest, error: str = "") -> _Response:
        message = f'<p class="error" role="alert">{html.escape(error)}</p>' if error else ""
        body = f"""{message}
<p>Applikationen <strong>{html.escape(authn_request["client_id"])}</strong> beder dig logge ind.</p>
<form method="post" action="/authorize">
  <input type="hidden" name="authorization_request" value="{html.escape(query)}">
  <label for="username">Brugernavn hos udbyderen</label>
  <input id="username" name="username" autocomplete="off" autofocus>
  <button type="submit">Godkend</button>
</form>"""
        return _page("200 OK", "Test-identitetsudbyder", body)

    def _token(self, request: _Request) -> _Response:
        if request.method != "POST":
            return _method_not_allowed("POST")
        body, authorization = request.body, request.environ.get("HTTP_AUTHORIZATION")
        # pyop accepts only the one client authentication method registered for a client; this provider offers
        # both, so credentials in the body (client_secret_post) become the equivalent Basic header (RFC 6749 2.3.1).
        fields = parse_qsl(body, keep_blank_values=True)
        credentials = dict(fields)
        if not authorization and "client_secret" in credentials:
            user_pass = ":".join(quote(credentials.get(name, ""), safe="") for name in ("client_id", "client_secret"))
            authorization = "Basic " + base64.b64encode(user_pass.encode()).decode()
            body = urlencode([(name, value) for name, value in fields if name != "client_secret"])
        try:
            response = self._provider.handle_token_request(body, {"Authorization": authorization},
                                                           extra_id_token_claims=self._id_token_claims)
        except InvalidClientAuthentication as error:
            return _json("401 Unauthorized", _oauth_error(error), [("WWW-Authenticate", 'Basic realm="token"')])
        except OAuthError as error:  # invalid_grant (unknown, used or expired code), invalid_request (PKCE, ...)
            return _json("400 Bad Request", _oauth_error(error))
        except ValueError as error:  # e.g. pyop cannot split a Basic header whose secret holds a ":"
            return _json("400 Bad Request", {"error": "invalid_request", "error_description": str(error)})
        token_response = response.to_dict()
        if self.mischief:
            self._make_mischief(token_response)
        return _json("200 OK", token_response, [("Cache-Control", "no-store"), ("Pragma", "no-cache")])

    def _id_token_claims(self, user_id: str, client_id: str) -> dict:
        """The user's claims, all of them into the ID token whatever the scope (the relying party reads its roles
        from there). pyop calls this with the username given to `authorize`."""
        claims = self.users.get(user_id, {})
        return {name: copy.deepcopy(value) for name, value in claims.items() if name not in _PROTOCOL_CLAIMS}

    def _make_mischief(self, token_response: dict) -> None:
        if self.mischief == "no_id_token":
            del token_response["id_token"]
            return
        header, payload, signature = token_response["id_token"].split(".")
        if self.mischief == "tampered_signature":
            # Swap characters in the middle of the signature: still base64url of the same length, but other bytes
            # (the last character is avoided: some of its bits are padding).
            middle = len(signature) // 2
            swapped = "".join("B" if char == "A" else "A" for char in signature[middle:middle + 4])
            token_response["id_token"] = f"{header}.{payload}.{signature[:middle]}{swapped}{signature[middle + 4:]}"
            return
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        now = int(time.time())
        if self.mischief == "wrong_audience":
            claims["aud"] = "another-application"
            claims.pop("azp", None)
        elif self.mischief == "expired":
            claims["iat"], claims["exp"] = now - 7200, now - 3600
        elif self.mischief == "wrong_issuer":
            claims["iss"] = "http://evil.example"
        # Signed again with the provider's own key (and kid): the signature is good, only the claim is wrong.
        token_response["id_token"] = JWS(json.dumps(claims), alg="RS256").sign_compact([self._signing_key])

    def _userinfo(self, request: _Request) -> _Response:
        if request.method not in ("GET", "POST"):
            return _method_not_allowed("GET, POST")
        parameters = request.body if request.method == "POST" else request.query
        try:
            claims = self._provider.handle_userinfo_request(
                parameters, {"Authorization": request.environ.get("HTTP_AUTHORIZATION")})
        except BearerTokenError:
            return _json("401 Unauthorized", {"error": "invalid_request"}, [("WWW-Authenticate", "Bearer")])
        except (InvalidAccessToken, InvalidSubjectIdentifier, KeyError):
            return _json("401 Unauthorized", {"error": "invalid_token"},
                         [("WWW-Authenticate", 'Bearer error="invalid_token"')])
        return _json("200 OK", claims.to_dict())

    def _logout(self, request: _Request) -> _Response:
        """RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0). The client is known from `client_id` or
        from a valid `id_token_hint` (which may have expired); only a `post_logout_redirect_uri` registered for
        that client is followed. The hint's user's codes and tokens are revoked."""
        if request.method not in ("GET", "POST"):
            return _method_not_allowed("GET, POST")
        parameters = dict(parse_qsl(request.body if request.method == "POST" else request.query))
        self.ended_sessions.append(parameters)

        client_id = parameters.get("client_id")
        hint = self._verified_claims(parameters.get("id_token_hint"))
        if hint is not None:
            audience = hint.get("aud")
            audience = [audience] if isinstance(audience, str) else audience or []
            if client_id is None:
                client_id = audience[0] if audience else None
            elif client_id not in audience:  # a hint for another client: trust neither
                client_id = None
            with contextlib.suppress(InvalidSubjectIdentifier):  # nothing issued to that subject (any more)
                self._provider.authz_state.delete_state_for_subject_identifier(hint.get("sub"))

        redirect_uri = parameters.get("post_logout_redirect_uri")
        registered = self._clients.get(client_id, {}).get("post_logout_redirect_uris", [])
        if redirect_uri and redirect_uri in registered:
            if "state" in parameters:
                return _redirect(EndSessionResponse(state=parameters["state"]).request(redirect_uri))
            return _redirect(redirect_uri)
        return _page("200 OK", "Logget ud", "<p>Du er logget ud hos identitetsudbyderen.</p>")

    def _verified_claims(self, token: str | None) -> dict | None:
        """The claims of an ID token signed by this provider, else None. Expiry is not checked (a hint may be old)."""
        if not token:
            return None
        try:
            claims = JWS().verify_compact(token, [self._signing_key], sigalg="RS256")
        except (JWKESTException, ValueError):
            return None
        return claims if isinstance(claims, dict) and claims.get("iss") == self.issuer else None


def _pkce_is_s256(authn_request: AuthorizationRequest) -> None:
    """pyop accepts "plain" PKCE too (and a challenge without a method); this provider advertises S256 only."""
    if "code_challenge" in authn_request and authn_request.get("code_challenge_method") != "S256":
        raise InvalidAuthenticationRequest("code_challenge_method must be S256", authn_request,
                                           oauth_error="invalid_request")


class _LiveUsers(Mapping):
    """The provider's `users` as pyop's user database, read anew at each look-up (a test may replace it)."""

    def __init__(self, provider: OpenIDProvider) -> None:
        self._provider = provider

    def __getitem__(self, user_id: str) -> dict:
        return self._provider.users[user_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._provider.users)

    def __len__(self) -> int:
        return len(self._provider.users)


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietRequestHandler(WSGIRequestHandler):
    def log_message(self, *args: object) -> None:
        """No line on stderr per request."""


class _Request:
    def __init__(self, environ: WSGIEnviron) -> None:
        self.environ = environ
        self.method = environ["REQUEST_METHOD"]
        self.query = environ.get("QUERY_STRING", "")
        length = int(environ.get("CONTENT_LENGTH") or 0)
        self.body = environ["wsgi.input"].read(length).decode() if length else ""

    @property
    def form(self) -> dict[str, str]:
        return dict(parse_qsl(self.body, keep_blank_values=True))


_Response = tuple[str, list[tuple[str, str]], bytes]


def _json(status: str, data: object, headers: list[tuple[str, str]] | None = None) -> _Response:
    return status, [("Content-Type", "application/json"), *(headers or [])], json.dumps(data).encode()


def _redirect(location: str) -> _Response:
    return "302 Found", [("Location", location), ("Cache-Control", "no-store")], b""


def _method_not_allowed(allowed: str) -> _Response:
    return "405 Method Not Allowed", [("Allow", allowed), ("Content-Type", "text/plain")], b"Method not allowed"


def _oauth_error(error: OAuthError) -> dict:
    return {"error": error.oauth_error, "error_description": str(error)}


def _page(status: str, title: str, body: str) -> _Response:
    document = f"""<!DOCTYPE html>
<html lang="da">
<head><meta charset="utf-8"><title>{html.escape(title)}</title></head>
<body>
<main>
<h1>{html.escape(title)}</h1>
{body}
</main>
</body>
</html>
"""
    return status, [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")], document.encode()
