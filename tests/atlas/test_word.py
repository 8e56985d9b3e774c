"""The printable atlas of an area as Word: title and date, the actors by type with their contacts, the map
with numbers matching the list, the actors missing a position, unsafe text, and a fixed query count."""

import datetime
import io
import re
import subprocess
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from docx import Document

from atlas.mapimage import area_map_png
from atlas.models import Actor, ActorKind
from atlas.word import area_atlas_docx
from documents import drawing
from documents.pdf import pdf_missing
from tests.factories import AreaFactory, ConsultantFactory

pytestmark = pytest.mark.django_db

MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december"]
NO_MAP = "Der er ikke noget kort over området"
PNG = b"\x89PNG\r\n\x1a\n"
SQUARE = {"type": "Polygon", "coordinates": [[[12.540, 55.696], [12.548, 55.696], [12.548, 55.699],
                                              [12.540, 55.699], [12.540, 55.696]]]}


@pytest.fixture
def user():
    return ConsultantFactory()


def make_actor(area, name, *, user, kind=ActorKind.ASSOCIATION, position=(Decimal("55.6968"), Decimal("12.5426")),
               areas=None, **fields) -> Actor:
    latitude, longitude = position or (None, None)
    actor = Actor.objects.create(name=name, kind=kind, latitude=latitude, longitude=longitude, created_by=user,
                                 **fields)
    actor.areas.set(areas or [area])
    return actor


def open_docx(content: bytes):
    return Document(io.BytesIO(content))


def headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


def groups(document) -> list[tuple[str, list[str]]]:
    """(heading, the names of the actors under it) in document order: an actor is a paragraph whose
    first line is bold, its name after the map number "(n) " if it has one."""
    result = []
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1":
            result.append((paragraph.text, []))
        elif result and paragraph.style.name == "Normal" and paragraph.runs and paragraph.runs[0].bold:
            result[-1][1].append(re.sub(r"^\(\d+\) ", "", paragraph.text.split("\n")[0]))
    return result


def actor_paragraph(document, name: str):
    matches = [p for p in document.paragraphs
               if re.sub(r"^\(\d+\) ", "", p.text.split("\n")[0]) == name and p.style.name == "Normal"]
    assert len(matches) == 1, [p.text for p in document.paragraphs]
    return matches[0]


def images(document) -> list:
    """The pictures in the text (not the template's thumbnail in the package's properties)."""
    return [part for part in document.part.related_parts.values() if part.content_type.startswith("image/")]


def test_it_titles_the_document_with_the_area_its_district_and_the_date_in_danish(user):
    area = AreaFactory(name="Mjølnerparken", district="Nørrebro")
    today = timezone.localdate()

    with translation.override("da"):  # its own words follow the reader's language: see tests/test_translations.py
        document = open_docx(area_atlas_docx(area))

    texts = [p.text for p in document.paragraphs]
    assert document.paragraphs[0].style.name == "Title"
    assert texts[:3] == ["TFI-atlas: Mjølnerparken", "Nørrebro",
                         f"Udskrevet {today.day}. {MONTHS[today.month - 1]} {today.year}"]
    assert document.core_properties.title == "TFI-atlas: Mjølnerparken"


