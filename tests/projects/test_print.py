"""The printable notes: one visit's good-practice page, and the year's good practice as one document."""

import datetime
import re
import subprocess
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from documents.pdf import pdf_missing
from projects.choices import Assessment
from tests.factories import AreaFactory, ProjectFactory, ProjectVisitFactory
from tests.helpers import login

pytestmark = pytest.mark.django_db


def assert_printable(response) -> None:
    """Print stylesheet and script linked, an "Udskriv" button, no navigation, no inline script."""
    content = response.content.decode()
    assertContains(response, '<link rel="stylesheet" href="/static/css/print.css">', html=False)
    assertContains(response, '<script src="/static/js/print.js"></script>', html=False)
    assert re.search(r'<button type="button" class="print-button" data-print>\s*Udskriv\s*</button>', content)
    assert "navbar" not in content
    assert "bootstrap" not in content
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", content), "inline script"


class TestVisitNote:
    def url(self, visit) -> str:
        return reverse("projects:projectvisit_print", args=[visit.pk])

    @pytest.mark.parametrize("user", ["consultant", "other_consultant", "manager"])
    def test_it_prints_the_note(self, client, request, consultant, visit, user):
        response = login(client, request.getfixturevalue(user)).get(self.url(visit))

        assert response.status_code == 200
        for text in ["Lektiecafé Mjølnerparken", "Foreningen Bydelsmødre", "Mjølnerparken (Nørrebro)",
                     "1. juni 2008", consultant.get_full_name(), "Hvad virker",
                     "Frivillige fra kvarteret kender familierne.", "Gode råd til andre projekter",
                     "Skriv målene ned fra første dag.", "Opstiller projektet mål og succeskriterier?",
                     "Måler projektet sin effekt?", "Eksempel på god praksis?"]:
            assertContains(response, text)
        judgements = re.findall(r"<td>(.*?)</td>", response.content.decode())
        assert judgements == ["Ja", "Delvist", "Ja"]

    def test_it_is_a_printable_page(self, client, consultant, visit):
        response = login(client, consultant).get(self.url(visit))

        assert_printable(response)
        assertContains(response, f'href="{visit.get_absolute_url()}"')

    def test_it_marks_what_is_not_filled_in(self, client, consultant, project):
        visit = ProjectVisitFactory(project=project, what_works="", advice="", sets_goals="",
                                    measures_effect=Assessment.NO)

        response = login(client, consultant).get(self.url(visit))

        assertContains(response, "Ikke udfyldt.", count=2)
        assert re.findall(r"<td>(.*?)</td>", response.content.decode()) == ["Ikke vurderet", "Nej", "Nej"]

    def test_it_leaves_out_what_the_project_does_not_have_and_names_an_area_once(self, client, consultant):
        project = ProjectFactory(organisation=None, area=AreaFactory(name="Amager", district="Amager"))
        visit = ProjectVisitFactory(project=project)

        response = login(client, consultant).get(self.url(visit))

        assertNotContains(response, "<dt>Organisation</dt>", html=False)
        assertContains(response, "<dt>Område</dt><dd>Amager</dd>", html=False)

    def test_it_keeps_the_consultants_text_as_text(self, client, consultant, project):
        visit = ProjectVisitFactory(project=project, what_works="<script>alert(1)</script>\n\nAnden linje")

        response = login(client, consultant).get(self.url(visit))

        assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
        assertContains(response, "<p>Anden linje</p>", html=False)


class TestGoodPractice:
    def url(self, year: int) -> str:
        return reverse("projects:good_practice_print", args=[year])

    def test_it_prints_only_the_years_good_practice(self, client, manager, visit):
        second = ProjectVisitFactory(project=ProjectFactory(name="Bydelsmødre"), is_good_practice=True,
                                     what_works="Mødrene mødes hver uge", date=datetime.date(2008, 3, 1))
        ProjectVisitFactory(project=ProjectFactory(name="Ikke udvalgt"), is_good_practice=False)
        ProjectVisitFactory(project=ProjectFactory(name="Sidste år"), is_good_practice=True,
                            date=datetime.date(2007, 6, 1))

        response = login(client, manager).get(self.url(2008))

        assert response.status_code == 200
        assert response.context["visits"] == [second, visit]
        assertContains(response, "God praksis i integrationsprojekter 2008")
        assertContains(response, "2 eksempler på god praksis")
        assertContains(response, "Mødrene mødes hver uge")
        assertContains(response, "Frivillige fra kvarteret kender familierne.")
        assertNotContains(response, "Ikke udvalgt")
        assertNotContains(response, "Sidste år")

    def test_each_note_is_a_page_after_the_title_page(self, client, consultant, visit):
        ProjectVisitFactory.create_batch(2, project=visit.project, is_good_practice=True)

        response = login(client, consultant).get(self.url(2008))

        content = response.content.decode()
        assert content.count('class="sheet title-page"') == 1
        assert content.count('class="sheet note"') == 3
        assert content.index("title-page") < content.index('class="sheet note"')
        assert_printable(response)

    def test_it_says_when_the_year_has_no_good_practice(self, client, consultant, visit):
        response = login(client, consultant).get(self.url(2009))

        assert response.status_code == 200
        assertContains(response, "God praksis i integrationsprojekter 2009")
        assertContains(response, "Ingen projektbesøg i 2009 er markeret som god praksis endnu.")
        assertNotContains(response, 'class="sheet note"')
        assert_printable(response)

    @pytest.mark.skipif(bool(pdf_missing()), reason="no Pango on this machine (.ci/run installs it)")
    def test_it_downloads_as_pdf_a_a_title_page_and_a_page_a_note(self, client, consultant, visit, tmp_path):
        ProjectVisitFactory(project=ProjectFactory(name="Bydelsmødre"), is_good_practice=True,
                            date=datetime.date(2008, 3, 1))
        client = login(client, consultant)
        url = reverse("projects:good_practice_pdf", args=[2008])
        assertContains(client.get(self.url(2008)), f'href="{url}"')

        response = client.get(url)

        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="god-praksis-2008.pdf"'
        pdf = tmp_path / "god-praksis.pdf"
        pdf.write_bytes(response.content)
        metadata = subprocess.run(["pdfinfo", "-meta", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert 'pdfaid:part="2"' in metadata and 'pdfaid:conformance="A"' in metadata
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.M) and re.search(r"^Pages:\s+3$", info, re.M)
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
        assert "God praksis i integrationsprojekter 2008" in text and "Bydelsmødre" in text
        assert "Udskriv" not in text  # the toolbar is the screen's

    @pytest.mark.parametrize("year", [0, 10000, 99999999999])
    def test_it_gives_404_for_a_year_no_date_can_have(self, client, consultant, year):
        response = login(client, consultant).get(self.url(year))

        assert response.status_code == 404

    def test_it_goes_back_to_the_years_visits(self, client, consultant, plan):
        response = login(client, consultant).get(self.url(2008))

        assertContains(response, f'href="{reverse("projects:projectvisit_list")}?year=2008"')


def test_the_print_stylesheet_lays_out_a4_pages():
    css = Path(finders.find("css/print.css")).read_text(encoding="utf-8")

    assert "@page { size: A4; margin: 2cm; }" in css
    assert re.search(r"@media print \{.*\.no-print \{ display: none !important; \}", css, re.S)
    assert re.search(r"@media print \{.*\.sheet \+ \.sheet \{ break-before: page; \}", css, re.S)


def test_the_print_button_needs_no_inline_script():
    script = Path(finders.find("js/print.js")).read_text(encoding="utf-8")

    assert "window.print()" in script
    assert "[data-print]" in script
