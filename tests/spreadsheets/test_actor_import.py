"""Importing actors: the template, the upload and preview, unknown areas, the confirmation in one
transaction, permissions and the export → import round trip."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from atlas.models import Actor, ActorKind
from core.models import Area
from spreadsheets.models import ImportBatch
from tests.factories import ActorFactory, AdministratorFactory, AreaFactory, ConsultantFactory
from tests.helpers import confirm_import, login, messages_of

from .workbooks import HEADERS, actor_row, xlsx

pytestmark = pytest.mark.django_db

UPLOAD = reverse("spreadsheets:upload", args=["aktoerer"])
TEMPLATE = reverse("spreadsheets:template", args=["aktoerer"])


@pytest.fixture
def areas(db):
    return [AreaFactory(name="Mjølnerparken"), AreaFactory(name="Haraldsgade")]


def upload(client, data: bytes, name="aktoerer.xlsx"):
    response = client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302, response.context["form"].errors
    return response.url


def test_the_template_has_the_export_columns_and_explains_each(client, consultant):
    login(client, consultant)
    response = client.get(TEMPLATE)
    assert response["Content-Disposition"] == 'attachment; filename="skabelon-aktoerer.xlsx"'
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Aktører", "Vejledning"]
    assert [cell.value for cell in workbook["Aktører"][1]] == HEADERS
    assert workbook["Aktører"].max_row == 1
    guide = {row[0]: row for row in workbook["Vejledning"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert all(header in guide for header in HEADERS)
    assert guide["Navn"][1] == "Ja" and guide["Adresse"][1] == "Nej"
    assert "Forening" in guide["Type"][2]
    assert guide["Senest kontrolleret"][4] == datetime.datetime(2008, 12, 1)


def test_a_valid_sheet_is_previewed_then_imported_with_its_areas(client, consultant, areas):
    login(client, consultant)
    rows = [
        actor_row("Sjakket", "Projekt", "Mjølnerparken; Haraldsgade", address="Bragesgade 26", latitude=55.699,
                  longitude="12,548", website="sjakket.dk", contact_email="info@sjakket.dk", is_active="nej",
                  last_checked=datetime.datetime(2008, 11, 3)),
        actor_row("Plus17", "forening", "mjølnerparken", last_checked="01.12.2008"),
    ]
    preview_url = upload(client, xlsx(rows))
    preview = client.get(preview_url)
    assert preview.context["preview"].ok
    assert "Filen er i orden: 2 rækker kan importeres." in preview.content.decode()
    assert Actor.objects.count() == 0  # nothing before the confirmation

    response = confirm_import(client, preview_url)
    assert response.redirect_chain[-1][0] == reverse("atlas:actor_list")
    assert messages_of(response) == ["2 aktører er importeret fra »aktoerer.xlsx«."]
    sjakket = Actor.objects.get(name="Sjakket")
    assert sjakket.kind == ActorKind.PROJECT
    assert sorted(area.name for area in sjakket.areas.all()) == ["Haraldsgade", "Mjølnerparken"]
    assert (sjakket.latitude, sjakket.longitude) == (Decimal("55.699000"), Decimal("12.548000"))
    assert sjakket.website == "https://sjakket.dk"
    assert sjakket.is_active is False
    assert sjakket.last_checked == datetime.date(2008, 11, 3)
    assert sjakket.created_by == consultant
    plus17 = Actor.objects.get(name="Plus17")
    assert plus17.kind == ActorKind.ASSOCIATION and plus17.is_active is True
    assert plus17.last_checked == datetime.date(2008, 12, 1)
    batch = ImportBatch.objects.get()
    assert (batch.row_count, bytes(batch.content)) == (2, b"")  # the file's personal data is not kept


def test_a_confirmed_import_cannot_be_confirmed_twice(client, consultant, areas):
    login(client, consultant)
    preview_url = upload(client, xlsx([actor_row()]))
    confirm_import(client, preview_url)
    again = client.post(preview_url)
    assert again.status_code == 302
    assert "Filen »aktoerer.xlsx« er allerede importeret." in messages_of(again)
    assert Actor.objects.count() == 1


def test_three_mistakes_are_named_and_nothing_is_written_until_they_are_fixed(client, consultant, areas):
    login(client, consultant)
    rows = [actor_row(f"Aktør {n}") for n in range(50)]
    rows[4] = actor_row("Aktør 4", latitude=55.7)  # a latitude without longitude
    rows[19] = actor_row("Aktør 19", contact_email="ikke en adresse")
    rows[44] = actor_row("Aktør 3")  # the same actor twice
    preview = client.get(upload(client, xlsx(rows)))
    errors = [(error.row, error.column, error.message) for error in preview.context["preview"].errors]
    assert errors == [
        (6, "Længdegrad", "Angiv både bredde- og længdegrad, eller ingen af dem."),
        (21, "E-mail", "Indtast en gyldig e-mail-adresse."),
        (46, "Navn", "Rækken er en gentagelse af række 5."),
    ]
    assert "3 fejl skal rettes" in preview.content.decode()
    assert Actor.objects.count() == 0

    rows[4] = actor_row("Aktør 4", latitude=55.7, longitude=12.55)
    rows[19] = actor_row("Aktør 19", contact_email="kontakt@example.dk")
    rows[44] = actor_row("Aktør 44")
    response = confirm_import(client, upload(client, xlsx(rows)))
    assert messages_of(response) == ["50 aktører er importeret fra »aktoerer.xlsx«."]
    assert Actor.objects.count() == 50


def test_an_actor_that_exists_is_refused_as_a_duplicate(client, consultant, areas):
    ActorFactory(name="Sjakket", areas=[areas[0]])
    login(client, consultant)
    preview = client.get(upload(client, xlsx([actor_row("sjakket")])))
    assert [error.message for error in preview.context["preview"].errors] == [
        "Aktøren »sjakket« findes allerede i atlasset."]
    assert Actor.objects.count() == 1


def test_an_unknown_area_is_never_created_silently(client, consultant, areas):
    login(client, consultant)
    preview_url = upload(client, xlsx([actor_row(areas="Tingbjerg"), actor_row("Plus17", areas="Tingbjerg")]))
    preview = client.get(preview_url)
    assert [(item["name"], item["rows"]) for item in preview.context["unknown"]] == [("Tingbjerg", [2, 3])]
    page = preview.content.decode()
    assert "Ukendt: området »Tingbjerg«" in page  # a consultant may not create areas
    assert 'name="create-areas"' not in page
    # Even when the consultant posts the choice by hand, the area is not created.
    response = confirm_import(client, preview_url, {"create-areas": ["Tingbjerg"]})
    assert "Intet er importeret: 1 fejl eller ukendt navn skal rettes." in response.content.decode()
    assert not Area.objects.filter(name="Tingbjerg").exists()
    assert Actor.objects.count() == 0


def test_an_administrator_may_choose_to_create_an_unknown_area(client, areas):
    admin = AdministratorFactory()
    login(client, admin)
    preview_url = upload(client, xlsx([actor_row(areas="Tingbjerg"), actor_row("Plus17", areas="tingbjerg")]))
    assert 'name="create-areas" value="Tingbjerg"' in client.get(preview_url).content.decode()
    refreshed = client.post(preview_url, {"create-areas": ["Tingbjerg"], "preview": "1"})
    assert refreshed.context["preview"].ok
    assert not Area.objects.filter(name="Tingbjerg").exists()  # only when the import is confirmed
    response = confirm_import(client, preview_url, {"create-areas": ["Tingbjerg"]})
    assert response.redirect_chain[-1][0] == reverse("atlas:actor_list")
    tingbjerg = Area.objects.get(name="Tingbjerg")
    assert sorted(tingbjerg.actors.values_list("name", flat=True)) == ["Plus17", "Sjakket"]


def test_management_may_not_import_and_anonymous_users_must_log_in(client, manager, areas):
    assert client.get(UPLOAD).status_code == 302
    login(client, manager)
    assert client.get(UPLOAD).status_code == 403
    assert client.get(TEMPLATE).status_code == 403
    response = client.post(UPLOAD, {"file": SimpleUploadedFile("a.xlsx", xlsx([actor_row()]))})
    assert response.status_code == 403
    assert ImportBatch.objects.count() == 0


def test_a_preview_belongs_to_the_user_who_uploaded_it(client, consultant, areas):
    login(client, consultant)
    preview_url = upload(client, xlsx([actor_row()]))
    login(client, ConsultantFactory())
    assert client.get(preview_url).status_code == 404
    assert client.post(preview_url).status_code == 404
    assert Actor.objects.count() == 0


def test_an_unknown_import_kind_is_not_found(client, consultant):
    login(client, consultant)
    assert client.get(reverse("spreadsheets:upload", args=["raketter"])).status_code == 404


def test_the_export_imports_back_to_the_same_actors(client, consultant, areas):
    ActorFactory(name="Sjakket", kind=ActorKind.PROJECT, areas=areas, address="Bragesgade 26",
                 latitude=Decimal("55.699"), longitude=Decimal("12.548"), website="https://sjakket.dk",
                 contact_name="Jens", contact_email="jens@example.dk", contact_phone="+45 12 34 56 78",
                 target_groups="Unge", activities="=HYPERLINK(\"http://x\")", is_active=False,
                 last_checked=datetime.date(2008, 11, 3))
    ActorFactory(name="Plus17", areas=[areas[1]])
    fields = ["name", "kind", "address", "latitude", "longitude", "website", "contact_name", "contact_email",
              "contact_phone", "target_groups", "activities", "is_active", "last_checked"]
    before = {actor.name: ([getattr(actor, field) for field in fields], sorted(a.name for a in actor.areas.all()))
              for actor in Actor.objects.all()}
    login(client, consultant)
    exported = b"".join(client.get(reverse("atlas:actor_export")).streaming_content)
    Actor.objects.all().delete()
    confirm_import(client, upload(client, exported))
    after = {actor.name: ([getattr(actor, field) for field in fields], sorted(a.name for a in actor.areas.all()))
             for actor in Actor.objects.all()}
    assert after == before


def test_the_preview_reads_the_database_a_fixed_number_of_times(client, consultant, areas):
    login(client, consultant)
    counts = []
    for size in (2, 40):
        preview_url = upload(client, xlsx([actor_row(f"Aktør {n}", latitude=55.7, longitude=12.5)
                                           for n in range(size)]))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(preview_url).context["preview"].ok
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
