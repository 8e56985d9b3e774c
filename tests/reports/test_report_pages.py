"""The dashboard, the report page, its texts with placeholders, approving a finished year, the
downloads and the status_report command: who may do what, what the pages say, and their queries."""

import datetime
import io
import json
import re
from io import StringIO

import docx
import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from cases.choices import DeliverableStatus, RequisitionStatus
from cases.models import Requisition
from documents.html import render_html
from reports import charts, services
from reports.document import status_report_document
from reports.models import AnnualReport
from reports.selectors.approval import report_for_year
from reports.selectors.figures import year_counts
from reports.selectors.report import fill_placeholders, status_report, unknown_placeholders
from tests.factories import (
    AdministrationFactory,
    AdvisoryFactory,
    ChallengeFactory,
    DeliverableFactory,
    EventFactory,
    ProjectVisitFactory,
    RequisitionFactory,
    SteeringGroupMembershipFactory,
    WorkPlanFactory,
)
from tests.helpers import MADE_AND_STORED, login, messages_of

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("reports:dashboard")


def report_url(year: int = 2008) -> str:
    return reverse("reports:report", args=[year])


@pytest.fixture
def year_2008():
    plan = WorkPlanFactory(year=2008, purpose="Formålet.\n- Første punkt\n- Andet punkt",
                           target_groups="Beboere\nForvaltningerne")
    return {number: ChallengeFactory(work_plan=plan, number=number, name=f"Udfordring nummer {number}",
                                     short_label=f"Kort {number}") for number in (1, 2)}


class TestPlaceholders:
    def test_known_placeholders_are_filled_and_others_left_as_written(self):
        text = "I {aar} var der {rekvireringer} rekvireringer og {ukendt} samt {{dobbelt}}."

        assert fill_placeholders(text, {"aar": 2008, "rekvireringer": 22}) == \
            "I 2008 var der 22 rekvireringer og {ukendt} samt {{dobbelt}}."
        assert unknown_placeholders(text) == ["dobbelt", "ukendt"]

    def test_the_report_fills_them_from_the_register(self, year_2008):
        RequisitionFactory.create_batch(3, challenge=year_2008[1])
        AdvisoryFactory(challenge=year_2008[2])
        services.annual_report_texts_update(
            year=2008, user=None, introduction="{rekvireringer} rekvireringer og {raadgivninger} rådgivning i {aar}.",
            closing="", purpose="", target_groups="",
            challenges={year_2008[1].pk: {"lead_in": "Her {rekvireringer}.", "conclusions": "En\nTo"}})

        report = status_report(year=2008)

        assert report["introduction"] == "3 rekvireringer og 1 rådgivning i 2008."
        assert report["challenges"][0]["lead_in"] == "Her 3."
        assert report["challenges"][0]["conclusions"] == ["En", "To"]

    @pytest.mark.parametrize("language", ["da", "en"])
    def test_a_count_is_written_as_the_texts_language_writes_it_whatever_the_readers(self, language):
        """The texts are the municipality's, in Danish: "2,595" in a Danish sentence reads as a decimal."""
        with translation.override(language):
            assert fill_placeholders("{deltagere} deltog i {aar} med {aarsvaerk} årsværk",
                                     {"deltagere": 2595, "aar": 2008, "aarsvaerk": "3.5"}) == \
                "2.595 deltog i 2008 med 3,5 årsværk"

    def test_conclusions_are_filled_too(self, year_2008):
        RequisitionFactory.create_batch(2, challenge=year_2008[1])
        services.annual_report_texts_update(
            year=2008, user=None, introduction="", closing="", purpose="", target_groups="",
            challenges={year_2008[1].pk: {"lead_in": "", "conclusions": "{rekvireringer} opgaver\nUden tal"}})

        assert status_report(year=2008)["challenges"][0]["conclusions"] == ["2 opgaver", "Uden tal"]


