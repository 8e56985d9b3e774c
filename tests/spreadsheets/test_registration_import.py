"""Importing requisitions, advisories, events and project visits: references looked up by name and
year, Danish messages at the cell, unknown requesters created only by choice, one transaction."""

import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from cases.kinds import ADVISORY, EVENT, REQUISITION
from cases.models import Advisory, Event, Requisition
from core.models import Area, Organisation
from history.selectors import object_history
from projects.kinds import PROJECT, PROJECT_VISIT
from projects.models import ProjectVisit
from spreadsheets.models import ImportBatch
from tests.factories import (
    AdministrationFactory,
    AdministratorFactory,
    AreaFactory,
    ChallengeFactory,
    ConsultantFactory,
    DeliverableFactory,
    OrganisationFactory,
    ProjectFactory,
    ProjectVisitFactory,
    RequisitionFactory,
    WorkPlanFactory,
)
from tests.helpers import confirm_import, login, messages_of

from .workbooks import sheet_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db):
    """The 2008 plan with challenges 1 and 2, and 2009's with challenge 1."""
    work_plan = WorkPlanFactory(year=2008)
    return {
        "employment": ChallengeFactory(work_plan=work_plan, number=1, short_label="Beskæftigelse"),
        "youth": ChallengeFactory(work_plan=work_plan, number=2, short_label="Unge"),
        "2009": ChallengeFactory(work_plan=WorkPlanFactory(year=2009), number=1, short_label="Beskæftigelse"),
        "bif": AdministrationFactory(name="Beskæftigelses- og Integrationsforvaltningen", short_name="BIF"),
        "kff": AdministrationFactory(name="Kultur- og Fritidsforvaltningen", short_name="KFF"),
    }


def upload(client, kind: str, data: bytes) -> str:
    response = client.post(reverse("spreadsheets:upload", args=[kind]),
                           {"file": SimpleUploadedFile(f"{kind}.xlsx", data)})
    assert response.status_code == 302, response.context["form"].errors
    return response.url


def errors_of(response) -> list[tuple]:
    return [(error.row, error.column, error.message) for error in response.context["preview"].errors]


def requisition(n=0, **values) -> dict:
    return {"title": f"Temamøde {n}", "challenge": "1", "requesters": "BIF", "date_received": "15.01.2008",
            **values}


def test_requisitions_are_imported_with_their_challenge_requesters_and_consultants(client, consultant, plan):
    colleague = ConsultantFactory(username="mette", first_name="Mette", last_name="Holm")
    login(client, consultant)
    rows = [
        requisition(1, challenge="Unge", requesters="BIF; Kultur- og Fritidsforvaltningen",
                    consultants=f"mette; {consultant.username}", status="Afsluttet", date_finished="20.02.2008",
                    participants=120, participants_approximate="ja", contact_name="Jens Hansen",
                    contact_email="jens@kk.dk"),
        requisition(2, challenge="2008 · 1. Beskæftigelse", consultants="Mette Holm", hours="7,5"),
    ]
    response = confirm_import(client, upload(client, "rekvireringer", sheet_of(REQUISITION.columns, rows,
                                                                     title="Rekvireringer")))
    assert response.redirect_chain[-1][0] == reverse("cases:requisition_list")
    assert messages_of(response) == ["2 rekvireringer er importeret fra »rekvireringer.xlsx«."]
    first = Requisition.objects.get(title="Temamøde 1")
    assert first.challenge == plan["youth"] and first.status == "finished"
    assert set(first.requesters.all()) == {plan["bif"], plan["kff"]}
    assert set(first.consultants.all()) == {colleague, consultant}
    assert (first.participants, first.participants_approximate) == (120, True)
    assert first.date_finished == datetime.date(2008, 2, 20)
    assert (first.contact_name, first.contact_email) == ("Jens Hansen", "jens@kk.dk")
    assert first.created_by == consultant
    second = Requisition.objects.get(title="Temamøde 2")
    assert second.challenge == plan["employment"] and second.status == "received"
    assert list(second.consultants.all()) == [colleague] and str(second.hours) == "7.50"


