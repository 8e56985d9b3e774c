"""Issue 7's "done when" in a real browser: the administrator downloads the requisition template,
fills 50 rows with three mistakes, sees the three named, fixes them, imports, and finds the 50 in the
list with their history; management exports the filtered list and opens it as a spreadsheet."""

import io

from openpyxl import load_workbook
from playwright.sync_api import expect

from cases.models import Requisition


def test_administrator_imports_fifty_requisitions_and_management_exports_them(page, login, tmp_path, demo_loaded,
                                                                              worker):
    before = Requisition.objects.count()
    login("admin")
    page.goto("/rekvireringer/")
    page.get_by_role("link", name="Importér fra Excel").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent skabelon (.xlsx)").click()
    template = tmp_path / "skabelon.xlsx"
    download.value.save_as(template)

    workbook = load_workbook(template)
    sheet = workbook["Rekvireringer"]
    column = {cell.value: cell.column for cell in sheet[1]}

    def fill(row, title, challenge, requesters, received, participants=None):
        for header, value in (("Titel", title), ("Udfordring", challenge), ("Rekvirenter", requesters),
                              ("Modtaget", received), ("Deltagere", participants)):
            sheet.cell(row=row, column=column[header], value=value)

    for n in range(50):
        fill(n + 2, f"Importeret temamøde {n + 1}", "1", "Beskæftigelses- og Integrationsforvaltningen",
             f"{n % 28 + 1:02d}.09.2008")
    fill(9, "Importeret temamøde 8", "9", "Beskæftigelses- og Integrationsforvaltningen", "08.09.2008")
    fill(20, "Importeret temamøde 19", "1", "Beskæftigelses- og Integrationsforvaltningen", "31.09.2008")
    fill(40, "Importeret temamøde 39", "1", "Socialforvaltningen; BIF", "11.09.2008", -12)
    filled = tmp_path / "rekvireringer.xlsx"
    workbook.save(filled)

    page.get_by_label("Excel-fil (.xlsx)").set_input_files(filled)
    page.get_by_role("button", name="Indlæs og vis forhåndsvisning").click()
    expect(page.get_by_role("alert")).to_contain_text("3 fejl skal rettes")
    expect(page.get_by_role("row", name="Rekvireringer 9 Udfordring Udfordringen »9« findes ikke")).to_be_visible()
    expect(page.get_by_role("row", name="Rekvireringer 20 Modtaget »31.09.2008« er ikke en dato")).to_be_visible()
    expect(page.get_by_role("row", name="Rekvireringer 40 Deltagere Denne værdi skal være større end")).to_be_visible()
    assert Requisition.objects.count() == before

    fill(9, "Importeret temamøde 8", "1", "Beskæftigelses- og Integrationsforvaltningen", "08.09.2008")
    fill(20, "Importeret temamøde 19", "1", "Beskæftigelses- og Integrationsforvaltningen", "30.09.2008")
    fill(40, "Importeret temamøde 39", "1", "Socialforvaltningen; BIF", "11.09.2008", 12)
    workbook.save(filled)
    page.get_by_role("link", name="Indlæs en anden fil").click()
    page.get_by_label("Excel-fil (.xlsx)").set_input_files(filled)
    page.get_by_role("button", name="Indlæs og vis forhåndsvisning").click()
    expect(page.get_by_role("status")).to_contain_text("Filen er i orden: 50 rækker kan importeres.")
    page.get_by_role("button", name="Importér 50 rækker").click()
    # The worker imports them while the job's page waits, then the page goes on to the list.
    expect(page.locator(".alert-success")).to_contain_text("50 rekvireringer er importeret", timeout=60_000)
    assert Requisition.objects.count() == before + 50

    page.get_by_label("Søg").fill("Importeret temamøde")
    page.get_by_role("button", name="Filtrér").click()
    expect(page.get_by_role("status")).to_contain_text("50 rekvireringer fundet")
    page.get_by_label("Søg").fill("Importeret temamøde 39")
    page.get_by_role("button", name="Filtrér").click()
    page.get_by_role("link", name="Importeret temamøde 39", exact=True).click()
    page.get_by_text("Historik (1 ændring)").click()
    expect(page.locator("details").filter(has_text="Historik")).to_contain_text("Oprettet")
    expect(page.locator("details").filter(has_text="Historik")).to_contain_text("Birgitte Madsen")

    page.get_by_role("button", name="Birgitte Madsen").click()
    page.get_by_role("button", name="Log ud").click()
    login("leder")
    page.goto("/rekvireringer/?year=2008&q=Importeret+temam%C3%B8de")
    with page.expect_download() as download:
        page.get_by_role("link", name="Eksportér til Excel").click()
    exported = load_workbook(io.BytesIO(download.value.path().read_bytes()))["Rekvireringer"]
    titles = [row[0] for row in exported.iter_rows(min_row=2, values_only=True)]
    assert len(titles) == 50 and all(title.startswith("Importeret temamøde") for title in titles)
