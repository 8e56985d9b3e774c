from base64 import b32encode
from binascii import unhexlify

import requests
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from . import oidc, saml, services
from .backends import BACKEND
from .forms import LoginForm, OtpCodeForm
from .identity import AccountClosed, ProviderIdentity, user_from_provider
from .second_factor import ENROL, SESSION_KEY, VERIFY, otp_required, second_factor_step
from .sessions import sign_in_remember, signed_in_by

ENROL_KEY = "accounts_totp_key"
NEXT_KEY = "accounts_sign_in_next"


def sign_in_buttons(request) -> list[dict]:
    """The buttons of the identity providers that are configured, each keeping the page the user was going to."""
    query = "?" + urlencode({REDIRECT_FIELD_NAME: next_url(request)})
    buttons = []
    if oidc.enabled():
        buttons.append({"url": reverse("accounts:oidc_login") + query, "text": settings.OIDC_BUTTON_TEXT})
    if saml.enabled():
        buttons.append({"url": reverse("saml2_login") + query, "text": settings.SAML_BUTTON_TEXT})
    return buttons


def password_login_shown(request) -> bool:
    """The password form: always when PASSWORD_LOGIN is on, and for the break-glass administrator at
    /login/?adgangskode=1 when it is off (or when no provider is configured, so nobody is locked out)."""
    return (settings.PASSWORD_LOGIN or "adgangskode" in request.GET or "adgangskode" in request.POST
            or not (oidc.enabled() or saml.enabled()))


class LoginView(auth_views.LoginView):
    """The login page: the identity providers' buttons, and the password form where it is allowed."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(sign_in_buttons=sign_in_buttons(self.request),
                                        password_login=password_login_shown(self.request), **kwargs)


def refused(request, message: str, *, status: int = 403):
    """The identity provider's answer did not hold: say why. No session is made (one the browser already had
    is left alone: a link cannot log anyone out)."""
    return render(request, "accounts/sign_in_refused.html", {"message": message}, status=status)


def no_access(request):
    """Signed in by the provider, but with no role in the register: no account, no session, and whom to ask."""
    return render(request, "accounts/no_access.html", {"contact": settings.SSO_ACCESS_CONTACT}, status=403)


def complete_sign_in(request, identity: ProviderIdentity, *, id_token: str = ""):
    """Sign the provider's user in (made at the first sign-in, roles from the claims) and go on to the page
    they were going to."""
    try:
        user = user_from_provider(identity)
    except AccountClosed:
        return refused(request, _("Kontoen er lukket. Kontakt administratoren, hvis du skal bruge den igen."))
    if user is None:
        return no_access(request)
    target = request.session.pop(NEXT_KEY, None) or reverse(settings.LOGIN_REDIRECT_URL)
    login(request, user, backend=BACKEND)
    sign_in_remember(request, protocol=identity.protocol, multi_factor=identity.multi_factor, id_token=id_token)
    return HttpResponseRedirect(target)


@login_not_required
@never_cache
def oidc_login(request):
    if not oidc.enabled():
        raise Http404
    if request.user.is_authenticated:
        return HttpResponseRedirect(next_url(request))
    request.session[NEXT_KEY] = next_url(request)
    try:
        return oidc.start(request)
    except requests.RequestException:
        return refused(request, _("Identitetsudbyderen svarer ikke. Prøv igen om lidt."), status=503)


@login_not_required
@never_cache
def oidc_callback(request):
    if not oidc.enabled():
        raise Http404
    try:
        identity, id_token = oidc.identity_from_callback(request)
    except oidc.SignInRefused as error:
        return refused(request, str(error))
    return complete_sign_in(request, identity, id_token=id_token)


def lockout(request, original_response=None, credentials=None):
    """django-axes's answer to a locked-out username and address: the login page, saying why."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = ngettext(
        "For mange mislykkede forsøg. Prøv igen om %(count)d minut.",
        "For mange mislykkede forsøg. Prøv igen om %(count)d minutter.",
        minutes,
    ) % {"count": minutes}
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = LoginForm(request, initial={"username": username})
    context = {"form": form, "lockout": message, REDIRECT_FIELD_NAME: request.POST.get(REDIRECT_FIELD_NAME, ""),
               "sign_in_buttons": sign_in_buttons(request), "password_login": True}
    return render(request, "registration/login.html", context, status=429)


def next_url(request, default: str = "home") -> str:
    """The page the user was on their way to, if it is on this site."""
    url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return url
    return reverse(default)