def test_fifty_requisitions_with_three_mistakes_are_named_then_imported_when_fixed(client, plan):
    admin = AdministratorFactory()
    login(client, admin)
    rows = [requisition(n, date_received=f"{n % 28 + 1:02d}.03.2008") for n in range(50)]
    rows[6] = requisition(6, requesters="Ukendt Forvaltning")
    rows[17] = requisition(17, date_received="15.01.2009", challenge="2")  # 2009's plan has no challenge 2
    rows[41] = requisition(41, date_received="31.02.2008")
    preview_url = upload(client, "rekvireringer", sheet_of(REQUISITION.columns, rows, title="Rekvireringer"))
    preview = client.get(preview_url)
    assert errors_of(preview) == [
        (19, "Udfordring", "Udfordringen »2« findes ikke i arbejdsplanen for 2009."),
        (43, "Modtaget", "»31.02.2008« er ikke en dato. Skriv datoen som dd.mm.åååå."),
    ]
    assert [(item["name"], item["rows"]) for item in preview.context["unknown"]] == [("Ukendt Forvaltning", [8])]
    assert "Opret rekvirenten »Ukendt Forvaltning« (kolonnen »Rekvirenter«, række 8)" in preview.content.decode()
    rejected = confirm_import(client, preview_url)
    assert "Intet er importeret: 3 fejl eller ukendte navne skal rettes." in rejected.content.decode()
    assert Requisition.objects.count() == 0

    rows[6] = requisition(6, requesters="Ukendt Forvaltning")
    rows[17] = requisition(17, date_received="15.01.2009", challenge="1")
    rows[41] = requisition(41, date_received="28.02.2008")
    preview_url = upload(client, "rekvireringer", sheet_of(REQUISITION.columns, rows, title="Rekvireringer"))
    response = confirm_import(client, preview_url, {"create-organisations": ["Ukendt Forvaltning"]})
    assert response.redirect_chain[-1][0] == reverse("cases:requisition_list")
    assert Requisition.objects.count() == 50
    created = Organisation.objects.get(name="Ukendt Forvaltning")
    assert (created.kind, created.to_review, created.added_by) == ("other", False, admin)
    assert list(Requisition.objects.get(title="Temamøde 6").requesters.all()) == [created]
    assert Requisition.objects.get(title="Temamøde 17").challenge == plan["2009"]
    listed = client.get(reverse("cases:requisition_list"), {"year": 2008})
    assert listed.context["paginator"].count == 49


def test_a_requisition_held_in_the_year_after_it_was_received_imports_as_the_export_names_it(
        client, consultant, plan):
    login(client, consultant)
    held_later = {"date_received": "10.12.2008", "date_finished": "15.01.2009"}
    rows = [requisition(1, challenge="2009 · 1. Beskæftigelse", **held_later),
            requisition(2, challenge="1", **held_later),
            requisition(3, challenge="2009 · 1. Beskæftigelse", date_received="10.12.2008")]
    preview = client.get(upload(client, "rekvireringer", sheet_of(REQUISITION.columns, rows, title="Rekvireringer")))
    assert errors_of(preview) == [(4, "Udfordring", "Udfordringen hører til arbejdsplanen for 2009, men "
                                                   "registreringen er dateret 2008. Vælg en udfordring fra 2008.")]
    preview_url = upload(client, "rekvireringer", sheet_of(REQUISITION.columns, rows[:2], title="Rekvireringer"))
    assert "er importeret fra" in confirm_import(client, preview_url).content.decode()
    assert Requisition.objects.get(title="Temamøde 1").challenge == plan["2009"]
    assert Requisition.objects.get(title="Temamøde 2").challenge == plan["employment"]  # the year received


def test_a_requester_a_consultant_creates_from_the_preview_waits_for_review(client, consultant, plan):
    login(client, consultant)
    rows = [requisition(1, requesters="Foreningen Nyt Liv, Sydhavnen")]
    preview_url = upload(client, "rekvireringer", sheet_of(REQUISITION.columns, rows, title="Rekvireringer"))
    confirm_import(client, preview_url, {"create-organisations": ["Foreningen Nyt Liv, Sydhavnen"]})
    created = Organisation.objects.get(name="Foreningen Nyt Liv, Sydhavnen")
    assert (created.kind, created.to_review, created.added_by) == ("other", True, consultant)
    assert list(Requisition.objects.get().requesters.all()) == [created]


