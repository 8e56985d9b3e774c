"""The annual status report as a file: Word, Excel or a standalone HTML page. The web download and
the `status_report` command both come here, and both use the approved version of an approved year."""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from cases.models import Requisition
from documents.html import render_html

from ..caching import cached, is_cached
from ..document import status_report_document
from ..selectors.approval import report_for_year, report_state
from ..selectors.rows import export_rows

EXPORTS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
    "html": ("text/html; charset=utf-8", "HTML"),
}


@dataclass
class Document:
    content: bytes
    content_type: str
    filename: str


def made_in_background(*, year: int, fmt: str) -> bool:
    """Whether the file of `year` is made by a worker (reports/tasks.py): the Word and Excel report of a year
    of more than REPORT_BACKGROUND_ROWS requisitions (their list is most of the file's time), unless the
    file is kept already (a finished year's, in the active language)."""
    return (fmt in ("docx", "xlsx") and Requisition.objects.for_year(year).count() > settings.REPORT_BACKGROUND_ROWS
            and not is_cached(f"file:{fmt}", [year]))


class NoReport(Exception):
    """The year has no work plan, so there is no report."""


def export_document(*, year: int, fmt: str, language: str | None = None) -> Document:
    """The report as a file in `language`, by default the active one: the page's download gives the
    document in the language the user reads the page in, the `status_report` command in the register's
    (Danish). The code's words follow the language; what users typed stays as typed. A finished year's file
    is kept like its page while its figures stand (reports/caching.py): a busy year's takes seconds to
    write."""
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        content = cached(f"file:{fmt}", [year], lambda: _content(year, fmt))
    return Document(content=content, content_type=EXPORTS[fmt][0], filename=f"statusrapport-{year}.{fmt}")


def _content(year: int, fmt: str) -> bytes:
    shown = report_for_year(year=year)
    if shown is None:
        raise NoReport(year)
    report = {**shown["report"], "state": report_state(shown)}
    if fmt == "docx":
        from .docx import status_report_docx

        return status_report_docx(report)
    if fmt == "xlsx":
        from .xlsx import status_report_xlsx

        return status_report_xlsx(report, shown["rows"] or export_rows(year=year))
    if fmt == "html":
        return render_to_string("reports/report_document.html", {
            "report": report, "body": render_html(status_report_document(report))}).encode()
    raise ValueError(f"Unknown format: {fmt}")