class TestTexts:
    def test_management_edits_the_texts_and_sees_them_in_the_report(self, client, manager, year_2008):
        RequisitionFactory(challenge=year_2008[1])
        url = reverse("reports:report_texts", args=[2008])
        data = {"introduction": "I {aar} løste TFI {rekvireringer} opgave.", "closing": "Slut.",
                "purpose": "Formål", "target_groups": "Beboere\nProjekter",
                f"lead_in_{year_2008[1].pk}": "Om boligområderne.", f"conclusions_{year_2008[1].pk}": "Konklusion",
                f"lead_in_{year_2008[2].pk}": "", f"conclusions_{year_2008[2].pk}": ""}

        response = login(client, manager).post(url, data)

        assertRedirects(response, report_url(), fetch_redirect_response=False)
        assert messages_of(response) == ["Teksterne til statusrapporten for 2008 er gemt."]
        page = client.get(report_url())
        assertContains(page, "I 2008 løste TFI 1 opgave.")
        assertContains(page, "Om boligområderne.")
        assertContains(page, "<li>Projekter</li>", html=True)
        year_2008[1].refresh_from_db()
        assert (year_2008[1].lead_in, year_2008[1].conclusions) == ("Om boligområderne.", "Konklusion")

    def test_an_unknown_placeholder_is_refused_at_its_field_and_nothing_is_saved(self, client, manager, year_2008):
        url = reverse("reports:report_texts", args=[2008])
        data = {"introduction": "Vi havde {rekvisitioner} opgaver.", "closing": "", "purpose": "Nyt formål",
                "target_groups": "", f"lead_in_{year_2008[1].pk}": "{hvad}", f"conclusions_{year_2008[1].pk}": "",
                f"lead_in_{year_2008[2].pk}": "", f"conclusions_{year_2008[2].pk}": ""}

        response = login(client, manager).post(url, data)

        assert response.status_code == 200
        form = response.context["form"]
        assert "Ukendt pladsholder: {rekvisitioner}" in form.errors["introduction"][0]
        assert "Ukendt pladsholder: {hvad}" in form.errors[f"lead_in_{year_2008[1].pk}"][0]
        year_2008[1].work_plan.refresh_from_db()
        assert year_2008[1].work_plan.purpose.startswith("Formålet.")
        assert not AnnualReport.objects.filter(introduction__contains="rekvisitioner").exists()

    def test_unknown_placeholders_in_conclusions_and_target_groups_are_refused_at_their_fields(
            self, client, manager, year_2008):
        url = reverse("reports:report_texts", args=[2008])
        data = {"introduction": "", "closing": "", "purpose": "", "target_groups": "Beboere {ukendt}",
                f"lead_in_{year_2008[1].pk}": "", f"conclusions_{year_2008[1].pk}": "Test {hvad}",
                f"lead_in_{year_2008[2].pk}": "", f"conclusions_{year_2008[2].pk}": "{rekvireringer} opgaver"}

        response = login(client, manager).post(url, data)

        form = response.context["form"]
        assert "Ukendt pladsholder: {ukendt}" in form.errors["target_groups"][0]
        assert "Ukendt pladsholder: {hvad}" in form.errors[f"conclusions_{year_2008[1].pk}"][0]
        assert f"conclusions_{year_2008[2].pk}" not in form.errors
        assertContains(response, "Teksterne er ikke gemt. Ret fejlene markeret nedenfor.")
        year_2008[2].refresh_from_db()
        assert year_2008[2].conclusions == ""

    def test_line_breaks_typed_in_the_browser_are_kept_as_plain_newlines(self, client, manager, year_2008):
        url = reverse("reports:report_texts", args=[2008])
        data = {"introduction": "Første linje\r\nAnden linje", "closing": "", "purpose": "Formål\r\n- Punkt",
                "target_groups": "Beboere\r\nProjekter", f"lead_in_{year_2008[1].pk}": "",
                f"conclusions_{year_2008[1].pk}": "En\r\nTo", f"lead_in_{year_2008[2].pk}": "",
                f"conclusions_{year_2008[2].pk}": ""}

        login(client, manager).post(url, data)

        year_2008[1].refresh_from_db()
        plan = year_2008[1].work_plan
        assert AnnualReport.objects.get().introduction == "Første linje\nAnden linje"
        assert (plan.purpose, plan.target_groups, year_2008[1].conclusions) == (
            "Formål\n- Punkt", "Beboere\nProjekter", "En\nTo")

    def test_the_texts_page_of_an_approved_year_sends_back_to_the_report_and_says_why(self, client, manager,
                                                                                        year_2008):
        services.annual_report_approve(year=2008, user=manager)

        response = login(client, manager).get(reverse("reports:report_texts", args=[2008]))

        assertRedirects(response, report_url(), fetch_redirect_response=False)
        assert messages_of(response) == ["Rapporten for 2008 er godkendt. Genåbn den for at rette teksterne."]

    def test_a_consultant_reads_the_report_but_may_not_edit_its_texts(self, client, consultant, year_2008):
        login(client, consultant)

        assert client.get(report_url()).status_code == 200
        assert client.get(reverse("reports:report_texts", args=[2008])).status_code == 403
        assert client.post(reverse("reports:report_approve", args=[2008])).status_code == 403
        assert not AnnualReport.objects.filter(approved_at__isnull=False).exists()

    def test_anonymous_users_are_sent_to_the_login(self, client, year_2008):
        response = client.get(DASHBOARD)

        assertRedirects(response, f"{reverse('login')}?next={DASHBOARD}", fetch_redirect_response=False)


