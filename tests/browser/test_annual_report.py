"""Management's year end in a real browser: the dashboard, the report, and both downloads."""

import io
import re
import subprocess
import tempfile
from pathlib import Path

import docx
import openpyxl
from PIL import Image
from playwright.sync_api import expect

from demo.loader import demo_load


def test_manager_reads_the_2008_dashboard_and_report_downloads_word_excel_and_pdf_and_prints(page, login):
    demo_load()
    login("leder")

    page.get_by_role("button", name="Ledelse", exact=True).click()
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Ledelsesoverblik").click()
    page.get_by_label("År", exact=True).select_option("2008")
    page.get_by_role("button", name="Vis", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledelsesoverblik 2008")
    cards = page.get_by_role("region", name="Udfordringerne")
    expect(cards).to_contain_text("1. Udsatte boligområder")
    charts = page.locator("figure.chart img")
    expect(charts).to_have_count(4)
    page.wait_for_load_state("load")
    for index in range(4):
        expect(charts.nth(index)).to_have_js_property("complete", True)
        assert charts.nth(index).evaluate("img => img.naturalWidth") > 0

    page.get_by_role("link", name="Statusrapport", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Status for TaskForce Integrations arbejde i 2008")
    table = page.get_by_role("table", name="Rekvireringer og rådgivninger pr. udfordring")
    expect(table.get_by_role("row", name="Rekvireringer")).to_have_text("Rekvireringer466622")
    expect(table.get_by_role("row", name="Rådgivninger")).to_have_text("Rådgivninger29182930106")

    with page.expect_download() as word:
        page.get_by_role("link", name="Hent Word").click()
    document = docx.Document(io.BytesIO(Path(word.value.path()).read_bytes()))
    assert word.value.suggested_filename == "statusrapport-2008.docx"
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows[1] == ["Rekvireringer", "4", "6", "6", "6", "22"]
    assert rows[2] == ["Rådgivninger", "29", "18", "29", "30", "106"]

    with page.expect_download() as excel:
        page.get_by_role("link", name="Hent Excel").click()
    workbook = openpyxl.load_workbook(io.BytesIO(Path(excel.value.path()).read_bytes()))
    assert excel.value.suggested_filename == "statusrapport-2008.xlsx"
    overview = [[cell for cell in row if cell is not None] for row in workbook["Oversigt"].iter_rows(values_only=True)]
    assert ["Rekvireringer", 4, 6, 6, 6, 22] in overview
    assert ["Rådgivninger", 29, 18, 29, 30, 106] in overview

    # Printed with background graphics (Chromium's PDF of the page as printed): white below the last paragraph,
    # not the page's grey.
    page.emulate_media(media="print")
    printed = page.pdf(format="A4", print_background=True)
    page.emulate_media(media="screen")
    last = _last_page_bottom(printed)
    assert last == (255, 255, 255), last

    if page.get_by_role("link", name="Hent PDF").count():  # where Pango is installed (.ci/run installs it)
        with page.expect_download() as pdf:
            page.get_by_role("link", name="Hent PDF").click()
        assert pdf.value.suggested_filename == "statusrapport-2008.pdf"
        assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")


def _last_page_bottom(pdf: bytes) -> tuple[int, int, int]:
    """The colour of the last printed page just above its bottom margin, left of the middle (poppler's
    pdftoppm)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "page.pdf"
        source.write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(source)], capture_output=True, check=True, text=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))
        subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", str(pages), "-l", str(pages), "-singlefile", str(source),
                        str(Path(folder) / "last")], check=True)
        with Image.open(Path(folder) / "last.png") as image:
            rgb = image.convert("RGB")
            # Above the bottom margin (2.2 cm of 29.7: css/tfi.css), below the last paragraph of 2008's report.
            return rgb.getpixel((rgb.width // 3, int(rgb.height * 0.90)))
