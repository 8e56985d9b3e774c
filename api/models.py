from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.secrets import secret_digest


class Scope(models.TextChoices):
    """What a service token may read; each includes the ones before it."""

    FIGURES = "figures", _("Kun tal (årets tal og tilfredshed)")
    REGISTRATIONS = "registrations", _("Registreringer uden personoplysninger")
    PERSONAL = "personal", _("Registreringer med personoplysninger")


SCOPE_ORDER = [Scope.FIGURES, Scope.REGISTRATIONS, Scope.PERSONAL]


token_digest = secret_digest  # the stored form of a token


class ServiceToken(models.Model):
    """A named token for a machine (the municipality's BI), with a scope and an expiry. Only its hash is kept:
    the token is shown once, when it is made (api/services.py). Its service account (`user`, no password, no
    role) is who the access log names when the token reads personal data."""

    name = models.CharField(_("navn"), max_length=100, unique=True,
                            help_text=_("Hvem eller hvad tokenet er til, fx \"Power BI, Økonomiforvaltningen\"."))
    scope = models.CharField(_("adgang"), max_length=20, choices=Scope.choices, default=Scope.FIGURES)
    prefix = models.CharField(_("begynder med"), max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="service_token",
                                editable=False, verbose_name=_("tjenestekonto"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False, verbose_name=_("oprettet af"))
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    expires_at = models.DateTimeField(_("udløber"))
    revoked_at = models.DateTimeField(_("tilbagekaldt"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("senest brugt"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")

    def __str__(self):
        return self.name

    def is_valid(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now

    def allows(self, scope: str) -> bool:
        return SCOPE_ORDER.index(Scope(self.scope)) >= SCOPE_ORDER.index(Scope(scope))
