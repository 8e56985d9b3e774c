from django import forms
from django.contrib.auth.forms import AuthenticationForm
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
    }
