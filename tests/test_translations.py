"""Both languages complete: the Danish texts are the msgids in the code and templates, the English ones
live in locale/en/LC_MESSAGES/django.po (compiled to django.mo beside it, both committed).

The catalogue must hold every message of the code, each translated (not empty, not fuzzy) with the same
placeholders; the compiled .mo must say what the .po says; and pages, documents and charts rendered in
English must not show Danish interface words, with dates and numbers in the English format.
"""

import datetime
import gettext
import html.parser
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

from cases.choices import DeliverableStatus, RequisitionStatus, SteeringRole
from core.choices import OrganisationKind
from tests.factories import (
    AdvisoryFactory,
    AreaFactory,
    ChallengeFactory,
    ConsultantFactory,
    DeliverableFactory,
    EventFactory,
    InvitationFactory,
    ManagerFactory,
    OrganisationFactory,
    ProjectFactory,
    ProjectVisitFactory,
    RequisitionFactory,
    ResponseFactory,
    SteeringGroupMembershipFactory,
    WorkPlanFactory,
)
from tests.helpers import run_jobs

BASE_DIR = Path(settings.BASE_DIR)
PO_FILE = BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
# The same options as README's "Languages" (and `make messages`): the project's own code and templates.
MAKEMESSAGES = ["makemessages", "-l", "en", "--ignore=tests", "--ignore=bench", "--ignore=*.egg-info",
                "--add-location=file", "--no-obsolete"]

# Python format placeholders (%(name)s, %d, %%), the report texts' {placeholders} and HTML tags.
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|%%|\{[a-z_]+\}|</?[a-z]+[^>]*>")


def catalogue() -> polib.POFile:
    return polib.pofile(str(PO_FILE))


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


# --- The catalogue ---------------------------------------------------------------------------------


def test_every_message_has_an_english_translation():
    entries = catalogue()
    assert len(entries) > 1000
    problems = []
    for entry in entries:
        label = f"{entry.msgctxt + ' | ' if entry.msgctxt else ''}{entry.msgid!r}"
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {label}")
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(0, ""), entry.msgstr_plural.get(1, "")]
            if not all(form.strip() for form in forms):
                problems.append(f"untranslated plural: {label}")
            expected = [placeholders(entry.msgid), placeholders(entry.msgid_plural)]
        else:
            forms = [entry.msgstr]
            if not entry.msgstr.strip():
                problems.append(f"untranslated: {label}")
            expected = [placeholders(entry.msgid)]
        for index, form in enumerate(forms):
            if not form.strip():
                continue
            # Singular and plural may drop the count (English "One example", Danish "Et eksempel").
            wanted = {*expected[min(index, len(expected) - 1)]}
            if entry.msgid_plural:
                wanted = {*expected[0], *expected[-1]}
            found = set(placeholders(form))
            if found - wanted or (not entry.msgid_plural and found != wanted):
                problems.append(f"placeholders {sorted(found)} instead of {sorted(wanted)}: {label} -> {form!r}")
    assert problems == []


