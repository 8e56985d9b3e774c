"""The access log: who opened or exported registrations that hold personal data.

The change history itself is django-auditlog's LogEntry (registered in registry.py)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessAction(models.TextChoices):
    VIEW = "view", _("Åbnet")
    EXPORT = "export", _("Eksporteret")
    # One person's data (GDPR art. 15 and 17, /personoplysninger/): searched for, and erased with a reason.
    SEARCH = "search", _("Søgt efter person")
    ERASE = "erase", _("Slettet")


class AccessLog(models.Model):
    """One opening of a detail page with personal data, one export of a list of such registrations, or one
    search for, export or erasure of one person's data.
    Kept for ACCESS_LOG_RETENTION_DAYS days (`purge_access_log`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("bruger"))
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now)
    action = models.CharField(_("handling"), max_length=10, choices=AccessAction.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("type"))
    object_id = models.PositiveBigIntegerField(_("id"), null=True, blank=True,
                                               help_text=_("Tom ved en eksport af en liste."))
    object_repr = models.CharField(_("registrering"), max_length=200)
    detail = models.TextField(_("detaljer"), blank=True, help_text=_("Ved en eksport: listens filtre."))
    count = models.PositiveIntegerField(_("antal"), default=1)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["at"])]
        verbose_name = _("adgang til personoplysninger")
        verbose_name_plural = _("adgangslog")

    def __str__(self):
        return f"{self.get_action_display()}: {self.object_repr} ({timezone.localtime(self.at):%d.%m.%Y %H:%M})"
