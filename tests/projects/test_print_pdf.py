"""The printed notes in Chromium: a note as long as the form allows still prints on one A4 page, and
the year's good practice prints a title page and then one page per note."""

import datetime
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest

from projects.forms import NOTE_LINES, note_lines
from tests.factories import OrganisationFactory, ProjectFactory, ProjectVisitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
A4 = (595, 842)  # points, as Chromium rounds them


@pytest.fixture
def pdf_pages(live_server, consultant):
    """Print a page to PDF, logged in as `consultant`, and give the size in points of each PDF page.

    Each call runs its own browser, after the test has written its rows (the ORM must not be used
    while Playwright's sync API runs: it would open a connection of its own that stays open), in a
    thread of its own (tests/browser keeps a session-wide Playwright loop running in the main thread).
    """
    if not os.path.exists(CHROMIUM):
        reason = f"No Chromium at {CHROMIUM}: install Debian's 'chromium' package to run the browser tests."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    def print_to_pdf(path: str) -> list[tuple[int, int]]:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(base_url=live_server.url, locale="da-DK")
            page.goto("/login/")
            page.fill("#id_username", consultant.username)
            page.fill("#id_password", "demo")
            page.get_by_role("button", name="Log ind").click()
            page.wait_for_url("**/")
            page.goto(path)
            document = page.pdf(prefer_css_page_size=True)
            browser.close()
        boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", document)
        return [(round(float(width)), round(float(height))) for width, height in boxes]

    def in_own_thread(path: str) -> list[tuple[int, int]]:
        with ThreadPoolExecutor(max_workers=1) as executor:
            return executor.submit(print_to_pdf, path).result()

    return in_own_thread


def longest_note() -> dict:
    """One-line paragraphs (the costliest shape) up to the form's limit, under a two-line project name."""
    paragraph = "Frivillige fra kvarteret kender familierne og følger op på hvert barn hver uge."
    texts = {"what_works": [paragraph], "advice": [paragraph]}
    field = "what_works"
    while True:
        texts[field].append(paragraph)
        joined = {name: "\n\n".join(paragraphs) for name, paragraphs in texts.items()}
        if note_lines(joined["what_works"]) + note_lines(joined["advice"]) > NOTE_LINES:
            texts[field].pop()
            return {name: "\n\n".join(paragraphs) for name, paragraphs in texts.items()}
        field = "advice" if field == "what_works" else "what_works"


def test_the_longest_note_the_form_allows_prints_on_one_a4_page(pdf_pages):
    project = ProjectFactory(
        name="Lektiehjælp, forældresamarbejde og fritidsjob for unge i Tingbjerg, Husum og Utterslev Mose",
        organisation=OrganisationFactory(name="Beskæftigelses- og Integrationsforvaltningen, Jobcenter Nord"))
    visit = ProjectVisitFactory(project=project, is_good_practice=True, **longest_note())

    assert pdf_pages(f"/projekter/besoeg/{visit.pk}/print/") == [A4]


def test_the_good_practice_document_prints_a_title_page_and_a_page_per_note(pdf_pages):
    for day in (1, 2, 3):
        ProjectVisitFactory(is_good_practice=True, date=datetime.date(2008, 5, day),
                            what_works="Faste frivillige.", advice="Mål fremmødet.")

    assert pdf_pages("/projekter/god-praksis/2008/") == [A4] * 4
