"""Documents as PDF/A for the archive: an HTML document laid out by WeasyPrint as PDF/A-2a, the archival
format's accessible level: tagged (a structure tree of the HTML's headings, paragraphs, lists and tables, for
a screen reader), its fonts embedded, its identification and the document's title, author and language in
its XMP metadata. The status report (reports/exports: its standalone HTML, the same blocks as the page and
Word) and the year's good-practice collection (projects: its print page) are made so.

WeasyPrint draws text with the Pango libraries (Debian: libpango-1.0-0, libpangoft2-1.0-0,
libharfbuzz-subset0) and a font (fonts-dejavu-core). Where Pango is missing, `pdf_missing()` says so and the
register offers no PDF: the report page says why, and everything else works as before."""

import ctypes.util
import functools

from django.utils.translation import gettext as _

PDF_VARIANT = "pdf/a-2a"
CONTENT_TYPE = "application/pdf"


@functools.cache
def pdf_missing() -> str:
    """Why this machine cannot make PDF, in Danish for the report page ("" when it can). Looked up once, without
    importing WeasyPrint (half a second) into every process that never makes a PDF."""
    if ctypes.util.find_library("pango-1.0") is None or ctypes.util.find_library("pangoft2-1.0") is None:
        return _("PDF kræver Pango-bibliotekerne (Debian: libpango-1.0-0 og libpangoft2-1.0-0), som ikke er "
                 "installeret på serveren.")
    return ""


def html_pdf(html: str, *, css: str = "") -> bytes:
    """The HTML document as the bytes of a PDF/A-2a file; `css`: a stylesheet besides its own (a print page's
    static file, which the document links for the browser)."""
    from weasyprint import CSS, HTML

    return HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT, stylesheets=[CSS(string=css)] if css else None)
