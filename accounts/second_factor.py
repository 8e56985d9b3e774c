"""Who must give a code from an authenticator app (TOTP, django-otp), and when.

A user with a confirmed device gives a code after the password at every login. A user whom the
municipality's identity provider signed in with more than a password gives none. With
OTP_REQUIRED_FOR_MANAGEMENT on, management and administrators (and anyone who may open the admin)
must first register a device. What the user has is noted in the session at login, so that the
pages in between cost no query; a device added later is registered from a session that is then
verified anyway, and one removed by the administrator at most asks for a code that cannot be given
until the next login.
"""

from django.conf import settings
from django_otp import user_has_device

from core import roles

from .sessions import signed_in_by

SESSION_KEY = "accounts_second_factor"
VERIFY = "verify"
ENROL = "enrol"


def otp_required_for_role(user) -> bool:
    """Whether the user's role needs a second factor, setting aside whether the setting is on."""
    return (user.is_staff or user.is_superuser
            or user.groups.filter(name__in=[roles.MANAGEMENT, roles.ADMINISTRATOR]).exists())


def second_factor_note(request, user) -> None:
    """Remember for the session whether the user has a device and whether their role needs one."""
    request.session[SESSION_KEY] = {"device": user_has_device(user), "management": otp_required_for_role(user)}


def second_factor_step(request) -> str | None:
    """VERIFY when the logged-in user still has to give a code, ENROL when they must first register
    a device, None when nothing stands in the way (verified already, or not asked to)."""
    user = request.user
    if not user.is_authenticated:
        return None
    if signed_in_by(request).get("multi_factor"):
        # The identity provider asserted more than a password (amr/acr, AuthnContextClassRef; the values
        # that count are settings): that is the second factor.
        return None
    note = request.session.get(SESSION_KEY)
    if note is None:  # a session from before the second factor existed
        second_factor_note(request, user)
        note = request.session[SESSION_KEY]
    if note["device"]:
        return None if user.is_verified() else VERIFY
    if note["management"] and settings.OTP_REQUIRED_FOR_MANAGEMENT:
        return None if user.is_verified() else ENROL
    return None


def otp_required(user) -> bool:
    """Whether this user may not go without a device (so may not remove theirs)."""
    return settings.OTP_REQUIRED_FOR_MANAGEMENT and otp_required_for_role(user)