class TestApproval:
    def test_approving_keeps_the_report_and_shows_what_later_edits_change(self, client, manager, year_2008):
        RequisitionFactory.create_batch(2, challenge=year_2008[1])
        login(client, manager)

        response = client.post(reverse("reports:report_approve", args=[2008]))

        assertRedirects(response, report_url(), fetch_redirect_response=False)
        stored = AnnualReport.objects.get(work_plan__year=2008)
        assert stored.approved_by == manager
        assert stored.snapshot["report"]["headline"]["requisitions"] == 2
        assert len(stored.snapshot["rows"]["requisitions"]["rows"]) == 2
        json.dumps(stored.snapshot)  # it is plain JSON

        RequisitionFactory(challenge=year_2008[2])
        shown = report_for_year(year=2008)
        page = client.get(report_url())

        assert shown["report"]["headline"]["requisitions"] == 2
        assert {"label": "Rekvireringer", "approved": 2, "now": 3} in shown["changes"]
        assertContains(page, "Godkendt")
        assertContains(page, "godkendt 2, nu 3")
        assertNotContains(page, reverse("reports:report_texts", args=[2008]))

    def test_the_texts_of_an_approved_year_cannot_be_changed(self, manager, year_2008):
        services.annual_report_approve(year=2008, user=manager)

        with pytest.raises(Exception, match="godkendt"):
            services.annual_report_texts_update(year=2008, user=manager, introduction="Ny", closing="",
                                                purpose="", target_groups="", challenges={})
        assert AnnualReport.objects.get().introduction == ""

    def test_the_current_year_cannot_be_approved(self, client, manager):
        year = timezone.localdate().year
        WorkPlanFactory(year=year)

        response = login(client, manager).post(reverse("reports:report_approve", args=[year]))

        assert messages_of(response) == [f"Kun et afsluttet år kan godkendes; {year} er ikke slut endnu."]
        assert not AnnualReport.objects.filter(approved_at__isnull=False).exists()

    def test_reopening_shows_the_live_figures_again(self, client, manager, year_2008):
        services.annual_report_approve(year=2008, user=manager)
        RequisitionFactory(challenge=year_2008[1])

        response = login(client, manager).post(reverse("reports:report_approve", args=[2008]), {"reopen": "1"})

        assert messages_of(response) == ["Rapporten for 2008 er genåbnet og viser igen de aktuelle tal."]
        shown = report_for_year(year=2008)
        assert (shown["approval"], shown["report"]["headline"]["requisitions"]) == (None, 1)


