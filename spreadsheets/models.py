from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """An uploaded workbook between its preview and its import, and afterwards the record of the import.

    The file is kept in the database, so the preview and the confirmation may be served by different
    workers; its content is emptied once imported, so personal data is not kept twice."""

    kind = models.CharField(_("type"), max_length=40)
    filename = models.CharField(_("filnavn"), max_length=255)
    content = models.BinaryField(_("indhold"))
    size = models.PositiveIntegerField(_("størrelse"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("indlæst af"))
    uploaded_at = models.DateTimeField(_("indlæst"), auto_now_add=True)
    imported_at = models.DateTimeField(_("importeret"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("rækker i filen"), default=0)
    row_count = models.PositiveIntegerField(_("rækker importeret"), default=0)
    # The preview of a large sheet, made by a worker (spreadsheets/tasks.py), and the reference data it
    # was made to create: shown until the user asks for another.
    preview = models.JSONField(_("forhåndsvisning"), null=True, blank=True)
    preview_create = models.JSONField(_("oprettes ved importen"), default=dict, blank=True)
    references_created = models.PositiveIntegerField(_("referencedata oprettet"), default=0)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("import")
        verbose_name_plural = _("importer")

    def __str__(self):
        return self.filename
