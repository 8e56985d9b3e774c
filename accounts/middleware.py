from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from .second_factor import ENROL, VERIFY, second_factor_step
from .sessions import session_end, session_expiry_reason


class SessionTimeoutMiddleware:
    """Log out a session that has been idle too long or has lasted too long (SESSION_IDLE_MINUTES,
    SESSION_MAX_HOURS).

    It runs before any view is chosen: the request then goes on as anonymous, so a page behind
    login sends the user to the login page, where the message says why, and a public page (a
    survey link) still opens. Must come after the session, authentication and message middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = session_expiry_reason(request)
            if reason:
                session_end(request, reason=reason)
        return self.get_response(request)


class SecondFactorMiddleware:
    """Until the code is given, a user who logged in with a password reaches only the code page
    (or, when their role must have a device and has none, the page registering one), the public
    pages, changing language and logging out. Must come after django-otp's OTPMiddleware."""

    allowed = {
        VERIFY: {"accounts:otp_verify", "logout", "set_language"},
        ENROL: {"accounts:totp_enrol", "logout", "set_language"},
    }
    pages = {VERIFY: "accounts:otp_verify", ENROL: "accounts:totp_enrol"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        step = second_factor_step(request)
        if step is None or not getattr(view_func, "login_required", True):
            return None
        if request.resolver_match.view_name in self.allowed[step]:
            return None
        if request.method in ("GET", "HEAD"):
            return redirect_to_login(request.get_full_path(), reverse(self.pages[step]))
        return redirect(self.pages[step])