class LogoutView(auth_views.LogoutView):
    """Log out (POST only, as in Django): the session is deleted on the server. Say so on the login page.

    A session signed in by the identity provider is ended there too: the OpenID provider's end-session
    address (RP-initiated logout), the SAML IdP's single logout."""

    def post(self, request, *args, **kwargs):
        sign_in = signed_in_by(request)
        messages.info(request, _("Du er logget ud."))
        if sign_in.get("protocol") == "saml" and saml.enabled():
            at_idp = saml.logout_at_idp(request)
            if at_idp is not None:
                return on_to_provider(request, at_idp)
        end_session = (oidc.logout_url(request, sign_in.get("id_token", ""))
                       if sign_in.get("protocol") == "oidc" and oidc.enabled() else None)
        response = super().post(request, *args, **kwargs)
        return on_to_provider(request, HttpResponseRedirect(end_session)) if end_session else response


def on_to_provider(request, redirect):
    """The logout's way on to the identity provider's logout, from a page of the register's own: the CSP's
    form-action (only this site) also covers the redirects after a form is sent, so the logout form cannot
    redirect to the provider; a page that goes on by itself (meta refresh, and a link) may."""
    location = redirect.get("Location") if redirect.status_code in (301, 302, 303) else None
    if not location:
        return redirect
    return render(request, "accounts/logout_provider.html", {"location": location})


class PasswordChangeView(auth_views.PasswordChangeView):
    """The user's own new password, checked by AUTH_PASSWORD_VALIDATORS; the session stays, other
    sessions of the same user end (Django changes the session's hash of the password)."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Din adgangskode er ændret."))
        return response


class OtpVerifyView(FormView):
    """After the password: the code from the user's authenticator app."""

    form_class = OtpCodeForm
    template_name = "accounts/otp_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if second_factor_step(request) != VERIFY:
            return HttpResponseRedirect(next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        request = self.request
        device = TOTPDevice.objects.devices_for_user(request.user).first()
        if device is not None and not device.verify_is_allowed()[0]:
            form.add_error("code", _("For mange forkerte koder i træk. Vent et øjeblik, og prøv igen."))
            return self.form_invalid(form)
        verified = device and verify_token(request.user, device.persistent_id, form.cleaned_data["code"])
        if not verified:
            form.add_error("code", _("Koden er forkert eller for gammel. Prøv med den kode, appen viser nu."))
            return self.form_invalid(form)
        # A new key for the session now that it carries more rights (as Django does at login).
        request.session.cycle_key()
        otp_login(request, verified)
        return HttpResponseRedirect(next_url(request))

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.request.GET.get(REDIRECT_FIELD_NAME, ""), **kwargs)


class TotpEnrolView(FormView):
    """Register an authenticator app: the QR code and the secret to type in, then one code from the app."""

    form_class = OtpCodeForm
    template_name = "accounts/totp_enrol.html"

    def dispatch(self, request, *args, **kwargs):
        # A user with a device who has not given its code may not register another one: that would
        # let a stolen password replace the owner's second factor.
        if second_factor_step(request) == VERIFY:
            return redirect("accounts:otp_verify")
        return super().dispatch(request, *args, **kwargs)

    def key(self) -> str:
        session = self.request.session
        if ENROL_KEY not in session:
            session[ENROL_KEY] = random_hex(20)
        return session[ENROL_KEY]

    def form_valid(self, form):
        request = self.request
        device = services.totp_device_confirm(user=request.user, key=self.key(), token=form.cleaned_data["code"])
        if device is None:
            form.add_error("code", _("Koden passer ikke. Tjek at appen har fået den viste nøgle, og prøv med "
                                     "den kode, den viser nu."))
            return self.form_invalid(form)
        del request.session[ENROL_KEY]
        request.session.cycle_key()
        otp_login(request, device)
        request.session[SESSION_KEY] = {**request.session.get(SESSION_KEY, {}), "device": True}
        messages.success(request, _("Totrinsbekræftelse er slået til. Næste gang du logger ind, skal du "
                                    "også give en kode fra appen."))
        return HttpResponseRedirect(next_url(request))

    def get_context_data(self, **kwargs):
        request = self.request
        device = TOTPDevice(user=request.user, key=self.key())
        secret = b32encode(unhexlify(device.key)).decode()
        return super().get_context_data(
            qr_svg=mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=5, title=_("QR-kode"))),
            secret=secret,
            secret_groups=[secret[i:i + 4] for i in range(0, len(secret), 4)],
            has_device=TOTPDevice.objects.devices_for_user(request.user).exists(),
            required=second_factor_step(request) == ENROL,
            may_remove=not otp_required(request.user),
            next=request.GET.get(REDIRECT_FIELD_NAME, ""),
            **kwargs,
        )


class TotpRemoveView(View):
    """Turn the second factor off, for a user whose role does not require it."""

    def post(self, request):
        if otp_required(request.user):
            messages.error(request, _("Din rolle kræver totrinsbekræftelse; den kan ikke slås fra."))
        else:
            services.totp_device_remove(user=request.user)
            request.session[SESSION_KEY] = {**request.session.get(SESSION_KEY, {}), "device": False}
            messages.success(request, _("Totrinsbekræftelse er slået fra."))
        return redirect("accounts:totp_enrol")