class TestTheDemoReport:
    def test_the_demo_report_reads_like_the_2008_document(self, client, demo):
        manager = get_user_model().objects.get(username="leder")

        page = login(client, manager).get(report_url()).content.decode()

        headings = ["Indledning", "Hovedkonklusioner", "Formål", "Målgrupper", "Fire udfordringer for TFI i 2008",
                    "1. Udsatte boligområder", "2. Tryghed", "Tilfredshedsmåling"]
        positions = [page.index(f">{heading}") for heading in headings]
        assert positions == sorted(positions)
        assert "TFI har i 2008 haft 22 rekvireringsopgaver, 106 rådgivninger, besøgt 100" in page
        assert "TFI har haft rekvireringer fra alle syv forvaltninger." in page
        assert "4 ud af i alt 22 rekvireringer" in page
        assert "29 ud af i alt 106 rådgivninger" in page
        assert "35 ud af 36 rekvirenter er i høj grad tilfredse eller tilfredse" in page
        assert "TFI har sendt 48 spørgeskemaer ud til rekvirenterne og har fået i alt 36 besvarelser retur (75 %)" \
            in page
        assert "Citat fra tilbagemelding fra en rekvirent:" in page
        assert "Vi var ikke kommet hertil uden hjælp fra TFI" in page


class TestReportPage:
    def test_the_dashboard_links_each_figure_to_its_list(self, client, manager, year_2008):
        RequisitionFactory.create_batch(2, challenge=year_2008[2])
        DeliverableFactory(challenge=year_2008[1], status=DeliverableStatus.DELIVERED)

        response = login(client, manager).get(DASHBOARD, {"year": 2008})

        requisitions = reverse("cases:requisition_list")
        assertContains(response, f'href="{requisitions}?year=2008&amp;challenge={year_2008[2].pk}">2</a>')
        assertContains(response, f'{reverse("cases:deliverable_list")}?year=2008&amp;challenge={year_2008[1].pk}'
                                 f'&amp;status=delivered')
        for name in ("udfordringer", "maaneder", "deltagere", "tilfredshed"):
            assertContains(response, reverse("reports:chart", args=[2008, name]))
        # The year's figures: each to its list, narrowed where the figure is a part of it.
        for link in (f'{requisitions}?year=2008">2</a>',
                     f'{reverse("cases:deliverable_list")}?year=2008&amp;status=delivered"',
                     f'{reverse("projects:projectvisit_list")}?year=2008&amp;is_good_practice=true"',
                     f'{reverse("cases:steeringgroupmembership_list")}?year=2008"',
                     f'{reverse("surveys:results")}?year=2008"'):
            assertContains(response, f'href="{link}')

    @pytest.mark.parametrize(("language", "joined"), [("da", "Rekvirent: Aa, Bb og Cc"),
                                                      ("en", "Requester: Aa, Bb and Cc")])
    def test_a_requisitions_requesters_are_joined_in_the_pages_language(self, client, manager, year_2008,
                                                                          language, joined):
        requesters = [AdministrationFactory(name=name) for name in ("Bb", "Cc", "Aa")]
        RequisitionFactory(challenge=year_2008[1], requesters=requesters)
        login(client, manager)
        client.post(reverse("set_language"), {"language": language, "next": "/"})

        assertContains(client.get(report_url()), f"<br>{joined}<br>")

    def test_two_quotes_are_introduced_in_the_plural(self, client, manager, year_2008):
        report = status_report(year=2008)
        report["satisfaction"]["quotes"] = ["Godt samarbejde.", "Hurtig hjælp."]

        page = render_html(status_report_document(report))

        assert "Citater fra tilbagemeldinger fra rekvirenter:" in page
        assert "Citat fra tilbagemelding fra en rekvirent:" not in page

    @pytest.mark.parametrize("asked", ["1999", "abc"])
    def test_a_year_without_a_plan_shows_the_default_year_and_says_so(self, client, manager, year_2008, asked):
        response = login(client, manager).get(DASHBOARD, {"year": asked})

        assert response.context["year"] == 2008
        assert messages_of(response) == [f"Der er ingen arbejdsplan for »{asked}«. Her er 2008."]
        assert messages_of(client.get(DASHBOARD, {"year": 2008})) == []

    def test_the_months_of_the_activity_table_are_named(self, client, manager, year_2008):
        RequisitionFactory(challenge=year_2008[1], date_received=datetime.date(2008, 3, 9))

        response = login(client, manager).get(DASHBOARD, {"year": 2008})

        assertContains(response, '<th scope="row" class="fw-normal">Marts</th><td class="text-end">1</td>')

    def test_the_report_pages_year_selector_leads_to_the_chosen_years_report(self, client, manager, year_2008):
        WorkPlanFactory(year=2007)
        login(client, manager)

        page = client.get(report_url(2008)).content.decode()
        action = re.search(r'<form method="get" action="([^"]+)"', page)[1]
        response = client.get(action, {"year": 2007})

        assertRedirects(response, report_url(2007), fetch_redirect_response=False)
        assert client.get(response.url).context["year"] == 2007

    def test_each_challenges_steering_seats_link_to_that_challenges_seats(self, client, manager, year_2008):
        mine = SteeringGroupMembershipFactory(challenge=year_2008[1], body="Helhedsplanen")
        SteeringGroupMembershipFactory(challenge=year_2008[2], body="Lokaludvalget")
        login(client, manager)

        response = client.get(DASHBOARD, {"year": 2008})

        link = f'{reverse("cases:steeringgroupmembership_list")}?year=2008&challenge={year_2008[1].pk}'
        assertContains(response, link.replace("&", "&amp;") + '">1</a>')
        listed = client.get(link)
        assert [row.pk for row in listed.context["object_list"]] == [mine.pk]

    def test_the_dashboard_counts_requisitions_per_administration(self, client, manager, year_2008):
        asked, silent = AdministrationFactory(name="Socialforvaltningen"), AdministrationFactory(name="Økonomi")
        RequisitionFactory.create_batch(3, challenge=year_2008[1], requesters=[asked])

        response = login(client, manager).get(DASHBOARD, {"year": 2008})

        rows = {row["name"]: row["requisitions"] for row in response.context["report"]["administrations"]}
        assert rows == {"Socialforvaltningen": 3, "Økonomi": 0}
        assertContains(response, f'?year=2008&amp;requester={asked.pk}">3</a>')
        assertContains(response, "1 af 2 har rekvireret")
        assert silent.pk not in [row["id"] for row in response.context["report"]["administrations"]
                                 if row["requisitions"]]

    @pytest.mark.parametrize("name", ["udfordringer", "maaneder", "deltagere", "tilfredshed"])
    def test_each_chart_is_an_svg_with_the_figures(self, client, manager, year_2008, name):
        RequisitionFactory.create_batch(7, challenge=year_2008[1])

        response = login(client, manager).get(reverse("reports:chart", args=[2008, name]))

        assert response["Content-Type"] == "image/svg+xml"
        assert response.content.startswith(b"<?xml")
        assert b"<svg" in response.content

    def test_an_unknown_chart_or_year_is_not_found(self, client, manager, year_2008):
        login(client, manager)

        assert client.get(reverse("reports:chart", args=[2008, "kage"])).status_code == 404
        assert client.get(reverse("reports:chart", args=[1999, "udfordringer"])).status_code == 404
        assert client.get(report_url(1999)).status_code == 404

    def test_without_a_work_plan_the_pages_say_so(self, client, manager):
        login(client, manager)

        assertContains(client.get(DASHBOARD), "Der er ingen arbejdsplan endnu.")
        assertRedirects(client.get(reverse("reports:report_default")), DASHBOARD, fetch_redirect_response=False)


