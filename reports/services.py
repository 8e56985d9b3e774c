"""Writes of the annual report: its narrative texts, and approving (freezing) or reopening a year."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.models import Challenge, WorkPlan

from .models import AnnualReport
from .selectors.report import PLACEHOLDERS, status_report, unknown_placeholders
from .selectors.rows import export_rows


def _check_placeholders(fields: dict[str, str]) -> None:
    errors = {}
    for field, text in fields.items():
        unknown = unknown_placeholders(text or "")
        if unknown:
            errors[field] = _("Ukendt pladsholder: %(unknown)s. Brug en af: %(known)s.") % {
                "unknown": ", ".join(f"{{{name}}}" for name in unknown),
                "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)}
    if errors:
        raise ValidationError(errors)


def _report_for_update(year: int) -> AnnualReport:
    plan = WorkPlan.objects.select_for_update().filter(year=year).first()
    if plan is None:
        raise ValidationError(_("Der er ingen arbejdsplan for %(year)s.") % {"year": year})
    report, _created = AnnualReport.objects.select_for_update().get_or_create(work_plan=plan)
    return report


# The report's own texts and letterhead besides the introduction and closing (AnnualReport), with their
# empty values: a caller that leaves one out leaves it as it was.
REPORT_FIELDS = {"challenges_lead_in": "", "target_groups_lead_in": "", "appendix_label": "", "meeting_date": None,
                 "case_number": "", "document_number": ""}


@transaction.atomic
def annual_report_texts_update(*, year: int, user, introduction: str, closing: str, purpose: str,
                               target_groups: str, challenges: dict[int, dict], **report_fields) -> AnnualReport:
    """Save the year's narrative texts: the report's introduction and closing, the work plan's purpose
    and target groups, and per challenge (id → {"lead_in", "conclusions"}) its lead-in and conclusions;
    and of REPORT_FIELDS (the lead-ins of the challenges' list and of the target groups, the appendix's
    letterhead) those given. An approved report's texts are kept as approved: reopen it first."""
    unknown = set(report_fields) - set(REPORT_FIELDS)
    if unknown:
        raise TypeError(f"unknown report fields: {sorted(unknown)}")
    report = _report_for_update(year)
    if report.is_approved:
        raise ValidationError(_("Rapporten for %(year)s er godkendt. Genåbn den for at rette teksterne.")
                              % {"year": year})
    fields = {"introduction": introduction, "closing": closing, "purpose": purpose, "target_groups": target_groups,
              **{name: report_fields[name] for name in ("challenges_lead_in", "target_groups_lead_in")
                 if name in report_fields}}
    for challenge_id, texts in challenges.items():
        fields[f"challenge_{challenge_id}_lead_in"] = texts.get("lead_in", "")
        fields[f"challenge_{challenge_id}_conclusions"] = texts.get("conclusions", "")
    _check_placeholders(fields)
    report.introduction, report.closing = introduction, closing
    for name, value in report_fields.items():
        setattr(report, name, value if value is not None else REPORT_FIELDS[name])
    report.save(update_fields=["introduction", "closing", *report_fields, "updated_at"])
    plan = report.work_plan
    plan.purpose, plan.target_groups = purpose, target_groups
    plan.save(update_fields=["purpose", "target_groups"])
    for challenge in Challenge.objects.filter(work_plan=plan, pk__in=list(challenges)):
        challenge.lead_in = challenges[challenge.pk].get("lead_in", "")
        challenge.conclusions = challenges[challenge.pk].get("conclusions", "")
        challenge.save(update_fields=["lead_in", "conclusions"])
    return report


@transaction.atomic
def annual_report_approve(*, year: int, user, now=None) -> AnnualReport:
    """Keep the report of a finished year, figures, texts and export rows, exactly as it is now."""
    now = now or timezone.now()
    if year >= timezone.localdate(now).year:
        raise ValidationError(_("Kun et afsluttet år kan godkendes; %(year)s er ikke slut endnu.") % {"year": year})
    report = _report_for_update(year)
    if report.is_approved:
        raise ValidationError(_("Rapporten for %(year)s er allerede godkendt.") % {"year": year})
    # Kept in the register's language whoever approves it (reports/snapshot_labels.py translates it when shown).
    with translation.override(settings.LANGUAGE_CODE):
        report.snapshot = {"report": status_report(year=year), "rows": export_rows(year=year)}
    report.approved_at, report.approved_by = now, user
    report.save(update_fields=["snapshot", "approved_at", "approved_by", "updated_at"])
    return report


@transaction.atomic
def annual_report_reopen(*, year: int, user) -> AnnualReport:
    """Drop the approval, so that the report again shows the registrations as they are now."""
    report = _report_for_update(year)
    if not report.is_approved:
        raise ValidationError(_("Rapporten for %(year)s er ikke godkendt.") % {"year": year})
    report.snapshot, report.approved_at, report.approved_by = None, None, None
    report.save(update_fields=["snapshot", "approved_at", "approved_by", "updated_at"])
    return report
