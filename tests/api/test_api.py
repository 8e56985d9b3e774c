"""The read-only API: its schema, who may read what (roles and token scopes), the 2008 figures equal to the
report's in JSON and CSV, the contact persons only with the personal scope (and in the access log), the
site lists' filters, cursor pagination, errors in the caller's language, throttling, fixed query counts."""

import csv
import io
from datetime import timedelta

import pytest
import yaml
from django.core.management import call_command
from django.urls import get_resolver, reverse
from django.utils import timezone
from openapi_spec_validator import validate

from api.models import Scope, ServiceToken, token_digest
from api.services import service_token_create, service_token_revoke
from cases.models import Requisition
from history.models import AccessLog
from reports.selectors.report import status_report
from tests.factories import AdministratorFactory, ConsultantFactory, ManagerFactory, RequisitionFactory


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def token(scope=Scope.FIGURES, **changes) -> str:
    made, secret = service_token_create(name=f"BI {scope} {ServiceToken.objects.count()}", scope=scope, days=30)
    if changes:
        ServiceToken.objects.filter(pk=made.pk).update(**changes)
    return secret


@pytest.mark.django_db
def test_the_schema_is_valid_openapi_and_names_every_endpoint(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate(schema)
    patterns = [pattern for pattern in get_resolver(None).url_patterns if str(pattern.pattern) == "api/"][0]
    expected = {"/api/" + str(pattern.pattern).replace("<int:pk>", "{id}").replace("<int:year>", "{year}")
                for pattern in patterns.url_patterns if not str(pattern.pattern).startswith(("v1/schema", "v1/docs"))}
    assert expected <= set(schema["paths"])
    assert schema["components"]["securitySchemes"]["serviceToken"]["scheme"] == "bearer"


@pytest.mark.django_db
def test_the_documentation_page_serves_its_assets_from_the_site(client):
    page = client.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert "cdn" not in page.lower() and "<script>" not in page


ENDPOINTS = {
    "/api/v1/years/2030/figures/": Scope.FIGURES,
    "/api/v1/years/2030/survey/": Scope.FIGURES,
    **{f"/api/v1/{slug}/": Scope.FIGURES for slug in ("work-plans", "challenges", "organisations", "areas")},
    **{f"/api/v1/{slug}/": Scope.REGISTRATIONS for slug in (
        "requisitions", "advisories", "events", "deliverables", "steering-group-memberships", "projects",
        "project-visits", "actors")},
}


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(ENDPOINTS))
def test_who_may_read_what(client, url):
    from tests.factories import WorkPlanFactory

    WorkPlanFactory(year=2030)
    needed = ENDPOINTS[url]
    answers = {"anonymous": client.get(url).status_code}
    for name, factory in (("consultant", ConsultantFactory), ("management", ManagerFactory),
                          ("administrator", AdministratorFactory)):
        client.force_login(factory())
        answers[name] = client.get(url).status_code
        client.logout()
    for scope in Scope:
        answers[scope.value] = client.get(url, **bearer(token(scope))).status_code
    answers["expired"] = client.get(url, **bearer(token(Scope.PERSONAL, expires_at=timezone.now()))).status_code
    answers["revoked"] = client.get(url, **bearer(token(Scope.PERSONAL, revoked_at=timezone.now()))).status_code
    answers["unknown"] = client.get(url, **bearer("tfi_not-a-token")).status_code
    assert answers == {
        "anonymous": 401, "consultant": 200, "management": 200, "administrator": 200,
        "figures": 200 if needed == Scope.FIGURES else 403, "registrations": 200, "personal": 200,
        "expired": 401, "revoked": 401, "unknown": 401,
    }


@pytest.mark.django_db
def test_a_revoked_token_is_refused_at_once_with_a_danish_or_english_message(client):
    made, secret = service_token_create(name="Power BI", scope=Scope.FIGURES, days=30)
    assert client.get("/api/v1/challenges/", **bearer(secret)).status_code == 200
    service_token_revoke(token=made)
    response = client.get("/api/v1/challenges/", **bearer(secret))
    assert response.status_code == 401
    assert response.json() == {"detail": "Tokenet er ukendt, udløbet eller tilbagekaldt."}
    response = client.get("/api/v1/challenges/", HTTP_ACCEPT_LANGUAGE="en", **bearer(secret))
    assert response.json() == {"detail": "The token is unknown, expired or revoked."}
    assert response["Content-Language"] == "en"


