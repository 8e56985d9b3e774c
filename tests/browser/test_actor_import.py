"""Importing actors in a real browser: the template downloaded from the actor list, filled in with a
mistake, the mistake named in the preview, fixed, imported, and found in the list and on the map."""

import io

from openpyxl import load_workbook
from playwright.sync_api import expect

from atlas.models import Actor


def test_consultant_imports_actors_from_the_template(page, login, settings, tmp_path, demo_loaded, worker):
    settings.ATLAS_TILE_URL = ""
    login("konsulent")
    page.goto("/atlas/aktoerer/")
    page.get_by_role("link", name="Importér fra Excel").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent skabelon (.xlsx)").click()
    template = tmp_path / "skabelon.xlsx"
    download.value.save_as(template)

    workbook = load_workbook(template)
    sheet = workbook["Aktører"]
    headers = [cell.value for cell in sheet[1]]
    column = {header: index for index, header in enumerate(headers)}

    def row(name, kind, area, latitude=None, longitude=None):
        values = [None] * len(headers)
        values[column["Navn"]], values[column["Type"]], values[column["Områder"]] = name, kind, area
        values[column["Breddegrad"]], values[column["Længdegrad"]] = latitude, longitude
        return values

    sheet.append(row("Lektiecafé Mjølnerparken", "Projekt", "Mjølnerparken", 55.6985, 12.5440))
    sheet.append(row("Mødrenetværket", "Netværk", "Mjølnerparken", "55,6979", "nord"))
    filled = tmp_path / "aktoerer.xlsx"
    workbook.save(filled)

    page.get_by_label("Excel-fil (.xlsx)").set_input_files(filled)
    page.get_by_role("button", name="Indlæs og vis forhåndsvisning").click()
    expect(page.get_by_role("alert")).to_contain_text("1 fejl skal rettes")
    expect(page.get_by_role("row", name="Aktører 3 Længdegrad »nord« er ikke et tal.")).to_be_visible()
    assert not Actor.objects.filter(name="Mødrenetværket").exists()

    sheet.cell(row=3, column=column["Længdegrad"] + 1, value=12.5452)
    workbook.save(filled)
    page.get_by_role("link", name="Indlæs en anden fil").click()
    page.get_by_label("Excel-fil (.xlsx)").set_input_files(filled)
    page.get_by_role("button", name="Indlæs og vis forhåndsvisning").click()
    expect(page.get_by_role("status")).to_contain_text("Filen er i orden: 2 rækker kan importeres.")
    page.get_by_role("button", name="Importér 2 rækker").click()
    # The import runs in the worker; its page follows it, then goes on to the list with the message.
    expect(page.locator(".alert-success")).to_contain_text("2 aktører er importeret", timeout=60_000)
    assert page.url.endswith("/atlas/aktoerer/")
    expect(page.get_by_role("link", name="Mødrenetværket")).to_be_visible()

    page.goto("/atlas/")
    page.get_by_role("link", name="Mjølnerparken").click()
    expect(page.locator("#area-map .leaflet-marker-icon")).to_have_count(5)

    with page.expect_download() as download:
        page.get_by_role("link", name="Atlas som Word").click()
    assert download.value.suggested_filename.startswith("atlas-")
    page.goto("/atlas/aktoerer/?area=" + str(Actor.objects.get(name="Mødrenetværket").areas.get().pk))
    with page.expect_download() as download:
        page.get_by_role("link", name="Eksportér til Excel").click()
    exported = load_workbook(io.BytesIO(download.value.path().read_bytes()))["Aktører"]
    names = [cell.value for cell in exported["A"][1:]]
    assert "Lektiecafé Mjølnerparken" in names and "Mødrenetværket" in names
    assert "Somalisk kulturcenter i Tingbjerg" not in names  # the area filter applies to the export
