"""Sign-in through OpenID Connect in a real browser, against a real OpenID provider (pyop, on 127.0.0.1:
tests/identity_providers/oidc.py): a new consultant signs in without an account made beforehand, roles follow
the provider's groups at every sign-in, someone without a role gets no access and no account, every broken
or replayed answer is refused in Danish with no session, and logging out ends the session at the provider."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from accounts.models import ExternalIdentity
from core import roles
from tests.browser.sso import CONSULTANTS, MANAGEMENT, ROLE_MAP, role_names, sign_in_at_provider, signed_out
from tests.identity_providers.oidc import OpenIDProvider

CLIENT_ID, CLIENT_SECRET = "tfi-register", "hemmelig-klientnoegle-1234"


@pytest.fixture(scope="module")
def provider():
    provider = OpenIDProvider().start()
    yield provider
    provider.stop()


@pytest.fixture
def oidc(provider, site, settings):
    provider.register_client(CLIENT_ID, CLIENT_SECRET, [f"{site}/login/oidc/svar/"], [f"{site}/login/"])
    provider.mischief = None
    provider.users.clear()
    provider.users["kako"] = {"sub": "2f9e61c4-karen", "name": "Karen Kongsted", "email": "kako@kk.dk",
                              "preferred_username": "kako", "groups": [CONSULTANTS, MANAGEMENT],
                              "amr": ["pwd", "mfa"]}
    settings.OIDC_DISCOVERY_URL = provider.discovery_url
    settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    settings.OIDC_ROLES = ROLE_MAP
    settings.SITE_URL = site
    settings.OTP_REQUIRED_FOR_MANAGEMENT = True
    settings.PASSWORD_LOGIN = False
    return provider


def test_a_new_consultant_signs_in_roles_follow_the_groups_and_logout_ends_it_at_the_provider(sso_page, oidc):
    page = sso_page
    page.goto("/login/")
    expect(page.get_by_label("Adgangskode")).to_have_count(0)
    sign_in_at_provider(page, "kako")
    page.wait_for_url("**/")
    expect(page.get_by_role("button", name="Karen Kongsted")).to_be_visible()
    assert role_names("kako") == {roles.CONSULTANT, roles.MANAGEMENT}
    assert ExternalIdentity.objects.get(user__username="kako").subject == "2f9e61c4-karen"
    request = oidc.authorization_requests[-1]
    assert request["code_challenge_method"] == "S256" and request["code_challenge"]
    assert request["state"] and request["nonce"]
    # The provider asserted more than a password (amr "mfa"): no code of the register's own.
    assert page.goto("/historik/").status == 200

    page.get_by_role("button", name="Karen Kongsted").click()
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url("**/login/**")
    expect(page.get_by_role("status")).to_contain_text("Du er logget ud")
    assert len(oidc.ended_sessions) == 1 and oidc.ended_sessions[0]["id_token_hint"]
    assert signed_out(page)

    # Management's group removed at the provider: the role goes at the next sign-in.
    oidc.users["kako"]["groups"] = [CONSULTANTS]
    sign_in_at_provider(page, "kako")
    page.wait_for_url("**/")
    assert role_names("kako") == {roles.CONSULTANT}
    # The change history is management's and the administrator's, not a consultant's.
    assert page.goto("/historik/").status == 403

    # No group left: no access, and no session.
    oidc.users["kako"]["groups"] = []
    page.context.clear_cookies()
    sign_in_at_provider(page, "kako")
    expect(page.get_by_role("heading", level=1)).to_have_text("Du har ikke adgang til TFI Register")
    assert signed_out(page)
    assert role_names("kako") == set()


def test_someone_without_a_role_gets_no_account(sso_page, oidc):
    oidc.users["ulla"] = {"sub": "ulla-1", "name": "Ulla Udenfor", "preferred_username": "ulla",
                          "groups": ["3c3c3c3c-other-department"]}
    sign_in_at_provider(sso_page, "ulla")
    expect(sso_page.get_by_role("heading", level=1)).to_have_text("Du har ikke adgang til TFI Register")
    expect(sso_page.get_by_text("TaskForce Integrations administrator")).to_be_visible()
    assert not get_user_model().objects.filter(username="ulla").exists()
    assert signed_out(sso_page)


def test_without_the_providers_second_factor_management_gives_the_registers_own_code(sso_page, oidc):
    oidc.users["kako"]["amr"] = ["pwd"]
    sign_in_at_provider(sso_page, "kako")
    sso_page.wait_for_url("**/konto/totp/**")
    expect(sso_page.get_by_role("alert")).to_contain_text("Din rolle kræver")


@pytest.mark.parametrize(("mischief", "message"), [
    ("tampered_signature", "har ikke en gyldig signatur"),
    ("wrong_audience", "udstedt til en anden tjeneste"),
    ("expired", "er udløbet"),
    ("wrong_issuer", "kommer ikke fra den identitetsudbyder"),
    ("no_id_token", "sendte ikke et ID-token"),
])
def test_a_broken_answer_is_refused_in_danish_with_no_session(sso_page, oidc, mischief, message):
    oidc.mischief = mischief
    sign_in_at_provider(sso_page, "kako")
    expect(sso_page.get_by_role("heading", level=1)).to_have_text("Log ind mislykkedes")
    expect(sso_page.get_by_role("alert")).to_contain_text(message)
    assert signed_out(sso_page)
    assert not get_user_model().objects.filter(username="kako").exists()


def test_a_replayed_answer_is_refused(sso_page, oidc, browser, site):
    callbacks = []
    sso_page.on("request", lambda request: callbacks.append(request.url) if "/login/oidc/svar/" in request.url
                else None)
    sign_in_at_provider(sso_page, "kako")
    sso_page.wait_for_url("**/")
    assert len(callbacks) == 1
    # The same answer (code and state) opened in another browser, as by someone who copied the address.
    other = browser.new_context(base_url=site, locale="da-DK")
    page = other.new_page()
    page.goto(callbacks[0])
    expect(page.get_by_role("alert")).to_contain_text("ugyldigt, forældet eller allerede brugt")
    assert signed_out(page)
    other.close()
    # And again in the browser that used it: refused too; the session it has stays (a link logs no one out).
    sso_page.goto(callbacks[0])
    expect(sso_page.get_by_role("alert")).to_contain_text("ugyldigt, forældet eller allerede brugt")
    assert not signed_out(sso_page)
