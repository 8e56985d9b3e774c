"""The corpus of bad workbooks: each is refused with its own Danish message, and nothing is written.

Whole-file faults are refused at the upload (no batch is kept); faults in cells are listed in the
preview by sheet, row and column, and a confirmation imports nothing."""

import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl.xml import DEFUSEDXML

from atlas.models import Actor
from spreadsheets.models import ImportBatch
from tests.factories import AreaFactory
from tests.helpers import confirm_import, login

from .workbooks import HEADERS, actor_row, lying_sizes, rewrite, set_dimension, with_member, xlsx

pytestmark = pytest.mark.django_db

UPLOAD = reverse("spreadsheets:upload", args=["aktoerer"])


@pytest.fixture
def area(db):
    return AreaFactory(name="Mjølnerparken")


def upload(client, data: bytes, name="aktoerer.xlsx"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})


def refused(client, consultant, data, message, name="aktoerer.xlsx"):
    login(client, consultant)
    before = Actor.objects.count(), ImportBatch.objects.count()
    response = upload(client, data, name)
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any(message in error for error in errors), errors
    assert (Actor.objects.count(), ImportBatch.objects.count()) == before
    return response


def preview_errors(client, consultant, data) -> list:
    """Uploads, confirms, and returns the errors of the rejected preview (asserting nothing was written)."""
    login(client, consultant)
    response = upload(client, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    before = Actor.objects.count()
    confirm = confirm_import(client, response.url)
    assert "Intet er importeret" in confirm.content.decode()
    assert Actor.objects.count() == before
    assert ImportBatch.objects.get().imported_at is None
    # The job's page leads back to the preview, which names the errors.
    preview = client.get(response.url)
    return [(error.row, error.column, error.message) for error in preview.context["preview"].errors]


def test_openpyxl_parses_xml_through_defusedxml():
    assert DEFUSEDXML


def test_a_corrupt_zip_is_refused(client, consultant, area):
    good = xlsx([actor_row()])
    refused(client, consultant, good[: len(good) // 2], "ikke en gyldig Excel-fil")


def test_random_bytes_are_refused(client, consultant, area):
    refused(client, consultant, b"this is not a workbook" * 100, "ikke en gyldig Excel-fil")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(client, consultant, area):
    bomb = with_member(xlsx([actor_row()]), "xl/media/padding.bin", b"\0" * 30_000_000)
    assert len(bomb) < 200_000  # 30 MB of zeros packs to a few dozen kB
    refused(client, consultant, bomb, "urimelig størrelse")


@override_settings(SPREADSHEET_MAX_UNPACKED_BYTES=500_000)
def test_a_workbook_unpacking_beyond_the_limit_is_refused(client, consultant, area):
    data = with_member(xlsx([actor_row()]), "xl/media/photo.bin", bytes(range(256)) * 4000, zipfile.ZIP_STORED)
    refused(client, consultant, data, "urimelig størrelse")


def test_a_zip_lying_about_its_unpacked_size_cannot_unpack_further(client, consultant, area):
    data = xlsx([actor_row(activities="x" * 20_000)])
    refused(client, consultant, lying_sizes(data, "xl/worksheets/sheet1.xml", 200), "kunne ikke læses")


def test_an_encrypted_workbook_is_refused(client, consultant, area):
    # Excel saves a workbook with a password as an OLE compound file (as the old .xls format).
    refused(client, consultant, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000, "krypteret")


def test_a_zip_with_an_encrypted_member_is_refused(client, consultant, area):
    data = bytearray(xlsx([actor_row()]))
    position = data.find(b"PK\x01\x02")
    data[position + 8] |= 0x1  # the central directory's "encrypted" flag of the first member
    refused(client, consultant, bytes(data), "krypteret")


def test_a_macro_workbook_is_refused_by_its_name(client, consultant, area):
    refused(client, consultant, xlsx([actor_row()]), "makroer", name="aktoerer.xlsm")


def test_a_macro_workbook_renamed_to_xlsx_is_refused_by_its_content(client, consultant, area):
    data = with_member(xlsx([actor_row()]), "xl/vbaProject.bin", b"macro")
    refused(client, consultant, data, "makroer")


def test_other_file_types_are_refused(client, consultant, area):
    refused(client, consultant, b"navn;type\nSjakket;Projekt\n", ".xlsx", name="aktoerer.csv")


@override_settings(SPREADSHEET_MAX_UPLOAD_BYTES=10_000)
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(client, consultant, area):
    refused(client, consultant, b"\0" * 10_001, "for stor")


@override_settings(SPREADSHEET_MAX_ROWS=5)
def test_too_many_rows_are_refused(client, consultant, area):
    refused(client, consultant, xlsx([actor_row(f"Aktør {n}") for n in range(6)]), "mere end 5 rækker")


@override_settings(SPREADSHEET_MAX_ROWS=5)
def test_the_row_limit_is_not_fooled_by_a_sheet_that_declares_itself_small(client, consultant, area):
    data = set_dimension(xlsx([actor_row(f"Aktør {n}") for n in range(6)]), "A1:A1")
    refused(client, consultant, data, "mere end 5 rækker")


@override_settings(SPREADSHEET_MAX_ROWS=5)
def test_a_row_far_down_the_sheet_is_refused_without_walking_to_it(client, consultant, area):
    data = rewrite(xlsx([actor_row()]), "xl/worksheets/sheet1.xml",
                   lambda text: text.replace("</sheetData>",
                                             '<row r="999999999"><c r="A999999999" t="inlineStr"><is><t>x</t></is>'
                                             "</c></row></sheetData>"))
    refused(client, consultant, data, "mere end 5 rækker")


def test_a_sheet_that_declares_itself_larger_than_it_is_imports_its_real_rows(client, consultant, area):
    data = set_dimension(xlsx([actor_row("Sjakket"), actor_row("Plus17")]), "A1:XFD1048576")
    login(client, consultant)
    response = upload(client, data)
    confirm_import(client, response.url)
    assert sorted(Actor.objects.values_list("name", flat=True)) == ["Plus17", "Sjakket"]


def test_a_sheet_that_declares_itself_smaller_than_it_is_imports_every_row(client, consultant, area):
    data = set_dimension(xlsx([actor_row(f"Aktør {n}") for n in range(30)]), "A1:B2")
    login(client, consultant)
    response = upload(client, data)
    confirm_import(client, response.url)
    assert Actor.objects.count() == 30


def test_too_many_columns_are_refused(client, consultant, area):
    refused(client, consultant, xlsx([actor_row() + ["x"] * 60], headers=HEADERS + [f"K{n}" for n in range(60)]),
            "mere end 50 kolonner")


def test_an_empty_workbook_is_refused(client, consultant, area):
    refused(client, consultant, xlsx([], headers=[]), "tomt")


def test_formulas_are_refused_at_their_cell(client, consultant, area):
    errors = preview_errors(client, consultant, xlsx([actor_row(), actor_row("=CONCAT(\"Sj\",\"akket\")")]))
    assert errors == [(3, "Navn", "Cellen indeholder en formel. Indsæt værdien i stedet (Indsæt speciel → Værdier).")]


def test_wrong_headers_are_named(client, consultant, area):
    headers = ["Navn", "Typ", "Områder", "Farve"]
    errors = preview_errors(client, consultant, xlsx([["Sjakket", "Projekt", "Mjølnerparken", "rød"]],
                                                     headers=headers))
    assert (1, "Typ", "Ukendt kolonne. Brug skabelonens overskrifter.") in errors
    assert (1, "Farve", "Ukendt kolonne. Brug skabelonens overskrifter.") in errors
    assert (1, "Type", "Kolonnen mangler.") in errors


def test_wrong_types_are_named_at_their_cell(client, consultant, area):
    row = actor_row(latitude="nord", longitude=12.5, is_active="måske", last_checked="32.13.2008")
    errors = preview_errors(client, consultant, xlsx([row]))
    assert (2, "Breddegrad", "»nord« er ikke et tal.") in errors
    assert (2, "Aktiv", "Skriv »Ja« eller »Nej«, ikke »måske«.") in errors
    assert (2, "Senest kontrolleret", "»32.13.2008« er ikke en dato. Skriv datoen som dd.mm.åååå.") in errors


def test_numbers_out_of_range_and_unknown_choices_are_named(client, consultant, area):
    errors = preview_errors(client, consultant, xlsx([actor_row(kind="Rumstation", latitude=-91, longitude=12)]))
    assert (2, "Type", "Ukendt værdi »Rumstation«. Brug en af: Forening, Projekt, Institution, "
                       "Afdelingsbestyrelse eller boligselskab, Netværk, Offentligt tilbud, Andet.") in errors
    assert any(row == 2 and column == "Breddegrad" and "-90" in message for row, column, message in errors)


def test_nul_bytes_in_the_sheet_are_refused(client, consultant, area):
    # XML cannot hold NUL, not even as &#0;: the parser refuses the sheet, and so does the upload.
    for nul in ("\x00", "&#0;"):
        data = rewrite(xlsx([actor_row("PLACEHOLDER")]), "xl/worksheets/sheet1.xml",
                       lambda text, nul=nul: text.replace("PLACEHOLDER", f"Sjak{nul}ket"))
        refused(client, consultant, data, "kunne ikke læses")


def test_control_characters_xml_allows_are_refused_at_their_cell(client, consultant, area):
    errors = preview_errors(client, consultant, xlsx([actor_row("Sjak\x7fket")]))
    assert errors == [(2, "Navn", "Cellen indeholder ugyldige tegn (kontroltegn).")]


def test_an_error_in_the_last_row_of_a_valid_file_writes_nothing(client, consultant, area):
    rows = [actor_row(f"Aktør {n}") for n in range(49)] + [actor_row("Den sidste", kind="")]
    errors = preview_errors(client, consultant, xlsx(rows))
    assert errors == [(51, "Type", "Vælg aktørens type.")]


def test_a_required_column_left_empty_is_named(client, consultant, area):
    errors = preview_errors(client, consultant, xlsx([actor_row(areas=None)]))
    assert errors == [(2, "Områder", "Feltet skal udfyldes.")]