class TestCommandOnTheDemoYear:
    def test_it_writes_the_html_report_and_says_where(self, tmp_path, demo):
        target = tmp_path / "bilag.html"
        out = StringIO()

        call_command("status_report", "--year", "2008", "--format", "html", "--output", str(target), stdout=out)

        html = target.read_text()
        assert "Status for TaskForce Integrations arbejde i 2008" in html
        assert "4 ud af i alt 22 rekvireringer" in html
        assert f"Statusrapporten for 2008 er skrevet til {target}" in out.getvalue()

    def test_word_and_excel_from_the_command_hold_the_2008_table(self, tmp_path, demo, client):
        call_command("status_report", "--year", "2008", "--format", "docx", "--output", str(tmp_path / "r.docx"),
                     stdout=StringIO())
        call_command("status_report", "--year", "2008", "--format", "xlsx", "--output", str(tmp_path / "r.xlsx"),
                     stdout=StringIO())

        table = docx.Document(str(tmp_path / "r.docx")).tables[0]
        assert [cell.text for cell in table.rows[1].cells] == ["Rekvireringer", "4", "6", "6", "6", "22"]
        overview = openpyxl.load_workbook(tmp_path / "r.xlsx")["Oversigt"]
        rows = [[value for value in row if value is not None] for row in overview.iter_rows(values_only=True)]
        assert ["Rådgivninger", 29, 18, 29, 30, 106] in rows
        manager = get_user_model().objects.get(username="leder")
        download = login(client, manager).get(reverse("reports:report_download", args=[2008, "docx"]))
        assert download["Content-Disposition"] == 'attachment; filename="statusrapport-2008.docx"'
        web_table = docx.Document(io.BytesIO(download.content)).tables[0]
        assert [[c.text for c in r.cells] for r in web_table.rows] == [[c.text for c in r.cells] for r in table.rows]


