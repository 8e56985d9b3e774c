from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from .sessions import signed_in_by


class AdminSite(admin.AdminSite):
    """The Django admin, behind the register's own login.

    Its login page sends to the register's, so the lockout and the second factor guard both the
    same way; with OTP_REQUIRED_FOR_MANAGEMENT on, the admin also refuses a user whose session has
    not been verified with a code (as django-otp's OTPAdminSite does).
    """

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return (not settings.OTP_REQUIRED_FOR_MANAGEMENT or request.user.is_verified()
                or bool(signed_in_by(request).get("multi_factor")))

    def admin_view(self, view, cacheable=False):
        """A user of the register without a place in the admin (a consultant, management) gets the register's
        own 403 page at every admin page, not the admin's login page."""
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def refusing(request, *args, **kwargs):
            if request.user.is_authenticated and not (request.user.is_active and request.user.is_staff):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return refusing

    @method_decorator(never_cache)
    @login_not_required
    def login(self, request, extra_context=None):
        if request.user.is_authenticated and not (request.user.is_active and request.user.is_staff):
            # A consultant or manager: the register's own 403 page, in the register's words.
            raise PermissionDenied
        if request.user.is_authenticated:
            # Staff without the code: the admin's own page says so and offers to log in as someone else.
            return super().login(request, extra_context)
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url)
