from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp import apps as totp_apps


def on_login(sender, request, user, **kwargs):
    # Every login passes django.contrib.auth.login, which announces it with this signal: the login
    # page, the admin's form and the tests' force_login alike. Django has by then given the session
    # a new key; here it gets its clocks and the note on the second factor.
    from .second_factor import second_factor_note
    from .sessions import session_start

    if request is not None and hasattr(request, "session"):
        session_start(request)
        second_factor_note(request, user)


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Log ind og konti")

    def ready(self):
        user_logged_in.connect(on_login, dispatch_uid="accounts.on_login")


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin with the site of accounts/sites.py (listed instead of django.contrib.admin)."""

    default = False
    default_site = "accounts.sites.AdminSite"


# The login log (django-axes) and the authenticator apps (django-otp's TOTP devices), under Danish names in
# the admin (listed instead of "axes" and "django_otp.plugins.otp_totp"; their labels, and so their tables
# and migrations, are the packages' own).
class AxesConfig(axes_apps.AppConfig):
    default = False
    verbose_name = _("Loginlog")


class AuthenticatorAppsConfig(totp_apps.DefaultConfig):
    default = False
    verbose_name = _("Godkenderapps")
