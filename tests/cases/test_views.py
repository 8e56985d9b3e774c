"""The pages per role: what the consultant who owns an entry, another consultant, management, the
administrator and an anonymous visitor may see and do, and what they are told, in Danish."""

import re
from decimal import Decimal
from urllib.parse import parse_qs, quote

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects, assertTemplateUsed

from cases.choices import RequisitionStatus
from cases.models import Advisory, Requisition
from core.choices import OrganisationKind, Task
from reports.selectors.figures import fte_overview
from tests.factories import (
    AdministrationFactory,
    AdvisoryFactory,
    ChallengeFactory,
    EventFactory,
    InvitationFactory,
    OrganisationFactory,
    RequisitionFactory,
    WorkPlanFactory,
)
from tests.helpers import login, messages_of

pytestmark = pytest.mark.django_db

FORBIDDEN = "Ingen adgang"


@pytest.fixture
def requester():
    return AdministrationFactory(name="Socialforvaltningen")


@pytest.fixture
def second_requester():
    return OrganisationFactory(name="Boligselskabet AKB", kind=OrganisationKind.HOUSING)


@pytest.fixture
def requisition(challenge, consultant, requester):
    """Owned by `consultant`, who created it and is its responsible consultant."""
    return RequisitionFactory(challenge=challenge, created_by=consultant, consultants=[consultant],
                              requesters=[requester], title="Dialogmøde i Mjølnerparken")


@pytest.fixture
def advisory(challenge, consultant, requester):
    return AdvisoryFactory(challenge=challenge, consultant=consultant, requester=requester,
                           title="Råd om lektiecafé")


def requisition_data(challenge, requesters, **overrides) -> dict:
    data = {
        "challenge": challenge.pk, "status": RequisitionStatus.RECEIVED, "title": "Temadag om tryghed",
        "requesters": [organisation.pk for organisation in requesters], "consultants": [],
        "description": "Aftenmøde for forældre", "date_received": "2008-10-06", "date_finished": "",
        "area": "", "participants": "40", "partners": "", "volunteers": "",
    }
    data.update(overrides)
    return data


def advisory_data(challenge, requester, consultant, **overrides) -> dict:
    data = {
        "challenge": challenge.pk, "requester": requester.pk, "title": "Råd om fundraising",
        "description": "", "date": "2008-05-02", "consultant": consultant.pk, "area": "",
    }
    data.update(overrides)
    return data


def quick_data(challenge, requester, **overrides) -> dict:
    data = {"challenge": challenge.pk, "requester": requester.pk, "title": "Telefonrådgivning",
            "date": "2008-05-02", "description": ""}
    data.update(overrides)
    return data


def selected_options(response, name: str) -> list[str]:
    """The values a browser would post back for a <select>: its selected options, as rendered."""
    select = re.search(rf'<select name="{name}".*?</select>', response.content.decode(), re.S).group(0)
    return re.findall(r'<option value="([^"]*)"[^>]*\bselected\b', select)


def snapshot(requisition) -> tuple:
    fresh = Requisition.objects.get(pk=requisition.pk)
    return (fresh.title, fresh.status, fresh.challenge_id,
            sorted(fresh.requesters.values_list("pk", flat=True)),
            sorted(fresh.consultants.values_list("pk", flat=True)))


# Pages that need an entry take it from the fixture named second.
PAGES = [
    ("home", None),
    ("cases:requisition_list", None),
    ("cases:requisition_create", None),
    ("cases:requisition_detail", "requisition"),
    ("cases:requisition_update", "requisition"),
    ("cases:requisition_delete", "requisition"),
    ("cases:advisory_list", None),
    ("cases:advisory_create", None),
    ("cases:advisory_detail", "advisory"),
    ("cases:advisory_update", "advisory"),
    ("cases:advisory_delete", "advisory"),
]


def page_url(request, name: str, entry: str | None) -> str:
    return reverse(name, args=[request.getfixturevalue(entry).pk] if entry else [])


class TestAnonymous:
    @pytest.mark.parametrize(("name", "entry"), PAGES)
    def test_it_requires_login(self, client, request, name, entry):
        url = page_url(request, name, entry)

        response = client.get(url)

        assertRedirects(response, f"/login/?next={url}")

    @pytest.mark.parametrize(("name", "entry"), [
        ("cases:requisition_create", None), ("cases:requisition_update", "requisition"),
        ("cases:requisition_delete", "requisition"), ("cases:advisory_create", None),
        ("advisory_quick_create", None), ("cases:advisory_update", "advisory"),
        ("cases:advisory_delete", "advisory"),
    ])
    def test_it_requires_login_to_post_and_changes_nothing(
            self, client, request, requisition, advisory, challenge, requester, name, entry):
        url = page_url(request, name, entry)
        data = {**requisition_data(challenge, [requester]), **quick_data(challenge, requester, title="Ny")}

        response = client.post(url, data)

        assertRedirects(response, f"/login/?next={url}")
        assert list(Requisition.objects.values_list("title", flat=True)) == ["Dialogmøde i Mjølnerparken"]
        assert list(Advisory.objects.values_list("title", flat=True)) == ["Råd om lektiecafé"]

    def test_it_sends_the_admin_to_the_register_login(self, client):
        # The admin's login page passes on to the register's, where the lockout and second factor apply.
        response = client.get("/admin/", follow=True)

        assertRedirects(response, "/login/?next=/admin/")


class TestUnknownEntries:
    @pytest.mark.parametrize("name", [name for name, entry in PAGES if entry])
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_it_gives_404_for_an_unknown_id(self, client, consultant, requisition, advisory, name, method):
        url = reverse(name, args=[max(requisition.pk, advisory.pk) + 1000])

        response = getattr(login(client, consultant), method)(url)

        expected = 405 if method == "post" and name.endswith("_detail") else 404
        assert response.status_code == expected
        assert (Requisition.objects.count(), Advisory.objects.count()) == (1, 1)


