"""How long a login lasts: an idle limit and an absolute limit, kept as timestamps in the session.

The session itself lives in the database (Django's default engine), so logging out, by hand or by
these limits, deletes it on the server: the old cookie no longer names a session.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import ngettext

LOGIN_AT = "accounts_login_at"
LAST_SEEN = "accounts_last_seen"
# The idle clock is written at most this often, so that an ordinary page view does not also write
# the session row; the idle limit is therefore kept to within a minute.
LAST_SEEN_RESOLUTION = 60


def session_start(request) -> None:
    """Start both clocks for a fresh login."""
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[LAST_SEEN] = now


def is_activity(request) -> bool:
    """Whether the request is the person's own doing: a page they opened or a form they sent.

    What a page fetches by itself (its chart images, the atlas's GeoJSON) must not keep an
    unattended session alive. Browsers say which is which in Sec-Fetch-Mode; a client that sends no
    such header (an old browser, a script) is taken at its word that a person is there.
    """
    if request.method not in ("GET", "HEAD"):
        return True
    mode = request.headers.get("Sec-Fetch-Mode")
    return mode is None or mode == "navigate"


def session_expiry_reason(request) -> str | None:
    """Why the logged-in session of this request has run out, in Danish; None while it is valid."""
    session = request.session
    now = int(time.time())
    login_at = session.get(LOGIN_AT)
    last_seen = session.get(LAST_SEEN)
    if login_at is None or last_seen is None:
        # A session from before these limits existed: its clocks start now.
        session_start(request)
        return None
    hours = settings.SESSION_MAX_HOURS
    if now - login_at >= hours * 3600:
        return ngettext(
            "Du er logget ud, fordi du har været logget ind i mere end %(count)d time. Log ind igen.",
            "Du er logget ud, fordi du har været logget ind i mere end %(count)d timer. Log ind igen.",
            hours,
        ) % {"count": hours}
    minutes = settings.SESSION_IDLE_MINUTES
    if now - last_seen >= minutes * 60:
        return ngettext(
            "Du er logget ud, fordi du ikke har brugt registret i %(count)d minut. Log ind igen.",
            "Du er logget ud, fordi du ikke har brugt registret i %(count)d minutter. Log ind igen.",
            minutes,
        ) % {"count": minutes}
    if is_activity(request) and now - last_seen >= LAST_SEEN_RESOLUTION:
        session[LAST_SEEN] = now
    return None


def session_end(request, *, reason: str) -> None:
    """Log the user out (the session is deleted on the server) and say why on the next page."""
    logout(request)
    messages.info(request, reason)


SIGN_IN = "accounts_sign_in"


def sign_in_remember(request, *, protocol: str, multi_factor: bool, id_token: str = "") -> None:
    """Note how this session was signed in: by which protocol (for the logout at the provider), whether the
    provider asserted more than a password (then the register asks for no code of its own), and the OpenID
    provider's ID token (the logout's hint)."""
    request.session[SIGN_IN] = {"protocol": protocol, "multi_factor": multi_factor, "id_token": id_token}


def signed_in_by(request) -> dict:
    """The note of sign_in_remember; empty for a password login."""
    return request.session.get(SIGN_IN) or {}
