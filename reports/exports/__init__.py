"""The annual status report as a file: Word, Excel or a standalone HTML page. The web download and
the `status_report` command both come here, and both use the approved version of an approved year."""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.models import Requisition
from documents.html import render_html
from documents.pdf import CONTENT_TYPE as PDF_CONTENT_TYPE
from documents.pdf import pdf_missing

from ..caching import cached, is_cached
from ..document import running_header, status_report_document
from ..selectors.approval import report_for_year, report_state
from ..selectors.rows import export_rows

EXPORTS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
    "html": ("text/html; charset=utf-8", "HTML"),
}
if not pdf_missing():  # PDF/A where the machine has Pango (documents/pdf.py)
    EXPORTS["pdf"] = (PDF_CONTENT_TYPE, "PDF")


@dataclass
class Document:
    content: bytes
    content_type: str
    filename: str


def made_in_background(*, year: int, fmt: str) -> bool:
    """Whether the file of `year` is made by a worker (reports/tasks.py): the Word, Excel and PDF report of a year
    of more than REPORT_BACKGROUND_ROWS requisitions (their list is most of the file's time), unless the
    file is kept already (a finished year's, in the active language)."""
    return (fmt in ("docx", "xlsx", "pdf")
            and Requisition.objects.for_year(year).count() > settings.REPORT_BACKGROUND_ROWS
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
    if fmt in ("html", "pdf"):
        html = render_to_string("reports/report_document.html", {
            "report": report, "body": render_html(status_report_document(report)),
            "author": settings.DOCUMENT_AUTHOR, "made": timezone.now(),
            "page_header": _css_string(running_header(report)),
            "page_footer": _css_string(_("Side %(page)s af %(pages)s"), page='" counter(page) "',
                                       pages='" counter(pages) "')})
        if fmt == "pdf":
            from documents.pdf import html_pdf

            return html_pdf(html)
        return html.encode()
    raise ValueError(f"Unknown format: {fmt}")


def _css_string(text: str, **counters) -> str:
    """`text` as a CSS string for a printed page's margin box (its quotes and backslashes escaped), with
    `counters` ("%(page)s") put in as they are: the PDF's running header and "Side 1 af 10"."""
    # "<" as CSS's escape: the string stands in a <style> element, and a name could hold "</style>".
    quoted = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3C ")
    return f'"{quoted % counters if counters else quoted}"'