class TestLogin:
    def test_it_speaks_danish(self, client):
        response = client.get("/login/")

        assert response.status_code == 200
        assertContains(response, '<html lang="da">')
        assertContains(response, "Log ind")
        assertContains(response, "Brugernavn")
        assertContains(response, "Adgangskode")
        assert response["Content-Language"] == "da"

    def test_it_ignores_the_browsers_language(self, client):
        response = client.get("/login/", headers={"accept-language": "en-GB,en;q=0.9"})

        assertContains(response, "Adgangskode")

    def test_it_logs_in_and_opens_the_start_page(self, client, consultant):
        response = client.post("/login/", {"username": "konsulent1", "password": "demo"})

        assertRedirects(response, "/")

    def test_it_rejects_a_wrong_password_in_danish(self, client, consultant):
        response = client.post("/login/", {"username": "konsulent1", "password": "forkert"})

        assert response.status_code == 200
        assertContains(response, "Indtast venligst korrekt brugernavn og adgangskode")

    def test_it_follows_next_inside_the_site(self, client, consultant):
        response = client.post("/login/", {"username": "konsulent1", "password": "demo",
                                           "next": "/rekvireringer/?year=2008"})

        assertRedirects(response, "/rekvireringer/?year=2008", fetch_redirect_response=False)

    @pytest.mark.parametrize("target", [
        "https://evil.example/", "//evil.example/", "http://testserver.evil.example/", "javascript:alert(1)",
    ])
    def test_it_ignores_next_outside_the_site(self, client, consultant, target):
        response = client.post("/login/", {"username": "konsulent1", "password": "demo", "next": target})

        assertRedirects(response, "/")

    def test_it_sends_a_logged_in_user_to_the_start_page(self, client, consultant):
        response = login(client, consultant).get("/login/")

        assertRedirects(response, "/")


class TestHome:
    def test_it_shows_a_consultant_their_open_requisitions(
            self, client, consultant, other_consultant, challenge, requisition):
        as_colleague = RequisitionFactory(challenge=challenge, created_by=other_consultant,
                                          consultants=[other_consultant, consultant], title="Fælles opgave")
        RequisitionFactory(challenge=challenge, created_by=other_consultant, consultants=[consultant],
                           status=RequisitionStatus.FINISHED, title="Afsluttet opgave")
        RequisitionFactory(challenge=challenge, created_by=other_consultant, consultants=[other_consultant],
                           title="Kollegaens opgave")

        response = login(client, consultant).get("/")

        assert response.status_code == 200
        assert set(response.context["open_requisitions"]) == {requisition, as_colleague}
        assertContains(response, "Mine åbne rekvireringer")
        assertContains(response, "Fælles opgave")
        assertNotContains(response, "Afsluttet opgave")
        assertNotContains(response, "Kollegaens opgave")

    def test_it_tells_a_consultant_without_open_requisitions(self, client, consultant, plan):
        response = login(client, consultant).get("/")

        assertContains(response, "Du har ingen åbne rekvireringer.")

    def test_it_shows_a_consultant_their_latest_registrations(
            self, client, consultant, requisition, advisory):
        response = login(client, consultant).get("/")

        assert list(response.context["latest_requisitions"]) == [requisition]
        assert list(response.context["latest_advisories"]) == [advisory]

    def test_it_shows_a_consultant_the_quick_advisory_form(self, client, consultant, plan):
        response = login(client, consultant).get("/")

        assertContains(response, "Hurtig rådgivning")
        assertContains(response, f'action="{reverse("advisory_quick_create")}"')

    def test_it_shows_management_the_counts_per_challenge_of_the_default_year(
            self, client, manager, challenge, challenge_2):
        RequisitionFactory.create_batch(2, challenge=challenge)
        RequisitionFactory(challenge=challenge_2)
        AdvisoryFactory.create_batch(3, challenge=challenge_2)
        older = ChallengeFactory(work_plan=WorkPlanFactory(year=2007), number=1)
        RequisitionFactory.create_batch(4, challenge=older)

        response = login(client, manager).get("/")

        assert response.status_code == 200
        table = response.context["table"]
        assert table["year"] == 2008
        assert [(row["challenge"], row["requisitions"], row["advisories"]) for row in table["rows"]] == [
            (challenge, 2, 0), (challenge_2, 1, 3)]
        assert (table["requisitions"], table["advisories"]) == (3, 3)
        assertContains(response, "Rekvireringer og rådgivninger pr. udfordring 2008")
        assertContains(response, f'?year=2008&amp;challenge={challenge.pk}">2</a>', html=False)

    def test_it_shows_management_no_quick_form_and_no_own_lists(self, client, manager, plan):
        response = login(client, manager).get("/")

        assert "quick_form" not in response.context
        assert "open_requisitions" not in response.context
        assertNotContains(response, "Hurtig rådgivning")
        assertNotContains(response, "Mine åbne rekvireringer")

    def test_it_switches_to_another_year_with_a_plan(self, client, manager, challenge):
        ChallengeFactory(work_plan=WorkPlanFactory(year=2007), number=1)

        response = login(client, manager).get("/?year=2007")

        assert response.context["table"]["year"] == 2007

    @pytest.mark.parametrize("year", ["abc", "1999", "", "2008.5"])
    def test_it_falls_back_to_the_default_year_for_a_malformed_year(self, client, manager, challenge, year):
        response = login(client, manager).get("/", {"year": year})

        assert response.status_code == 200
        assert response.context["year"] == 2008

    def test_it_explains_that_there_is_no_work_plan_yet(self, client, manager):
        response = login(client, manager).get("/")

        assert response.status_code == 200
        assertContains(response, "Der er endnu ingen arbejdsplan.")


