"""An approved report in the reader's language.

Approving a year keeps its report and export rows as plain data (`AnnualReport.snapshot`), made in the
register's language (settings.LANGUAGE_CODE, Danish), so that the kept version and the comparison with
the live figures never depend on who approved it or in which language. The few words in it that come
from the code rather than from users (the title, the labels of statuses, kinds and roles, the export's
column headers, the satisfaction scale, "ca. 80") are Danish msgids; they are translated here when the
report is shown or downloaded in another language. What users typed (titles, descriptions, names, the
report's texts) stays as typed.
"""

import copy
import re

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .selectors.rows import column_labels

# In the export rows: the columns whose values are choice labels.
_LABEL_VALUES = ("status", "kind", "role")
_APPROXIMATE = re.compile(r"^ca\. (\d+)$")


def _same_language() -> bool:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0] == settings.LANGUAGE_CODE


def _label(value):
    return _(value) if isinstance(value, str) and value else value


def _participants(value):
    match = _APPROXIMATE.match(value) if isinstance(value, str) else None
    return _("ca. %(count)s") % {"count": match.group(1)} if match else value


def translated_report(report: dict) -> dict:
    """The approved report with the code's words in the active language (a copy; the snapshot is left alone)."""
    if _same_language():
        return report
    report = copy.deepcopy(report)
    report["title"] = _("Status for TaskForce Integrations arbejde i %(year)s") % {"year": report.get("year")}
    seats = list(report.get("steering_groups_without_challenge") or [])
    for challenge in report.get("challenges") or []:
        for status in challenge.get("deliverable_statuses") or []:
            status["label"] = _label(status.get("label"))
        for deliverable in challenge.get("deliverables") or []:
            deliverable["status_label"] = _label(deliverable.get("status_label"))
        for requisition in challenge.get("requisitions") or []:
            requisition["status"] = _label(requisition.get("status"))
            requisition["participants"] = _participants(requisition.get("participants"))
        seats += challenge.get("steering_groups") or []
    for seat in seats:
        seat["role"] = _label(seat.get("role"))
    for step in (report.get("satisfaction") or {}).get("steps") or []:
        step["label"] = _label(step.get("label"))
    return report


def translated_rows(rows: dict | None) -> dict | None:
    """The approved export rows with their column headers and choice labels in the active language: a
    column the report's sheets still have is headed as they head it now (reports/selectors/rows.py)."""
    if rows is None or _same_language():
        return rows
    rows = copy.deepcopy(rows)
    labels = column_labels()
    for key, sheet in rows.items():
        for column in sheet.get("columns") or []:
            column["label"] = labels.get(key, {}).get(column.get("key")) or _label(column.get("label"))
        for row in sheet.get("rows") or []:
            for key in _LABEL_VALUES:
                if key in row:
                    row[key] = _label(row[key])
    return rows
