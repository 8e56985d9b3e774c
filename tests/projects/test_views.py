"""The project pages per role: the consultant who owns a visit, another consultant, management, the
administrator and an anonymous visitor; what each may see and do, and what they are told, in Danish."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from projects.choices import Assessment
from projects.models import Project, ProjectVisit
from tests.factories import ProjectFactory, ProjectVisitFactory, WorkPlanFactory
from tests.helpers import login, messages_of

pytestmark = pytest.mark.django_db

FORBIDDEN = "Ingen adgang"


def project_data(**overrides) -> dict:
    data = {"name": "Bydelsmødre Nørrebro", "organisation": "", "area": "", "description": "Mødre for mødre",
            "is_active": "on", "is_municipality_funded": "on", "contact_name": "", "contact_email": "",
            "contact_phone": ""}
    data.update(overrides)
    return data


def visit_data(project, consultant, /, **overrides) -> dict:
    data = {"project": project.pk, "date": "2008-09-03", "consultant": consultant.pk, "challenge": "",
            "hours": "", "what_works": "Faste frivillige", "advice": "Mål fremmødet", "sets_goals": "yes",
            "measures_effect": "", "is_good_practice": "on"}
    data.update(overrides)
    return data


def project_snapshot() -> list[tuple]:
    return list(Project.objects.order_by("pk").values_list("name", "is_active", "description"))


def visit_snapshot() -> list[tuple]:
    return list(ProjectVisit.objects.order_by("pk").values_list("project", "date", "what_works", "challenge"))


@pytest.fixture
def unvisited_project():
    return ProjectFactory(name="Fodbold for alle")


# Pages that need an entry take it from the fixture named second.
PAGES = [
    ("projects:project_list", None),
    ("projects:project_create", None),
    ("projects:project_detail", "project"),
    ("projects:project_update", "project"),
    ("projects:project_delete", "unvisited_project"),
    ("projects:projectvisit_list", None),
    ("projects:projectvisit_create", None),
    ("projects:projectvisit_detail", "visit"),
    ("projects:projectvisit_update", "visit"),
    ("projects:projectvisit_delete", "visit"),
    ("projects:projectvisit_print", "visit"),
]
WRITES = [(name, entry) for name, entry in PAGES if name.endswith(("_create", "_update", "_delete"))]


def page_url(request, name: str, entry: str | None) -> str:
    return reverse(name, args=[request.getfixturevalue(entry).pk] if entry else [])


class TestAnonymous:
    @pytest.mark.parametrize(("name", "entry"), [*PAGES, ("projects:good_practice_print", None)])
    def test_it_requires_login(self, client, request, visit, name, entry):
        url = reverse(name, args=[2008]) if name == "projects:good_practice_print" else page_url(request, name, entry)

        response = client.get(url)

        assertRedirects(response, f"/login/?next={url}")

    @pytest.mark.parametrize(("name", "entry"), WRITES)
    def test_it_requires_login_to_post_and_changes_nothing(self, client, request, visit, unvisited_project,
                                                           consultant, name, entry):
        url = page_url(request, name, entry)
        before = project_snapshot(), visit_snapshot()

        response = client.post(url, {**project_data(), **visit_data(visit.project, consultant)})

        assertRedirects(response, f"/login/?next={url}")
        assert (project_snapshot(), visit_snapshot()) == before


class TestManagement:
    """Ledelse sees everything and changes nothing."""

    @pytest.mark.parametrize(("name", "entry"), [(n, e) for n, e in PAGES if (n, e) not in WRITES])
    def test_it_sees_the_pages(self, client, request, manager, visit, name, entry):
        response = login(client, manager).get(page_url(request, name, entry))

        assert response.status_code == 200

    @pytest.mark.parametrize(("name", "entry"), WRITES)
    def test_it_is_refused_every_write_and_changes_nothing(self, client, request, manager, visit,
                                                           unvisited_project, name, entry):
        url = page_url(request, name, entry)
        before = project_snapshot(), visit_snapshot()
        login(client, manager)

        shown = client.get(url)
        posted = client.post(url, {**project_data(name="Ændret"), **visit_data(visit.project, manager)})

        assert (shown.status_code, posted.status_code) == (403, 403)
        assertContains(posted, FORBIDDEN, status_code=403)
        assert (project_snapshot(), visit_snapshot()) == before

    def test_it_sees_no_write_buttons(self, client, manager, visit):
        login(client, manager)

        for url in [reverse("projects:project_list"), visit.project.get_absolute_url(),
                    reverse("projects:projectvisit_list"), visit.get_absolute_url()]:
            content = client.get(url).content.decode()
            assert "/ny/" not in content, url
            assert "/rediger/" not in content, url
            assert "/slet/" not in content, url


class TestUnknownEntries:
    @pytest.mark.parametrize("name", [name for name, entry in PAGES if entry])
    def test_it_gives_404_for_an_unknown_id(self, client, consultant, visit, unvisited_project, name):
        url = reverse(name, args=[max(visit.pk, unvisited_project.pk) + 1000])

        response = login(client, consultant).get(url)

        assert response.status_code == 404


class TestProjectList:
    url = reverse("projects:project_list")

    @pytest.mark.parametrize("user", ["consultant", "other_consultant", "manager", "administrator"])
    def test_every_role_sees_the_bank(self, client, request, project, user):
        response = login(client, request.getfixturevalue(user)).get(self.url)

        assert response.status_code == 200
        assert list(response.context["object_list"]) == [project]
        assertContains(response, "Lektiecafé Mjølnerparken")
        assertContains(response, "Foreningen Bydelsmødre")
        assertContains(response, "1 projekt fundet")

    def test_it_counts_each_projects_visits_and_shows_the_latest(self, client, consultant, visit):
        ProjectVisitFactory(project=visit.project, date=datetime.date(2008, 11, 20))

        response = login(client, consultant).get(self.url)

        row = response.context["object_list"][0]
        assert (row.visit_count, row.last_visit) == (2, datetime.date(2008, 11, 20))
        assertContains(response, "20.11.2008")

    def test_it_filters(self, client, consultant, project, unvisited_project):
        response = login(client, consultant).get(self.url, {"q": "fodbold"})

        assert list(response.context["object_list"]) == [unvisited_project]

    def test_it_sorts_by_a_column(self, client, consultant, project, unvisited_project):
        response = login(client, consultant).get(self.url, {"o": "-name"})

        assert list(response.context["object_list"]) == [project, unvisited_project]
        assertContains(response, 'aria-sort="descending"')

    def test_it_sorts_by_the_number_of_visits(self, client, consultant, visit, unvisited_project):
        response = login(client, consultant).get(self.url, {"o": "visits"})

        assert list(response.context["object_list"]) == [unvisited_project, visit.project]

    def test_it_pages_by_25(self, client, consultant):
        ProjectFactory.create_batch(30)

        response = login(client, consultant).get(self.url, {"page": "2"})

        assert len(response.context["object_list"]) == 5

    def test_it_says_when_nothing_matches(self, client, consultant, project):
        response = login(client, consultant).get(self.url, {"q": "findes ikke"})

        assertContains(response, "Ingen projekter matcher filtrene.")
        assertContains(response, "0 projekter fundet")

    def test_it_offers_the_create_button_to_a_consultant_only(self, client, consultant, manager):
        create = reverse("projects:project_create")

        assertContains(login(client, consultant).get(self.url), f'href="{create}"')
        assertNotContains(login(client, manager).get(self.url), f'href="{create}"')

    @pytest.mark.parametrize("query", [
        {"page": "999"}, {"page": "x"}, {"organisation": "x"}, {"area": "0"}, {"is_active": "måske"},
        {"o": "bogus"}, {"o": "-contact_email"},
    ])
    def test_it_tolerates_malformed_filter_values(self, client, consultant, project, query):
        response = login(client, consultant).get(self.url, query)

        assert response.status_code == 200


class TestProjectDetail:
    def test_it_shows_the_project_and_its_visits(self, client, manager, visit):
        ProjectVisitFactory(project=visit.project, date=datetime.date(2008, 2, 1))

        response = login(client, manager).get(visit.project.get_absolute_url())

        assert response.status_code == 200
        assertContains(response, "Lektiecafé Mjølnerparken")
        assertContains(response, "Lektiehjælp to gange om ugen")
        assert [v.date for v in response.context["visits"]] == [datetime.date(2008, 6, 1),
                                                                 datetime.date(2008, 2, 1)]
        assertContains(response, visit.get_absolute_url())

    def test_it_says_when_there_are_no_visits(self, client, consultant, unvisited_project):
        response = login(client, consultant).get(unvisited_project.get_absolute_url())

        assertContains(response, "Der er endnu ikke registreret besøg hos projektet.")

    @pytest.mark.parametrize("user", ["consultant", "other_consultant"])
    def test_a_consultant_may_edit_delete_and_add_a_visit(self, client, request, project, user):
        response = login(client, request.getfixturevalue(user)).get(project.get_absolute_url())

        assertContains(response, reverse("projects:project_update", args=[project.pk]))
        assertContains(response, reverse("projects:project_delete", args=[project.pk]))
        assertContains(response, f'{reverse("projects:projectvisit_create")}?project={project.pk}')


class TestProjectCreate:
    url = reverse("projects:project_create")

    def test_a_consultant_adds_a_project(self, client, consultant, organisation, area):
        data = project_data(organisation=organisation.pk, area=area.pk, contact_email="amina@example.dk")

        response = login(client, consultant).post(self.url, data)

        project = Project.objects.get()
        assertRedirects(response, project.get_absolute_url())
        assert (project.name, project.organisation, project.area, project.contact_email) == (
            "Bydelsmødre Nørrebro", organisation, area, "amina@example.dk")
        assert messages_of(response) == ["Projektet »Bydelsmødre Nørrebro« er oprettet i projektbanken."]

    def test_the_form_speaks_danish(self, client, consultant):
        response = login(client, consultant).get(self.url)

        for label in ["Nyt projekt i projektbanken", "Navn", "Organisation", "Område", "Beskrivelse", "Aktivt",
                      "Støttet af Københavns Kommune", "Kontaktperson", "Gem", "Annullér"]:
            assertContains(response, label)

    @pytest.mark.parametrize(("overrides", "message"), [
        ({"name": ""}, "Giv projektet et navn."),
        ({"name": "Lektiecafé Mjølnerparken"}, "Der findes allerede et projekt med det navn i projektbanken."),
        ({"contact_email": "amina"}, "Angiv en gyldig e-mailadresse, f.eks. navn@kk.dk."),
    ])
    def test_it_shows_danish_errors_and_saves_nothing(self, client, consultant, project, overrides, message):
        response = login(client, consultant).post(self.url, project_data(**overrides))

        assert response.status_code == 200
        assertContains(response, "Formularen er ikke gemt. Ret fejlene markeret nedenfor.")
        assertContains(response, message)
        assert Project.objects.count() == 1


class TestProjectUpdate:
    def url(self, project) -> str:
        return reverse("projects:project_update", args=[project.pk])

    def test_another_consultant_can_mark_it_ended(self, client, other_consultant, project):
        response = login(client, other_consultant).post(self.url(project), project_data(
            name="Lektiecafé Mjølnerparken", is_active=""))

        assertRedirects(response, project.get_absolute_url())
        assert Project.objects.get().is_active is False
        assert messages_of(response) == ["Ændringerne i »Lektiecafé Mjølnerparken« er gemt."]

    def test_an_invalid_edit_changes_nothing(self, client, consultant, project, unvisited_project):
        response = login(client, consultant).post(self.url(project), project_data(name="Fodbold for alle"))

        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["name"]
        assert Project.objects.get(pk=project.pk).name == "Lektiecafé Mjølnerparken"


class TestProjectDelete:
    def url(self, project) -> str:
        return reverse("projects:project_delete", args=[project.pk])

    def test_it_asks_for_confirmation(self, client, consultant, unvisited_project):
        response = login(client, consultant).get(self.url(unvisited_project))

        assertContains(response, "Slet projekt?")
        assertContains(response, "Du er ved at slette »Fodbold for alle« fra projektbanken.")
        assert Project.objects.count() == 1

    @pytest.mark.parametrize("user", ["consultant", "other_consultant", "administrator"])
    def test_a_consultant_or_the_administrator_deletes_a_project_without_visits(
            self, client, request, unvisited_project, user):
        response = login(client, request.getfixturevalue(user)).post(self.url(unvisited_project))

        assertRedirects(response, reverse("projects:project_list"))
        assert messages_of(response) == ["»Fodbold for alle« er slettet."]
        assert Project.objects.count() == 0

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_it_refuses_a_project_with_visits_in_danish(self, client, consultant, visit, method):
        project = visit.project

        response = getattr(login(client, consultant), method)(self.url(project))

        assertRedirects(response, project.get_absolute_url())
        assert messages_of(response) == [
            "Projektet »Lektiecafé Mjølnerparken« kan ikke slettes, fordi der er registreret besøg hos det. "
            "Markér det i stedet som afsluttet."]
        assert (Project.objects.count(), ProjectVisit.objects.count()) == (1, 1)

    def test_the_refusal_is_shown_on_the_project_page(self, client, administrator, visit):
        response = login(client, administrator).post(self.url(visit.project), follow=True)

        assert response.status_code == 200
        assertContains(response, "kan ikke slettes, fordi der er registreret besøg hos det")
        assertContains(response, 'class="alert alert-danger')


class TestVisitList:
    url = reverse("projects:projectvisit_list")

    @pytest.mark.parametrize("user", ["consultant", "other_consultant", "manager", "administrator"])
    def test_every_role_sees_the_list(self, client, request, visit, user):
        response = login(client, request.getfixturevalue(user)).get(self.url)

        assert response.status_code == 200
        assert list(response.context["object_list"]) == [visit]
        assertContains(response, "Lektiecafé Mjølnerparken")
        assertContains(response, "1 besøg fundet")

    def test_it_opens_on_the_default_year(self, client, consultant, visit):
        ProjectVisitFactory(project=visit.project, date=datetime.date(2007, 5, 1))

        response = login(client, consultant).get(self.url)

        assert response.context["year"] == 2008
        assertContains(response, "Projektbesøg 2008")
        assert list(response.context["object_list"]) == [visit]

    def test_all_years_on_request(self, client, consultant, visit):
        ProjectVisitFactory(project=visit.project, date=datetime.date(2007, 5, 1))

        response = login(client, consultant).get(self.url, {"year": ""})

        assertContains(response, "2 besøg fundet")

    @pytest.mark.parametrize("year", ["2008", ""])
    def test_it_counts_per_challenge_also_visits_without_one(self, client, consultant, visit, challenge, year):
        ProjectVisitFactory.create_batch(2, project=visit.project, challenge=None)

        response = login(client, consultant).get(self.url, {"year": year})

        assert response.status_code == 200
        assert [(row["challenge"], row["count"]) for row in response.context["challenge_counts"]] == [
            (challenge, 1)]
        assert response.context["without_challenge"] == 2
        assertContains(response, "Vidensdeling i projekter:")
        assertContains(response, "Uden udfordring: <strong>2</strong>", html=False)

    def test_it_lists_the_visits_without_a_challenge(self, client, consultant, visit):
        without = ProjectVisitFactory(project=visit.project, challenge=None)

        response = login(client, consultant).get(self.url, {"year": "2008", "challenge": "null"})

        assert list(response.context["object_list"]) == [without]

    def test_it_offers_the_years_with_visits_or_a_plan(self, client, consultant, visit, challenge_2009):
        old = ProjectVisitFactory(project=visit.project, date=datetime.date(2006, 4, 1))

        response = login(client, consultant).get(self.url, {"year": "2006"})

        assert list(response.context["object_list"]) == [old]
        assert [value for value, label in response.context["filter"].form.fields["year"].choices] == [
            "", 2009, 2008, 2006]

    def test_it_links_to_the_years_good_practice(self, client, manager, visit):
        ProjectVisitFactory(project=visit.project, is_good_practice=True, date=datetime.date(2008, 2, 1))
        ProjectVisitFactory(project=visit.project, is_good_practice=False)

        response = login(client, manager).get(self.url)

        assertContains(response, f'href="{reverse("projects:good_practice_print", args=[2008])}"')
        assertContains(response, "God praksis 2008 (2 noter)")

    def test_it_says_when_nothing_matches(self, client, consultant, plan):
        response = login(client, consultant).get(self.url)

        assertContains(response, "Ingen projektbesøg matcher filtrene.")

    def test_it_sorts_by_project(self, client, consultant, visit):
        other = ProjectVisitFactory(project=ProjectFactory(name="Bydelsmødre"))

        response = login(client, consultant).get(self.url, {"o": "project"})

        assert list(response.context["object_list"]) == [other, visit]

    def test_it_offers_the_create_button_to_a_consultant_only(self, client, consultant, manager, plan):
        create = reverse("projects:projectvisit_create")

        assertContains(login(client, consultant).get(self.url), f'href="{create}"')
        assertNotContains(login(client, manager).get(self.url), f'href="{create}"')

    @pytest.mark.parametrize("query", [
        {"year": "abc"}, {"year": "1999"}, {"page": "999"}, {"challenge": "abc"}, {"challenge": "999999"},
        {"project": "x"}, {"consultant": "x"}, {"area": "0"}, {"sets_goals": "måske"},
        {"is_good_practice": "x"}, {"o": "bogus"}, {"o": "-created_by__password"},
    ])
    def test_it_tolerates_malformed_filter_values(self, client, consultant, visit, query):
        response = login(client, consultant).get(self.url, query)

        assert response.status_code == 200


class TestVisitDetail:
    def test_the_owner_sees_edit_delete_and_print(self, client, consultant, visit):
        response = login(client, consultant).get(visit.get_absolute_url())

        assert response.status_code == 200
        assertContains(response, "Frivillige fra kvarteret kender familierne.")
        assertContains(response, reverse("projects:projectvisit_print", args=[visit.pk]))
        assertContains(response, reverse("projects:projectvisit_update", args=[visit.pk]))
        assertContains(response, reverse("projects:projectvisit_delete", args=[visit.pk]))

    def test_another_consultant_sees_edit_but_not_delete(self, client, other_consultant, visit):
        response = login(client, other_consultant).get(visit.get_absolute_url())

        assertContains(response, reverse("projects:projectvisit_update", args=[visit.pk]))
        assertNotContains(response, reverse("projects:projectvisit_delete", args=[visit.pk]))

    def test_management_may_print_it(self, client, manager, visit):
        response = login(client, manager).get(visit.get_absolute_url())

        assertContains(response, reverse("projects:projectvisit_print", args=[visit.pk]))
        assertNotContains(response, reverse("projects:projectvisit_update", args=[visit.pk]))


class TestVisitCreate:
    url = reverse("projects:projectvisit_create")

    def test_it_proposes_the_user_and_today_while_this_year_has_a_plan(self, client, consultant, project):
        response = login(client, consultant).get(self.url)
        initial = response.context["form"].initial
        assert (initial["consultant"], initial["date"]) == (consultant, None)

        WorkPlanFactory(year=timezone.localdate().year)
        initial = client.get(self.url).context["form"].initial
        assert (initial["consultant"], initial["date"]) == (consultant, timezone.localdate())

    def test_it_proposes_the_project_it_came_from(self, client, consultant, project):
        response = login(client, consultant).get(self.url, {"project": project.pk})

        assertContains(response, f'<option value="{project.pk}" selected>', html=False)

    @pytest.mark.parametrize("value", ["abc", "0", "99999999999999999999"])
    def test_it_ignores_a_malformed_project_to_propose(self, client, consultant, project, value):
        response = login(client, consultant).get(self.url, {"project": value})

        assert response.status_code == 200
        assertNotContains(response, "selected>Lektiecafé", html=False)

    def test_a_consultant_registers_a_visit(self, client, consultant, project, challenge):
        data = visit_data(project, consultant, challenge=challenge.pk, measures_effect="partly")

        response = login(client, consultant).post(self.url, data)

        visit = ProjectVisit.objects.get()
        assertRedirects(response, visit.get_absolute_url())
        assert (visit.project, visit.date, visit.consultant, visit.created_by, visit.challenge) == (
            project, datetime.date(2008, 9, 3), consultant, consultant, challenge)
        assert (visit.sets_goals, visit.measures_effect, visit.is_good_practice) == (
            Assessment.YES, Assessment.PARTLY, True)
        assert messages_of(response) == ["Besøget hos »Lektiecafé Mjølnerparken · 03.09.2008« er registreret."]

    def test_the_challenge_is_optional(self, client, consultant, project):
        response = login(client, consultant).post(self.url, visit_data(project, consultant, challenge=""))

        assert response.status_code == 302
        assert ProjectVisit.objects.get().challenge is None

    def test_it_refuses_a_challenge_of_another_year(self, client, consultant, project, challenge):
        WorkPlanFactory(year=2009)
        data = visit_data(project, consultant, challenge=challenge.pk, date="2009-01-05")

        response = login(client, consultant).post(self.url, data)

        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["challenge"]
        assertContains(response, "Udfordringen hører til arbejdsplanen for 2008, men registreringen er dateret 2009. "
                                 "Vælg en udfordring fra 2009.")
        assert ProjectVisit.objects.count() == 0

    def test_it_shows_danish_errors_for_missing_fields(self, client, consultant, project):
        data = visit_data(project, consultant, project="", date="", consultant="")

        response = login(client, consultant).post(self.url, data)

        assert response.status_code == 200
        for message in ["Vælg det projekt, der blev besøgt.", "Angiv datoen for besøget.", "Angiv konsulenten."]:
            assertContains(response, message)
        assert ProjectVisit.objects.count() == 0

    def test_it_refuses_a_note_too_long_for_one_page(self, client, consultant, project):
        paragraphs = "\n\n".join(["Et afsnit om hvad der virker i projektet."] * 12)
        data = visit_data(project, consultant, what_works=paragraphs, advice=paragraphs)

        response = login(client, consultant).post(self.url, data)

        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["advice"]
        assertContains(response, "»Hvad virker« og »Gode råd« fylder tilsammen ca. 30 linjer på den udskrevne "
                                 "note, men der er kun plads til 28 på én A4-side. Forkort teksten.")
        assert ProjectVisit.objects.count() == 0

    def test_it_accepts_a_full_page(self, client, consultant, project):
        text = "Frivillige fra kvarteret. " * 45  # 1169 characters each: 13 lines and a paragraph
        data = visit_data(project, consultant, what_works=text, advice=text)

        response = login(client, consultant).post(self.url, data)

        assert response.status_code == 302
        assert ProjectVisit.objects.get().advice == text.strip()

    def test_the_form_speaks_danish(self, client, consultant, project):
        response = login(client, consultant).get(self.url)

        for label in ["Nyt projektbesøg", "Projekt", "Dato", "Konsulent", "Udfordring", "Hvad virker",
                      "Gode råd til andre projekter", "Opstiller projektet mål og succeskriterier?",
                      "Måler projektet sin effekt?", "Ikke vurderet", "Eksempel på god praksis"]:
            assertContains(response, label)


class TestVisitUpdate:
    def url(self, visit) -> str:
        return reverse("projects:projectvisit_update", args=[visit.pk])

    def test_another_consultant_can_edit(self, client, consultant, other_consultant, visit, challenge):
        data = visit_data(visit.project, consultant, date="2008-06-01", challenge=challenge.pk,
                          what_works="Rettet", is_good_practice="")

        response = login(client, other_consultant).post(self.url(visit), data)

        assertRedirects(response, visit.get_absolute_url())
        saved = ProjectVisit.objects.get()
        assert (saved.what_works, saved.is_good_practice, saved.consultant, saved.created_by) == (
            "Rettet", False, consultant, consultant)

    def test_an_invalid_edit_changes_nothing(self, client, consultant, visit, challenge):
        data = visit_data(visit.project, consultant, date="2009-06-01", challenge=challenge.pk, what_works="Rettet")

        response = login(client, consultant).post(self.url(visit), data)

        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["challenge"]
        assert ProjectVisit.objects.get().what_works == "Frivillige fra kvarteret kender familierne."

    def test_it_keeps_a_consultant_who_has_left(self, client, consultant, other_consultant, project):
        visit = ProjectVisitFactory(project=project, consultant=other_consultant)
        other_consultant.is_active = False
        other_consultant.save()

        response = login(client, consultant).get(self.url(visit))

        assert other_consultant in response.context["form"].fields["consultant"].queryset


class TestVisitDelete:
    def url(self, visit) -> str:
        return reverse("projects:projectvisit_delete", args=[visit.pk])

    def test_it_asks_the_owner_for_confirmation(self, client, consultant, visit):
        response = login(client, consultant).get(self.url(visit))

        assertContains(response, "Slet projektbesøg?")
        assertContains(response, "Ja, slet")
        assert ProjectVisit.objects.count() == 1

    def test_the_owner_can_delete(self, client, consultant, visit):
        response = login(client, consultant).post(self.url(visit))

        assertRedirects(response, reverse("projects:projectvisit_list"))
        assert messages_of(response) == ["»Lektiecafé Mjølnerparken · 01.06.2008« er slettet."]
        assert (ProjectVisit.objects.count(), Project.objects.count()) == (0, 1)

    def test_it_forbids_another_consultant_to_delete(self, client, other_consultant, visit):
        login(client, other_consultant)

        shown = client.get(self.url(visit))
        posted = client.post(self.url(visit))

        assert (shown.status_code, posted.status_code) == (403, 403)
        assert ProjectVisit.objects.count() == 1

    def test_the_administrator_can_delete_anyones(self, client, administrator, visit):
        response = login(client, administrator).post(self.url(visit))

        assert response.status_code == 302
        assert ProjectVisit.objects.count() == 0


class TestAdmin:
    def test_the_administrator_keeps_the_project_bank(self, client, administrator, project):
        login(client, administrator)

        assert client.get("/admin/projects/project/").status_code == 200
        assert client.get(f"/admin/projects/project/{project.pk}/change/").status_code == 200