class TestQuickAdvisory:
    url = reverse("advisory_quick_create")

    def test_it_saves_with_the_user_as_consultant_and_goes_home(
            self, client, consultant, challenge, requester):
        response = login(client, consultant).post(self.url, quick_data(challenge, requester))

        assertRedirects(response, "/")
        advisory = Advisory.objects.get()
        assert (advisory.title, advisory.consultant, advisory.created_by, advisory.requester) == (
            "Telefonrådgivning", consultant, consultant, requester)
        assert messages_of(response) == ["Rådgivningen »Telefonrådgivning« er registreret."]

    def test_it_takes_the_hours_and_the_report_example_without_a_second_edit(
            self, client, consultant, challenge, requester):
        page = login(client, consultant).get("/").content.decode()
        assert "Eksempel i årsrapporten" in page and 'name="hours"' in page

        client.post(self.url, {**quick_data(challenge, requester), "hours": "1.5", "is_report_example": "on"})

        advisory = Advisory.objects.get()
        assert (advisory.hours, advisory.is_report_example) == (Decimal("1.5"), True)

    def test_its_address_opened_again_leads_to_the_start_page(self, client, consultant, challenge):
        login(client, consultant).post(self.url, {"challenge": challenge.pk, "title": "", "date": ""})

        response = client.get(self.url)  # a reload, a language chosen or a bookmark

        assertRedirects(response, "/")

    def test_it_shows_the_start_page_with_errors_and_saves_nothing(self, client, consultant, challenge):
        data = {"challenge": challenge.pk, "title": "", "date": ""}

        response = login(client, consultant).post(self.url, data)

        assert response.status_code == 200
        assertTemplateUsed(response, "home.html")
        assertContains(response, "Rådgivningen er ikke gemt. Ret fejlene markeret nedenfor.")
        assertContains(response, "Giv rådgivningen en titel.")
        assertContains(response, "Angiv rekvirenten.")
        assertContains(response, "Angiv datoen for rådgivningen.")
        assert response.context["quick_form"].errors
        assert Advisory.objects.count() == 0

    def test_it_keeps_the_rest_of_the_start_page_when_showing_errors(
            self, client, consultant, requisition, requester):
        response = login(client, consultant).post(self.url, quick_data(requisition.challenge, requester,
                                                                        title=""))

        assertContains(response, "Dialogmøde i Mjølnerparken")
        assert response.context["table"]["requisitions"] == 1

    def test_it_rejects_a_challenge_of_another_year(self, client, consultant, challenge, requester):
        data = quick_data(challenge, requester, date="2009-01-05")

        response = login(client, consultant).post(self.url, data)

        assert response.status_code == 200
        assert list(response.context["quick_form"].errors) == ["challenge"]
        assertContains(response, "Udfordringen hører til arbejdsplanen for 2008")
        assert Advisory.objects.count() == 0

    def test_it_forbids_management_to_post(self, client, manager, challenge, requester):
        response = login(client, manager).post(self.url, quick_data(challenge, requester))

        assert response.status_code == 403
        assertContains(response, FORBIDDEN, status_code=403)
        assert Advisory.objects.count() == 0

class TestRequisitionList:
    url = reverse("cases:requisition_list")

    @pytest.mark.parametrize("user", ["consultant", "other_consultant", "manager", "administrator"])
    def test_every_role_sees_the_list(self, client, request, requisition, user):
        response = login(client, request.getfixturevalue(user)).get(self.url)

        assert response.status_code == 200
        assert list(response.context["object_list"]) == [requisition]
        assertContains(response, "Dialogmøde i Mjølnerparken")
        assertContains(response, "1 rekvirering fundet")

    def test_it_opens_on_the_default_year(self, client, consultant, requisition):
        RequisitionFactory(challenge=ChallengeFactory(work_plan=WorkPlanFactory(year=2007), number=1),
                           title="Sidste års opgave")

        response = login(client, consultant).get(self.url)

        assert response.context["year"] == 2008
        assertContains(response, "Rekvireringer 2008")
        assertNotContains(response, "Sidste års opgave")

    def test_all_years_on_request(self, client, consultant, requisition):
        RequisitionFactory(challenge=ChallengeFactory(work_plan=WorkPlanFactory(year=2007), number=1))

        response = login(client, consultant).get(self.url, {"year": ""})

        assertContains(response, "2 rekvireringer fundet")

    def test_participants_are_shown_and_sorted_as_counted_at_the_events(self, client, consultant, challenge):
        own = RequisitionFactory(challenge=challenge, title="Egne", participants=15)
        held = RequisitionFactory(challenge=challenge, title="Holdt som arrangementer")
        EventFactory(challenge=challenge, requisition=held, participants=550, participants_approximate=True)
        EventFactory(challenge=challenge, requisition=held, participants=50)
        counted = RequisitionFactory(challenge=challenge, title="Talt", participants=25, participants_approximate=True)
        login(client, consultant)

        ascending = client.get(self.url, {"year": 2008, "o": "participants"})
        descending = client.get(self.url, {"year": 2008, "o": "-participants"})

        assert [r.pk for r in ascending.context["object_list"]] == [own.pk, counted.pk, held.pk]
        assert [r.pk for r in descending.context["object_list"]] == [held.pk, counted.pk, own.pk]
        shown = {r.title: r.shown_participants_display() for r in ascending.context["object_list"]}
        assert shown == {"Egne": "15", "Holdt som arrangementer": "ca. 600", "Talt": "ca. 25"}
        assertContains(ascending, '<span title="Via arrangement">ca. 600</span>', html=True)

    def test_it_shows_the_count_per_challenge(self, client, consultant, challenge, challenge_2):
        RequisitionFactory.create_batch(3, challenge=challenge_2)

        response = login(client, consultant).get(self.url)

        assert [(row["challenge"], row["count"]) for row in response.context["challenge_counts"]] == [
            (challenge, 0), (challenge_2, 3)]

    def test_it_offers_the_create_button_to_a_consultant_only(self, client, consultant, manager, plan):
        create = reverse("cases:requisition_create")

        assertContains(login(client, consultant).get(self.url), f'href="{create}"')
        assertNotContains(login(client, manager).get(self.url), f'href="{create}"')

    @pytest.mark.parametrize("query", [
        {"year": "abc"}, {"year": "1999"}, {"page": "999"}, {"page": "x"}, {"page": "-1"},
        {"challenge": "abc"}, {"challenge": "999999"}, {"requester": "x"}, {"consultant": "x"},
        {"scope": "moon"}, {"status": "lost"}, {"area": "0"}, {"o": "bogus"}, {"o": "-created_by__password"},
    ])
    def test_it_tolerates_malformed_filter_values(self, client, consultant, requisition, query):
        response = login(client, consultant).get(self.url, query)

        assert response.status_code == 200

    def test_a_page_beyond_the_last_shows_the_last(self, client, consultant, challenge):
        RequisitionFactory.create_batch(30, challenge=challenge)

        response = login(client, consultant).get(self.url, {"page": "999"})

        assert response.context["page_obj"].number == 2
        assert len(response.context["object_list"]) == 5

    def test_an_invalid_filter_shows_its_error_and_no_rows(self, client, consultant, requisition):
        response = login(client, consultant).get(self.url, {"year": "abc"})

        assert list(response.context["object_list"]) == []
        assertContains(response,
                       "Marker en gyldig valgmulighed. abc er ikke en af de tilgængelige valgmuligheder.")

    def test_it_sorts_by_a_column(self, client, consultant, challenge):
        RequisitionFactory(challenge=challenge, title="Bølle")
        RequisitionFactory(challenge=challenge, title="Aften")

        response = login(client, consultant).get(self.url, {"o": "title"})

        assert [r.title for r in response.context["object_list"]] == ["Aften", "Bølle"]
        assertContains(response, 'aria-sort="ascending"')


