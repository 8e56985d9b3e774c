"""The annual status report as a Word document, in the shape of the 2008 report: the blocks of
reports/document.py (every sentence made there, as on the page) drawn by the register's Word writer
(documents/docx.py). Its words follow the active language; what users typed stays as typed."""

from django.utils.translation import gettext as _

from documents.docx import render_docx

from ..document import running_header, status_report_document


def status_report_docx(report: dict) -> bytes:
    """The year's status report (the dict of `status_report`, or an approved snapshot) as a .docx file."""
    title = report.get("title") or ""
    return render_docx(status_report_document(report), title=title, subject=_("Statusrapport"),
                       header=running_header(report), contents=_("Disposition"))
