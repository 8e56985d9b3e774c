"""The second factor (django-otp TOTP): registering an app, the code after the password, who must."""

import re
from base64 import b32decode

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.second_factor import SESSION_KEY
from cases.models import Requisition
from tests.accounts.helpers import code_for, log_in
from tests.test_settings import manage

ENROL = reverse("accounts:totp_enrol")
VERIFY = reverse("accounts:otp_verify")


@pytest.fixture
def otp_required(settings):
    settings.OTP_REQUIRED_FOR_MANAGEMENT = True


def device_for(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Telefon", confirmed=True)


def secret_on(page: str) -> bytes:
    """The key as the page shows it to be typed into an app."""
    return b32decode(re.search(r'data-secret="([A-Z2-7]+)"', page).group(1))


def enrol(client) -> TOTPDevice:
    key = secret_on(client.get(ENROL).content.decode())
    response = client.post(ENROL, {"code": code_for(key)})
    assert response.status_code == 302, response.content.decode()
    return TOTPDevice.objects.get(key=key.hex())


class TestEnrolment:
    def test_the_page_shows_the_qr_code_and_the_secret(self, client, consultant):
        client.force_login(consultant)

        page = client.get(ENROL).content.decode()

        assert "<svg" in page
        assert len(secret_on(page)) == 20
        assert "http" not in page.split("<svg", 1)[1].split("</svg>", 1)[0].replace("http://www.w3.org", "")

    def test_the_secret_stays_the_same_until_confirmed(self, client, consultant):
        client.force_login(consultant)

        assert secret_on(client.get(ENROL).content.decode()) == secret_on(client.get(ENROL).content.decode())

    def test_a_code_from_the_app_confirms_the_device_and_verifies_the_session(self, client, consultant):
        client.force_login(consultant)

        device = enrol(client)

        assert device.user == consultant
        assert device.confirmed
        assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id

    def test_a_wrong_code_registers_nothing(self, client, consultant):
        client.force_login(consultant)
        key = secret_on(client.get(ENROL).content.decode())

        response = client.post(ENROL, {"code": code_for(key, offset=5)})

        assert response.status_code == 200
        assert "Koden passer ikke" in response.content.decode()
        assert not TOTPDevice.objects.exists()

    def test_a_new_app_replaces_the_old_one(self, client, consultant):
        client.force_login(consultant)
        first = enrol(client)

        second = enrol(client)

        assert list(TOTPDevice.objects.filter(user=consultant)) == [second]
        assert first.key != second.key

    def test_a_consultant_may_turn_it_off(self, client, consultant):
        client.force_login(consultant)
        enrol(client)

        client.post(reverse("accounts:totp_remove"))

        assert not TOTPDevice.objects.exists()
        client.logout()
        log_in(client, "konsulent1")
        assert client.get("/").status_code == 200

    def test_management_may_not_turn_it_off_when_required(self, client, manager, otp_required):
        client.force_login(manager)
        enrol(client)

        client.post(reverse("accounts:totp_remove"))

        assert TOTPDevice.objects.filter(user=manager).exists()


class TestCodeAfterPassword:
    @pytest.fixture
    def device(self, consultant):
        return device_for(consultant)

    def test_a_user_with_a_device_reaches_nothing_before_the_code(self, client, device):
        assert log_in(client, "konsulent1").status_code == 302

        for url in ("/", "/rekvireringer/", "/ledelse/", "/admin/", ENROL):
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(VERIFY), url

    def test_a_post_before_the_code_is_refused(self, client, device):
        log_in(client, "konsulent1")

        response = client.post(reverse("cases:requisition_create"), {"title": "Dialogmøde"})

        assert response.status_code == 302
        assert response["Location"] == VERIFY
        assert not Requisition.objects.exists()

    def test_the_right_code_lets_the_user_in_to_where_they_were_going(self, client, device):
        log_in(client, "konsulent1")
        old_key = client.session.session_key

        response = client.post(f"{VERIFY}?next=/rekvireringer/", {"code": code_for(device.bin_key),
                                                                  "next": "/rekvireringer/"})

        assert response.status_code == 302
        assert response["Location"] == "/rekvireringer/"
        assert client.get("/rekvireringer/").status_code == 200
        assert client.session.session_key != old_key

    def test_a_wrong_code_is_refused(self, client, device):
        log_in(client, "konsulent1")

        response = client.post(VERIFY, {"code": code_for(device.bin_key, offset=3)})

        assert response.status_code == 200
        assert "Koden er forkert" in response.content.decode()
        assert client.get("/").status_code == 302

    def test_after_many_wrong_codes_even_the_right_one_waits(self, client, device):
        device.throttling_failure_count = 5
        device.throttling_failure_timestamp = timezone.now()
        device.save()
        log_in(client, "konsulent1")

        response = client.post(VERIFY, {"code": code_for(device.bin_key)})

        assert "For mange forkerte koder i træk" in response.content.decode()
        assert client.get("/").status_code == 302

    def test_a_code_is_accepted_once(self, client, device):
        code = code_for(device.bin_key)
        log_in(client, "konsulent1")
        client.post(VERIFY, {"code": code})
        client.post(reverse("logout"))
        log_in(client, "konsulent1")

        response = client.post(VERIFY, {"code": code})

        assert response.status_code == 200
        assert client.get("/").status_code == 302

    def test_the_code_page_may_not_register_another_device(self, client, device):
        # Otherwise a stolen password alone could replace the owner's second factor.
        log_in(client, "konsulent1")

        response = client.post(ENROL, {"code": "123456"})

        assert response["Location"].startswith(VERIFY)
        assert list(TOTPDevice.objects.all()) == [device]

    def test_the_user_may_log_out_from_the_code_page(self, client, device):
        log_in(client, "konsulent1")

        assert client.get(VERIFY).status_code == 200
        client.post(reverse("logout"))

        assert "_auth_user_id" not in client.session


class TestRequiredForManagement:
    def test_management_must_enrol_before_anything_else(self, client, manager, otp_required):
        log_in(client, "leder1")

        for url in ("/", "/ledelse/", "/rekvireringer/"):
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(ENROL), url
        assert "Din rolle kræver" in client.get(ENROL).content.decode()

        enrol(client)

        assert client.get("/ledelse/").status_code == 200

    def test_and_gives_the_code_at_the_next_login(self, client, manager, otp_required):
        log_in(client, "leder1")
        device = enrol(client)
        client.post(reverse("logout"))

        log_in(client, "leder1")
        assert client.get("/").status_code == 302
        client.post(VERIFY, {"code": code_for(device.bin_key, offset=1)})

        assert client.get("/ledelse/").status_code == 200

    def test_the_administrator_too(self, client, administrator, otp_required):
        log_in(client, "admin1")

        assert client.get("/admin/")["Location"].startswith(ENROL)

    def test_a_consultant_is_not_forced(self, client, consultant, otp_required):
        log_in(client, "konsulent1")

        assert client.get("/").status_code == 200

    def test_nobody_is_forced_when_the_setting_is_off(self, client, manager, settings):
        settings.OTP_REQUIRED_FOR_MANAGEMENT = False
        log_in(client, "leder1")

        assert client.get("/ledelse/").status_code == 200

    def test_it_is_on_unless_debug(self):
        show = ("shell", "-v", "0", "-c",
                "from django.conf import settings; print(settings.OTP_REQUIRED_FOR_MANAGEMENT)")

        assert manage(*show, SECRET_KEY="x").stdout.strip() == "True"
        assert manage(*show, SECRET_KEY="x", DEBUG="1").stdout.strip() == "False"
        assert manage(*show, SECRET_KEY="x", DEBUG="1", OTP_REQUIRED_FOR_MANAGEMENT="1").stdout.strip() == "True"


class TestAdmin:
    def skip_the_middleware(self, client):
        # As if the note taken at login were out of date: the admin must still refuse by itself.
        session = client.session
        session[SESSION_KEY] = {"device": False, "management": False}
        session.save()

    def test_the_admin_requires_a_verified_session_when_required(self, client, administrator, otp_required):
        client.force_login(administrator)
        self.skip_the_middleware(client)

        response = client.get("/admin/")

        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")

    def test_the_admin_opens_after_the_code(self, client, administrator, otp_required):
        log_in(client, "admin1")
        enrol(client)

        assert client.get("/admin/").status_code == 200

    def test_the_admin_opens_with_the_password_alone_when_not_required(self, client, administrator):
        client.force_login(administrator)

        assert client.get("/admin/").status_code == 200

    def test_the_administrator_may_remove_a_users_device(self, client, administrator, consultant):
        device = device_for(consultant)
        client.force_login(administrator)

        response = client.post(f"/admin/accounts/authenticatorapp/{device.pk}/delete/", {"post": "yes"})

        assert response.status_code == 302
        assert not TOTPDevice.objects.exists()
