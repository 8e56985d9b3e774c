"""The atlas in a real browser: Mjølnerparken's map with the demo's actors, an actor placed by a click
on the map, and the printable atlas."""

from playwright.sync_api import expect

from atlas.models import Actor
from demo.loader import demo_load


def test_consultant_sees_the_actors_adds_one_by_clicking_the_map_and_prints(page, login, settings):
    settings.ATLAS_TILE_URL = ""  # no tile server in the tests: the markers and the list must still work
    demo_load()
    login("konsulent")

    page.get_by_role("link", name="Atlas", exact=True).click()
    page.get_by_role("link", name="Mjølnerparken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mjølnerparken")
    expect(page.locator("#area-map .leaflet-marker-icon")).to_have_count(3)
    for name in ("Sjakket", "BazarMusicShop", "Mjølnerparkens helhedsplan"):
        expect(page.get_by_role("link", name=name)).to_be_visible()
    page.get_by_label("Projekt", exact=True).uncheck()
    expect(page.locator("#area-map .leaflet-marker-icon")).to_have_count(2)

    page.get_by_role("link", name="Ny aktør").click()
    page.get_by_label("Navn").fill("Lektiecafé i Mjølnerparken")
    page.get_by_label("Type").select_option(label="Projekt")
    page.locator("#position-map").click(position={"x": 200, "y": 120})
    expect(page.get_by_label("Breddegrad")).not_to_have_value("")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator(".alert-success")).to_contain_text("Lektiecafé i Mjølnerparken")
    actor = Actor.objects.get(name="Lektiecafé i Mjølnerparken")
    assert actor.has_position and [area.name for area in actor.areas.all()] == ["Mjølnerparken"]

    page.goto("/atlas/")
    page.get_by_role("link", name="Mjølnerparken").click()
    expect(page.locator("#area-map .leaflet-marker-icon")).to_have_count(4)
    page.get_by_role("link", name="Udskriv atlas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("TFI-atlas: Mjølnerparken")
    expect(page.locator(".atlas-map .leaflet-marker-icon")).to_have_count(4)
    expect(page.get_by_text("Lektiecafé i Mjølnerparken")).to_be_visible()