class TestCommand:
    def test_a_year_without_a_plan_is_a_clear_error(self, tmp_path):
        with pytest.raises(CommandError, match="Der er ingen arbejdsplan for 1999."):
            call_command("status_report", "--year", "1999", "--format", "html", "--output", str(tmp_path / "x"))


def _fill(challenges, size: int) -> None:
    """`size` of every kind of registration, spread over the challenges."""
    administration = AdministrationFactory()
    for index in range(size):
        challenge = challenges[1 + index % 2]
        requisition = RequisitionFactory(challenge=challenge, requesters=[administration],
                                         status=RequisitionStatus.FINISHED, participants=10,
                                         date_received=datetime.date(2008, 1 + index % 12, 1))
        EventFactory(challenge=challenge, requisition=requisition if index % 2 else None, participants=5)
        AdvisoryFactory(challenge=challenge, requester=administration, is_report_example=bool(index % 2))
        DeliverableFactory(challenge=challenge, status=DeliverableStatus.DELIVERED)
        ProjectVisitFactory(challenge=challenge, is_good_practice=bool(index % 3))
        SteeringGroupMembershipFactory(challenge=challenge)


def _log_in_and_warm_the_reference_cache(client, user) -> None:
    """Log in and look at the start page first, as a user does: it fills the reference cache
    (core/reference_cache.py: the permissions, the years, the challenges) and nothing of the reports
    cache (its table of the year is not cached there)."""
    login(client, user)
    assert client.get("/").status_code == 200


