"""The log's formats (settings.LOGGING, LOG_FORMAT; README, "Logs").

Django logs every answer of 400 or more through `django.request` (and a refused CSRF check or a
suspicious request through `django.security.*`), with the request and the status in the record. A
refusal (4xx: 403, 404, a CSRF failure, a bad Host header) is written here on one line, who asked for
what and why, without the traceback Django attaches to a PermissionDenied: probing would otherwise fill
the log with tracebacks that hide the real errors. A server error (5xx) and any other record with an
exception keep their traceback.

`TextFormatter` writes a line for people; `JsonFormatter` one JSON object a line, for a log collector.
Both read the request without touching the database (`request_user`). Standard library only: the
formatters are loaded while Django configures logging, before the apps.
"""

import datetime
import http
import json
import logging
from urllib.parse import quote

ANONYMOUS = "anonym"
UNKNOWN = "?"

# Characters a value written without quotes may not hold (it would split the line or its fields).
_UNQUOTED_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F)} | {ord(" "): "\\x20", ord('"'): '\\"'}
# Within quotes: control characters, and the quote and backslash themselves.
_QUOTED_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F)} | {
    ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t", ord('"'): '\\"', ord("\\"): "\\\\"}


def timestamp(record: logging.LogRecord) -> str:
    """The record's time in ISO 8601, UTC, to the millisecond: 2026-12-06T17:00:31.041Z."""
    moment = datetime.datetime.fromtimestamp(record.created, datetime.UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def request_user(request) -> str:
    """The username of the request's user, `anonym` when nobody is logged in, `?` when it is not known.

    Never a query: a log line must not fail, or wait, when the database is away. `request.user` is a
    lazy object that reads the session and the user from the database the first time anything asks,
    and Django's AuthenticationMiddleware then keeps that user in `request._cached_user` (a private
    attribute of Django's, django.contrib.auth.middleware.get_user, read here because it is the one
    way to know whether the user has been read without reading it). So only a user already read is
    written. In this site that is every request past the authentication middleware (auditlog's
    middleware asks for the user of each): a refused page, a failed CSRF check, an unknown page. A
    request refused before it (a bad Host header, a body over the limit) has `?`.
    """
    user = getattr(request, "_cached_user", None)
    if user is None:
        return UNKNOWN
    try:
        if not user.is_authenticated:
            return ANONYMOUS
        return str(user.get_username()) or UNKNOWN
    except Exception:  # a user object that cannot say: the log line is written all the same
        return UNKNOWN


def request_fields(record: logging.LogRecord) -> dict | None:
    """status, method, path, user and reason of a record Django logged about an answer (`request` and
    `status_code` in its extra); None for any other record (`django.server`'s `request` is a socket).

    The path is without the query string (which may hold a name searched for), percent-encoded as in
    an address. The reason is the exception's message (a PermissionDenied's, a bad Host header's; for
    a 5xx the exception's class too), else what Django wrote without the path ("Forbidden (Permission
    denied)", "Forbidden (CSRF cookie not set.)", "Not Found")."""
    request, status = getattr(record, "request", None), getattr(record, "status_code", None)
    path = getattr(request, "path", None)
    if not isinstance(status, int) or not isinstance(path, str) or not hasattr(request, "method"):
        return None
    exception = record.exc_info[1] if record.exc_info else None
    reason = str(exception) if exception is not None else ""
    if exception is not None and status >= 500:
        reason = f"{type(exception).__name__}: {reason}" if reason else type(exception).__name__
    if not reason:
        message = record.getMessage()
        written_path = path.encode("unicode_escape").decode("ascii")  # as django.utils.log.log_response writes it
        reason = message.removesuffix(f": {written_path}") or _phrase(status)
    return {
        "status": status,
        "method": str(request.method or "-"),
        "path": quote(path, safe="/:@&+$,-_.!~*'()"),  # as django.utils.encoding.escape_uri_path
        "user": request_user(request),
        "reason": reason,
    }


def _phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return str(status)


def keeps_traceback(fields: dict | None) -> bool:
    """A refusal (4xx) is written without its traceback; a server error, and any record not about a
    request, with it."""
    return fields is None or fields["status"] >= 500


class TextFormatter(logging.Formatter):
    """`<time> <LEVEL> <logger> <message>`; for an answer Django logged, the message is
    `<status> <METHOD> <path> user=<username> reason="<reason>"` on one line, followed by the
    traceback only for a 5xx."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return timestamp(record)

    def format(self, record: logging.LogRecord) -> str:
        fields = request_fields(record)
        if fields is None:
            return super().format(record)
        line = (f"{timestamp(record)} {record.levelname} {record.name} {fields['status']} "
                f"{fields['method'].translate(_UNQUOTED_ESCAPES)} {fields['path']} "
                f"user={fields['user'].translate(_UNQUOTED_ESCAPES)} "
                f'reason="{fields["reason"].translate(_QUOTED_ESCAPES)}"')
        if keeps_traceback(fields):
            if record.exc_info:
                line += "\n" + self.formatException(record.exc_info)
            if record.stack_info:
                line += "\n" + self.formatStack(record.stack_info)
        return line


class JsonFormatter(logging.Formatter):
    """One JSON object a line: timestamp (ISO 8601, UTC), level, logger, message; for an answer Django
    logged also status, method, path, user and reason; `exc` the traceback (a string) where one is kept,
    `stack` the stack where one was asked for."""

    def format(self, record: logging.LogRecord) -> str:
        fields = request_fields(record)
        entry = {"timestamp": timestamp(record), "level": record.levelname, "logger": record.name,
                 "message": record.getMessage()}
        if fields is not None:
            entry.update(fields)
        if keeps_traceback(fields):
            if record.exc_info:
                entry["exc"] = self.formatException(record.exc_info)
            if record.stack_info:
                entry["stack"] = self.formatStack(record.stack_info)
        # ASCII only (\u00e6 for æ): a line stays whole whatever encoding the stream has.
        return json.dumps(entry, default=str)
