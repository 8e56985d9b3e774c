"""Sessions: a new key at login, deleted on the server at logout, idle and absolute limits."""

import time

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from accounts.sessions import LAST_SEEN, LOGIN_AT
from tests.accounts.helpers import log_in
from tfi import settings as project_settings

IDLE = "Du er logget ud, fordi du ikke har brugt registret i 30 minutter. Log ind igen."
TOO_LONG = "Du er logget ud, fordi du har været logget ind i mere end 12 timer. Log ind igen."


def shift(client, **seconds_back):
    """Move the session's clocks back, as if that much time had passed."""
    session = client.session
    for key, seconds in seconds_back.items():
        session[key] -= seconds
    session.save()


def test_login_gives_a_new_session_key(client, consultant):
    before = client.session.session_key  # an anonymous session, as an attacker could plant one
    assert Session.objects.filter(session_key=before).exists()

    log_in(client, "konsulent1")

    after = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert client.session[SESSION_KEY] == str(consultant.pk)


def test_logout_deletes_the_session_on_the_server(client, consultant):
    log_in(client, "konsulent1")
    old_key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert client.get("/").status_code == 200

    client.post(reverse("logout"))

    assert not Session.objects.filter(session_key=old_key).exists()
    replay = Client()
    replay.cookies[django_settings.SESSION_COOKIE_NAME] = old_key
    assert replay.get("/").status_code == 302


@pytest.fixture
def logged_in(client, consultant):
    client.force_login(consultant)
    return client


def test_login_starts_both_clocks(logged_in):
    now = time.time()

    assert abs(logged_in.session[LOGIN_AT] - now) < 5
    assert abs(logged_in.session[LAST_SEEN] - now) < 5


def test_an_idle_session_is_logged_out_with_the_reason(logged_in):
    old_key = logged_in.session.session_key
    shift(logged_in, accounts_last_seen=30 * 60)

    response = logged_in.get("/rekvireringer/", follow=True)

    assert response.redirect_chain[-1][0] == "/login/?next=/rekvireringer/"
    assert IDLE in response.content.decode()
    assert not Session.objects.filter(session_key=old_key).exists()
    assert SESSION_KEY not in logged_in.session


def test_using_the_site_keeps_the_session(logged_in):
    shift(logged_in, accounts_last_seen=29 * 60)

    assert logged_in.get("/", HTTP_SEC_FETCH_MODE="navigate").status_code == 200
    assert abs(logged_in.session[LAST_SEEN] - time.time()) < 5

    shift(logged_in, accounts_last_seen=29 * 60)
    assert logged_in.get("/").status_code == 200


def test_a_form_sent_counts_as_use(logged_in):
    shift(logged_in, accounts_last_seen=29 * 60)

    logged_in.post(reverse("set_language"), {"language": "da", "next": "/"}, HTTP_SEC_FETCH_MODE="navigate")

    assert abs(logged_in.session[LAST_SEEN] - time.time()) < 5


@pytest.mark.parametrize("mode", ["no-cors", "cors", "same-origin"])
def test_what_a_page_loads_by_itself_does_not_keep_the_session(logged_in, mode):
    # The dashboard's chart images (no-cors) and the atlas's GeoJSON fetch (cors) come without a person.
    shift(logged_in, accounts_last_seen=29 * 60)
    stamp = logged_in.session[LAST_SEEN]

    assert logged_in.get("/", HTTP_SEC_FETCH_MODE=mode).status_code == 200
    assert logged_in.session[LAST_SEEN] == stamp

    shift(logged_in, accounts_last_seen=60)
    assert logged_in.get("/").status_code == 302


def test_the_idle_clock_is_not_written_on_every_page(logged_in):
    shift(logged_in, accounts_last_seen=30)
    stamp = logged_in.session[LAST_SEEN]

    logged_in.get("/")

    assert logged_in.session[LAST_SEEN] == stamp


def test_a_session_is_logged_out_after_the_absolute_limit_however_busy(logged_in):
    shift(logged_in, accounts_login_at=12 * 3600)

    response = logged_in.get("/", follow=True)

    assert response.redirect_chain[-1][0] == "/login/?next=/"
    assert TOO_LONG in response.content.decode()


def test_just_under_the_absolute_limit_it_holds(logged_in):
    shift(logged_in, accounts_login_at=12 * 3600 - 60)

    assert logged_in.get("/").status_code == 200


def test_the_limits_come_from_the_settings(logged_in, settings):
    settings.SESSION_IDLE_MINUTES = 5
    shift(logged_in, accounts_last_seen=5 * 60)

    response = logged_in.get("/", follow=True)

    assert "Du er logget ud, fordi du ikke har brugt registret i 5 minutter." in response.content.decode()


def test_a_session_from_before_the_limits_gets_its_clocks(logged_in):
    session = logged_in.session
    del session[LOGIN_AT], session[LAST_SEEN]
    session.save()

    assert logged_in.get("/").status_code == 200
    assert abs(logged_in.session[LOGIN_AT] - time.time()) < 5


def test_an_expired_session_still_opens_a_public_page(logged_in):
    shift(logged_in, accounts_last_seen=31 * 60)

    response = logged_in.get(reverse("login"))

    assert response.status_code == 200
    assert SESSION_KEY not in logged_in.session


def test_the_cookies_are_httponly_samesite_lax_and_live_as_long_as_the_absolute_limit(client, consultant):
    client.get(reverse("login"))
    response = log_in(client, "konsulent1")

    session_cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert session_cookie["httponly"]
    assert session_cookie["samesite"] == "Lax"
    assert int(session_cookie["max-age"]) == 12 * 3600
    csrf_cookie = client.cookies[django_settings.CSRF_COOKIE_NAME]
    assert csrf_cookie["httponly"]
    assert csrf_cookie["samesite"] == "Lax"


def test_production_settings_mark_the_cookies_secure():
    # The suite turns Secure off to talk plain HTTP to its test server; the settings module has them on.
    assert project_settings.DEBUG is False
    assert project_settings.SESSION_COOKIE_SECURE is True
    assert project_settings.CSRF_COOKIE_SECURE is True
    assert project_settings.SESSION_COOKIE_AGE == project_settings.SESSION_MAX_HOURS * 3600 == 12 * 3600


def test_a_closed_account_is_told_so_and_its_session_ends(client, consultant):
    """The right password of a deactivated user: the login page says the account is closed (not that the
    password is wrong), logs nobody in and does not count towards the lockout; a session of the user from
    before the account was closed ends at its next request."""
    other = Client()
    assert log_in(other, consultant.username).status_code == 302
    consultant.is_active = False
    consultant.save()

    response = log_in(client, consultant.username)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Kontoen er lukket. Kontakt administratoren, hvis du skal bruge den igen."]
    assert SESSION_KEY not in client.session
    assert not AccessAttempt.objects.exists()
    assert other.get("/").status_code == 302  # sent to the login page
    wrong = log_in(client, consultant.username, "forkert-kode")
    assert "Kontoen er lukket" not in wrong.content.decode()  # a wrong password learns nothing