def test_the_catalogue_is_the_code_s_messages(tmp_path):
    """makemessages, run on a copy of the project, finds no message that is missing from the committed
    catalogue or left over in it (so nothing is shown untranslated, and nothing new comes out fuzzy)."""
    if not (shutil.which("xgettext") and shutil.which("msgmerge") and shutil.which("msguniq")):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("GNU gettext (xgettext, msgmerge) is missing: install the Debian package gettext.")
        pytest.skip("GNU gettext (xgettext, msgmerge) is not installed, so makemessages cannot run here; "
                    "the committed catalogue is still checked by the other tests.")
    copy = tmp_path / "project"
    shutil.copytree(BASE_DIR, copy, ignore=shutil.ignore_patterns(
        ".*", "__pycache__", "node_modules", "staticfiles", "*.sqlite3", "*.egg-info", "bench", "tests"))
    environment = {**os.environ, "SECRET_KEY": "translation-test", "DJANGO_SETTINGS_MODULE": "tfi.settings"}
    result = subprocess.run([sys.executable, "manage.py", *MAKEMESSAGES], cwd=copy, env=environment,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr

    fresh = polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    key = lambda entry: (entry.msgctxt, entry.msgid, entry.msgid_plural)  # noqa: E731
    committed = {key(entry) for entry in catalogue() if not entry.obsolete}
    found = {key(entry) for entry in fresh if not entry.obsolete}
    assert sorted(found - committed, key=str) == [], "new messages: run makemessages and translate them"
    assert sorted(committed - found, key=str) == [], "messages no longer in the code: run makemessages"
    assert [entry.msgid for entry in fresh if "fuzzy" in entry.flags or not entry.translated()] == []


def test_the_compiled_catalogue_says_what_the_po_says():
    """django.mo (what Django reads) is compiled from the current django.po: after editing the .po, run
    compilemessages. Read with the standard library's gettext, so no msgfmt is needed here."""
    assert MO_FILE.exists(), "locale/en/LC_MESSAGES/django.mo is missing: run compilemessages"
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    expected = {}
    for entry in catalogue():
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            for index, form in sorted(entry.msgstr_plural.items()):
                expected[(msgid, index)] = form
        else:
            expected[msgid] = entry.msgstr
    actual = {key: value for key, value in compiled._catalog.items() if key != ""}
    assert actual == expected, "django.mo is not compiled from the current django.po: run compilemessages"


def test_the_formats_follow_the_language():
    day, amount = datetime.date(2026, 11, 25), 1234.5
    with translation.override("da"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "25.11.2026"
        assert formats.date_format(day, "DATE_FORMAT") == "25. november 2026"
        assert formats.number_format(amount, 1, force_grouping=True) == "1.234,5"
    with translation.override("en"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "25/11/2026"
        assert formats.date_format(day, "DATE_FORMAT") == "25 November 2026"
        assert formats.number_format(amount, 1, force_grouping=True) == "1,234.5"
        assert translation.gettext("Rekvireringer") == "Requisitions"


# --- Pages in English and Danish -------------------------------------------------------------------

# Common Danish interface words; none of them may be left on a page rendered in English. The test data
# below is named in neutral English, so any Danish on the page comes from the interface.
DANISH_WORDS = re.compile(r"\b(" + "|".join([
    "Gem", "Annullér", "Tilbage", "Redigér", "Slet", "Søg", "Filtrér", "Nulstil", "Forrige", "Næste", "Sprog",
    "Log ud", "Rekvirering", "Rekvireringer", "rekvirering", "rekvireringer", "Rådgivning", "Rådgivninger",
    "rådgivning", "rådgivninger", "Udfordring", "Udfordringer", "udfordring", "udfordringer", "Arrangementer",
    "arrangementer", "Leverance", "Leverancer", "Styregruppe", "Styregrupper", "Arbejdsplan", "Rekvirent",
    "Rekvirenter", "Forvaltning", "Forvaltninger", "Område", "Områder", "Aktør", "Aktører", "Tilfredshed",
    "Statusrapport", "årsværk", "Konsulent", "Ledelse", "Ledelsesoverblik", "Historik", "Projektbesøg",
    "Eksportér", "Importér", "Udskriv", "Godkend", "Hent", "Vis", "Alle", "Antal", "Ingen", "fundet", "og",
    "ikke", "af", "til", "med", "fra", "der", "som", "eller", "Ja", "Nej", "Titel", "Dato", "Beskrivelse",
    "Deltagere", "Timer", "Modtaget", "Afsluttet", "Oprettet", "Ændret", "Tilfredse",
]) + r")\b")
DANISH_LETTERS = re.compile(r"[æøåÆØÅ]")


class _VisibleText(html.parser.HTMLParser):
    """The text a person reads or hears: text nodes and the labels in attributes, without scripts."""

    LABELS = ("aria-label", "title", "placeholder", "alt", "data-zoom-in", "data-zoom-out", "data-actors-one",
              "data-actors-other")

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.parts += [value for name, value in attrs if name in self.LABELS and value]
        if tag == "input" and dict(attrs).get("type") in ("submit", "button"):
            self.parts.append(dict(attrs).get("value") or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def visible_text(response) -> str:
    parser = _VisibleText()
    parser.feed(response.content.decode())
    return "\n".join(parser.parts)


def danish_left(text: str) -> list[str]:
    return sorted({match.group(0) for match in DANISH_WORDS.finditer(text)}
                  | {line for line in text.splitlines() if DANISH_LETTERS.search(line)})


@pytest.fixture(autouse=True)
def _back_to_danish():
    """The middleware activates the chosen language on the test's thread; later tests start in Danish."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def world(db):
    """A year of work named in neutral English (data is shown as typed, in any language)."""
    plan = WorkPlanFactory(year=2008, total_fte="3.5", purpose="Integration across the administrations.")
    jobs = ChallengeFactory(work_plan=plan, number=1, name="Jobs", short_label="Jobs")
    ChallengeFactory(work_plan=plan, number=2, name="Youth", short_label="Youth")
    consultant = ConsultantFactory(username="anna", first_name="Anna", last_name="Smith")
    manager = ManagerFactory(username="boss", first_name="Brenda", last_name="Jones")
    council = OrganisationFactory(name="City Council", kind=OrganisationKind.ADMINISTRATION)
    club = OrganisationFactory(name="Chess Club")
    area = AreaFactory(name="Northside", district="North")
    requisition = RequisitionFactory(
        challenge=jobs, title="Career fair", description="A fair for young people.", created_by=consultant,
        date_received=datetime.date(2008, 3, 25), date_finished=datetime.date(2008, 11, 2),
        status=RequisitionStatus.FINISHED, participants=1234, requesters=[council], area=area)
    AdvisoryFactory(challenge=jobs, title="Funding advice", description="Where to apply.", requester=club,
                    consultant=consultant, date=datetime.date(2008, 4, 2), is_report_example=True)
    EventFactory(challenge=jobs, title="Summer party", consultant=consultant, date=datetime.date(2008, 6, 14),
                 place="Town Hall", participants=80, participants_approximate=True)
    DeliverableFactory(challenge=jobs, title="Guide", status=DeliverableStatus.DELIVERED, created_by=consultant)
    SteeringGroupMembershipFactory(body="Harbour board", role=SteeringRole.CHAIR, challenge=jobs,
                                   consultant=consultant, area=area)
    ProjectVisitFactory(project=ProjectFactory(name="Homework Club", organisation=club), consultant=consultant,
                        challenge=jobs, date=datetime.date(2008, 5, 6), what_works="Volunteers.", advice="Plan.")
    ResponseFactory(invitation=InvitationFactory(requisition=requisition, contact_name="Lee Brown"))
    return {"consultant": consultant, "manager": manager, "requisition": requisition, "area": area}


def choose(client, user, language: str):
    """Log in and choose the language the way a user does: the language form in the user menu."""
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == language
    return client


def consultant_pages(world) -> list[str]:
    requisition = world["requisition"]
    return [
        reverse("home"),
        reverse("cases:requisition_list") + "?year=2008",
        reverse("cases:requisition_detail", args=[requisition.pk]),
        reverse("cases:requisition_create"),
        reverse("cases:advisory_list") + "?year=2008",
        reverse("cases:event_list") + "?year=2008",
        reverse("cases:deliverable_list") + "?year=2008",
        reverse("cases:steeringgroupmembership_list") + "?year=2008",
        reverse("reports:year_figures") + "?year=2008",
        reverse("reports:resources") + "?year=2008",
        reverse("projects:projectvisit_list") + "?year=2008",
        reverse("atlas:area_list"),
        reverse("atlas:area_detail", args=[world["area"].pk]),
    ]


def manager_pages() -> list[str]:
    return [reverse("reports:dashboard") + "?year=2008", reverse("reports:report", args=[2008]),
            reverse("surveys:invitation_list")]


def test_pages_in_english_show_no_danish(client, world):
    pages = {url: choose(client, world["consultant"], "en").get(url) for url in consultant_pages(world)}
    client.logout()
    pages |= {url: choose(client, world["manager"], "en").get(url) for url in manager_pages()}

    for url, response in pages.items():
        assert response.status_code == 200, url
        assert response["Content-Language"] == "en", url
        assert '<html lang="en">' in response.content.decode(), url
        assert danish_left(visible_text(response)) == [], url


# English interface words that must not be left on a Danish page (a text that is not translated at all,
# or a library's English), none of them in the test data.
ENGLISH_WORDS = re.compile(r"\b(" + "|".join([
    "Save", "Cancel", "Delete", "Edit", "Back", "Search", "Previous", "Next", "Filter", "Reset", "Log out",
    "Language", "Requisitions?", "Advisory", "Advisories", "Challenges?", "Deliverables?", "Steering", "Events?",
    "Zoom in", "Zoom out", "Show", "Print", "Export", "Import", "found", "This field", "required", "Yes", "No",
    "None", "Total",
    "Status report", "Management", "History", "Download", "Approve", "Participants", "Date", "Title",
]) + r")\b")


def test_pages_in_danish_show_no_english(client, world):
    pages = {url: choose(client, world["consultant"], "da").get(url) for url in consultant_pages(world)}
    client.logout()
    pages |= {url: choose(client, world["manager"], "da").get(url) for url in manager_pages()}

    for url, response in pages.items():
        assert response.status_code == 200, url
        assert response["Content-Language"] == "da", url
        assert sorted({m.group(0) for m in ENGLISH_WORDS.finditer(visible_text(response))}) == [], url


def test_pages_in_english_show_english_dates_and_numbers(client, world):
    choose(client, world["consultant"], "en")

    listed = visible_text(client.get(reverse("cases:requisition_list") + "?year=2008"))
    detail = visible_text(client.get(reverse("cases:requisition_detail", args=[world["requisition"].pk])))
    figures = visible_text(client.get(reverse("reports:year_figures") + "?year=2008"))
    resources = visible_text(client.get(reverse("reports:resources") + "?year=2008"))

    assert "25/03/2008" in listed and "25.03.2008" not in listed
    assert "Requisitions" in listed and "1 requisition found" in listed
    assert "25 March 2008" in detail and "2 November 2008" in detail
    assert "1,314" in figures  # 1,234 participants at the requisition and about 80 at the event
    assert "3.5" in resources and "3,5" not in resources


def test_the_same_pages_in_danish_show_the_danish_texts(client, world):
    choose(client, world["consultant"], "da")

    listed = visible_text(client.get(reverse("cases:requisition_list") + "?year=2008"))
    detail = visible_text(client.get(reverse("cases:requisition_detail", args=[world["requisition"].pk])))
    form = visible_text(client.get(reverse("cases:requisition_create")))

    assert "Rekvireringer" in listed and "1 rekvirering fundet" in listed and "25.03.2008" in listed
    assert "25. marts 2008" in detail
    assert "1.314" in visible_text(client.get(reverse("reports:year_figures") + "?year=2008"))
    assert "Gem" in form and "Annullér" in form


def test_a_form_s_errors_are_in_english(client, world):
    choose(client, world["consultant"], "en")

    response = client.post(reverse("cases:requisition_create"), {})

    assert response.status_code == 200
    text = visible_text(response)
    assert "The form has not been saved" in text and "Give the requisition a title." in text
    assert danish_left(text) == []


def test_the_dashboard_chart_is_drawn_in_english(client, world):
    choose(client, world["manager"], "en")

    svg = client.get(reverse("reports:chart", args=[2008, "maaneder"])).content.decode()

    assert "Activity per month" in svg and "Requisitions" in svg and "May" in svg
    assert "Rekvireringer" not in svg and "maj" not in svg


def test_an_approved_report_is_shown_in_the_reader_s_language(client, world):
    from reports.services import annual_report_approve

    choose(client, world["manager"], "en")
    with translation.override("en"):  # approving in English still keeps the version in the register's language
        report = annual_report_approve(year=2008, user=world["manager"])
    assert report.snapshot["report"]["title"] == "Status for TaskForce Integrations arbejde i 2008"

    english = client.get(reverse("reports:report", args=[2008]))
    text = visible_text(english)
    assert "Status of TaskForce Integration's work in 2008" in text
    assert "1 of 1: very satisfied" in text and "Harbour board\n– chair, Northside" in text
    assert "Guide\n– delivered" in text
    assert "Texts or lists in the report" not in text  # no change reported just for the language
    assert danish_left(text) == []

    choose(client, world["manager"], "da")
    assert "Status for TaskForce Integrations arbejde i 2008" in visible_text(
        client.get(reverse("reports:report", args=[2008])))


# --- Documents ---------------------------------------------------------------------------------------


def _docx_text(content: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_the_report_document_follows_the_language(world, fmt):
    from reports.exports import export_document

    text = _docx_text if fmt == "docx" else _html_text
    english = text(export_document(year=2008, fmt=fmt, language="en").content)
    danish = text(export_document(year=2008, fmt=fmt, language="da").content)

    assert "Main conclusions" in english and "Two challenges for TFI in 2008" in english
    assert danish_left(english) == []
    assert "Hovedkonklusioner" in danish and "To udfordringer for TFI i 2008" in danish


def _html_text(content: bytes) -> str:
    parser = _VisibleText()
    parser.feed(content.decode())
    return "\n".join(parser.parts)


def test_the_atlas_document_follows_the_language(world):
    from atlas.word import area_atlas_docx

    with translation.override("en"):
        english = _docx_text(area_atlas_docx(world["area"]))
    with translation.override("da"):
        danish = _docx_text(area_atlas_docx(world["area"]))

    assert "TFI Atlas: Northside" in english and "Printed " in english
    assert danish_left(english) == []
    assert "TFI-atlas: Northside" in danish and "Udskrevet " in danish


def test_the_survey_e_mail_and_answer_page_stay_danish(client, world, mailoutbox):
    """The recipient is outside the register: the e-mail is in Danish whoever sends it, and the answer page
    is Danish unless the browser has chosen English in the register (the browser's language is ignored)."""
    from surveys.services import answer_url, invitation_send

    requisition = world["requisition"]
    with translation.override("en"):
        invitation = invitation_send(user=world["consultant"], registration=requisition,
                                     requester=requisition.requesters.first(), contact_email="a@example.org")
        run_jobs()  # the worker sends the e-mail (in the register's language, whatever the sender's)

    assert mailoutbox[0].subject.startswith("Hvordan gik samarbejdet med TaskForce Integration?")
    assert "Med venlig hilsen" in mailoutbox[0].body
    path = answer_url(invitation).removeprefix(settings.SITE_URL.rstrip("/"))
    page = client.get(path, headers={"accept-language": "en-GB,en;q=0.9"})
    assert page["Content-Language"] == "da" and "Send svar" in page.content.decode()
