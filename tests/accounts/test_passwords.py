"""Argon2 for new passwords, older hashes upgraded at login, Django's validators on the change page."""

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from tests.accounts.helpers import log_in
from tfi import settings as project_settings

URL = reverse("accounts:password_change")
NEW = "Grøn-Lygte-Mjølner-2009"


@pytest.fixture(autouse=True)
def _project_hashers(settings):
    # The suite hashes with MD5 for speed; here the project's own list counts.
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS


def change(client, old="demo", new=NEW, repeat=None):
    return client.post(URL, {"old_password": old, "new_password1": new, "new_password2": repeat or new})


def test_the_page_requires_login(client):
    assert client.get(URL).status_code == 302


def test_a_new_password_is_hashed_with_argon2(client, consultant):
    client.force_login(consultant)

    response = change(client)

    assert response.status_code == 302
    consultant.refresh_from_db()
    assert consultant.password.startswith("argon2$")
    assert consultant.check_password(NEW)


def test_the_user_stays_logged_in_and_other_sessions_end(client, consultant, django_user_model):
    from django.test import Client

    elsewhere = Client()
    elsewhere.force_login(consultant)
    client.force_login(consultant)

    change(client)

    assert client.get("/").status_code == 200
    assert elsewhere.get("/").status_code == 302


def test_an_old_pbkdf2_hash_still_logs_in_and_is_upgraded(client, consultant):
    consultant.password = make_password("gammel-kode-2008", hasher="pbkdf2_sha256")
    consultant.save()

    assert log_in(client, "konsulent1", "gammel-kode-2008").status_code == 302

    consultant.refresh_from_db()
    assert consultant.password.startswith("argon2$")
    assert consultant.check_password("gammel-kode-2008")


@pytest.mark.parametrize(("new", "message"), [
    ("kort-2009", "Denne adgangskode er for kort. Den skal indeholde mindst 12 tegn."),
    ("918273645019283", "Denne adgangskode er udelukkende numerisk."),
    ("password1234", "Denne adgangskode er for almindelig."),
])
def test_the_validators_refuse_weak_passwords_in_danish(client, consultant, new, message):
    client.force_login(consultant)

    response = change(client, new=new)

    assert response.status_code == 200
    assert message in response.content.decode()
    consultant.refresh_from_db()
    assert consultant.check_password("demo")


def test_the_page_explains_the_rules_in_danish(client, consultant):
    client.force_login(consultant)

    page = client.get(URL).content.decode()

    assert "Skift adgangskode" in page
    assert "mindst 12 tegn" in page