class TestQueries:
    """The same number of queries for a small and a large year, the first time a finished year's page is made
    (reports/caching.py: each cached part first reads its years' tokens), with the reference cache warm and
    the year's counts kept: the start page is requested first (_log_in_and_warm_the_reference_cache), so the
    permissions, the years and the challenges come from the reference cache and cost only its token, and the
    year has been counted since the registrations were made (figures.year_counts, as a page of figures does).

    Every request: session, user and the reference token. Then the tokens of the years a page is made from,
    read once for all its cached parts (2007's made here for the dashboard), and the year's tally
    (reports/selectors/figures.py): the work plan with the report's texts (not for the dashboard, which shows
    the figures alone: its plans come from the reference cache), and the year's kept counts (the grouped rows
    of every figure, read with the tokens: one query).

    The dashboard: 6. The report page: the tokens, the work plan with the texts and the approval, the counts,
    the administrations (which the start page does not fill into the reference cache), and the lists: the
    names they give (requesters, replacements: one UNION ALL), the requisitions, the deliverables, the advisory
    examples and the seats: 11. The downloads: as the report page, and the file's own part; the Excel workbook
    adds seven queries for its lists (a sheet per kind, and the requisitions' requesters). A chart: the token
    and the counts. A registration saved since replaces the token, and the next page counts the year again
    (test_the_dashboard_after_a_change). tests/reports/test_caching.py counts a second look."""

    # Each part the page caches is looked up and, made, stored (tests/helpers.py): the report page two
    # parts, the dashboard four, a download two and a chart one.
    REPORT = 11 + 2 * MADE_AND_STORED
    DASHBOARD = 6 + 4 * MADE_AND_STORED
    # Counting the year: the grouped counts (one UNION ALL), the seats, what the administrations asked for
    # (one union), the survey (one grouped query) and its quotes; kept in a transaction (a savepoint here) with
    # the row of the token read FOR UPDATE (SKIP LOCKED) and updated.
    COUNTING = 5 + 4

    @pytest.mark.parametrize("size", [1, 12])
    def test_the_report_page(self, client, manager, year_2008, size, django_assert_num_queries):
        _fill(year_2008, size)
        _log_in_and_warm_the_reference_cache(client, manager)
        year_counts([2008])

        with django_assert_num_queries(self.REPORT):
            response = client.get(report_url())

        assert response.status_code == 200

    @pytest.mark.parametrize("size", [1, 12])
    def test_the_dashboard(self, client, manager, year_2008, size, django_assert_num_queries):
        _fill(year_2008, size)
        _log_in_and_warm_the_reference_cache(client, manager)
        year_counts([2008])

        with django_assert_num_queries(self.DASHBOARD):
            response = client.get(DASHBOARD, {"year": 2008})

        assert response.context["report"]["headline"]["requisitions"] == size

    @pytest.mark.parametrize("size", [1, 12])
    def test_the_dashboard_after_a_change(self, client, manager, year_2008, size, django_assert_num_queries):
        _fill(year_2008, size)
        _log_in_and_warm_the_reference_cache(client, manager)
        year_counts([2008])
        Requisition.objects.filter(challenge__work_plan__year=2008).first().delete()

        with django_assert_num_queries(self.DASHBOARD + self.COUNTING):
            response = client.get(DASHBOARD, {"year": 2008})

        assert response.context["report"]["headline"]["requisitions"] == size - 1

    @pytest.mark.parametrize("size", [1, 12])
    # One of them counts the year's requisitions (a large year's file is made by a worker instead); the file
    # itself is a cached part too (its token, looked up, made and stored).
    @pytest.mark.parametrize(("fmt", "queries"), [("docx", 12 + 2 * MADE_AND_STORED),
                                                  ("xlsx", 19 + 2 * MADE_AND_STORED)])
    def test_the_downloads(self, client, manager, year_2008, size, fmt, queries, django_assert_num_queries):
        _fill(year_2008, size)
        _log_in_and_warm_the_reference_cache(client, manager)
        year_counts([2008])

        with django_assert_num_queries(queries):
            response = client.get(reverse("reports:report_download", args=[2008, fmt]))

        assert response.status_code == 200 and len(response.content) > 1000

    @pytest.mark.parametrize("size", [1, 12])
    def test_a_chart(self, client, manager, year_2008, size, django_assert_num_queries):
        _fill(year_2008, size)
        _log_in_and_warm_the_reference_cache(client, manager)
        year_counts([2008])

        with django_assert_num_queries(5 + MADE_AND_STORED):
            response = client.get(reverse("reports:chart", args=[2008, "udfordringer"]))

        assert response.status_code == 200


def test_charts_drawn_from_many_threads_at_once_all_finish():
    """A threaded server draws the dashboard's four charts at the same time; matplotlib's shared
    caches must not make one of them spin."""
    from concurrent.futures import ThreadPoolExecutor, wait

    from reports import charts

    def draw(index: int) -> str:
        if index % 2:
            return charts.horizontal_bars(labels=["a", "b", "c", "d"], values=[index, 2, 1, 0], title="Tilfredshed")
        return charts.grouped_bars(labels=["Kort 1", "Kort 2"], series=[("R", [index, 2]), ("A", [3, 4])], title="x")

    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(draw, index) for index in range(16)]
        done, pending = wait(futures, timeout=60)

    assert not pending
    assert all("<svg" in future.result() for future in done)


class TestChartFigures:
    @pytest.mark.parametrize(("language", "written"), [("da", "1.100"), ("en", "1,100")])
    def test_counts_on_the_bars_and_the_axis_are_in_the_languages_format(self, language, written):
        with translation.override(language):
            svg = charts.grouped_bars(labels=["Tryghed", "Boligområder"], title="Deltagere",
                                      series=[("Faktiske", [1100, 40])])

        texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
        assert written in texts  # the bar's label
        assert "1100" not in texts

    def test_a_year_without_registrations_has_a_plain_axis_from_0(self):
        svg = charts.grouped_bars(labels=["Tryghed"], title="Rekvireringer", series=[("Rekvireringer", [0])])

        texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
        assert texts == ["Tryghed", "0", "1", "0", "Rekvireringer"]  # the axis 0 to 1, the bar's 0, the title