def test_rows_break_the_registrations_own_rules_with_their_messages(client, consultant, plan):
    RequisitionFactory(title="Temamøde 0", challenge=plan["employment"], date_received=datetime.date(2008, 1, 15))
    login(client, consultant)
    rows = [
        requisition(0),  # exists already
        requisition(1, participants=-5),
        requisition(2, date_finished="01.01.2008"),  # before it was received
        requisition(3, consultants="ukendt.bruger"),
        requisition(4, title=None),
        requisition(5, status="Måske"),
        requisition(6, date_received="15.01.2010"),  # no work plan for 2010
    ]
    preview = client.get(upload(client, "rekvireringer", sheet_of(REQUISITION.columns, rows, title="Rekvireringer")))
    assert errors_of(preview) == [
        (2, "Titel", "Rekvireringen »Temamøde 0«, modtaget 15.01.2008, findes allerede."),
        (3, "Deltagere", "Denne værdi skal være større end eller lig 0."),
        (4, "Afholdt/afsluttet", "Datoen for afholdt/afsluttet kan ikke ligge før modtagelsen."),
        (5, "Ansvarlige konsulenter", "Der er ingen bruger »ukendt.bruger«."),
        (6, "Titel", "Giv rekvireringen en titel."),
        (7, "Status", "Ukendt værdi »Måske«. Brug en af: Modtaget, I gang, Afsluttet, Annulleret."),
        (8, "Udfordring", "Der er ingen arbejdsplan for 2010."),
    ]
    assert Requisition.objects.count() == 1


def test_a_consultant_cannot_create_areas_from_the_preview(client, consultant, plan):
    login(client, consultant)
    preview_url = upload(client, "rekvireringer", sheet_of(REQUISITION.columns, [requisition(area="Nyt Sted")],
                                                           title="Rekvireringer"))
    response = confirm_import(client, preview_url, {"create-area": ["Nyt Sted"]})
    assert "Intet er importeret: 1 fejl eller ukendt navn skal rettes." in response.content.decode()
    assert not Area.objects.filter(name="Nyt Sted").exists() and Requisition.objects.count() == 0


def test_advisories_are_imported(client, consultant, plan):
    login(client, consultant)
    rows = [{"title": "Råd om frivillige", "challenge": "2", "requester": "KFF", "date": "03.03.2008",
             "consultant": consultant.username, "is_report_example": "Ja"},
            {"title": "Råd om mentorer", "challenge": "1", "requester": "BIF", "date": "04.03.2008",
             "consultant": consultant.get_full_name(), "contact_phone": "+45 33 66 33 66"}]
    response = confirm_import(client, upload(client, "raadgivninger",
                                             sheet_of(ADVISORY.columns, rows, title="Rådgivninger")))
    assert "er importeret fra" in response.content.decode()
    advisory = Advisory.objects.get(title="Råd om frivillige")
    assert (advisory.requester, advisory.challenge, advisory.consultant) == (plan["kff"], plan["youth"], consultant)
    assert advisory.is_report_example
    assert Advisory.objects.get(title="Råd om mentorer").contact_phone == "+45 33 66 33 66"


def test_events_are_imported_with_their_organisations(client, consultant, plan):
    OrganisationFactory(name="Foreningen Kvarterhuset")
    login(client, consultant)
    rows = [{"title": "International Dag", "challenge": "1", "kind": "Festival", "date": "31.05.2008",
             "consultant": consultant.username, "participants": 2500, "participants_approximate": "ja",
             "organisations": "Foreningen Kvarterhuset; BIF", "organisation_count": 46},
            {"title": "Temamøde", "challenge": "1", "kind": "Temamøde", "date": "01.06.2008",
             "consultant": consultant.username, "role": "TFI assisterede", "participants_expected": 40}]
    response = confirm_import(client, upload(client, "arrangementer",
                                             sheet_of(EVENT.columns, rows, title="Arrangementer")))
    assert "er importeret fra" in response.content.decode()
    festival = Event.objects.get(title="International Dag")
    assert festival.kind == "festival" and festival.role == "organised" and festival.participants == 2500
    assert sorted(organisation.name for organisation in festival.organisations.all()) == [
        "Beskæftigelses- og Integrationsforvaltningen", "Foreningen Kvarterhuset"]
    assert Event.objects.get(title="Temamøde").role == "assisted"


