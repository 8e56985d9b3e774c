"""django-axes: a username at one address is locked after AXES_FAILURE_LIMIT failures."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth import SESSION_KEY
from django.test import Client

from tests.accounts.helpers import log_in

LOCKED = "For mange mislykkede forsøg. Prøv igen om 15 minutter."


def fail(client, username="konsulent1", times=1, **extra):
    return [log_in(client, username, "forkert-kode", **extra) for _ in range(times)]


def back_in_time(**delta):
    """Move the recorded attempt back, as if that much time had passed."""
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(**delta))


@pytest.fixture
def locked(client, consultant, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    *before, last = fail(client, times=5)
    assert [response.status_code for response in before] == [200] * 4
    assert last.status_code == 429
    return consultant


def test_failures_below_the_limit_show_the_ordinary_error(client, consultant):
    response = fail(client, times=4)[-1]

    assert response.status_code == 200
    assert LOCKED not in response.content.decode()
    assert log_in(client, "konsulent1").status_code == 302


def test_the_limit_locks_and_refuses_even_the_right_password(client, locked):
    response = log_in(client, "konsulent1", "demo")

    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    page = response.content.decode()
    assert LOCKED in page
    assert 'name="username"' in page  # the login page in the site's layout, not a bare refusal
    assert "TFI Register" in page


def test_it_records_the_attempts_without_the_password(client, locked):
    attempt = AccessAttempt.objects.get(username="konsulent1", ip_address="127.0.0.1")
    assert attempt.failures_since_start == 5
    assert "forkert-kode" not in attempt.post_data
    assert AccessFailureLog.objects.filter(username="konsulent1").count() == 5
    assert AccessFailureLog.objects.filter(username="konsulent1", locked_out=True).exists()


def test_the_lock_holds_within_the_cool_off_and_expires_after_it(client, locked):
    back_in_time(minutes=14)
    assert log_in(client, "konsulent1").status_code == 429

    # The refused attempt started the lock over: 15 minutes from it.
    back_in_time(minutes=15, seconds=1)
    response = log_in(client, "konsulent1")

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(locked.pk)


def test_a_success_clears_the_count(client, consultant):
    fail(client, times=4)
    assert log_in(client, "konsulent1").status_code == 302
    client.logout()

    assert fail(client, times=4)[-1].status_code == 200


def test_it_locks_the_username_only_at_that_address(client, locked, other_consultant):
    assert log_in(client, "konsulent1", REMOTE_ADDR="10.1.2.3").status_code == 302
    client.logout()
    assert log_in(client, "konsulent2").status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_lock(client, locked):
    response = log_in(client, "konsulent1", HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert response.status_code == 429


class TestBehindAProxy:
    """AXES_IPWARE_PROXY_COUNT=0: one proxy (nginx) in front, putting the client's address in X-Forwarded-For."""

    @pytest.fixture(autouse=True)
    def _proxy(self, settings):
        settings.AXES_IPWARE_PROXY_COUNT = 0
        settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
        settings.IPWARE_STRICT = False

    def via_proxy(self, client, client_header, password="forkert-kode"):
        return log_in(client, "konsulent1", password, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=client_header)

    def test_it_locks_the_client_behind_the_proxy_not_the_proxy(self, client, consultant):
        responses = [self.via_proxy(client, "203.0.113.5") for _ in range(5)]

        assert responses[-1].status_code == 429
        assert AccessAttempt.objects.get().ip_address == "203.0.113.5"
        assert self.via_proxy(client, "203.0.113.6", password="demo").status_code == 302

    def test_an_address_the_client_puts_in_front_is_ignored(self, client, consultant):
        for _ in range(5):
            self.via_proxy(client, "203.0.113.5")

        assert self.via_proxy(client, "198.51.100.9, 203.0.113.5", password="demo").status_code == 429


def test_the_administrator_sees_the_attempts_in_the_admin(client, locked, administrator):
    client.force_login(administrator)

    for url in ("/admin/axes/accessattempt/", "/admin/axes/accessfailurelog/", "/admin/axes/accesslog/"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "konsulent1" in client.get("/admin/axes/accessattempt/").content.decode()


def test_a_consultant_does_not_see_them(client, locked, other_consultant):
    client.force_login(other_consultant)

    assert client.get("/admin/axes/accessattempt/").status_code == 403


def test_the_administrator_lifts_a_lock_by_deleting_the_attempt(client, locked, administrator):
    attempt = AccessAttempt.objects.get()
    admin_client = Client()
    admin_client.force_login(administrator)

    response = admin_client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert log_in(client, "konsulent1").status_code == 302
