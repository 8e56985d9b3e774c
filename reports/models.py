"""The annual status report's own data: the narrative texts of a year, and its approval.

The figures are computed from the registrations: from the year's grouped counts, kept beside the year's
token and counted again when it is replaced (FiguresVersion, reports/caching.py). When management
approves the report of a finished year, the whole report and the rows of its exports are kept as they were
(`snapshot`), so that what went to the political committee can be produced again, and the page can tell
when later edits would change it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

PLACEHOLDER_HELP = _("Kan indeholde pladsholdere for årets tal, fx {rekvireringer}; se listen på siden.")


class AnnualReport(models.Model):
    work_plan = models.OneToOneField(
        "core.WorkPlan", on_delete=models.CASCADE, related_name="annual_report", verbose_name=_("arbejdsplan"))
    introduction = models.TextField(_("indledning"), blank=True, help_text=PLACEHOLDER_HELP)
    closing = models.TextField(
        _("efter hovedkonklusionerne"), blank=True, help_text=PLACEHOLDER_HELP)
    challenges_lead_in = models.TextField(
        _("indledning til udfordringerne"), blank=True, help_text=PLACEHOLDER_HELP)
    target_groups_lead_in = models.TextField(
        _("indledning til målgrupperne"), blank=True, help_text=PLACEHOLDER_HELP)
    # The appendix's letterhead, above the title as on the committee's papers (the 2008 report: "Dato:
    # 24.11.2008", "Sagsnr.: 2008-132946", "Dok.nr.: 2008-614555", "Bilag 2:").
    appendix_label = models.CharField(
        _("bilag"), max_length=40, blank=True, help_text=_("Fx »Bilag 2«. Står foran titlen; tomt: »Bilag«."))
    meeting_date = models.DateField(
        _("dato"), null=True, blank=True, help_text=_("Datoen for mødet, rapporten forelægges på."))
    case_number = models.CharField(_("sagsnr."), max_length=40, blank=True)
    document_number = models.CharField(_("dok.nr."), max_length=40, blank=True)
    approved_at = models.DateTimeField(_("godkendt"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("godkendt af"))
    snapshot = models.JSONField(_("godkendt udgave"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        ordering = ["-work_plan__year"]
        verbose_name = _("statusrapport")
        verbose_name_plural = _("statusrapporter")
        permissions = [("approve_annualreport", _("Kan godkende årets statusrapport"))]

    def __str__(self):
        return _("Statusrapport %(year)s") % {"year": self.work_plan.year}

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


class FiguresVersion(models.Model):
    """A random token per year, replaced whenever something the year's report figures are made from
    changes; the cached figures of a finished year are kept under it (reports/caching.py). Internal:
    never shown, so no translated names."""

    year = models.PositiveSmallIntegerField(unique=True)
    token = models.CharField(max_length=32)
    # The year's counts (reports/caching.py, kept_counts): the grouped rows every figure of the year is
    # added up from, with the token they were counted under and the day until which they hold.
    counts = models.JSONField(null=True, blank=True)

    def __str__(self):
        return f"{self.year}: {self.token}"
