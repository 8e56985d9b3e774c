"""Login with the second factor in a real browser: a manager registers an authenticator app at the
first login and gives its code at the next."""

from base64 import b32decode

from playwright.sync_api import expect

from tests.accounts.helpers import code_for
from tests.factories import ManagerFactory


def log_in(page, username):
    page.goto("/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("demo")
    page.get_by_role("button", name="Log ind").click()


def test_a_manager_enrols_an_authenticator_app_then_logs_in_with_its_code(page, settings):
    settings.OTP_REQUIRED_FOR_MANAGEMENT = True
    manager = ManagerFactory(username="leder1")

    log_in(page, "leder1")
    page.wait_for_url("**/konto/totp/?next=/")
    expect(page.get_by_role("alert")).to_contain_text("Din rolle kræver")
    expect(page.locator(".totp-qr svg")).to_be_visible()
    expect(page.get_by_role("navigation", name="Hovedmenu")).to_have_count(0)
    # Typed off the page, as into a phone without a camera.
    key = b32decode(page.locator("#totp-secret").inner_text().replace(" ", ""))
    page.get_by_label("Kode").fill(code_for(key))
    page.get_by_role("button", name="Bekræft").click()
    page.wait_for_url("**/")
    expect(page.get_by_role("status")).to_contain_text("Totrinsbekræftelse er slået til")

    page.get_by_role("button", name="Ledelse", exact=True).click()
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Ledelsesoverblik").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ledelsesoverblik")

    page.get_by_role("button", name=manager.get_full_name()).click()
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url("**/login/")

    log_in(page, "leder1")
    page.wait_for_url("**/login/totp/?next=/")
    page.get_by_label("Kode").fill(code_for(key, offset=1))
    page.get_by_role("button", name="Bekræft").click()
    page.wait_for_url("**/")
    page.goto("/ledelse/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ledelsesoverblik")
