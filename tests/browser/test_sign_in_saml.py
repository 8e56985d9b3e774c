"""Sign-in through SAML 2.0 in a real browser, against a real identity provider (pysaml2's own IdP with
xmlsec1, on 127.0.0.1: tests/identity_providers/saml.py): the SP's metadata is read by the IdP from the
register's URL, a new consultant signs in without an account made beforehand, KOMBIT's privileges give a role,
roles follow the attributes at every sign-in, someone without a role gets no access, every tampered, stale,
unsigned or replayed response is refused in Danish with no session, and logging out ends the session at
the IdP (single logout)."""

import base64

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from accounts.models import ExternalIdentity
from core import roles
from tests.browser.sso import CONSULTANTS, MANAGEMENT, ROLE_MAP, role_names, sign_in_at_provider, signed_out

ROLE = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"
NAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"
EMAIL = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
UPN = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"
PRIVILEGES = "dk:gov:saml:attribute:Privileges_intermediate"
MULTI_FACTOR = "http://schemas.microsoft.com/claims/multipleauthn"


def kombit_privileges(*privileges: str) -> str:
    """KOMBIT's basic privilege profile, base64-encoded as the Context Handler sends it."""
    listed = "".join(f"<Privilege>{privilege}</Privilege>" for privilege in privileges)
    return base64.b64encode(
        ('<?xml version="1.0" encoding="UTF-8"?><bpp:PrivilegeList '
         'xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile"><PrivilegeGroup '
         f'Scope="urn:dk:gov:saml:cvrNumberIdentifier:64942212">{listed}</PrivilegeGroup></bpp:PrivilegeList>')
        .encode()).decode()


@pytest.fixture
def saml(saml_idp, site, settings):
    saml_idp.trust_sp(f"{site}/saml2/metadata/")
    saml_idp.mischief = None
    saml_idp.users.clear()
    saml_idp.users["anna"] = {"name_id": "anna-persistent-1", "authn_context": MULTI_FACTOR,
                         "attributes": {ROLE: [CONSULTANTS], NAME: ["Anna Berg"], EMAIL: ["anna@kk.dk"],
                                        UPN: ["anbe@kk.dk"]}}
    settings.SAML_IDP_METADATA_URL = saml_idp.metadata_url
    settings.SAML_ROLES = ROLE_MAP
    settings.SITE_URL = site
    settings.OTP_REQUIRED_FOR_MANAGEMENT = True
    settings.PASSWORD_LOGIN = False
    return saml_idp


def test_the_sp_metadata_is_published(sso_page, saml):
    response = sso_page.request.get("/saml2/metadata/")
    assert response.status == 200
    body = response.text()
    assert "AssertionConsumerService" in body and "/saml2/acs/" in body
    assert 'WantAssertionsSigned="true"' in body


def test_a_new_consultant_signs_in_roles_follow_the_attributes_and_single_logout_ends_it(sso_page, saml):
    page = sso_page
    sign_in_at_provider(page, "anna")
    page.wait_for_url("**/")
    expect(page.get_by_role("button", name="Anna Berg")).to_be_visible()
    assert role_names("anbe@kk.dk") == {roles.CONSULTANT}
    assert ExternalIdentity.objects.get(user__username="anbe@kk.dk").subject == "anna-persistent-1"

    page.get_by_role("button", name="Anna Berg").click()
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url("**/login/")
    expect(page.get_by_role("status")).to_contain_text("Du er logget ud")
    assert [request["name_id"] for request in saml.logout_requests] == ["anna-persistent-1"]
    assert signed_out(page)

    # Management given at the IdP, then taken away: the role follows at each sign-in.
    saml.users["anna"]["attributes"][ROLE] = [CONSULTANTS, MANAGEMENT]
    sign_in_at_provider(page, "anna")
    page.wait_for_url("**/")
    assert role_names("anbe@kk.dk") == {roles.CONSULTANT, roles.MANAGEMENT}
    assert page.goto("/historik/").status == 200
    page.context.clear_cookies()
    saml.users["anna"]["attributes"][ROLE] = [CONSULTANTS]
    sign_in_at_provider(page, "anna")
    page.wait_for_url("**/")
    assert role_names("anbe@kk.dk") == {roles.CONSULTANT}
    assert page.goto("/historik/").status == 403


def test_kombit_privileges_give_the_role_and_no_role_gives_no_access(sso_page, saml, settings):
    settings.SAML_ROLES = {**ROLE_MAP, roles.MANAGEMENT: frozenset({"http://kombit.dk/roles/usersystemrole/tfi-ledelse/1"})}
    saml.users["kim"] = {"name_id": "kim-persistent-7", "authn_context": MULTI_FACTOR,
                         "attributes": {PRIVILEGES: [kombit_privileges("http://kombit.dk/roles/usersystemrole/tfi-ledelse/1")],
                                        "https://data.gov.dk/model/core/eid/fullName": ["Kim Kommunal"],
                                        "https://data.gov.dk/model/core/eid/email": ["kim@kk.dk"]}}
    sign_in_at_provider(sso_page, "kim")
    sso_page.wait_for_url("**/")
    assert role_names("kim") == {roles.MANAGEMENT}

    sso_page.context.clear_cookies()
    saml.users["kim"]["attributes"][PRIVILEGES] = [kombit_privileges("http://kombit.dk/roles/usersystemrole/andet/1")]
    sign_in_at_provider(sso_page, "kim")
    expect(sso_page.get_by_role("heading", level=1)).to_have_text("Du har ikke adgang til TFI Register")
    assert signed_out(sso_page)
    assert role_names("kim") == set()


def test_without_the_idps_second_factor_a_manager_gives_the_registers_own_code(sso_page, saml):
    saml.users["anna"]["attributes"][ROLE] = [MANAGEMENT]
    saml.users["anna"]["authn_context"] = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
    sign_in_at_provider(sso_page, "anna")
    sso_page.wait_for_url("**/konto/totp/**")
    expect(sso_page.get_by_role("alert")).to_contain_text("Din rolle kræver")


@pytest.mark.parametrize(("mischief", "message"), [
    ("tampered", "har ikke en gyldig signatur"),
    ("unsigned", "har ikke en gyldig signatur"),
    ("expired", "er udløbet"),
    ("wrong_audience", "udstedt til en anden tjeneste"),
])
def test_a_broken_response_is_refused_in_danish_with_no_session(sso_page, saml, mischief, message):
    saml.mischief = mischief
    sign_in_at_provider(sso_page, "anna")
    expect(sso_page.get_by_role("heading", level=1)).to_have_text("Log ind mislykkedes")
    expect(sso_page.get_by_role("alert")).to_contain_text(message)
    assert signed_out(sso_page)
    assert not get_user_model().objects.filter(username="anbe@kk.dk").exists()


def test_a_replayed_response_is_refused(sso_page, saml, browser, site):
    sign_in_at_provider(sso_page, "anna")
    sso_page.wait_for_url("**/")
    posted = saml.responses[-1]
    # The same response posted again: by another browser, and by the one that used it.
    other = browser.new_context(base_url=site, locale="da-DK")
    for context in (other, sso_page.context):
        response = context.request.post(posted["acs_url"], form={"SAMLResponse": posted["SAMLResponse"],
                                                                 "RelayState": posted["RelayState"] or ""})
        assert response.status == 403
        assert "Log ind mislykkedes" in response.text()
    page = other.new_page()
    assert signed_out(page)
    other.close()
