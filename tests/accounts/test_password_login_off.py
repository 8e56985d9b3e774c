"""PASSWORD_LOGIN off: the login page offers only the municipality's login; the break-glass user keeps a
password at /login/?adgangskode=1."""

import pytest
from django.urls import reverse

from tests.accounts.helpers import log_in
from tests.factories import AdministratorFactory, ConsultantFactory


@pytest.fixture
def sso_only(settings):
    settings.OIDC_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    settings.OIDC_CLIENT_ID = "tfi-register"
    settings.OIDC_BUTTON_TEXT = "Log ind med Københavns Kommune"
    settings.PASSWORD_LOGIN = False
    settings.PASSWORD_LOGIN_USERS = frozenset({"nødadmin"})
    settings.OTP_REQUIRED_FOR_MANAGEMENT = False
    return settings


@pytest.mark.django_db
def test_the_login_page_shows_only_the_municipalitys_button(client, sso_only):
    page = client.get(reverse("login")).content.decode()
    assert "Log ind med Københavns Kommune" in page
    assert 'href="/login/oidc/?next=%2F"' in page
    assert 'name="password"' not in page


@pytest.mark.django_db
def test_the_button_keeps_the_whole_page_the_user_was_going_to(client, sso_only):
    """A page with a query string of its own (a filtered list) is kept whole, encoded, through the button."""
    page = client.get(reverse("login"), {"next": "/rekvireringer/?year=2008&page=2"}).content.decode()
    assert 'href="/login/oidc/?next=%2Frekvireringer%2F%3Fyear%3D2008%26page%3D2"' in page


@pytest.mark.django_db
def test_a_password_is_refused_for_everyone_but_the_break_glass_user(client, sso_only):
    ConsultantFactory(username="konsulent")
    AdministratorFactory(username="nødadmin")
    response = log_in(client, "konsulent")
    assert response.status_code == 200
    assert "Log ind med adgangskode er slået fra" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("login") + "?adgangskode=1").content.decode().count('name="password"') == 1
    response = client.post(reverse("login") + "?adgangskode=1", {"username": "nødadmin", "password": "demo"})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_with_no_provider_configured_the_password_still_works(client, settings):
    settings.PASSWORD_LOGIN = False
    settings.OTP_REQUIRED_FOR_MANAGEMENT = False
    ConsultantFactory(username="konsulent")
    page = client.get(reverse("login")).content.decode()
    assert 'name="password"' in page
    assert log_in(client, "konsulent").status_code == 302


@pytest.mark.django_db
def test_the_sso_endpoints_are_not_there_until_configured(client):
    assert client.get("/login/oidc/").status_code == 404
    assert client.get("/saml2/metadata/").status_code == 404
    assert client.get("/saml2/login/").status_code == 404


@pytest.mark.django_db
def test_the_break_glass_form_does_not_tell_whose_names_work(client, sso_only):
    ConsultantFactory(username="konsulent")
    response = client.post(reverse("login") + "?adgangskode=1", {"username": "konsulent", "password": "demo"})
    assert "slået fra" not in response.content.decode()
    assert "_auth_user_id" not in client.session
