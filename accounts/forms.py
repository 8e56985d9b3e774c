from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class OtpCodeForm(forms.Form):
    """The six digits the authenticator app shows."""

    code = forms.CharField(
        label=_("Kode"),
        max_length=6,
        validators=[RegexValidator(r"^\d{6}$", _("Koden er seks cifre."))],
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "pattern": r"\d{6}", "autofocus": True}),
        help_text=_("De seks cifre, din godkendelsesapp viser for TFI Register lige nu."),
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip()


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "inactive": _("Kontoen er lukket. Kontakt administratoren, hvis du skal bruge den igen."),
        "password_login_off": _("Log ind med adgangskode er slået fra. Brug knappen ovenfor og log ind med "
                                "kommunens login."),
    }

    def clean(self):
        # With PASSWORD_LOGIN off only the break-glass users may use a password; nobody else's is even
        # checked (so a refusal here does not count towards the lockout either).
        from . import oidc, saml

        username = self.cleaned_data.get("username") or ""
        if (not settings.PASSWORD_LOGIN and (oidc.enabled() or saml.enabled())
                and username not in settings.PASSWORD_LOGIN_USERS):
            if self.request is not None and "adgangskode" in self.request.GET:
                # The break-glass form answers as for a wrong password, so it does not tell whose names work.
                raise self.get_invalid_login_error()
            raise ValidationError(self.error_messages["password_login_off"], code="password_login_off")
        return super().clean()
