import logging

from django.conf import settings
from django.db import DatabaseError
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from .views import database_unavailable, is_database_outage, request_too_big

logger = logging.getLogger(__name__)

# What an authenticated user is shown or downloads; images (the dashboard's SVG charts, which hold only
# figures) and static files may be cached.
PRIVATE_CONTENT_TYPES = {
    "text/html",
    "application/json",
    "application/geo+json",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class LanguageMiddleware:
    """Danish unless the user has chosen another language in the menu.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: a Danish
    municipality's register speaks Danish to everyone until they ask for something else.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response


class PermissionsPolicyMiddleware:
    """The Permissions-Policy header (PERMISSIONS_POLICY) beside SecurityMiddleware's: the browser features
    the register never uses (camera, microphone, location, ...) stay off, whatever a page might load."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RequestSizeMiddleware:
    """Refuses a request whose body is larger than DATA_UPLOAD_MAX_MEMORY_SIZE with the 413 page, before
    anything reads it.

    Django itself counts only the form fields against that limit, not uploaded files, which it writes to
    a temporary file however large they are; this caps the whole body, uploads included. The largest
    upload, an Excel import (SPREADSHEET_MAX_UPLOAD_BYTES), is well below it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit is not None and length > limit:
            logger.warning("Refused a request body of %d bytes (limit %d): %s %s",
                           length, limit, request.method, request.path)
            return request_too_big(request)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A view that loses the database answers with the Danish 503 page (Retry-After) instead of a 500.

    Errors raised in other middleware (loading the session, say) reach handler500, which gives the same
    page. Nothing here reconnects: Django drops a broken connection at the end of the request and, with
    CONN_HEALTH_CHECKS, checks a kept one before reusing it, so the next request after the database
    comes back works without a restart.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_outage(exception):
            return None
        logger.error("Database unavailable: %s %s", request.method, request.path, exc_info=exception)
        return database_unavailable(request)


class NoStoreMiddleware:
    """Cache-Control: no-store on every page, JSON, Excel or Word file an authenticated user gets.

    They hold personal data (contact persons, notes about citizens and organisations), which must not
    stay in the browser's or a proxy's cache for the next person at a shared computer. The survey answer
    page, reached without login, is marked never_cache by its view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "no-store" in response.get("Cache-Control", ""):
            return response
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type in PRIVATE_CONTENT_TYPES and self.is_authenticated(request):
            add_never_cache_headers(response)
        return response

    @staticmethod
    def is_authenticated(request) -> bool:
        user = getattr(request, "user", None)
        if user is None:
            return False
        try:
            return user.is_authenticated
        except DatabaseError:  # the user could not be read: assume the worst
            return True