@pytest.mark.django_db
def test_a_token_is_kept_only_as_its_hash(capsys):
    call_command("create_service_token", "Power BI", "--scope", "registrations", "--days", "90")
    secret = capsys.readouterr().out.strip()
    made = ServiceToken.objects.get(name="Power BI")
    assert secret.startswith("tfi_") and len(secret) > 40
    assert made.digest == token_digest(secret) and secret not in made.digest
    assert made.scope == Scope.REGISTRATIONS
    assert timedelta(days=89) < made.expires_at - timezone.now() <= timedelta(days=90)


@pytest.mark.django_db
def test_contact_persons_only_with_the_personal_scope_and_each_read_logged(client):
    RequisitionFactory(contact_name="Anne Jensen", contact_email="anne@kk.dk")
    rows = client.get("/api/v1/requisitions/", **bearer(token(Scope.REGISTRATIONS))).json()["results"]
    assert "contact_name" not in rows[0] and "title" in rows[0]
    assert not AccessLog.objects.exists()
    personal = token(Scope.PERSONAL)
    rows = client.get("/api/v1/requisitions/?year=", **bearer(personal)).json()["results"]
    assert rows[0]["contact_name"] == "Anne Jensen"
    log = AccessLog.objects.get()
    assert log.action == "export" and log.count == 1
    assert log.user == ServiceToken.objects.get(digest=token_digest(personal)).user
    client.get(f"/api/v1/requisitions/{rows[0]['id']}/", **bearer(personal))
    assert AccessLog.objects.filter(action="view", object_id=rows[0]["id"]).exists()


@pytest.mark.django_db
def test_lists_take_the_site_lists_filters_and_page_by_cursor(client):
    first = RequisitionFactory(title="Sprogcafé i Tingbjerg")
    RequisitionFactory.create_batch(4)
    secret = token(Scope.REGISTRATIONS)
    found = client.get("/api/v1/requisitions/?q=Tingbjerg", **bearer(secret)).json()["results"]
    assert [row["id"] for row in found] == [first.pk]
    page = client.get("/api/v1/requisitions/?limit=2", **bearer(secret)).json()
    seen = [row["id"] for row in page["results"]]
    while page["next"]:
        page = client.get(page["next"], **bearer(secret)).json()
        seen += [row["id"] for row in page["results"]]
    assert seen == sorted(Requisition.objects.values_list("pk", flat=True))
    response = client.get("/api/v1/requisitions/?status=ukendt", **bearer(secret))
    assert response.status_code == 400
    assert "status" in response.json()


@pytest.mark.django_db
def test_a_list_costs_a_fixed_number_of_queries(client, django_assert_num_queries):
    secret = token(Scope.PERSONAL)
    RequisitionFactory.create_batch(3)
    client.get("/api/v1/requisitions/", **bearer(secret))
    RequisitionFactory.create_batch(20)
    # The token, its last use, the page, the areas of the page's rows, the access log.
    with django_assert_num_queries(5):
        assert len(client.get("/api/v1/requisitions/", **bearer(secret)).json()["results"]) == 23


@pytest.mark.django_db
def test_requests_are_throttled_per_token(client, settings):
    from django.core.cache import cache
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    cache.clear()  # the counts of earlier tests' requests (this process's memory: api/throttling.py)
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "3/minute"}}
    SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        one, other = token(), token()
        answers = [client.get("/api/v1/challenges/", **bearer(one)).status_code for _ in range(4)]
        assert answers == [200, 200, 200, 429]
        assert client.get("/api/v1/challenges/", **bearer(other)).status_code == 200
        # Anonymous callers (the public schema) are counted by their address, whatever X-Forwarded-For says.
        answers = [client.get("/api/v1/schema/", HTTP_X_FORWARDED_FOR=f"10.0.0.{number}").status_code
                   for number in range(4)]
        assert answers == [200, 200, 200, 429]
    finally:
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "1200/hour"}}
        SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES


