"""Every kind's export imports again unchanged: the list's Excel export of rows with every column filled is
uploaded through the import as it is, after the rows are gone, and the export of what the import made is the
same workbook, cell for cell (issue 24: a year can be moved or restored by its own sheets). The actors'
round trip is in test_actor_import.py."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from cases.choices import EventKind, EventRole, RequisitionStatus
from cases.models import Advisory, Event, Requisition
from projects.models import Project, ProjectVisit
from tests.factories import (
    AdvisoryFactory,
    AreaFactory,
    ChallengeFactory,
    ConsultantFactory,
    DeliverableFactory,
    EventFactory,
    OrganisationFactory,
    ProjectFactory,
    ProjectVisitFactory,
    RequisitionFactory,
    WorkPlanFactory,
)
from tests.helpers import confirm_import, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    plan = WorkPlanFactory(year=2008)
    challenges = [ChallengeFactory(work_plan=plan, number=n, short_label=label)
                  for n, label in ((1, "Boligområder"), (2, "Tryghed"))]
    return {
        "challenges": challenges,
        "consultants": [ConsultantFactory(username="sara", first_name="Sara", last_name="Holm"),
                        ConsultantFactory(username="mads", first_name="Mads", last_name="Berg")],
        "requesters": [OrganisationFactory(name="Projekt Matchning, Center for Afklaring og Beskæftigelse"),
                       OrganisationFactory(name="SSP København")],
        "areas": [AreaFactory(name="Mjølnerparken"), AreaFactory(name="Tingbjerg")],
    }


def requisitions(world):
    challenge, other = world["challenges"]
    RequisitionFactory(challenge=challenge, title="Dialogmøde om tryghed", description="Et møde\nmed to linjer",
                       requesters=world["requesters"], consultants=world["consultants"],
                       status=RequisitionStatus.FINISHED, date_received=datetime.date(2008, 3, 4),
                       date_finished=datetime.date(2008, 5, 6), area=world["areas"][0], participants=40,
                       participants_approximate=True, hours=Decimal("12.5"), partners="Politiet",
                       volunteers="Fem mødre", contact_name="Jens Hansen", contact_email="jens@kk.dk",
                       contact_phone="+45 33 66 33 66", created_by=world["consultants"][0])
    RequisitionFactory(challenge=other, title="Temadag", requesters=world["requesters"][1:],
                       consultants=[world["consultants"][1]], date_received=datetime.date(2008, 9, 1),
                       created_by=world["consultants"][1])


def advisories(world):
    AdvisoryFactory(challenge=world["challenges"][0], requester=world["requesters"][0], title="Råd om mentorer",
                    description="Om mentorordninger", date=datetime.date(2008, 4, 2),
                    consultant=world["consultants"][0], area=world["areas"][1], hours=Decimal("2"),
                    is_report_example=True, contact_name="Anne Jensen", contact_email="anne@kk.dk")
    AdvisoryFactory(challenge=world["challenges"][1], requester=world["requesters"][1], title="Råd om frivillige",
                    date=datetime.date(2008, 6, 30), consultant=world["consultants"][1])


def events(world):
    challenge = world["challenges"][0]
    deliverable = DeliverableFactory(challenge=challenge, title="Dialogmøder i boligområderne")
    requisition = RequisitionFactory(challenge=challenge, title="Temamøde om tryghed",
                                     date_received=datetime.date(2008, 2, 1))
    event = EventFactory(challenge=challenge, title="International Dag", kind=EventKind.FESTIVAL,
                         date=datetime.date(2008, 5, 31), place="Fælledparken", role=EventRole.ORGANISED,
                         consultant=world["consultants"][0], area=world["areas"][0], participants_expected=300,
                         participants=250, participants_approximate=True, organisation_count=12,
                         volunteers=20, description="Fest for alle", hours=Decimal("30"),
                         deliverable=deliverable, requisition=requisition)
    event.organisations.set(world["requesters"])
    EventFactory(challenge=world["challenges"][1], title="Netværksmøde", date=datetime.date(2008, 10, 2),
                 consultant=world["consultants"][1])


def projects(world):
    ProjectFactory(name="Sjakket, Nørrebro", organisation=world["requesters"][0], area=world["areas"][0])
    ProjectFactory(name="Tingbjerg Kulturhus")


def project_visits(world):
    project = ProjectFactory(name="Sjakket, Nørrebro")
    ProjectVisitFactory(project=project, challenge=world["challenges"][0], date=datetime.date(2008, 8, 8),
                        consultant=world["consultants"][0])
    ProjectVisitFactory(project=project, challenge=world["challenges"][1], date=datetime.date(2008, 11, 11),
                        consultant=world["consultants"][1])


KINDS = [
    # (what to make, the rows the round trip replaces, the export, the import's slug)
    (requisitions, lambda: Requisition.objects.all(), "cases:requisition_export", "rekvireringer"),
    (advisories, lambda: Advisory.objects.all(), "cases:advisory_export", "raadgivninger"),
    (events, lambda: Event.objects.all(), "cases:event_export", "arrangementer"),
    (projects, lambda: Project.objects.all(), "projects:project_export", "projekter"),
    (project_visits, lambda: ProjectVisit.objects.all(), "projects:projectvisit_export", "projektbesoeg"),
]


def exported(client, name: str) -> bytes:
    response = client.get(reverse(name), {"year": "2008"} if name != "projects:project_export" else {})
    assert response.status_code == 200, response
    return b"".join(response.streaming_content)


def cells(data: bytes) -> list[tuple]:
    return [row for sheet in load_workbook(io.BytesIO(data)).worksheets for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("make, rows, export, slug", KINDS, ids=[kind[3] for kind in KINDS])
def test_an_export_imports_again_unchanged(client, world, make, rows, export, slug):
    make(world)
    login(client, world["consultants"][0])
    before = exported(client, export)
    count = rows().count()
    rows().delete()

    upload = client.post(reverse("spreadsheets:upload", args=[slug]),
                         {"file": SimpleUploadedFile("eksport.xlsx", before)})
    assert upload.status_code == 302, upload.content.decode()[:3000]
    imported = confirm_import(client, upload.url)
    assert "er importeret fra" in imported.content.decode(), imported.content.decode()[:3000]

    assert rows().count() == count
    assert cells(exported(client, export)) == cells(before)
    if slug == "arrangementer":  # what the sheet names besides reference data came back too
        event = Event.objects.get(title="International Dag")
        assert (event.deliverable.title, event.requisition.title) == (
            "Dialogmøder i boligområderne", "Temamøde om tryghed")
        assert sorted(event.organisations.values_list("name", flat=True)) == [
            "Projekt Matchning, Center for Afklaring og Beskæftigelse", "SSP København"]
    if slug == "rekvireringer":
        assert Requisition.objects.get(title="Dialogmøde om tryghed").requesters.count() == 2
