"""Security headers: the Content-Security-Policy, the usual Django headers, and no-store on what a
logged-in user is shown. That the pages break no rule of the policy in a real browser is checked in
tests/browser/test_content_security_policy.py."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import ActorFactory, AreaFactory, InvitationFactory, RequisitionFactory, WorkPlanFactory
from tests.helpers import login
from tfi.settings import csp_source

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
NO_STORE = "no-store"


def policy(response) -> dict[str, list[str]]:
    directives = [part.strip().split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {name: values for name, *values in directives}


class TestContentSecurityPolicy:
    def test_a_page_allows_scripts_only_from_the_site_itself(self, client, consultant):
        csp = policy(login(client, consultant).get(reverse("home")))

        assert csp["script-src"] == ["'self'"]
        assert csp["default-src"] == ["'self'"]
        assert csp["object-src"] == ["'none'"]
        assert csp["base-uri"] == ["'self'"]
        assert csp["form-action"] == ["'self'"]
        assert csp["frame-ancestors"] == ["'none'"]

    def test_styles_allow_inline_attributes_for_leaflet_and_images_the_tile_server(self, client):
        csp = policy(client.get(reverse("login")))

        assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
        assert csp["img-src"] == ["'self'", "data:", *csp_source(settings.ATLAS_TILE_URL)]

    def test_the_tile_server_source_is_the_tile_urls_host(self):
        assert csp_source("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == ["https://tile.openstreetmap.org"]
        assert csp_source("https://{s}.kort.kk.dk:8443/wmts/{z}/{x}/{y}.png") == ["https://*.kort.kk.dk:8443"]
        assert csp_source("") == []
        assert csp_source("/tiles/{z}/{x}/{y}.png") == []  # on the site itself: 'self' covers it

    def test_the_error_pages_have_the_policy_too(self, client, consultant):
        response = login(client, consultant).get("/findes-ikke/")

        assert response.status_code == 404
        assert policy(response)["script-src"] == ["'self'"]

    def test_no_template_has_an_inline_script_or_event_handler(self):
        inline_script = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.I)
        handler = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
        offenders = []
        for template in TEMPLATES.rglob("*.html"):
            text = template.read_text()
            if inline_script.search(text) or handler.search(text) or "javascript:" in text.lower():
                offenders.append(str(template.relative_to(TEMPLATES)))

        assert offenders == []


class TestDjangoSecurityHeaders:
    def test_a_page_may_not_be_framed_sniffed_or_leak_its_address(self, client, consultant):
        response = login(client, consultant).get(reverse("cases:requisition_list"))

        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]

    def test_a_public_page_has_them_too(self, client):
        response = client.get(reverse("login"))

        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["Permissions-Policy"] == settings.PERMISSIONS_POLICY

    def test_https_responses_carry_hsts(self, client, settings):
        settings.SECURE_HSTS_SECONDS = 31536000
        settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
        settings.SECURE_HSTS_PRELOAD = True

        response = client.get(reverse("login"), secure=True)

        assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


class TestNoStore:
    """Pages and files with personal data must not stay in a browser's or a proxy's cache."""

    def test_a_logged_in_users_pages_are_not_stored(self, client, consultant):
        login(client, consultant)
        requisition = RequisitionFactory(contact_name="Jens Hansen")

        for url in (reverse("home"), reverse("cases:requisition_list"),
                    reverse("cases:requisition_detail", args=[requisition.pk])):
            assert NO_STORE in client.get(url)["Cache-Control"], url

    def test_an_error_page_for_a_logged_in_user_is_not_stored(self, client, consultant):
        assert NO_STORE in login(client, consultant).get("/findes-ikke/")["Cache-Control"]

    def test_json_excel_and_word_files_are_not_stored(self, client, consultant):
        login(client, consultant)
        area = AreaFactory()
        ActorFactory(areas=[area], contact_name="Aisha Khan")
        RequisitionFactory()

        geojson = client.get(reverse("atlas:area_geojson", args=[area.pk]))
        excel = client.get(reverse("cases:requisition_export"))
        word = client.get(reverse("atlas:area_word", args=[area.pk]))

        assert "json" in geojson["Content-Type"] and NO_STORE in geojson["Cache-Control"]
        assert "spreadsheetml" in excel["Content-Type"] and NO_STORE in excel["Cache-Control"]
        assert "wordprocessingml" in word["Content-Type"] and NO_STORE in word["Cache-Control"]

    def test_the_survey_answer_page_is_not_stored(self, client):
        invitation = InvitationFactory()

        response = client.get(reverse("surveys:answer", args=[invitation.token]))

        assert response.status_code == 200
        assert NO_STORE in response["Cache-Control"]

    def test_the_dashboard_charts_hold_only_figures_and_may_be_kept_a_minute(self, client, manager):
        WorkPlanFactory(year=2008)

        response = login(client, manager).get(reverse("reports:chart", args=[2008, "udfordringer"]))

        assert response["Content-Type"] == "image/svg+xml"
        assert response["Cache-Control"] == "private, max-age=60"

    def test_a_page_for_someone_not_logged_in_is_left_alone(self, client):
        response = client.get("/findes-ikke/")

        assert response.status_code == 404
        assert NO_STORE not in response.get("Cache-Control", "")


class TestSecurityTxt:
    """RFC 9116: where a finder reports a vulnerability, for anyone, without a login."""

    def test_it_names_the_contact_an_expiry_within_a_year_and_its_own_address(self, client, settings):
        settings.SECURITY_CONTACT = "mailto:sikkerhed@kk.dk, https://kk.dk/sikkerhed"
        settings.SECURITY_POLICY_URL = "https://kk.dk/sikkerhed/politik"

        response = client.get("/.well-known/security.txt", secure=True)

        assert response.status_code == 200
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        fields = [line.split(": ", 1) for line in response.content.decode().splitlines()]
        assert fields[:2] == [["Contact", "mailto:sikkerhed@kk.dk"], ["Contact", "https://kk.dk/sikkerhed"]]
        found = dict(fields)
        expires = datetime.datetime.strptime(found["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
        assert datetime.timedelta(days=170) < expires - timezone.now() < datetime.timedelta(days=365)
        assert found["Policy"] == "https://kk.dk/sikkerhed/politik"
        assert found["Preferred-Languages"] == "da, en"
        assert found["Canonical"] == "https://testserver/.well-known/security.txt"

    def test_without_a_contact_there_is_no_file(self, client, settings):
        settings.SECURITY_CONTACT = ""

        assert client.get("/.well-known/security.txt").status_code == 404
