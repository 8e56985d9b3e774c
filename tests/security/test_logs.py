"""The log (core/logs.py, settings.LOGGING, LOG_FORMAT): a refused request is one line, who asked for
what and why, without a traceback, so that probing does not bury the real errors; a server error keeps
its traceback; LOG_FORMAT=json writes one JSON object a line.

The tests read what the configured console handler (the root logger's, from settings.LOGGING) writes:
its stream is swapped for a StringIO for the test, and for JSON its formatter for the one
settings.LOGGING["formatters"]["json"] makes."""

import datetime
import io
import json
import logging
import logging.config
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.test import Client
from django.urls import path, reverse

from core.logs import JsonFormatter, TextFormatter
from tests.helpers import login
from tfi import urls as site_urls

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent
REFUSAL = "Kun ledelsen må se det"


def fails(request):
    raise RuntimeError("the view broke")


def refuses(request):
    raise PermissionDenied(REFUSAL)


def loses_the_database(request):
    raise OperationalError("server closed the connection unexpectedly")


# The site's URLs, with views that fail or refuse (as tests/security/test_error_pages.py).
urlpatterns = [
    path("test/fejl/", fails),
    path("test/nej/", refuses),
    path("test/database-vaek/", loses_the_database),
    *site_urls.urlpatterns,
]
handler400 = site_urls.handler400
handler500 = site_urls.handler500


class Console:
    """What the configured console handler writes during a test."""

    def __init__(self, handler: logging.StreamHandler):
        self.handler = handler
        self.stream = io.StringIO()

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    def lines_of(self, logger: str) -> list[str]:
        return [line for line in self.text.splitlines() if f" {logger} " in line]

    def use(self, log_format: str) -> None:
        """The formatter settings.LOGGING makes for the format, as dictConfig makes it."""
        config = dict(settings.LOGGING["formatters"][log_format])  # configure_formatter takes "()" out of it
        self.handler.setFormatter(logging.config.DictConfigurator({}).configure_formatter(config))

    def records_of(self, logger: str) -> list[dict]:
        """The JSON objects the logger's records were written as: every line written must be one."""
        entries = [json.loads(line) for line in self.text.splitlines()]
        assert all(isinstance(entry, dict) for entry in entries)
        return [entry for entry in entries if entry["logger"] == logger]


@pytest.fixture
def console():
    handlers = [handler for handler in logging.getLogger().handlers
                if isinstance(handler, logging.StreamHandler)
                and isinstance(handler.formatter, (TextFormatter, JsonFormatter))]
    assert len(handlers) == 1, "settings.LOGGING puts one console handler, with a core.logs format, on the root"
    handler = handlers[0]
    watched = Console(handler)
    formatter, stream = handler.formatter, handler.setStream(watched.stream)
    watched.use("text")  # the default, whatever LOG_FORMAT the suite runs with
    try:
        yield watched
    finally:
        handler.setStream(stream)
        handler.setFormatter(formatter)


@pytest.fixture
def test_urls(settings):
    settings.ROOT_URLCONF = __name__


class TestRefusalsAreOneLine:
    def test_a_page_the_role_may_not_see_is_one_warning_line_without_traceback(self, client, consultant, console,
                                                                                caplog):
        response = login(client, consultant).get(reverse("history:list"))

        assert response.status_code == 403
        [line] = console.lines_of("django.request")
        assert " WARNING django.request 403 GET /historik/ user=konsulent1 " in line
        assert line.endswith('reason="Forbidden (Permission denied)"')
        assert "Traceback" not in console.text
        # Django gave the record the PermissionDenied's traceback: the format is what leaves it out.
        assert [record.exc_info is not None for record in caplog.records if record.name == "django.request"] == [True]

    @pytest.mark.usefixtures("test_urls")
    def test_the_reason_is_the_refusals_message(self, client, consultant, console):
        response = login(client, consultant).get("/test/nej/")

        assert response.status_code == 403
        [line] = console.lines_of("django.request")
        assert line.endswith(f' WARNING django.request 403 GET /test/nej/ user=konsulent1 reason="{REFUSAL}"')
        assert "Traceback" not in console.text

    def test_a_failed_csrf_check_is_one_line(self, consultant, console):
        client = login(Client(enforce_csrf_checks=True), consultant)

        response = client.post(reverse("cases:requisition_create"), {"name": "x"})

        assert response.status_code == 403
        [line] = console.lines_of("django.security.csrf")
        assert line.endswith(' WARNING django.security.csrf 403 POST /rekvireringer/ny/ user=konsulent1 '
                             'reason="Forbidden (CSRF cookie not set.)"')
        assert console.lines_of("django.request") == []  # Django logs the answer once
        assert "Traceback" not in console.text

    def test_an_unknown_page_is_one_line_with_the_anonymous_user(self, client, console):
        response = client.get("/findes-ikke/")

        assert response.status_code == 404
        assert console.text.strip().endswith(' WARNING django.request 404 GET /findes-ikke/ user=anonym '
                                             'reason="Not Found"')
        assert len(console.text.splitlines()) == 1

    def test_djangos_records_reach_the_configured_console_alone(self, console):
        """Not also Django's own console handler, which with DEBUG on would write each one again, in
        Django's format, with the 403's traceback."""
        reached, logger = [], logging.getLogger("django.request")
        while logger is not None:
            reached += [handler for handler in logger.handlers if not type(handler).__module__.startswith("_pytest")]
            logger = logger.parent if logger.propagate else None

        assert reached == [console.handler]

    def test_a_line_break_in_the_address_cannot_forge_a_second_line(self, client, console):
        response = client.get("/findes-ikke/%0A2026-01-01T00:00:00.000Z ERROR django.request 500 GET /")

        assert response.status_code == 404
        assert len(console.text.splitlines()) == 1
        assert " 404 GET /findes-ikke/%0A2026-01-01T00:00:00.000Z%20ERROR%20django.request" in console.text

    def test_a_bad_host_header_is_one_line(self, client, console):
        response = client.get(reverse("login"), headers={"host": "angriber.example"})

        assert response.status_code == 400
        [line] = console.lines_of("django.security.DisallowedHost")
        assert f" ERROR django.security.DisallowedHost 400 GET {reverse('login')} user=? " in line
        assert "reason=\"Invalid HTTP_HOST header: 'angriber.example'." in line
        assert "Traceback" not in console.text


