"""An edit leaves its trace: the consultant sees it under "Historik", management finds it at /historik/."""

import re

from playwright.sync_api import expect

from cases.models import Requisition
from demo.loader import demo_load


def test_an_edit_shows_in_the_history_and_management_finds_it(page, login):
    demo_load()
    requisition = Requisition.objects.filter(status="finished").order_by("pk").first()
    old_title = requisition.title
    login("konsulent")

    page.goto(f"/rekvireringer/{requisition.pk}/rediger/")
    page.get_by_label("Titel").fill("Naboskabsdialog i Tingbjerg")
    page.get_by_label("Status").select_option(label="Annulleret")
    page.get_by_role("button", name="Gem").click()
    page.locator("#historik summary").click()

    latest = page.locator("#historik li").first
    expect(latest).to_contain_text("Ændret")
    expect(latest).to_contain_text("Titel")
    expect(latest.locator("del").first).to_have_text(old_title)
    expect(latest).to_contain_text("Afsluttet → Annulleret")

    page.context.clear_cookies()
    login("leder")
    page.get_by_role("button", name="Ledelse").click()
    page.get_by_role("link", name="Historik").click()
    page.get_by_label("Søg").fill("naboskabsdialog")
    page.get_by_role("button", name="Filtrér").click()

    row = page.locator("table tbody tr").first
    expect(page.locator("table tbody tr")).to_have_count(1)
    expect(row).to_contain_text("Ændret")
    row.get_by_role("link", name="Naboskabsdialog i Tingbjerg").click()
    expect(page).to_have_url(re.compile(rf"/rekvireringer/{requisition.pk}/$"))