def test_it_is_an_a4_page_with_a_page_x_of_y_footer(user):
    document = open_docx(area_atlas_docx(AreaFactory()))

    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("Side ") and " af " in footer.text
    instructions = [node.text.strip() for node in footer._p.iter() if node.tag.endswith("}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]


def test_it_lists_every_actor_under_its_type_in_the_order_of_the_types(user):
    area = AreaFactory(name="Mjølnerparken")
    # Alphabetically by kind "institution" comes before "project"; the list of types has it the other way.
    make_actor(area, "Lektiecaféen", user=user, kind=ActorKind.INSTITUTION)
    make_actor(area, "BazarMusicShop", user=user, kind=ActorKind.PROJECT)
    make_actor(area, "Ghetto Gourmet", user=user, kind=ActorKind.PROJECT, position=None)
    make_actor(area, "Sjakket", user=user, kind=ActorKind.ASSOCIATION)
    make_actor(area, "Beboerforeningen", user=user, kind=ActorKind.ASSOCIATION)
    make_actor(AreaFactory(name="Tingbjerg"), "Andet område", user=user, kind=ActorKind.NETWORK)

    document = open_docx(area_atlas_docx(area))

    assert groups(document) == [
        ("Forening", ["Beboerforeningen", "Sjakket"]),
        ("Projekt", ["BazarMusicShop", "Ghetto Gourmet"]),
        ("Institution", ["Lektiecaféen"]),
    ]
    assert "Der er ikke registreret aktører i området." not in [p.text for p in document.paragraphs]


def test_it_gives_each_actors_contacts_and_details(user):
    area = AreaFactory(name="Mjølnerparken")
    other = AreaFactory(name="Lundtoftegade")
    make_actor(area, "Sjakket", user=user, areas=[area, other], address="Mjølnerparken 10\n2200 København N",
               contact_name="Anna Hansen", contact_email="anna@sjakket.dk", contact_phone="35 12 34 56",
               website="https://sjakket.dk", target_groups="Unge i og omkring Mjølnerparken",
               activities="Ungdomsklub og værksted", last_checked=datetime.date(2026, 3, 2))
    make_actor(area, "Uden kontakt", user=user)

    document = open_docx(area_atlas_docx(area))

    lines = actor_paragraph(document, "Sjakket").text.split("\n")
    assert lines == [
        "(1) Sjakket", "Mjølnerparken 10", "2200 København N",
        "Kontakt: Anna Hansen, tlf. 35 12 34 56, anna@sjakket.dk",
        "Hjemmeside: https://sjakket.dk",
        "Målgrupper: Unge i og omkring Mjølnerparken",
        "Aktiviteter: Ungdomsklub og værksted",
        "Også i: Lundtoftegade",
        "Senest kontrolleret: 2. marts 2026",
    ]
    assert actor_paragraph(document, "Uden kontakt").text == "(2) Uden kontakt"


def test_it_marks_an_inactive_actor(user):
    area = AreaFactory()
    make_actor(area, "Lukket klub", user=user, is_active=False)
    make_actor(area, "Åben klub", user=user)

    document = open_docx(area_atlas_docx(area))

    assert actor_paragraph(document, "Lukket klub").text.split("\n")[1:] == ["Ikke aktiv"]
    assert "Ikke aktiv" not in actor_paragraph(document, "Åben klub").text


def test_it_embeds_the_map_and_numbers_the_placed_actors_as_the_list_shows_them(user):
    area = AreaFactory()
    # By kind's value "institution" sorts before "project"; the list (and so the map) has projects first.
    institution = make_actor(area, "Institutionen", user=user, kind=ActorKind.INSTITUTION,
                             position=(Decimal("55.69"), Decimal("12.54")))
    unplaced = make_actor(area, "Uden position", user=user, position=None, address="Nørrebrogade 1")
    project = make_actor(area, "Projektet", user=user, kind=ActorKind.PROJECT,
                         position=(Decimal("55.70"), Decimal("12.55")))

    document = open_docx(area_atlas_docx(area))

    assert len(document.inline_shapes) == 1
    [picture] = images(document)
    assert picture.blob.startswith(PNG)
    assert NO_MAP not in "\n".join(p.text for p in document.paragraphs)
    first_lines = [p.text.split("\n")[0] for p in document.paragraphs if p.style.name == "Normal" and p.runs
                   and p.runs[0].bold]
    # Numbered 1, 2... in the list's order; an actor without a position has no number.
    assert first_lines == ["Uden position", "(1) Projektet", "(2) Institutionen"]
    # Its alt text, for a screen reader, says what it shows.
    [drawing] = document.inline_shapes
    assert drawing._inline.docPr.get("descr") == \
        f"Kort over {area.name} med områdets aktører, nummereret som i listen nedenfor."
    # The picture is the map drawn with the actors in that order: its numbers are the list's.
    with translation.override("da"):
        assert picture.blob == area_map_png(area, [unplaced, project, institution])
        assert picture.blob != area_map_png(area, [unplaced, institution, project])


def test_it_says_there_is_no_map_when_nothing_has_a_position(user):
    area = AreaFactory(latitude=Decimal("55.6975"), longitude=Decimal("12.5440"))
    make_actor(area, "Uden position", user=user, position=None, address="Nørrebrogade 1")
    make_actor(area, "Uden adresse", user=user, position=None)

    document = open_docx(area_atlas_docx(area))

    assert len(document.inline_shapes) == 0
    assert images(document) == []
    assert any(p.text.startswith(NO_MAP) for p in document.paragraphs)


def test_an_empty_area_with_a_boundary_gets_its_map_and_says_it_has_no_actors(user):
    area = AreaFactory(boundary=SQUARE)
    make_actor(AreaFactory(), "Andet område", user=user)

    document = open_docx(area_atlas_docx(area))

    texts = [p.text for p in document.paragraphs]
    assert "Der er ikke registreret aktører i området." in texts
    assert len(document.inline_shapes) == 1
    assert headings(document) == []


def test_an_empty_area_without_a_boundary_says_so_and_has_no_map(user):
    document = open_docx(area_atlas_docx(AreaFactory()))

    texts = [p.text for p in document.paragraphs]
    assert "Der er ikke registreret aktører i området." in texts
    assert any(text.startswith(NO_MAP) for text in texts)
    assert images(document) == []


def test_it_lists_the_actors_with_an_address_but_no_position_last(user):
    area = AreaFactory()
    make_actor(area, "Placeret", user=user, address="Mjølnerparken 1")
    make_actor(area, "Mangler", user=user, kind=ActorKind.NETWORK, position=None, address="Nørrebrogade 1")
    make_actor(area, "Uden adresse", user=user, position=None)

    document = open_docx(area_atlas_docx(area))

    assert headings(document) == ["Forening", "Netværk", "Mangler position"]
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Mangler position")
    listed = [p.text for p in paragraphs[start + 1:] if p.style.name == "List Bullet"]
    assert listed == ["Mangler – Nørrebrogade 1"]


def test_no_section_for_missing_positions_when_every_address_is_placed(user):
    area = AreaFactory()
    make_actor(area, "Placeret", user=user, address="Mjølnerparken 1")

    assert "Mangler position" not in headings(open_docx(area_atlas_docx(area)))


def test_characters_xml_cannot_hold_do_not_break_the_document(user):
    nul = "" if connection.vendor == "postgresql" else "\x00"  # PostgreSQL's text cannot hold NUL at all
    area = AreaFactory(name="Område\x0c", district=f"Nørre{nul}bro")
    make_actor(area, f"Sjak{nul}ket\x0b", user=user, address="Gade\x01 1", contact_name="An\x1fna",
               activities="Klub\x08", target_groups="Unge\ufffe")

    document = open_docx(area_atlas_docx(area))

    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["TFI-atlas: Område", "Nørrebro"]
    assert actor_paragraph(document, "Sjakket").text.split("\n")[1:] == [
        "Gade 1", "Kontakt: Anna", "Målgrupper: Unge", "Aktiviteter: Klub"]


def queries_for(area) -> int:
    with CaptureQueriesContext(connection) as context:
        area_atlas_docx(area)
    return len(context.captured_queries)


def test_it_makes_the_same_number_of_queries_for_2_and_for_20_actors(user):
    kinds = list(ActorKind)
    small, large, elsewhere = AreaFactory(name="Lille"), AreaFactory(name="Stor"), AreaFactory(name="Også")
    for area, count in ((small, 2), (large, 20)):
        for n in range(count):
            make_actor(area, f"Aktør {n}", user=user, kind=kinds[n % len(kinds)], areas=[area, elsewhere],
                       position=(Decimal("55.69") + Decimal(n) / 1000, Decimal("12.54")) if n % 3 else None,
                       address=f"Gade {n}", last_checked=datetime.date(2026, 1, 1))

    assert queries_for(small) == queries_for(large) == 2  # the actors, and their areas


def test_the_map_is_none_without_positions_or_boundary_and_a_png_otherwise(user):
    area = AreaFactory()
    placed = make_actor(area, "Placeret", user=user)
    unplaced = make_actor(area, "Uden position", user=user, position=None, address="Gade 1")

    assert area_map_png(area, [unplaced]) is None
    assert area_map_png(area, [placed, unplaced]).startswith(PNG)
    area.boundary = {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"],
                                                              [[[12.55, 55.70], [12.56, 55.70], [12.56, 55.71],
                                                                [12.55, 55.70]]]]}
    assert area_map_png(area, []).startswith(PNG)
    area.boundary = {"type": "Polygon", "coordinates": "not a ring"}
    assert area_map_png(area, []) is None


def test_the_map_is_drawn_under_the_charts_lock(user):
    """Matplotlib is not thread-safe: the map waits while a chart is being drawn."""
    area = AreaFactory(boundary=SQUARE)
    result = {}
    with drawing._drawing:
        worker = threading.Thread(target=lambda: result.update(png=area_map_png(area, [])))
        worker.start()
        worker.join(timeout=0.5)
        assert worker.is_alive() and not result
    worker.join(timeout=30)
    assert result["png"].startswith(PNG)


def test_the_word_download_needs_a_login_and_names_the_file(client, consultant):
    area = AreaFactory(name="Mjølnerparken")
    Actor.objects.create(name="Sjakket", kind=ActorKind.PROJECT, created_by=consultant).areas.set([area])
    url = reverse("atlas:area_word", args=[area.pk])
    assert client.get(url).status_code == 302
    client.force_login(consultant)
    response = client.get(url)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    # Named by the area (its Danish letters spelt out) and the day, not by its id.
    assert response["Content-Disposition"] == \
        f'attachment; filename="atlas-mjoelnerparken-{timezone.localdate().isoformat()}.docx"'
    assert "Sjakket" in "\n".join(paragraph.text for paragraph in Document(io.BytesIO(response.content)).paragraphs)
    assert client.get(reverse("atlas:area_word", args=[area.pk + 1000])).status_code == 404


def test_the_word_atlas_and_the_geojson_are_in_the_access_log(client, consultant):
    from history.models import AccessLog

    area = AreaFactory(name="Tingbjerg")
    Actor.objects.create(name="Somalisk kulturcenter", kind=ActorKind.ASSOCIATION, created_by=consultant,
                         contact_name="Ahmed").areas.set([area])
    client.force_login(consultant)
    client.get(reverse("atlas:area_word", args=[area.pk]))
    client.get(reverse("atlas:area_geojson", args=[area.pk]))
    entries = list(AccessLog.objects.order_by("id").values_list("action", "count", "detail"))
    assert entries == [("export", 1, f"atlas.docx område={area.pk}"), ("export", 0, f"geojson område={area.pk}")]


@pytest.mark.skipif(bool(pdf_missing()), reason="no Pango on this machine (.ci/run installs it)")
def test_the_atlas_downloads_as_pdf_a_with_the_map_and_the_numbered_actors(client, consultant, tmp_path):
    area = AreaFactory(name="Mjølnerparken", district="Nørrebro")
    make_actor(area, "Sjakket", user=consultant, kind=ActorKind.PROJECT, position=(Decimal("55.70"), Decimal("12.55")))
    client.force_login(consultant)
    url = reverse("atlas:area_pdf", args=[area.pk])
    assert f'href="{url}"' in client.get(reverse("atlas:area_print", args=[area.pk])).content.decode()

    response = client.get(url)

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == \
        f'attachment; filename="atlas-mjoelnerparken-{timezone.localdate().isoformat()}.pdf"'
    pdf = tmp_path / "atlas.pdf"
    pdf.write_bytes(response.content)

    def poppler(*command):
        return subprocess.run([*command, str(pdf), *(["-"] if command[0] == "pdftotext" else [])],
                              capture_output=True, text=True, check=True).stdout

    assert 'pdfaid:part="2"' in poppler("pdfinfo", "-meta") and 'pdfaid:conformance="A"' in poppler("pdfinfo", "-meta")
    assert re.search(r"^Tagged:\s+yes$", poppler("pdfinfo"), re.M)
    assert all(line.split()[-5] == "yes" for line in poppler("pdffonts").splitlines()[2:])
    assert "Figure" in poppler("pdfinfo", "-struct")  # the map, with its alt text
    text = " ".join(poppler("pdftotext").split())
    assert "TFI-atlas: Mjølnerparken" in text and "(1) Sjakket" in text
    assert "Tallene på kortet henviser til aktørerne nedenfor." in text
