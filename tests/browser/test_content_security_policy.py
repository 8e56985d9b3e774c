"""The Content-Security-Policy in a real browser: no page the register shows breaks it (Chromium reports
every refused script, style or image on the console), and the maps still draw their markers and tiles."""

from playwright.sync_api import expect

from core.models import Area
from demo.loader import demo_load
from tests.factories import InvitationFactory
from tfi.settings import csp_source


def violations_of(page) -> list[str]:
    found = []
    page.on("console", lambda message: found.append(message.text)
            if "Content Security Policy" in message.text else None)
    return found


def visit(page, url: str) -> None:
    response = page.goto(url)
    assert response.status < 400, (url, response.status)
    page.wait_for_load_state("networkidle")


def test_no_page_breaks_the_policy(page, login, browser, live_server, settings):
    # The tiles come from another origin than the pages (127.0.0.1 instead of localhost), allowed the
    # way production allows ATLAS_TILE_URL's host.
    tile_url = live_server.url.replace("localhost", "127.0.0.1") + "/static/favicon.svg?{z}/{x}/{y}"
    settings.ATLAS_TILE_URL = tile_url
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {**directives,
                                                       "img-src": ["'self'", "data:", *csp_source(tile_url)]}}
    demo_load()
    area = Area.objects.get(name="Mjølnerparken")
    invitation = InvitationFactory()
    violations = violations_of(page)

    # The listener hears a violation: an image from a host the policy does not name.
    visit(page, "/login/")
    page.evaluate("() => { const image = new Image(); image.src = 'https://elsewhere.example/x.png'; "
                  "document.body.append(image); }")
    page.wait_for_timeout(200)
    assert violations and "elsewhere.example" in violations[0]
    violations.clear()

    login("konsulent")
    for url in ("/", "/rekvireringer/", "/rekvireringer/ny/", "/raadgivninger/", "/atlas/",
                f"/atlas/{area.pk}/", "/atlas/aktoerer/ny/", f"/atlas/{area.pk}/udskrift/"):
        visit(page, url)
    visit(page, f"/atlas/{area.pk}/")
    expect(page.locator("#area-map .leaflet-marker-icon")).to_have_count(3)
    expect(page.locator("#area-map img.leaflet-tile-loaded").first).to_be_attached()

    page.context.clear_cookies()
    login("leder")
    visit(page, "/ledelse/?year=2008")
    expect(page.locator("figure.chart img")).to_have_count(4)
    assert page.evaluate("() => [...document.querySelectorAll('figure.chart img')].every(i => i.naturalWidth > 0)")
    for url in ("/rapport/2008/", "/tilfredshed/"):
        visit(page, url)

    page.context.clear_cookies()
    visit(page, f"/svar/{invitation.token}/")
    expect(page.get_by_role("button", name="Send svar")).to_be_visible()

    login("admin")
    for url in ("/admin/", "/admin/core/workplan/add/", "/admin/atlas/actor/add/", "/admin/auth/user/"):
        visit(page, url)

    assert violations == []
