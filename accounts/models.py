from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice


class ExternalIdentity(models.Model):
    """A user's stable identity at the municipality's identity provider: the issuer (the OpenID provider's
    `iss`, the SAML IdP's entity id) and the subject it gives the user there (`sub` or `oid`, the SAML
    NameID). Sign-in finds the user by this pair alone, never by name or e-mail (accounts/identity.py)."""

    class Protocol(models.TextChoices):
        OIDC = "oidc", "OpenID Connect"
        SAML = "saml", "SAML 2.0"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities",
                             verbose_name=_("bruger"))
    protocol = models.CharField(_("protokol"), max_length=4, choices=Protocol.choices)
    issuer = models.CharField(_("udsteder"), max_length=500,
                              help_text=_("OpenID Connect: udbyderens issuer. SAML: identitetsudbyderens entity id."))
    subject = models.CharField(_("id hos udbyderen"), max_length=500,
                               help_text=_("OpenID Connect: sub (eller oid for Entra ID). SAML: NameID."))
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    last_sign_in_at = models.DateTimeField(_("senest logget ind"), null=True, blank=True)

    class Meta:
        verbose_name = _("login hos identitetsudbyder")
        verbose_name_plural = _("logins hos identitetsudbyder")
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="accounts_identity_unique")]

    def __str__(self):
        return f"{self.get_protocol_display()}: {self.subject}"


class CalendarFeed(models.Model):
    """A user's private link to the events as an iCalendar feed (Outlook subscribes to it by its address, which
    carries no login). Only the secret's hash is kept; a new link replaces the old one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed",
                                verbose_name=_("bruger"))
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now=True)

    class Meta:
        verbose_name = _("kalenderlink")
        verbose_name_plural = _("kalenderlinks")

    def __str__(self):
        return str(self.user)


class AuthenticatorApp(TOTPDevice):
    """A user's authenticator app (django-otp's TOTP device, whose names the package does not translate) as
    the administrator meets it in the admin: to remove a lost phone's, so that the user registers anew at the
    next login (core/roles.py)."""

    class Meta:
        proxy = True
        verbose_name = _("godkenderapp")
        verbose_name_plural = _("godkenderapps")
