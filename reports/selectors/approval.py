"""The report as management sees it: the approved version where the year is approved, with what later
edits of the year's registrations would change, else the live figures."""

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.display import person
from core.models import WorkPlan
from core.selectors import work_plan_years

from ..caching import is_finished
from ..models import AnnualReport
from ..snapshot_labels import translated_report, translated_rows
from .figures import YEAR_COMPARISON_ROWS
from .report import report_texts, status_report

COMPARED_FIGURES = [*YEAR_COMPARISON_ROWS, ("administrations_requesting", _("Forvaltninger, der har rekvireret"))]

def _report_differences(approved: dict, live: dict) -> list[dict]:
    """What would change if the approved report were made again now: headline figures, the table
    per challenge, the survey's answers, and any other difference in the content."""
    changes = [
        {"label": str(label), "approved": approved["headline"].get(key), "now": live["headline"].get(key)}
        for key, label in COMPARED_FIGURES if approved["headline"].get(key) != live["headline"].get(key)]
    for before, now in zip(approved["table"]["challenges"], live["table"]["challenges"], strict=False):
        for key, label in (("requisitions", _("rekvireringer")), ("advisories", _("rådgivninger"))):
            if before[key] != now[key]:
                changes.append({"label": f"{before['short_label']}: {label}", "approved": before[key],
                                "now": now[key]})
    for key, label in (("headline_answers", _("Besvarelser")), ("satisfied", _("Tilfredse"))):
        if approved["satisfaction"][key] != live["satisfaction"][key]:
            changes.append({"label": str(label), "approved": approved["satisfaction"][key],
                            "now": live["satisfaction"][key]})
    if not changes and approved != live:
        changes.append({"label": str(_("Tekster eller lister i rapporten")), "approved": None, "now": None})
    return changes

def report_for_year(*, year: int) -> dict | None:
    """The year's report as management sees it: the approved version where the year is approved
    (with what has changed since), else the live figures. None when the year has no work plan."""
    # The year's plan and texts, read here once: status_report need not read them again.
    plan = WorkPlan.objects.filter(year=year).select_related("annual_report__approved_by").first()
    if plan is None:
        return None
    stored = report_texts(plan)
    if stored is not None and stored.is_approved:
        # The snapshot was made in the register's language; the live figures are compared in the same one.
        with translation.override(settings.LANGUAGE_CODE):
            live = status_report(year=year, plan=plan)
        return {"report": translated_report(stored.snapshot["report"]),
                "rows": translated_rows(stored.snapshot["rows"]), "approval": stored,
                "changes": _report_differences(stored.snapshot["report"], live) if live else []}
    report = status_report(year=year, plan=plan)
    if report is None:
        return None
    return {"report": report, "rows": None, "approval": None, "changes": []}

def year_awaiting_approval() -> int | None:
    """The latest finished year with a work plan whose report is not approved yet (management's start page
    asks for it), or None: one query, the years from the reference cache."""
    finished = [year for year in work_plan_years() if is_finished(year)]
    if not finished:
        return None
    latest = max(finished)
    approved = AnnualReport.objects.filter(work_plan__year=latest, approved_at__isnull=False).exists()
    return None if approved else latest


def report_state(shown: dict, made_at=None) -> str:
    """What the report says of itself above its title and in Word's page header: "Godkendt 24. november
    2008 af Anne Leder" for the approved version, else "Udkast – tal pr. 6. december 2026 kl. 15.40", the
    moment its figures were made (`made_at`, default now)."""
    approval = shown["approval"]
    if approval is not None:
        return gettext("Godkendt %(date)s af %(name)s") % {
            "date": formats.date_format(timezone.localtime(approval.approved_at), "DATE_FORMAT"),
            "name": person(approval.approved_by) or gettext("ukendt")}
    made_at = timezone.localtime(made_at or timezone.now())
    return gettext("Udkast – tal pr. %(date)s kl. %(time)s") % {
        "date": formats.date_format(made_at, "DATE_FORMAT"), "time": formats.time_format(made_at, "H.i")}