@pytest.mark.django_db
def test_the_figures_equal_the_reports_for_random_data(client):
    import random

    from tests.factories import AdvisoryFactory, ChallengeFactory, EventFactory, WorkPlanFactory

    chance = random.Random(2026)
    work_plan = WorkPlanFactory(year=2011)
    challenges = [ChallengeFactory(work_plan=work_plan, number=number) for number in range(1, 5)]
    for challenge in challenges:
        RequisitionFactory.create_batch(chance.randint(0, 4), challenge=challenge)
        AdvisoryFactory.create_batch(chance.randint(0, 6), challenge=challenge)
        for _ in range(chance.randint(0, 3)):
            EventFactory(challenge=challenge, participants=chance.randint(1, 90))
    data = client.get(reverse("api:year_figures", args=[2011]), **bearer(token())).json()
    report = status_report(year=2011, lists=False)
    assert data["headline"] == report["headline"]
    assert [(row["requisitions"], row["advisories"], row["events"], row["participants"])
            for row in data["challenges"]] == [
        (row["requisition_count"], row["advisory_count"], row["events"], row["participants"])
        for row in report["challenges"]]
    assert sum(row["requisitions"] for row in data["challenges"]) == Requisition.objects.count()


@pytest.mark.django_db
def test_a_list_in_csv_has_the_rows_of_the_json(client):
    RequisitionFactory.create_batch(3)
    secret = token(Scope.REGISTRATIONS)
    rows = client.get("/api/v1/requisitions/", **bearer(secret)).json()["results"]
    table = list(csv.DictReader(io.StringIO(client.get("/api/v1/requisitions/?format=csv", **bearer(secret))
                                            .content.decode("utf-8-sig"))))
    assert [int(row["id"]) for row in table] == [row["id"] for row in rows]
    assert [row["title"] for row in table] == [row["title"] for row in rows]


class TestThe2008Figures:
    def test_a_bi_tool_gets_the_reports_figures_as_json_and_csv(self, demo, client):
        secret = token(Scope.FIGURES)
        data = client.get(reverse("api:year_figures", args=[2008]), **bearer(secret)).json()
        assert [row["requisitions"] for row in data["challenges"]] == [4, 6, 6, 6]
        assert [row["advisories"] for row in data["challenges"]] == [29, 18, 29, 30]
        report = status_report(year=2008, lists=False)
        assert data["headline"]["participants"] == report["headline"]["participants"] == 2595
        assert [row["participants"] for row in data["challenges"]] == [c["participants"] for c in report["challenges"]]
        response = client.get(reverse("api:year_figures", args=[2008]) + "?format=csv", **bearer(secret))
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert [(int(row["requisitions"]), int(row["advisories"])) for row in rows] == \
            [(row["requisitions"], row["advisories"]) for row in data["challenges"]]

    def test_the_survey_results_are_the_reports(self, demo, client):
        data = client.get(reverse("api:survey_results", args=[2008]), **bearer(token())).json()
        assert data["answered"] == status_report(year=2008, lists=False)["satisfaction"]["answered"] == 36


@pytest.mark.django_db
def test_made_up_input_gets_a_clear_answer_not_an_error(client):
    secret = token(Scope.REGISTRATIONS)
    assert client.get("/api/v1/requisitions/?cursor=cD1hYmM%3D", **bearer(secret)).status_code == 404  # p=abc
    response = client.get("/api/v1/requisitions/999999/", **bearer(secret))
    assert response.status_code == 404 and response.json() == {"detail": "Ikke fundet."}


@pytest.mark.django_db
def test_a_closed_service_account_closes_its_token(client):
    made, secret = service_token_create(name="Power BI", scope=Scope.FIGURES, days=30)
    made.user.is_active = False
    made.user.save()
    assert client.get("/api/v1/challenges/", **bearer(secret)).status_code == 401


@pytest.mark.django_db
def test_csv_cells_cannot_become_formulas_and_excel_reads_the_letters(client):
    RequisitionFactory(title='=HYPERLINK("http://evil.example","Klik")')
    body = client.get("/api/v1/requisitions/?format=csv", **bearer(token(Scope.REGISTRATIONS))).content
    assert body.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0]["title"] == "'=HYPERLINK(\"http://evil.example\",\"Klik\")"
