"""What a consultant and a manager do on their first day, in a real browser."""

import re

from playwright.sync_api import expect

from cases.models import Requisition
from core.models import Organisation
from demo.loader import demo_load

from .pickers import pick


def test_consultant_registers_a_requisition_with_two_requesters_and_finds_it(page, login):
    demo_load()
    login("konsulent")

    page.get_by_role("link", name="Ny rekvirering").first.click()
    page.get_by_label("Udfordring").select_option(label="2008 · 2. Tryghed")
    page.get_by_label("Titel").fill("Dialogmøde om tryghed i Tingbjerg")
    pick(page, "Rekvirenter", "Socialforvaltningen", "SSP")
    page.get_by_label("Modtaget").fill("2008-10-06")
    page.get_by_label("Deltagere").fill("40")
    page.get_by_role("button", name="Gem").click()

    expect(page.get_by_role("status").or_(page.locator(".alert-success"))).to_contain_text(
        "Dialogmøde om tryghed i Tingbjerg")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dialogmøde om tryghed i Tingbjerg")
    saved = Requisition.objects.get(title="Dialogmøde om tryghed i Tingbjerg")
    assert sorted(saved.requesters.values_list("name", flat=True)) == ["SSP", "Socialforvaltningen"]

    page.get_by_role("link", name="Rekvireringer", exact=True).click()
    page.get_by_label("Rekvirent", exact=True).select_option(label="SSP")
    page.get_by_label("Søg").fill("Tingbjerg")
    page.get_by_role("button", name="Filtrér").click()

    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Dialogmøde om tryghed i Tingbjerg")
    expect(rows.first).to_contain_text("Socialforvaltningen")
    expect(page.locator(".challenge-counts")).to_contain_text("2. Tryghed: 1")


def test_consultant_sees_danish_errors_and_nothing_is_saved(page, login):
    demo_load()
    before = Requisition.objects.count()
    login("konsulent")

    page.goto("/rekvireringer/ny/")
    page.get_by_label("Udfordring").select_option(label="2008 · 1. Udsatte boligområder")
    page.get_by_label("Titel").fill("Uden rekvirent")
    page.get_by_label("Modtaget").fill("2009-01-05")
    page.get_by_role("button", name="Gem").click()

    expect(page.locator("body")).to_contain_text("Angiv mindst én rekvirent.")
    expect(page.locator("body")).to_contain_text("der er ingen arbejdsplan for 2009. Ret datoen")
    assert Requisition.objects.count() == before


def test_manager_sees_the_counts_per_challenge_and_cannot_edit(page, login):
    demo_load()
    login("leder")

    table = page.get_by_role("table")
    expect(table).to_contain_text("Udsatte boligområder")
    requisitions_row = table.get_by_role("row", name=re.compile("^Rekvireringer"))
    expect(requisitions_row).to_have_text(re.compile(r"Rekvireringer\s*4\s*6\s*6\s*6\s*22"))
    advisories_row = table.get_by_role("row", name=re.compile("^Rådgivninger"))
    expect(advisories_row).to_have_text(re.compile(r"Rådgivninger\s*29\s*18\s*29\s*30\s*106"))
    expect(page.get_by_role("link", name="Ny rekvirering")).to_have_count(0)

    requisition = Requisition.objects.first()
    response = page.goto(f"/rekvireringer/{requisition.pk}/rediger/")
    assert response.status == 403


def test_consultant_adds_a_new_requester_from_the_picker_by_keyboard(page, login):
    """The requester is not in the list: typed in full, the picker offers to add it; the dialog shows the
    nearest existing name first; Tab past it to "add", Enter; the new requester is chosen and saved with the
    requisition, marked for the administrator to review."""
    demo_load()
    Organisation.objects.create(name="Foreningen Nyt Liv", kind="association")
    login("konsulent")

    page.goto("/rekvireringer/ny/")
    page.get_by_label("Udfordring").select_option(label="2008 · 2. Tryghed")
    page.get_by_label("Titel").fill("Nabomægling i Sydhavnen")
    picker = page.get_by_role("combobox", name="Rekvirenter")
    picker.focus()
    picker.press_sequentially("Foreningen Nyt Liv, Sydhavnen")
    offer = page.get_by_role("option", name=re.compile("Tilføj ny rekvirent: Foreningen Nyt Liv, Sydhavnen"))
    expect(offer).to_be_visible()
    picker.press("Enter")

    dialog = page.get_by_role("dialog", name="Ny rekvirent: »Foreningen Nyt Liv, Sydhavnen«")
    expect(dialog).to_contain_text("Disse navne ligner")
    existing = dialog.get_by_role("button", name="Vælg »Foreningen Nyt Liv«")
    expect(existing).to_be_focused()
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Tilføj »Foreningen Nyt Liv, Sydhavnen« som ny rekvirent")).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog).to_have_count(0)
    expect(picker).to_be_focused()
    expect(page.get_by_role("button", name="Fjern Foreningen Nyt Liv, Sydhavnen")).to_be_visible()
    expect(page.locator(".ts-wrapper [aria-live=polite]").first).to_have_text("Foreningen Nyt Liv, Sydhavnen er valgt")

    page.get_by_label("Modtaget").fill("2008-10-06")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nabomægling i Sydhavnen")
    saved = Requisition.objects.get(title="Nabomægling i Sydhavnen")
    added = saved.requesters.get()
    assert (added.name, added.kind, added.to_review, added.added_by.username) == (
        "Foreningen Nyt Liv, Sydhavnen", "other", True, "konsulent")



def test_the_challenge_list_follows_the_dates_of_the_requisition(page, login):
    """Only the work plan of the date's year is offered, and the form says which; a requisition received in
    December and held in January may be of either year; a year without a plan is named."""
    demo_load()
    login("konsulent")
    page.goto("/rekvireringer/ny/")
    challenge = page.get_by_label("Udfordring")
    offered = challenge.locator("optgroup:not([hidden])")

    page.get_by_label("Modtaget").fill("2008-03-01")
    expect(page.locator("#id_challenge_year")).to_have_text("Udfordringerne fra arbejdsplanen for 2008.")
    expect(offered).to_have_count(1)
    expect(offered).to_have_attribute("label", "2008")

    page.get_by_label("Modtaget").fill("2007-12-10")
    page.get_by_label("Afholdt/afsluttet").fill("2008-01-15")
    expect(page.locator("#id_challenge_year")).to_have_text("Udfordringerne fra arbejdsplanen for 2007, 2008.")
    expect(offered).to_have_count(2)

    page.get_by_label("Afholdt/afsluttet").fill("")
    page.get_by_label("Modtaget").fill("2031-01-15")
    expect(page.locator("#id_challenge_year")).to_contain_text("Der er ingen arbejdsplan for 2031")
