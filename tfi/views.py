"""The site's own views: the health check for the load balancer and the error pages.

The error pages that may be shown while the database is away (500, 503, 413) are rendered without a
request context: no context processors run, so nothing asks the database for the user, the session or
the messages. They extend the site's layout, which then shows no menu.
"""

import datetime
import logging
import sys

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

# Seconds a browser or a client is asked to wait before trying again after a 503.
RETRY_AFTER_SECONDS = 30

TOO_BIG = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def is_database_outage(exception: BaseException | None) -> bool:
    """Whether the exception, or one it was raised from or while handling, says the database is away.

    OperationalError (connection refused or lost, server shutting down, SQLite locked) and InterfaceError
    (connection already closed); not IntegrityError, DataError or ProgrammingError, which are faults in
    the request or the code and stay 500s.
    """
    for _ in range(5):
        if exception is None:
            return False
        if isinstance(exception, (OperationalError, InterfaceError)):
            return True
        exception = exception.__cause__ or exception.__context__
    return False


@login_not_required
@never_cache
@require_safe
def health(request):
    """For the load balancer: 200 `{"database": "ok"}` when a query answers, else 503 `"unavailable"`."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: the database does not answer", exc_info=True)
        return JsonResponse({"database": "unavailable"}, status=503)
    return JsonResponse({"database": "ok"})


@login_not_required
@require_safe
def security_txt(request):
    """/.well-known/security.txt (RFC 9116): whom to tell of a vulnerability, from SECURITY_CONTACT; 404 where
    none is set. It expires SECURITY_TXT_DAYS after it is read (the RFC asks for less than a year), so a site
    that stops naming a contact stops promising one."""
    contacts = [contact.strip() for contact in settings.SECURITY_CONTACT.split(",") if contact.strip()]
    if not contacts:
        return HttpResponse(status=404, content_type="text/plain; charset=utf-8")
    expires = timezone.now().replace(microsecond=0) + datetime.timedelta(days=settings.SECURITY_TXT_DAYS)
    lines = [f"Contact: {contact}" for contact in contacts]
    lines.append(f"Expires: {expires.astimezone(datetime.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}")
    if settings.SECURITY_POLICY_URL:
        lines.append(f"Policy: {settings.SECURITY_POLICY_URL}")
    lines.append("Preferred-Languages: da, en")
    lines.append(f"Canonical: {request.build_absolute_uri()}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def database_unavailable(request) -> HttpResponse:
    """The Danish 503 page, with Retry-After, never cached, made without touching the database."""
    retry = request.get_full_path() if request.method in ("GET", "HEAD") else ""
    response = HttpResponse(render_to_string("503.html", {"retry_url": retry}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def request_too_big(request) -> HttpResponse:
    """The Danish 413 page for a body, a form or an upload beyond the limits."""
    limits = {
        "request_limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE),
        "spreadsheet_limit": filesizeformat(settings.SPREADSHEET_MAX_UPLOAD_BYTES),
    }
    response = HttpResponse(render_to_string("413.html", limits), status=413)
    add_never_cache_headers(response)
    return response


def bad_request(request, exception):
    """handler400: Django turns an oversized body or too many fields into a 400; they get the 413 page."""
    if isinstance(exception, TOO_BIG):
        return request_too_big(request)
    return defaults.bad_request(request, exception)


def server_error(request):
    """handler500: the 503 page when the error was the database going away (also when it happened in a
    middleware, e.g. loading the session), else Django's 500 page, both without the database."""
    if is_database_outage(sys.exc_info()[1]):
        return database_unavailable(request)
    return defaults.server_error(request)