class TestRequisitionDetail:
    def url(self, requisition) -> str:
        return reverse("cases:requisition_detail", args=[requisition.pk])

    def test_the_owner_sees_it_with_edit_and_delete(self, client, consultant, requisition):
        response = login(client, consultant).get(self.url(requisition))

        assert response.status_code == 200
        assertContains(response, "Dialogmøde i Mjølnerparken")
        assertContains(response, "Socialforvaltningen")
        assertContains(response, reverse("cases:requisition_update", args=[requisition.pk]))
        assertContains(response, reverse("cases:requisition_delete", args=[requisition.pk]))

    def test_another_consultant_sees_edit_but_not_delete(self, client, other_consultant, requisition):
        response = login(client, other_consultant).get(self.url(requisition))

        assert response.status_code == 200
        assertContains(response, reverse("cases:requisition_update", args=[requisition.pk]))
        assertNotContains(response, reverse("cases:requisition_delete", args=[requisition.pk]))

    def test_management_sees_it_without_edit_or_delete(self, client, manager, requisition):
        response = login(client, manager).get(self.url(requisition))

        assert response.status_code == 200
        assertContains(response, "Dialogmøde i Mjølnerparken")
        assertNotContains(response, reverse("cases:requisition_update", args=[requisition.pk]))
        assertNotContains(response, reverse("cases:requisition_delete", args=[requisition.pk]))

    def test_it_gives_404_for_an_unknown_id(self, client, consultant, requisition):
        unknown = reverse("cases:requisition_detail", args=[requisition.pk + 1])

        response = login(client, consultant).get(unknown)

        assert response.status_code == 404
        assertContains(response, "Siden findes ikke", status_code=404)

    def test_the_back_link_follows_next_inside_the_site(self, client, consultant, requisition):
        next_url = "/rekvireringer/?status=received"

        response = login(client, consultant).get(self.url(requisition), {"next": next_url})

        assert response.context["back_url"] == "/rekvireringer/?status=received"

    @pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
    def test_the_back_link_ignores_next_outside_the_site(self, client, consultant, requisition, target):
        response = login(client, consultant).get(self.url(requisition), {"next": target})

        assert response.context["back_url"] == reverse("cases:requisition_list")
        assertNotContains(response, f'href="{target}"')
        assertContains(response, f'href="{reverse("cases:requisition_list")}">&larr; Tilbage')