def test_events_name_their_deliverable_and_requisition_by_title(client, consultant, plan):
    """Linked on import, the event's participants count for its requisition; a title the year does not hold,
    one of another challenge, or one two registrations share is named at its row and column."""
    deliverable = DeliverableFactory(challenge=plan["employment"], title="Dialogmøder")
    held_for = RequisitionFactory(challenge=plan["employment"], title="Temamøde om job", participants=None,
                                  date_received=datetime.date(2008, 2, 1))
    RequisitionFactory(challenge=plan["youth"], title="Ungemøde", date_received=datetime.date(2008, 2, 1))
    RequisitionFactory(challenge=plan["employment"], title="Dobbelt", date_received=datetime.date(2008, 2, 1))
    RequisitionFactory(challenge=plan["employment"], title="Dobbelt", date_received=datetime.date(2008, 3, 1))
    login(client, consultant)
    event = {"challenge": "1", "kind": "Temamøde", "date": "01.06.2008", "consultant": consultant.username}
    rows = [{**event, "title": "Møde 1", "deliverable": "dialogmøder", "requisition": "Temamøde om job",
             "participants": 30},
            {**event, "title": "Møde 2", "deliverable": "Ukendt"},
            {**event, "title": "Møde 3", "requisition": "Ungemøde"},
            {**event, "title": "Møde 4", "requisition": "Dobbelt"}]
    preview = client.get(upload(client, "arrangementer", sheet_of(EVENT.columns, rows, title="Arrangementer")))
    assert errors_of(preview) == [
        (3, "Leverance", "Der er ingen leverance »Ukendt« i arbejdsplanen for arrangementets år."),
        (4, "Rekvirering", "Rekvireringen hører under udfordringen »2008 · 2. Unge«, arrangementet under "
                           "»2008 · 1. Beskæftigelse«. Vælg samme udfordring for begge."),
        (5, "Rekvirering", "Der er 2 med titlen »Dobbelt« i 2008 under samme udfordring. Giv dem forskellige "
                           "titler, før rækken importeres."),
    ]

    preview_url = upload(client, "arrangementer", sheet_of(EVENT.columns, rows[:1], title="Arrangementer"))
    assert "er importeret fra" in confirm_import(client, preview_url).content.decode()
    imported = Event.objects.get(title="Møde 1")
    assert (imported.deliverable, imported.requisition) == (deliverable, held_for)
    assert Requisition.objects.with_event_participants().get(pk=held_for.pk).shown_participants == 30


def test_an_event_in_the_future_cannot_have_actual_participants(client, consultant, plan):
    next_year = datetime.date.today().year + 1
    ChallengeFactory(work_plan=WorkPlanFactory(year=next_year), number=1)
    login(client, consultant)
    rows = [{"title": "Fest", "challenge": "1", "kind": "Fest", "date": f"01.06.{next_year}",
             "consultant": consultant.username, "participants": 10}]
    preview = client.get(upload(client, "arrangementer", sheet_of(EVENT.columns, rows, title="Arrangementer")))
    assert [(row, column) for row, column, _message in errors_of(preview)] == [(2, "Deltagere (faktisk)")]
    assert Event.objects.count() == 0


