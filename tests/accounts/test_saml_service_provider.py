"""The SAML service provider's configuration: the IdP's metadata from a file as from a URL, the SP's
metadata at its stable URL (signing certificate published when the SP has a key), and the AuthnRequest
sent by redirect to the IdP named in the metadata."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.identity_providers.saml import write_key_and_certificate


@pytest.fixture
def from_file(saml_idp, settings, tmp_path):
    metadata = tmp_path / "idp-metadata.xml"
    metadata.write_text(saml_idp.metadata_xml())
    settings.SAML_IDP_METADATA_FILE = str(metadata)
    settings.SAML_IDP_METADATA_URL = ""
    settings.SITE_URL = "https://tfi.kk.dk"
    return settings


@pytest.mark.django_db
def test_the_login_sends_an_authn_request_to_the_idp_in_the_metadata_file(client, saml_idp, from_file):
    response = client.get("/saml2/login/?next=/rekvireringer/")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{saml_idp.base_url}/sso/redirect"
    query = parse_qs(location.query)
    assert "SAMLRequest" in query
    assert query["RelayState"] == ["/rekvireringer/"]
    assert "Signature" not in query  # the SP has no key of its own here


@pytest.mark.django_db
def test_the_sp_metadata_names_the_entity_the_endpoints_and_wants_signed_assertions(client, from_file):
    body = client.get("/saml2/metadata/").content.decode()
    assert 'entityID="https://tfi.kk.dk/saml2/metadata/"' in body
    assert 'Location="https://tfi.kk.dk/saml2/acs/"' in body
    assert 'Location="https://tfi.kk.dk/saml2/ls/"' in body
    assert 'WantAssertionsSigned="true"' in body
    assert "X509Certificate" not in body


@pytest.mark.django_db
def test_with_a_key_the_sp_publishes_its_certificate_and_signs_its_requests(client, from_file, tmp_path):
    key, cert = tmp_path / "sp.key", tmp_path / "sp.crt"
    write_key_and_certificate(key, cert)
    from_file.SAML_SP_KEY_FILE, from_file.SAML_SP_CERT_FILE = str(key), str(cert)
    body = client.get("/saml2/metadata/").content.decode()
    assert "X509Certificate" in body and 'AuthnRequestsSigned="true"' in body
    query = parse_qs(urlsplit(client.get("/saml2/login/")["Location"]).query)
    assert query["SigAlg"] == ["http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"] and query["Signature"]


@pytest.mark.django_db
def test_a_garbled_logout_message_gets_a_danish_answer(client, from_file):
    response = client.get("/saml2/ls/?SAMLResponse=garbage")
    assert response.status_code == 400
    assert "Logud-beskeden fra identitetsudbyderen kunne ikke læses." in response.content.decode()
    assert client.post("/saml2/ls/post/", {"SAMLResponse": "garbage"}).status_code == 400


@pytest.mark.django_db
def test_logging_out_a_saml_session_whose_saml_cookie_is_gone_logs_out_here(client, from_file):
    from tests.factories import ConsultantFactory

    client.force_login(ConsultantFactory())
    session = client.session
    session["accounts_sign_in"] = {"protocol": "saml", "multi_factor": True, "id_token": ""}
    session.save()
    response = client.post("/logout/")
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert "_auth_user_id" not in client.session