class TestRequisitionCreate:
    url = reverse("cases:requisition_create")

    def test_it_shows_an_empty_form_in_danish(self, client, consultant, plan):
        response = login(client, consultant).get(self.url)

        assert response.status_code == 200
        assertContains(response, "Ny rekvirering")
        assertContains(response, "Rekvirenter")
        assert response.context["form"].initial["consultants"] == [consultant]

    def test_the_hours_spent_are_registered_and_counted_in_the_resources(self, client, consultant, challenge,
                                                                         requester):
        login(client, consultant).post(self.url, requisition_data(challenge, [requester], hours="7.5"))
        advisory = AdvisoryFactory(challenge=challenge, consultant=consultant, created_by=consultant)
        edited = advisory_data(challenge, requester, consultant, hours="2.25", title=advisory.title)
        client.post(reverse("cases:advisory_update", args=[advisory.pk]), {**edited, "version": advisory.version})

        assert Requisition.objects.get().hours == Decimal("7.5")
        advisory.refresh_from_db()
        assert advisory.hours == Decimal("2.25")
        cases = next(row for row in fte_overview(year=2008)["tasks"] if row["task"] == Task.CASES)
        assert cases["hours"] == Decimal("9.75")

    def test_line_breaks_typed_in_the_browser_are_kept_as_plain_newlines(self, client, consultant, challenge,
                                                                          requester):
        data = requisition_data(challenge, [requester], description="Aftenmøde\r\nfor forældre\r\n\r\nKl. 19")

        login(client, consultant).post(self.url, data)

        assert Requisition.objects.get().description == "Aftenmøde\nfor forældre\n\nKl. 19"

    def test_it_creates_a_requisition_with_two_requesters(
            self, client, consultant, other_consultant, challenge, requester, second_requester):
        data = requisition_data(challenge, [requester, second_requester],
                                consultants=[consultant.pk, other_consultant.pk])

        response = login(client, consultant).post(self.url, data)

        requisition = Requisition.objects.get()
        assertRedirects(response, requisition.get_absolute_url())
        assert messages_of(response) == ["Rekvireringen »Temadag om tryghed« er registreret."]
        assert set(requisition.requesters.all()) == {requester, second_requester}
        assert set(requisition.consultants.all()) == {consultant, other_consultant}
        assert requisition.created_by == consultant
        assert requisition.participants == 40

        listed = client.get(reverse("cases:requisition_list"), {"requester": second_requester.pk})
        assert list(listed.context["object_list"]) == [requisition]
        assertContains(listed, "1 rekvirering fundet")

    def test_it_shows_danish_errors_and_saves_nothing(self, client, consultant, challenge):
        data = requisition_data(challenge, [], title="", participants="-5", date_received="")

        response = login(client, consultant).post(self.url, data)

        assert response.status_code == 200
        assertContains(response, "Formularen er ikke gemt. Ret fejlene markeret nedenfor.")
        assertContains(response, "Angiv mindst én rekvirent.")
        assertContains(response, "Giv rekvireringen en titel.")
        assertContains(response, "Angiv hvornår rekvireringen blev modtaget.")
        assertContains(response, "Denne værdi skal være større end eller lig 0.")
        assert Requisition.objects.count() == 0

    def test_it_shows_the_year_and_date_errors_at_their_fields(
            self, client, consultant, challenge, requester):
        data = requisition_data(challenge, [requester], date_received="2009-02-01",
                                date_finished="2009-01-01")

        response = login(client, consultant).post(self.url, data)

        form = response.context["form"]
        assert set(form.errors) == {"challenge", "date_finished"}
        assertContains(response, "Datoen for afholdt/afsluttet kan ikke ligge før modtagelsen.")
        assert Requisition.objects.count() == 0

    def test_it_shows_a_title_with_markup_as_text(self, client, consultant, challenge, requester):
        data = requisition_data(challenge, [requester], title="<script>alert(1)</script>")

        response = login(client, consultant).post(self.url, data, follow=True)

        assert response.status_code == 200
        assertNotContains(response, "<script>alert(1)</script>")
        assertContains(response, "»&lt;script&gt;alert(1)&lt;/script&gt;« er registreret.")

    def test_it_refuses_a_post_without_the_csrf_token(self, consultant, challenge, requester):
        client = Client(enforce_csrf_checks=True)
        client.force_login(consultant)

        response = client.post(self.url, requisition_data(challenge, [requester]))

        assert response.status_code == 403
        assert Requisition.objects.count() == 0

    def test_it_goes_to_the_new_entry_whatever_next_says(self, client, consultant, challenge, requester):
        data = {**requisition_data(challenge, [requester]), "next": "https://evil.example/"}

        response = login(client, consultant).post(self.url, data)

        assertRedirects(response, Requisition.objects.get().get_absolute_url())

    def test_it_forbids_management_to_create(self, client, manager, challenge, requester):
        login(client, manager)

        shown = client.get(self.url)
        posted = client.post(self.url, requisition_data(challenge, [requester]))

        assert shown.status_code == 403
        assert posted.status_code == 403
        assertContains(posted, FORBIDDEN, status_code=403)
        assert Requisition.objects.count() == 0


class TestRequisitionUpdate:
    def url(self, requisition) -> str:
        return reverse("cases:requisition_update", args=[requisition.pk])

    def test_the_owner_can_edit(self, client, consultant, requisition, challenge, second_requester):
        data = requisition_data(challenge, [second_requester], title="Nyt navn", status="finished",
                                date_received="2008-03-01", date_finished="2008-03-02")

        response = login(client, consultant).post(self.url(requisition), data)

        assertRedirects(response, requisition.get_absolute_url())
        assert messages_of(response) == ["Ændringerne i »Nyt navn« er gemt."]
        assert snapshot(requisition) == ("Nyt navn", "finished", challenge.pk, [second_requester.pk], [])

    def test_the_form_starts_from_the_entry(self, client, consultant, requisition):
        response = login(client, consultant).get(self.url(requisition))

        assert response.status_code == 200
        assertContains(response, "Redigér rekvirering")
        assertContains(response, 'value="Dialogmøde i Mjølnerparken"')

    def test_another_consultant_can_edit(self, client, consultant, other_consultant, requisition, challenge,
                                         requester):
        data = requisition_data(challenge, [requester], title="Dækket ind af kollega",
                                consultants=[consultant.pk], date_received="2008-03-01")

        response = login(client, other_consultant).post(self.url(requisition), data)

        assertRedirects(response, requisition.get_absolute_url())
        assert snapshot(requisition)[0] == "Dækket ind af kollega"
        assert Requisition.objects.get().created_by == consultant

    def test_an_invalid_edit_shows_errors_and_changes_nothing(
            self, client, consultant, requisition, challenge):
        before = snapshot(requisition)
        data = requisition_data(challenge, [], title="Ændret", date_received="2008-03-01")

        response = login(client, consultant).post(self.url(requisition), data)

        assert response.status_code == 200
        assertContains(response, "Angiv mindst én rekvirent.")
        assert snapshot(requisition) == before

    def test_it_forbids_management_to_edit(self, client, manager, requisition, challenge, requester):
        before = snapshot(requisition)
        login(client, manager)

        shown = client.get(self.url(requisition))
        posted = client.post(self.url(requisition), requisition_data(challenge, [requester], title="Ændret"))

        assert shown.status_code == 403
        assert posted.status_code == 403
        assert snapshot(requisition) == before

    def test_an_edit_keeps_a_responsible_consultant_who_has_left(
            self, client, consultant, other_consultant, requisition, challenge, requester):
        requisition.consultants.add(other_consultant)
        other_consultant.is_active = False
        other_consultant.save()
        login(client, consultant)
        form_page = client.get(self.url(requisition))
        data = requisition_data(challenge, [requester], title="Rettet stavefejl", date_received="2008-03-01",
                                status=RequisitionStatus.IN_PROGRESS,
                                consultants=selected_options(form_page, "consultants"))

        response = client.post(self.url(requisition), data)

        assert response.status_code == 302
        assert snapshot(requisition)[0] == "Rettet stavefejl"
        assert set(requisition.consultants.all()) == {consultant, other_consultant}

    def test_it_gives_404_for_an_unknown_id(self, client, consultant, requisition):
        unknown = reverse("cases:requisition_update", args=[requisition.pk + 1])

        response = login(client, consultant).get(unknown)

        assert response.status_code == 404