def test_project_visits_are_imported_and_an_unknown_project_is_created_when_chosen(client, consultant, plan):
    project = ProjectFactory(name="Sjakket")
    login(client, consultant)
    rows = [{"project": "Sjakket", "date": "12.06.2008", "consultant": consultant.username, "challenge": "2",
             "sets_goals": "Delvist", "is_good_practice": "ja", "what_works": "Unge hjælper unge"},
            {"project": "Lektiecafé Nørrebro", "date": "13.06.2008", "consultant": consultant.username}]
    preview_url = upload(client, "projektbesoeg", sheet_of(PROJECT_VISIT.columns, rows, title="Projektbesøg"))
    preview = client.get(preview_url)
    assert errors_of(preview) == []
    assert [(item["name"], item["rows"], item["can_create"]) for item in preview.context["unknown"]] == [
        ("Lektiecafé Nørrebro", [3], True)]
    assert "Opret projektet »Lektiecafé Nørrebro« (kolonnen »Projekt«, række 3)" in preview.content.decode()
    response = confirm_import(client, preview_url, {"create-projects": ["Lektiecafé Nørrebro"]})
    assert "2 projektbesøg er importeret fra" in response.content.decode()
    visit = ProjectVisit.objects.get(project=project)
    assert (visit.challenge, visit.sets_goals, visit.is_good_practice) == (plan["youth"], "partly", True)
    created = ProjectVisit.objects.get(date="2008-06-13").project
    assert created.name == "Lektiecafé Nørrebro" and created.is_active


def test_projects_are_imported_and_their_export_imports_again_unchanged(client, consultant, plan):
    from projects.models import Project

    login(client, consultant)
    rows = [{"name": "Sjakket", "organisation": "KFF", "area": "Mjølnerparken", "description": "Unge for unge",
             "is_active": "Ja", "is_municipality_funded": "Nej", "contact_name": "Jens",
             "contact_email": "jens@example.dk"},
            {"name": "Lektiecafé, Nørrebro", "organisation": "BIF"}]
    AreaFactory(name="Mjølnerparken")
    response = confirm_import(client, upload(client, "projekter", sheet_of(PROJECT.columns, rows, title="Projekter")))
    assert messages_of(response) == ["2 projekter er importeret fra »projekter.xlsx«."]
    sjakket = Project.objects.get(name="Sjakket")
    assert (sjakket.organisation, sjakket.area.name, sjakket.is_municipality_funded, sjakket.contact_email) == (
        plan["kff"], "Mjølnerparken", False, "jens@example.dk")
    fields = ["name", "organisation_id", "area_id", "description", "is_active", "is_municipality_funded",
              "contact_name", "contact_email", "contact_phone"]
    before = sorted(Project.objects.values_list(*fields))
    exported = b"".join(client.get(reverse("projects:project_export")).streaming_content)
    Project.objects.all().delete()
    confirm_import(client, upload(client, "projekter", exported))
    assert sorted(Project.objects.values_list(*fields)) == before
    again = client.get(upload(client, "projekter", exported))
    assert [error.message for error in again.context["preview"].errors] == [
        "Projektet »Lektiecafé, Nørrebro« findes allerede i projektbanken.",
        "Projektet »Sjakket« findes allerede i projektbanken."]


@pytest.mark.parametrize("kind", ["rekvireringer", "raadgivninger", "arrangementer", "projektbesoeg", "projekter"])
def test_management_may_not_import_registrations(client, manager, kind):
    login(client, manager)
    assert client.get(reverse("spreadsheets:upload", args=[kind])).status_code == 403
    assert ImportBatch.objects.count() == 0


@pytest.mark.parametrize(("kind", "columns", "sheet"), [
    ("rekvireringer", REQUISITION.columns, "Rekvireringer"), ("raadgivninger", ADVISORY.columns, "Rådgivninger"),
    ("arrangementer", EVENT.columns, "Arrangementer"), ("projektbesoeg", PROJECT_VISIT.columns, "Projektbesøg"),
    ("projekter", PROJECT.columns, "Projekter")])
