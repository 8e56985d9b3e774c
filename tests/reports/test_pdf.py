"""The status report as PDF/A for the archive (WeasyPrint): identified as PDF/A-2a in its XMP metadata,
tagged, every font embedded, and saying what the page says; downloaded from the report page and written by
`status_report --format pdf`. Read back with poppler's pdfinfo, pdffonts and pdftotext, as an archive's
intake would."""

import re
import subprocess
import tempfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from documents.pdf import pdf_missing
from reports.exports import export_document
from tests.helpers import login

from .test_document import page_texts

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(bool(pdf_missing()), reason="no Pango on this machine (.ci/run installs it)")]


def poppler(tool: str, content: bytes, *args: str) -> str:
    """What a poppler tool says of the PDF (they read a file, not a pipe)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(content)
        file.flush()
        command = [tool, *args, file.name, "-"] if tool == "pdftotext" else [tool, *args, file.name]
        return subprocess.run(command, capture_output=True, check=True).stdout.decode()


@pytest.fixture
def pdf(demo) -> bytes:
    return export_document(year=2008, fmt="pdf", language="da").content


class TestThe2008Pdf:
    def test_it_is_identified_as_pdf_a_2a_with_its_title_author_and_language(self, pdf):
        assert pdf.startswith(b"%PDF-1.7")
        metadata = poppler("pdfinfo", pdf, "-meta")
        assert 'pdfaid:part="2"' in metadata and 'pdfaid:conformance="A"' in metadata
        info = poppler("pdfinfo", pdf)
        assert re.search(r"^Title:\s+Status for TaskForce Integrations arbejde i 2008$", info, re.M)
        assert re.search(r"^Author:\s+TaskForce Integration, Københavns Kommune$", info, re.M)
        assert re.search(r"^Tagged:\s+yes$", info, re.M)
        assert re.search(r"^Page size:\s+595.\d+ x 841.\d+ pts \(A4\)$", info, re.M)
        # Tagged from the HTML: one title, the sections' headings, lists with their items, the challenge table.
        structure = [line.split()[0] for line in poppler("pdfinfo", pdf, "-struct").splitlines() if line.strip()]
        assert structure[0] == "Document" and structure.count("H1") == 1 and structure.count("H2") >= 8
        assert {"L", "LI", "Lbl", "LBody", "Table", "TH", "TD:"} <= set(structure)

    def test_every_font_is_embedded(self, pdf):
        fonts = poppler("pdffonts", pdf).splitlines()[2:]
        assert fonts
        assert all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column

    def test_it_says_what_the_page_says(self, pdf, client):
        login(client, get_user_model().objects.get(username="leder"))
        page = page_texts(client.get(reverse("reports:report", args=[2008])).content.decode())
        text = poppler("pdftotext", pdf, "-enc", "UTF-8")

        # Compared without white space and hyphens: a line of the PDF ends where the page's line goes on, and
        # pdftotext joins "poesi-" at a line's end to the next line's "workshoppen".
        def bare(value: str) -> str:
            return "".join(value.split()).replace("-", "")

        missing = [line for line in page if bare(line) not in bare(text) and not line.startswith("Udkast")]
        assert len(page) > 150 and missing == []
        assert "Side 1 af " in text and "Dato: 24.11.2008" in text

    def test_it_is_downloaded_from_the_report_page(self, demo, client, manager):
        client = login(client, manager)
        page = client.get(reverse("reports:report", args=[2008]))
        url = reverse("reports:report_download", args=[2008, "pdf"])
        assert f'href="{url}"' in page.content.decode()

        response = client.get(url)

        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="statusrapport-2008.pdf"'
        assert response.content.startswith(b"%PDF")

    def test_the_command_writes_it(self, demo, tmp_path):
        target = tmp_path / "bilag.pdf"

        call_command("status_report", year=2008, fmt="pdf", output=str(target))

        assert 'pdfaid:part="2"' in poppler("pdfinfo", target.read_bytes(), "-meta")