class TestRequisitionDelete:
    def url(self, requisition) -> str:
        return reverse("cases:requisition_delete", args=[requisition.pk])

    def test_it_asks_the_owner_for_confirmation(self, client, consultant, requisition):
        response = login(client, consultant).get(self.url(requisition))

        assert response.status_code == 200
        assertContains(response, "Slet rekvirering?")
        assertContains(response, "Du er ved at slette »Dialogmøde i Mjølnerparken«.")
        assertContains(response, "Ja, slet")
        assert Requisition.objects.filter(pk=requisition.pk).exists()

    def test_a_requisition_with_a_questionnaire_says_so_before_the_confirmation(self, client, consultant,
                                                                                 requisition):
        InvitationFactory(requisition=requisition)

        response = login(client, consultant).get(self.url(requisition))

        refusal = ("»Dialogmøde i Mjølnerparken« kan ikke slettes, fordi der er registreret udsendte "
                   "spørgeskemaer til den. Slet eller flyt dem først.")
        assertContains(response, refusal)
        assertNotContains(response, "Ja, slet")
        assertNotContains(response, "Du er ved at slette")
        assert messages_of(client.post(self.url(requisition))) == [refusal]
        assert Requisition.objects.filter(pk=requisition.pk).exists()

    def test_the_owner_can_delete(self, client, consultant, requisition):
        response = login(client, consultant).post(self.url(requisition))

        assertRedirects(response, reverse("cases:requisition_list"))
        assert messages_of(response) == ["»Dialogmøde i Mjølnerparken« er slettet."]
        assert Requisition.objects.count() == 0

    def test_a_responsible_consultant_who_did_not_create_it_can_delete(
            self, client, consultant, other_consultant, challenge):
        requisition = RequisitionFactory(challenge=challenge, created_by=consultant,
                                         consultants=[consultant, other_consultant])

        response = login(client, other_consultant).post(self.url(requisition))

        assert response.status_code == 302
        assert Requisition.objects.count() == 0

    def test_it_forbids_another_consultant_to_delete(self, client, other_consultant, requisition):
        login(client, other_consultant)

        shown = client.get(self.url(requisition))
        posted = client.post(self.url(requisition))

        assert shown.status_code == 403
        assert posted.status_code == 403
        assertContains(posted, FORBIDDEN, status_code=403)
        assert Requisition.objects.filter(pk=requisition.pk).exists()

    def test_it_forbids_management_to_delete(self, client, manager, requisition):
        login(client, manager)

        shown = client.get(self.url(requisition))
        posted = client.post(self.url(requisition))

        assert shown.status_code == 403
        assert posted.status_code == 403
        assert Requisition.objects.filter(pk=requisition.pk).exists()

    def test_the_administrator_can_delete_anyones(self, client, administrator, requisition):
        response = login(client, administrator).post(self.url(requisition))

        assertRedirects(response, reverse("cases:requisition_list"))
        assert Requisition.objects.count() == 0

    def test_it_gives_404_for_an_unknown_id(self, client, consultant, requisition):
        unknown = reverse("cases:requisition_delete", args=[requisition.pk + 1])

        response = login(client, consultant).post(unknown)

        assert response.status_code == 404
        assert Requisition.objects.count() == 1


class TestAdvisoryList:
    url = reverse("cases:advisory_list")

    @pytest.mark.parametrize("user", ["consultant", "other_consultant", "manager"])
    def test_every_role_sees_the_list(self, client, request, advisory, user):
        response = login(client, request.getfixturevalue(user)).get(self.url)

        assert response.status_code == 200
        assert list(response.context["object_list"]) == [advisory]
        assertContains(response, "1 rådgivning fundet")

    def test_it_filters_by_requester(self, client, consultant, advisory, challenge, second_requester):
        other = AdvisoryFactory(challenge=challenge, requester=second_requester)

        response = login(client, consultant).get(self.url, {"requester": second_requester.pk})

        assert list(response.context["object_list"]) == [other]

    @pytest.mark.parametrize("query", [
        {"year": "abc"}, {"page": "999"}, {"page": "x"}, {"is_report_example": "maybe"}, {"o": "bogus"},
        {"consultant": "abc"},
    ])
    def test_it_tolerates_malformed_filter_values(self, client, consultant, advisory, query):
        response = login(client, consultant).get(self.url, query)

        assert response.status_code == 200