@pytest.mark.usefixtures("test_urls")
class TestServerErrorsKeepTheirTraceback:
    def test_a_view_that_fails_logs_the_line_and_the_traceback(self, client, consultant, console):
        client.raise_request_exception = False

        response = login(client, consultant).get("/test/fejl/")

        assert response.status_code == 500
        [first] = console.lines_of("django.request")
        assert first.endswith(' ERROR django.request 500 GET /test/fejl/ user=konsulent1 '
                              'reason="RuntimeError: the view broke"')
        rest = console.text.split(first + "\n", 1)[1].splitlines()
        assert rest[0] == "Traceback (most recent call last):"
        assert '    raise RuntimeError("the view broke")' in rest
        assert rest[-1] == "RuntimeError: the view broke"

    def test_a_lost_database_keeps_its_traceback_and_the_503_is_one_line(self, client, consultant, console):
        response = login(client, consultant).get("/test/database-vaek/")

        assert response.status_code == 503
        assert "ERROR tfi.middleware Database unavailable: GET /test/database-vaek/\nTraceback" in console.text
        [line] = console.lines_of("django.request")
        assert line.endswith(' ERROR django.request 503 GET /test/database-vaek/ user=konsulent1 '
                             'reason="Service Unavailable"')


class TestJson:
    def test_a_refusal_is_one_json_object_on_one_line(self, client, consultant, console):
        console.use("json")

        response = login(client, consultant).get(reverse("history:list"))

        assert response.status_code == 403
        [entry] = console.records_of("django.request")
        stamp = datetime.datetime.fromisoformat(entry.pop("timestamp"))
        assert stamp.utcoffset() == datetime.timedelta(0)
        assert abs(datetime.datetime.now(datetime.UTC) - stamp) < datetime.timedelta(minutes=1)
        assert entry == {"level": "WARNING", "logger": "django.request",
                         "message": "Forbidden (Permission denied): /historik/", "status": 403, "method": "GET",
                         "path": "/historik/", "user": "konsulent1", "reason": "Forbidden (Permission denied)"}

    @pytest.mark.usefixtures("test_urls")
    def test_a_server_error_carries_its_traceback_in_exc(self, client, consultant, console):
        console.use("json")
        client.raise_request_exception = False

        response = login(client, consultant).get("/test/fejl/")

        assert response.status_code == 500
        [entry] = console.records_of("django.request")
        assert (entry["level"], entry["status"], entry["path"], entry["user"]) == (
            "ERROR", 500, "/test/fejl/", "konsulent1")
        assert entry["reason"] == "RuntimeError: the view broke"
        assert entry["exc"].startswith("Traceback (most recent call last):\n")
        assert entry["exc"].endswith("RuntimeError: the view broke")

    @pytest.mark.usefixtures("test_urls")
    def test_danish_text_survives(self, client, consultant, console):
        console.use("json")

        login(client, consultant).get("/test/nej/")

        [entry] = console.records_of("django.request")
        assert entry["reason"] == REFUSAL
        assert "exc" not in entry


def run_with(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "LOG_FORMAT", "LOG_LEVEL"}}
    environment.update({"SECRET_KEY": "x", **env})
    return subprocess.run([sys.executable, "manage.py", "shell", "-v", "0", "-c", code], cwd=ROOT,
                          env=environment, capture_output=True, text=True, timeout=120)


REFUSE_IN_A_CHILD = """
import logging
from django.test import RequestFactory
logging.getLogger("django.request").warning("Forbidden (Permission denied): %s", "/historik/",
    extra={"status_code": 403, "request": RequestFactory().get("/historik/")})
"""


class TestTheSetting:
    def test_log_format_json_gives_the_console_the_json_format(self):
        result = run_with(REFUSE_IN_A_CHILD, LOG_FORMAT="json")

        assert result.returncode == 0, result.stderr
        [line] = [line for line in result.stderr.splitlines() if "django.request" in line]
        entry = json.loads(line)
        # Nothing read the user of a request that went through no middleware: not known, and not looked up.
        assert (entry["logger"], entry["status"], entry["path"], entry["user"]) == (
            "django.request", 403, "/historik/", "?")

    def test_the_text_format_is_the_default(self):
        result = run_with(REFUSE_IN_A_CHILD)

        assert result.returncode == 0, result.stderr
        [line] = [line for line in result.stderr.splitlines() if "django.request" in line]
        assert line.endswith(' WARNING django.request 403 GET /historik/ user=? reason="Forbidden (Permission denied)"')

    def test_an_unknown_format_is_refused(self):
        environment = {key: value for key, value in os.environ.items()
                       if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
        result = subprocess.run([sys.executable, "-c", "import tfi.wsgi"], cwd=ROOT, capture_output=True, text=True,
                                env={**environment, "SECRET_KEY": "x", "LOG_FORMAT": "xml"}, timeout=120)

        assert result.returncode != 0
        assert "LOG_FORMAT must be text or json" in result.stderr