def test_each_template_holds_its_columns_and_a_guide(client, consultant, kind, columns, sheet):
    login(client, consultant)
    response = client.get(reverse("spreadsheets:template", args=[kind]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == [sheet, "Vejledning"]
    assert [cell.value for cell in workbook[sheet][1]] == [str(column.header) for column in columns]
    guide = [row[0] for row in workbook["Vejledning"].iter_rows(min_row=2, values_only=True) if row[0]]
    assert guide[:len(columns)] == [str(column.header) for column in columns]


def test_imported_registrations_have_their_created_history_row(client, consultant, plan):
    login(client, consultant)
    rows = [requisition(1, requesters="BIF; KFF"), requisition(2)]
    confirm_import(client, upload(client, "rekvireringer", sheet_of(REQUISITION.columns, rows, title="Rekvireringer")))
    imported = Requisition.objects.get(title="Temamøde 1")
    history = object_history(imported)
    assert [(row.action, row.who) for row in history] == [("Oprettet", consultant.get_full_name())]
    changes = {change.label: change for change in history[0].changes}
    assert changes["Titel"].new == "Temamøde 1"
    assert sorted(changes["Rekvirenter"].added) == sorted([plan["bif"].name, plan["kff"].name])
    detail = client.get(imported.get_absolute_url())
    assert "Temamøde 1" in detail.content.decode() and detail.context["history"] == history
    assert LogEntry.objects.get_for_model(Requisition).filter(action=LogEntry.Action.CREATE).count() == 2


def test_a_visit_registered_before_is_a_duplicate(client, consultant, plan):
    ProjectVisitFactory(project=ProjectFactory(name="Sjakket"), consultant=consultant, date=datetime.date(2008, 6, 12))
    login(client, consultant)
    rows = [{"project": "sjakket", "date": "12.06.2008", "consultant": consultant.username}]
    preview = client.get(upload(client, "projektbesoeg", sheet_of(PROJECT_VISIT.columns, rows, title="Projektbesøg")))
    assert errors_of(preview) == [(2, "Dato", f"{consultant.get_full_name()} har allerede registreret et besøg hos "
                                              "»Sjakket« den 12.06.2008.")]
    assert ProjectVisit.objects.count() == 1


def test_a_requester_whose_name_holds_a_comma_is_one_requester(client, administrator, plan):
    """Names are separated by semicolons (the sheet's guide says so); a comma may be part of a name. An older
    comma-separated list of known names still reads as the list it was; an unknown name with a comma is
    offered for creation whole."""
    matchning = OrganisationFactory(name="Projekt Matchning, Center for Afklaring og Beskæftigelse")
    login(client, administrator)
    rows = [requisition(1, requesters="Projekt Matchning, Center for Afklaring og Beskæftigelse"),
            requisition(2, requesters="BIF, KFF"),
            requisition(3, requesters="Projekt Matchning, Center for Afklaring og Beskæftigelse; KFF"),
            requisition(4, requesters="Jobcenter København, Afdeling Nord")]
    preview_url = upload(client, "rekvireringer", sheet_of(REQUISITION.columns, rows, title="Rekvireringer"))
    preview = client.get(preview_url)
    assert [(item["name"], item["rows"]) for item in preview.context["unknown"]] == [
        ("Jobcenter København, Afdeling Nord", [5])]
    confirm_import(client, preview_url, {"create-organisations": ["Jobcenter København, Afdeling Nord"]})

    def requesters(n):
        return sorted(o.name for o in Requisition.objects.get(title=f"Temamøde {n}").requesters.all())

    assert requesters(1) == [matchning.name]
    assert requesters(2) == [plan["bif"].name, plan["kff"].name]
    assert requesters(3) == [plan["kff"].name, matchning.name]
    assert requesters(4) == ["Jobcenter København, Afdeling Nord"]
    assert not Organisation.objects.filter(name__in=["Projekt Matchning", "Afdeling Nord"]).exists()


def test_the_guide_gives_each_columns_real_format_and_the_preview_shows_dates_as_the_forms_do(
        client, consultant, plan):
    login(client, consultant)
    template = client.get(reverse("spreadsheets:template", args=["rekvireringer"]))
    guide = {row[0]: row[2] for row in load_workbook(io.BytesIO(b"".join(template.streaming_content)))
             ["Vejledning"].iter_rows(min_row=2, values_only=True) if row and row[0]}
    assert guide["Deltagere"] == "Et helt tal, 0 eller mere."
    assert guide["Kontaktpersonens e-mail"] == "En e-mailadresse, f.eks. navn@kk.dk."
    assert guide["Titel"] == "Tekst."
    advisory = {"title": "Råd om frivillige", "challenge": "2", "requester": "KFF", "date": "22.09.2008",
                "consultant": consultant.username}
    preview = client.get(upload(client, "raadgivninger", sheet_of(ADVISORY.columns, [advisory],
                                                                  title="Rådgivninger")))
    assert preview.context["sample"][0]["values"][3] == "22.09.2008"