class TestAdvisoryDetail:
    def test_the_owner_sees_it_with_delete(self, client, consultant, advisory):
        response = login(client, consultant).get(advisory.get_absolute_url())

        assert response.status_code == 200
        assertContains(response, "Råd om lektiecafé")
        assertContains(response, reverse("cases:advisory_delete", args=[advisory.pk]))

    def test_another_consultant_sees_edit_but_not_delete(self, client, other_consultant, advisory):
        response = login(client, other_consultant).get(advisory.get_absolute_url())

        assertContains(response, reverse("cases:advisory_update", args=[advisory.pk]))
        assertNotContains(response, reverse("cases:advisory_delete", args=[advisory.pk]))

    def test_management_sees_it_without_edit_or_delete(self, client, manager, advisory):
        response = login(client, manager).get(advisory.get_absolute_url())

        assert response.status_code == 200
        assertNotContains(response, reverse("cases:advisory_update", args=[advisory.pk]))
        assertNotContains(response, reverse("cases:advisory_delete", args=[advisory.pk]))

    def test_it_gives_404_for_an_unknown_id(self, client, consultant, advisory):
        response = login(client, consultant).get(reverse("cases:advisory_detail", args=[advisory.pk + 1]))

        assert response.status_code == 404


class TestAdvisoryCreate:
    url = reverse("cases:advisory_create")

    def test_it_proposes_the_user_as_consultant(self, client, consultant, plan):
        response = login(client, consultant).get(self.url)

        assert response.status_code == 200
        assertContains(response, "Ny rådgivning")
        assert response.context["form"].initial["consultant"] == consultant

    def test_it_creates_an_advisory_for_a_colleague(self, client, consultant, other_consultant, challenge,
                                                    requester):
        data = advisory_data(challenge, requester, other_consultant)

        response = login(client, consultant).post(self.url, data)

        advisory = Advisory.objects.get()
        assertRedirects(response, advisory.get_absolute_url())
        assert messages_of(response) == ["Rådgivningen »Råd om fundraising« er registreret."]
        assert (advisory.consultant, advisory.created_by) == (other_consultant, consultant)

    def test_it_shows_danish_errors_and_saves_nothing(self, client, consultant, challenge, requester):
        data = advisory_data(challenge, requester, consultant, title="", date="2009-01-05")

        response = login(client, consultant).post(self.url, data)

        assert response.status_code == 200
        assertContains(response, "Giv rådgivningen en titel.")
        assert Advisory.objects.count() == 0

    def test_it_forbids_management_to_create(self, client, manager, consultant, challenge, requester):
        login(client, manager)

        shown = client.get(self.url)
        posted = client.post(self.url, advisory_data(challenge, requester, consultant))

        assert (shown.status_code, posted.status_code) == (403, 403)
        assert Advisory.objects.count() == 0


class TestAdvisoryUpdate:
    def url(self, advisory) -> str:
        return reverse("cases:advisory_update", args=[advisory.pk])

    def test_another_consultant_can_edit(self, client, consultant, other_consultant, advisory, challenge,
                                         requester):
        data = advisory_data(challenge, requester, consultant, title="Opdateret", is_report_example="on")

        response = login(client, other_consultant).post(self.url(advisory), data)

        assertRedirects(response, advisory.get_absolute_url())
        saved = Advisory.objects.get()
        assert (saved.title, saved.is_report_example, saved.consultant) == ("Opdateret", True, consultant)

    def test_an_invalid_edit_changes_nothing(self, client, consultant, advisory, challenge, requester):
        data = advisory_data(challenge, requester, consultant, title="Opdateret", date="2009-01-01")

        response = login(client, consultant).post(self.url(advisory), data)

        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["challenge"]
        assert Advisory.objects.get().title == "Råd om lektiecafé"

    def test_an_advisory_of_a_consultant_who_has_left_can_still_be_corrected(
            self, client, consultant, other_consultant, challenge, requester):
        advisory = AdvisoryFactory(challenge=challenge, requester=requester, consultant=other_consultant,
                                   title="Råd om fundraising")
        other_consultant.is_active = False
        other_consultant.save()
        login(client, consultant)
        form_page = client.get(self.url(advisory))
        data = advisory_data(challenge, requester, other_consultant, title="Råd om fundraising (rettet)")
        data["consultant"] = (selected_options(form_page, "consultant") or [""])[0]

        response = client.post(self.url(advisory), data)

        assert response.status_code == 302
        saved = Advisory.objects.get()
        assert (saved.title, saved.consultant) == ("Råd om fundraising (rettet)", other_consultant)

    def test_it_forbids_management_to_edit(self, client, manager, consultant, advisory, challenge, requester):
        login(client, manager)

        shown = client.get(self.url(advisory))
        posted = client.post(self.url(advisory),
                             advisory_data(challenge, requester, consultant, title="Ændret"))

        assert (shown.status_code, posted.status_code) == (403, 403)
        assert Advisory.objects.get().title == "Råd om lektiecafé"


class TestAdvisoryDelete:
    def url(self, advisory) -> str:
        return reverse("cases:advisory_delete", args=[advisory.pk])

    def test_it_asks_the_owner_for_confirmation(self, client, consultant, advisory):
        response = login(client, consultant).get(self.url(advisory))

        assertContains(response, "Slet rådgivning?")
        assertContains(response, "Ja, slet")
        assert Advisory.objects.count() == 1

    def test_the_owner_can_delete(self, client, consultant, advisory):
        response = login(client, consultant).post(self.url(advisory))

        assertRedirects(response, reverse("cases:advisory_list"))
        assert messages_of(response) == ["»Råd om lektiecafé« er slettet."]
        assert Advisory.objects.count() == 0

    def test_the_consultant_it_was_logged_for_can_delete(
            self, client, consultant, other_consultant, challenge):
        advisory = AdvisoryFactory(challenge=challenge, created_by=consultant, consultant=other_consultant)

        response = login(client, other_consultant).post(self.url(advisory))

        assert response.status_code == 302
        assert Advisory.objects.count() == 0

    def test_it_forbids_another_consultant_to_delete(self, client, other_consultant, advisory):
        login(client, other_consultant)

        shown = client.get(self.url(advisory))
        posted = client.post(self.url(advisory))

        assert (shown.status_code, posted.status_code) == (403, 403)
        assert Advisory.objects.count() == 1

    def test_it_forbids_management_to_delete(self, client, manager, advisory):
        login(client, manager)

        shown = client.get(self.url(advisory))
        posted = client.post(self.url(advisory))

        assert (shown.status_code, posted.status_code) == (403, 403)
        assert Advisory.objects.count() == 1

    def test_the_administrator_can_delete_anyones(self, client, administrator, advisory):
        response = login(client, administrator).post(self.url(advisory))

        assert response.status_code == 302
        assert Advisory.objects.count() == 0


