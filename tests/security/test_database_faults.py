"""Losing the database: the health check says so, pages answer with the Danish 503 page, the next
request after the database is back works without restarting anything, and a write that fails half-way
leaves nothing behind.

The test client leaves out what Django does around each real request (`close_old_connections` on
request_started and request_finished: drop a broken connection, health-check a kept one), because a
normal test runs inside one transaction. These tests run outside one (transaction=True) and send those
two signals themselves, so a request is served as gunicorn would serve it.
"""

import socket
from contextlib import closing, contextmanager

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished, request_started
from django.db import DatabaseError, OperationalError, connection
from django.urls import reverse

from cases.kinds import REQUISITION
from cases.models import Requisition
from spreadsheets.models import ImportBatch
from tests.factories import AdministrationFactory, ChallengeFactory, RequisitionFactory, WorkPlanFactory
from tests.helpers import login, run_jobs
from tests.spreadsheets.workbooks import sheet_of

UNAVAILABLE = "Registeret er midlertidigt utilgængeligt"

in_transaction = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("pg_terminate_backend needs PostgreSQL: SQLite has no server connection to lose "
                    "(run with DATABASE_URL=postgres://...)")


def served(client, method: str, url: str, **kwargs):
    """The request as the WSGI handler serves it in production, with Django's connection upkeep."""
    request_started.send(sender=None)
    try:
        return getattr(client, method)(url, **kwargs)
    finally:
        request_finished.send(sender=None)


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def terminate(pid: int) -> None:
    """Ends the backend from a second connection, as a database restart or a failover would, and waits
    until it has gone."""
    import psycopg2

    database = connection.settings_dict
    with closing(psycopg2.connect(dbname=database["NAME"], user=database["USER"], password=database["PASSWORD"],
                                  host=database["HOST"], port=database["PORT"] or 5432)) as other:
        other.autocommit = True
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])
            assert cursor.fetchone()[0] is True


@contextmanager
def database_unreachable():
    """Points the connection at a database that is not there (a closed port on PostgreSQL, a missing
    directory on SQLite), so every new connection is refused; puts it back afterwards."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "postgresql":
        with closing(socket.socket()) as probe:
            probe.bind(("127.0.0.1", 0))
            closed_port = probe.getsockname()[1]
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port))
    else:
        connection.settings_dict["NAME"] = "/nonexistent/tfi-database-gone/db.sqlite3"
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


def test_connections_are_health_checked_before_reuse(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0


@in_transaction
class TestHealthCheck:
    def test_it_reports_the_database_ok_without_login(self, client):
        response = client.get(reverse("health"))

        assert response.status_code == 200
        assert response.json() == {"database": "ok"}
        assert "no-store" in response["Cache-Control"]

    def test_it_answers_the_load_balancer_over_plain_http(self, client, settings):
        settings.SECURE_SSL_REDIRECT = True

        assert client.get(reverse("health")).status_code == 200
        assert client.get(reverse("login")).status_code == 301

    def test_it_reports_the_database_unavailable(self, client):
        with database_unreachable():
            response = client.get(reverse("health"))

        assert response.status_code == 503
        assert response.json() == {"database": "unavailable"}
        assert "no-store" in response["Cache-Control"]
        assert client.get(reverse("health")).json() == {"database": "ok"}


@in_transaction
def test_pages_answer_503_while_the_database_is_away_and_work_when_it_is_back(client, consultant):
    """The session is read from the database in a middleware, before any view: handler500 makes the 503."""
    RequisitionFactory(title="Temamøde om beskæftigelse")
    login(client, consultant)
    client.raise_request_exception = False
    url = reverse("cases:requisition_list")

    with database_unreachable():
        away = served(client, "get", url)
        form = served(client, "post", reverse("cases:requisition_create"), data={"title": "Nyt møde"})
    back = served(client, "get", url)

    assert away.status_code == 503 and form.status_code == 503
    assert UNAVAILABLE in away.content.decode()
    assert away["Retry-After"] == "30"
    assert back.status_code == 200
    assert "Temamøde om beskæftigelse" in back.content.decode()
    assert Requisition.objects.count() == 1


@in_transaction
class TestLostConnection:
    """PostgreSQL ends the app's connection (a restart, a failover, an idle timeout)."""

    def test_the_next_request_reconnects_through_the_health_check(self, client, consultant, postgresql):
        url = reverse("cases:requisition_list")
        login(client, consultant)
        assert served(client, "get", url).status_code == 200
        lost = backend_pid()

        terminate(lost)
        response = served(client, "get", url)

        assert response.status_code == 200
        assert backend_pid() != lost

    def test_without_health_checks_one_request_gets_the_503_page_and_the_next_works(self, client, consultant,
                                                                                    postgresql):
        """Why CONN_HEALTH_CHECKS is on: without it the first request after the loss fails."""
        url = reverse("cases:requisition_list")
        login(client, consultant)
        client.raise_request_exception = False
        connection.close()
        connection.settings_dict["CONN_HEALTH_CHECKS"] = False
        try:
            assert served(client, "get", url).status_code == 200
            terminate(backend_pid())

            failed = served(client, "get", url)
            after = served(client, "get", url)
        finally:
            connection.close()
            connection.settings_dict["CONN_HEALTH_CHECKS"] = True

        assert failed.status_code == 503
        assert UNAVAILABLE in failed.content.decode()
        assert after.status_code == 200


