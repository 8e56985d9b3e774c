"""The OpenID Connect callback's answers that need no provider: a refusal or cancellation at the provider,
and a provider that cannot be reached."""

import pytest


@pytest.fixture
def oidc_settings(settings):
    settings.OIDC_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"  # nothing listens there
    settings.OIDC_CLIENT_ID = "tfi-register"
    return settings


@pytest.mark.django_db
def test_a_cancelled_sign_in_at_the_provider_says_so_in_danish(client, oidc_settings):
    response = client.get("/login/oidc/svar/?error=access_denied&state=abc")
    assert response.status_code == 403
    assert "Login blev afvist eller annulleret hos identitetsudbyderen." in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_link_with_an_error_neither_shows_its_text_nor_logs_anyone_out(client, oidc_settings):
    from tests.factories import ConsultantFactory

    client.force_login(ConsultantFactory())
    response = client.get("/login/oidc/svar/?error=Ring+straks+til+12345678&state=abc")
    assert "Ring straks til 12345678" not in response.content.decode()
    assert "Identitetsudbyderen afbrød login." in response.content.decode()
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_an_unreachable_provider_gives_a_danish_page_not_an_error(client, oidc_settings):
    response = client.get("/login/oidc/")
    assert response.status_code == 503
    assert "Identitetsudbyderen svarer ikke" in response.content.decode()