class TestAdmin:
    def test_the_administrator_reaches_the_admin_in_danish(self, client, administrator):
        response = login(client, administrator).get("/admin/")

        assert response.status_code == 200
        assertContains(response, "Referencedata og brugere")
        assertContains(response, "Seneste handlinger")
        assertContains(response, "Arbejdsplaner")
        assertContains(response, "Log ud")

    def test_the_administrator_can_open_the_reference_data(self, client, administrator, challenge):
        login(client, administrator)

        for url in ["/admin/core/workplan/", "/admin/core/challenge/", "/admin/core/organisation/", "/admin/core/area/",
                    "/admin/auth/user/"]:
            assert client.get(url).status_code == 200, url

    def test_the_administrator_sees_the_menu_link(self, client, administrator, plan):
        response = login(client, administrator).get("/")

        assertContains(response, 'href="/admin/"')

    @pytest.mark.parametrize("user", ["consultant", "manager"])
    def test_it_keeps_other_roles_out_of_the_admin(self, client, request, user):
        response = login(client, request.getfixturevalue(user)).get("/admin/")

        # The register's own 403 page, not the admin's login page.
        assertContains(response, "Ingen adgang", status_code=403)
        assertNotContains(client.get("/"), 'href="/admin/"')


class TestLogout:
    def test_it_logs_out_on_post_and_says_so_in_danish(self, client, consultant):
        client.force_login(consultant)

        response = client.post(reverse("logout"), follow=True)

        assert response.redirect_chain[-1][0] == reverse("login")
        assert "Du er logget ud." in response.content.decode()
        assert client.get(reverse("home")).status_code == 302


def test_the_requisition_list_names_requesters_by_name_and_consultants_by_full_name_escaped(
        client, consultant, challenge):
    """Each row names its requesters in alphabetical order and its consultants by full name (the
    username for one without a name), as text: a name with markup shows as written."""
    from tests.factories import ConsultantFactory

    nameless = ConsultantFactory(username="kons-uden-navn", first_name="", last_name="")
    named = ConsultantFactory(first_name="Aisha", last_name="Nielsen")
    RequisitionFactory(
        challenge=challenge, title="Lektiecafé",
        requesters=[OrganisationFactory(name="Ø <b>& co</b>"), OrganisationFactory(name="Boligselskabet AKB")],
        consultants=[nameless, named])
    client.force_login(consultant)

    response = client.get(reverse("cases:requisition_list"), {"year": "2008"})

    row = re.search(r"<tr>\s*<td[^>]*>[^<]*</td>\s*<td><a[^>]*>Lektiecafé</a></td>(.*?)</tr>",
                    response.content.decode(), re.S)[1]
    assert "<td>Boligselskabet AKB, Ø &lt;b&gt;&amp; co&lt;/b&gt;</td>" in row
    assert "<td>Aisha Nielsen, kons-uden-navn</td>" in row


class TestTheWayBack:
    """A registration opened from a list (its filters, sorting and page) or from the start page leads back
    there: from its page, after an edit, and after it is deleted."""

    LIST = "/rekvireringer/?year=2008&o=title&page=1"

    def test_edit_and_delete_from_a_page_opened_from_a_list_lead_back_to_that_list(
            self, client, consultant, requisition, challenge, requester):
        detail = f"{requisition.get_absolute_url()}?next={quote(self.LIST)}"
        page = login(client, consultant).get(detail)
        assert page.context["back_url"] == self.LIST
        edit = re.search(r'href="([^"]+)">Redigér</a>', page.content.decode())[1].replace("&amp;", "&")
        path, query = edit.split("?")
        assert (path, parse_qs(query)["next"]) == (reverse("cases:requisition_update", args=[requisition.pk]), [detail])

        form = client.get(edit)
        assert form.context["back_url"] == detail  # "Annullér" and "Tilbage" lead to the page opened
        saved = client.post(edit, {**requisition_data(challenge, [requester], title="Rettet"), "next": detail})
        assertRedirects(saved, detail, fetch_redirect_response=False)

        delete = re.search(r'href="([^"]+)">Slet</a>', client.get(detail).content.decode())[1].replace("&amp;", "&")
        deleted = client.post(delete)
        assertRedirects(deleted, self.LIST, fetch_redirect_response=False)
        assert not Requisition.objects.exists()

    def test_a_delete_without_a_way_back_goes_to_the_list_and_a_foreign_one_is_ignored(
            self, client, consultant, requisition):
        url = reverse("cases:requisition_delete", args=[requisition.pk])
        detail = f"{requisition.get_absolute_url()}?next={quote('https://example.com/')}"

        response = login(client, consultant).post(f"{url}?next={quote(detail, safe='')}")

        assertRedirects(response, reverse("cases:requisition_list"), fetch_redirect_response=False)

    def test_the_start_pages_registrations_lead_back_to_the_start_page(self, client, consultant, requisition, plan):
        page = login(client, consultant).get("/").content.decode()

        assert f'href="{requisition.get_absolute_url()}?next=/"' in page
        assert client.get(f"{requisition.get_absolute_url()}?next=/").context["back_url"] == "/"