@pytest.fixture
def requisition_sheet(db):
    plan = WorkPlanFactory(year=2008)
    ChallengeFactory(work_plan=plan, number=1)
    AdministrationFactory(name="Beskæftigelses- og Integrationsforvaltningen", short_name="BIF")
    AdministrationFactory(name="Kultur- og Fritidsforvaltningen", short_name="KFF")
    rows = [{"title": f"Temamøde {n}", "challenge": "1", "requesters": "BIF; KFF", "date_received": "15.01.2008"}
            for n in range(5)]
    return sheet_of(REQUISITION.columns, rows, title="Rekvireringer")


@contextmanager
def database_fails_at(statement_start: str):
    """The database fails when the request is about to run a statement starting so: on PostgreSQL the
    connection is terminated for real just before; SQLite, with no server to lose, raises the error
    its driver would give for a failing disk. Yields the statements that ran before."""
    ran = []

    def execute(run, sql, params, many, context):
        if sql.lstrip().upper().startswith(statement_start.upper()):
            if connection.vendor == "postgresql":
                terminate(context["connection"].connection.info.backend_pid)
            else:
                raise OperationalError("disk I/O error")
        ran.append(sql)
        return run(sql, params, many, context)

    with connection.execute_wrapper(execute):
        yield ran


@in_transaction
def test_an_import_that_loses_the_database_half_way_leaves_no_rows(client, consultant, requisition_sheet):
    """The import (run by a worker) writes the requisitions, then their requesters, then their history: the
    database goes after the first two, and the transaction takes all of it back; done again, it imports
    every row once."""
    login(client, consultant)
    upload = client.post(reverse("spreadsheets:upload", args=["rekvireringer"]),
                         {"file": SimpleUploadedFile("rekvireringer.xlsx", requisition_sheet)})
    preview = upload.url
    through = Requisition.requesters.through
    history_before = LogEntry.objects.count()
    assert served(client, "post", preview).status_code == 302

    with database_fails_at('INSERT INTO "auditlog_logentry"') as ran:
        try:
            run_jobs()
        except DatabaseError:
            # On PostgreSQL the worker's connection is gone: it cannot even record the failure, and stops,
            # as a worker killed in the middle would (the job's page then says it stopped).
            assert connection.vendor == "postgresql"
    connection.close()

    assert any(sql.startswith('INSERT INTO "cases_requisition" ') for sql in ran)
    assert any(sql.startswith(f'INSERT INTO "{through._meta.db_table}"') for sql in ran)
    assert Requisition.objects.count() == 0
    assert through.objects.count() == 0
    assert LogEntry.objects.count() == history_before
    batch = ImportBatch.objects.get()
    assert batch.imported_at is None and batch.content

    again = served(client, "post", preview)
    run_jobs()

    assert served(client, "get", again.url, follow=True).redirect_chain[-1][0] == reverse("cases:requisition_list")
    assert Requisition.objects.count() == 5
    assert through.objects.count() == 10
