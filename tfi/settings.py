"""Settings for TFI Register, read from the environment (see README.md, "Konfiguration")."""

import importlib.util
import os
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)



def local_secret_key(path: Path) -> str:
    """The key kept in a private file beside the project, made on first use.

    So that `manage.py` works in a checkout without any setup; a deployment on several hosts sets
    SECRET_KEY (the same on every host) instead.
    """
    try:
        key = path.read_text().strip()
    except FileNotFoundError:
        from django.core.management.utils import get_random_secret_key

        key = get_random_secret_key()
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            return path.read_text().strip()
        with os.fdopen(descriptor, "w") as file:
            file.write(key)
    if not key:
        raise ImproperlyConfigured(f"{path} is empty: delete it or set SECRET_KEY.")
    return key


# SECRET_KEY; else the key in SECRET_KEY_FILE (made there if missing); else the key in a private file beside the
# project, so that manage.py works in a checkout without any setup. The web application itself (tfi/wsgi.py)
# refuses to start with DEBUG off unless the key was given: a key made by one machine alone would sign sessions
# the others cannot read.
SECRET_KEY_GIVEN = bool(os.environ.get("SECRET_KEY") or os.environ.get("SECRET_KEY_FILE"))
SECRET_KEY = os.environ.get("SECRET_KEY") or local_secret_key(
    Path(os.environ.get("SECRET_KEY_FILE") or BASE_DIR / ".secret_key"))

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # Django's admin, with the site of accounts/sites.py (behind the register's login and second factor).
    "accounts.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Django's widget templates, for FORM_RENDERER below.
    "django.forms",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    # The register's apps, from the ground up (README, "Layers").
    "core",
    "jobs",
    "history.apps.AuditlogConfig",  # django-auditlog, under a Danish name
    "history",
    "spreadsheets",
    "accounts",
    "registrations",
    "cases",
    "projects",
    "surveys",
    "atlas",
    "reports",
    "demo",
    "retention",
    "api",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "djangosaml2",
    "django_otp",
    "accounts.apps.AuthenticatorAppsConfig",  # django_otp.plugins.otp_totp, under a Danish name
    "accounts.apps.AxesConfig",  # django-axes, under a Danish name
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tfi.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The Content-Security-Policy header on every page (static files, served above, need none).
    "csp.middleware.CSPMiddleware",
    # Before anything reads the body: a body over DATA_UPLOAD_MAX_MEMORY_SIZE gets the 413 page.
    "tfi.middleware.RequestSizeMiddleware",
    # A view that loses the database answers with the 503 page.
    "tfi.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tfi.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # djangosaml2's own session (request.saml_session) for the outstanding SAML requests.
    "djangosaml2.middleware.SamlSessionMiddleware",
    # request.user.is_verified(): whether this session has given a code from the authenticator app.
    "django_otp.middleware.OTPMiddleware",
    # Cache-Control: no-store on what an authenticated user is shown (personal data).
    "tfi.middleware.NoStoreMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # After authentication: it stamps every change-history row (django-auditlog) with the request's user.
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and messages: log out an idle or too old session, saying why; then keep a
    # user who has given the password but not yet the code on the code page.
    "accounts.middleware.SessionTimeoutMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a refused login of a locked-out user into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tfi.urls"
WSGI_APPLICATION = "tfi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
# Widgets render through the project's templates (TemplatesSetting), except the select widget, which
# tfi/renderers.py writes in Python: the same HTML without a template loop per option.
FORM_RENDERER = "tfi.renderers.FormRenderer"

# An index's covering columns (Index.include) are a PostgreSQL feature; SQLite uses the same index
# without them, which is all the warning says.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Behind PgBouncer in transaction pooling mode a server-side cursor (what .iterator() uses on PostgreSQL)
# would outlive the transaction it was opened in: DISABLE_SERVER_SIDE_CURSORS=1 there.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DISABLE_SERVER_SIDE_CURSORS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and os.environ.get("DATABASE_JIT", "off"):
    # PostgreSQL's JIT compiles a query whose estimated cost is high, such as a year's figures grouped over
    # 100,000 rows at a million registrations: 180 ms of compiling for a 100 ms query (bench/limits.py). The
    # register's queries are short, so it is off for its connections (DATABASE_JIT=on turns it on). PgBouncer
    # passes no startup options: there, set DATABASE_JIT= (empty) and ALTER DATABASE ... SET jit = off.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c jit={os.environ.get('DATABASE_JIT', 'off')}"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The test database on SQLite is a file, not Django's shared in-memory one: the browser tests'
    # live server answers requests in parallel threads (a page and its four charts), and a single
    # shared in-memory connection used from several threads at once can hang.
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_SQLITE_NAME", str(BASE_DIR / "test-db.sqlite3"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Login (README, "Sikkerhed"). New passwords are hashed with Argon2; the hashers after it still
# verify older hashes, and Django rehashes those with Argon2 when their user next logs in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# At least 12 characters, as OWASP ASVS (2.1.1) asks, and none of the common or all-digit ones.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out username and address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, with the permissions cached (accounts/backends.py).
    "accounts.backends.CachedPermissionsBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lockout (django-axes): AXES_FAILURE_LIMIT failed logins for one username from one address, each
# within AXES_COOLOFF_MINUTES of the one before, lock that username at that address for
# AXES_COOLOFF_MINUTES; an attempt during the lock, even with the right password, is refused and
# starts the lock over. A success clears the count. Attempts and failures are kept in the database
# and shown to the administrator in the admin.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout"
# No banner on every manage.py command (cron would mail it); failures and lockouts are still logged.
AXES_VERBOSE = False
# The client's address is REMOTE_ADDR, which a client cannot forge. Behind reverse proxies it is the
# nearest proxy's, so AXES_IPWARE_PROXY_COUNT tells how many addresses the proxies put into
# X-Forwarded-For after the client's own (one proxy, such as nginx in front of gunicorn: 0); the
# client's address is then read that far from the header's end, where a client cannot write.
if os.environ.get("AXES_IPWARE_PROXY_COUNT", "").strip():
    AXES_IPWARE_PROXY_COUNT = int(os.environ["AXES_IPWARE_PROXY_COUNT"])
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    # Extra addresses a client put in front of the header are skipped, not a reason to fall back
    # to the proxy's address (which would lock everyone behind that proxy out together).
    IPWARE_STRICT = False
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Sessions live in the database, so logging out (by hand or by the limits below, enforced by
# accounts.middleware.SessionTimeoutMiddleware) deletes them on the server. Idle: no page opened or
# form sent for SESSION_IDLE_MINUTES; absolute: SESSION_MAX_HOURS after the login, whatever happens.
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
SESSION_MAX_HOURS = int(os.environ.get("SESSION_MAX_HOURS", "12"))
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
SESSION_COOKIE_HTTPONLY = True
# Lax, not Strict: with Strict a link to a registration opened from an e-mail or a chat would arrive
# without the session cookie and show the login page to someone already logged in. Lax still keeps
# the cookie off cross-site form posts, and every form carries a CSRF token besides.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie: every form carries the token in a hidden field.
CSRF_COOKIE_HTTPONLY = True

# Second factor (django-otp, TOTP): OTP_REQUIRED_FOR_MANAGEMENT makes management and administrators
# register an authenticator app and give its code at every login; anyone else may choose to. On
# unless DEBUG, so `make run` keeps the demo users' password-only login.
OTP_REQUIRED_FOR_MANAGEMENT = env_bool("OTP_REQUIRED_FOR_MANAGEMENT", not DEBUG)
# The name the authenticator app shows beside the code.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "TFI Register")
# The admin never shows a device's secret key or its QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Single sign-on through the municipality's identity provider (README, "Single sign-on"): OpenID Connect
# (accounts/oidc.py, Authlib) and SAML 2.0 (accounts/saml.py, djangosaml2 and pysaml2). Each is on when its
# provider is configured. A user is created at the first sign-in and their roles are set from the
# provider's claims at every sign-in (accounts/identity.py); ROLE_KONSULENT and its siblings list the group
# ids (Entra ID sends object ids, not names) or role values that give each role.
ROLE_SETTINGS = {"KONSULENT": "Konsulent", "LEDELSE": "Ledelse", "ADMINISTRATOR": "Administrator"}


def env_role_map(prefix: str) -> dict[str, frozenset[str]]:
    return {role: frozenset(env_list(f"{prefix}_ROLE_{key}", "")) for key, role in ROLE_SETTINGS.items()}


OIDC_ISSUER = os.environ.get("OIDC_ISSUER", "").rstrip("/")
OIDC_DISCOVERY_URL = os.environ.get("OIDC_DISCOVERY_URL") or (
    f"{OIDC_ISSUER}/.well-known/openid-configuration" if OIDC_ISSUER else "")
OIDC_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
OIDC_SCOPES = os.environ.get("OIDC_SCOPES", "openid profile email")
# Entra ID: `oid` is the user's id in the whole tenant, `sub` only for this application; either is stable.
OIDC_SUBJECT_CLAIM = os.environ.get("OIDC_SUBJECT_CLAIM", "sub")
OIDC_ROLES_CLAIM = os.environ.get("OIDC_ROLES_CLAIM", "groups")
OIDC_ROLES = env_role_map("OIDC")
# `amr` values, or `acr` values, that say the user signed in with more than a password.
OIDC_MFA_AMR = frozenset(env_list("OIDC_MFA_AMR", "mfa"))
OIDC_MFA_ACR = frozenset(env_list("OIDC_MFA_ACR", ""))
OIDC_CLOCK_SKEW_SECONDS = int(os.environ.get("OIDC_CLOCK_SKEW_SECONDS", "120"))
OIDC_BUTTON_TEXT = os.environ.get("OIDC_BUTTON_TEXT", "Log ind med Københavns Kommune")

SAML_IDP_METADATA_URL = os.environ.get("SAML_IDP_METADATA_URL", "")
SAML_IDP_METADATA_FILE = os.environ.get("SAML_IDP_METADATA_FILE", "")
SAML_IDP_METADATA_REFRESH_SECONDS = int(os.environ.get("SAML_IDP_METADATA_REFRESH_SECONDS", "3600"))
SAML_SP_ENTITY_ID = os.environ.get("SAML_SP_ENTITY_ID", "")  # empty: SITE_URL + /saml2/metadata/
SAML_SP_KEY_FILE = os.environ.get("SAML_SP_KEY_FILE", "")
SAML_SP_CERT_FILE = os.environ.get("SAML_SP_CERT_FILE", "")
SAML_XMLSEC_BINARY = os.environ.get("SAML_XMLSEC_BINARY", "/usr/bin/xmlsec1")
# Attribute names, each a comma-separated list of the names to try in turn: AD FS's claim types first,
# then OIOSAML 3's (KOMBIT's Context Handler). KOMBIT sends the roles as a privileges attribute holding a
# base64-encoded list of privileges (accounts/saml.py reads it).
SAML_ATTRIBUTE_ROLES = env_list("SAML_ATTRIBUTE_ROLES", ",".join([
    "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
    "http://schemas.xmlsoap.org/claims/Group",
    "https://data.gov.dk/model/core/eid/privilegesIntermediate",
    "dk:gov:saml:attribute:Privileges_intermediate"]))
SAML_ATTRIBUTE_NAME = env_list("SAML_ATTRIBUTE_NAME", ",".join([
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "https://data.gov.dk/model/core/eid/fullName",
    "urn:oid:2.5.4.3"]))
SAML_ATTRIBUTE_EMAIL = env_list("SAML_ATTRIBUTE_EMAIL", ",".join([
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "https://data.gov.dk/model/core/eid/email",
    "urn:oid:0.9.2342.19200300.100.1.3"]))
SAML_ATTRIBUTE_USERNAME = env_list("SAML_ATTRIBUTE_USERNAME", ",".join([
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", "urn:oid:0.9.2342.19200300.100.1.1"]))
SAML_ROLES = env_role_map("SAML")
# AuthnContextClassRef values that say the user signed in with more than a password.
SAML_MFA_CONTEXTS = frozenset(env_list("SAML_MFA_CONTEXTS", ",".join([
    "http://schemas.microsoft.com/claims/multipleauthn",
    "https://data.gov.dk/concept/core/nsis/loa/Substantial", "https://data.gov.dk/concept/core/nsis/loa/High"])))
SAML_CLOCK_SKEW_SECONDS = int(os.environ.get("SAML_CLOCK_SKEW_SECONDS", "120"))
SAML_BUTTON_TEXT = os.environ.get("SAML_BUTTON_TEXT", "Log ind med Københavns Kommune")
# djangosaml2: the SP's configuration is made per request from the settings above (accounts/saml.py); its own
# cookie, which keeps the outstanding requests (InResponseTo), must reach the assertion consumer in the
# identity provider's cross-site POST, so it is SameSite=None, which browsers accept only on a Secure cookie.
SAML_CONFIG_LOADER = "accounts.saml.sp_config"
SAML_SESSION_COOKIE_NAME = "saml_session"
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_LOGOUT_REQUEST_PREFERRED_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_IGNORE_LOGOUT_ERRORS = True
# The SP sends its requests by redirect, so no page of the register needs an inline script (the CSP above).
SAML_CSP_HANDLER = ""

# Who someone signed in by the provider but without a role in the register should ask for access.
SSO_ACCESS_CONTACT = os.environ.get("SSO_ACCESS_CONTACT", "TaskForce Integrations administrator")
# Password login: on for development and the demo. Off in production once single sign-on works; the
# usernames in PASSWORD_LOGIN_USERS (a break-glass administrator) may still use a password, at
# /login/?adgangskode=1.
PASSWORD_LOGIN = env_bool("PASSWORD_LOGIN", True)
PASSWORD_LOGIN_USERS = frozenset(env_list("PASSWORD_LOGIN_USERS", ""))

# The read-only API (api/, README "API"): service tokens (Authorization: Bearer) or the user's session,
# JSON or CSV, API_THROTTLE_RATE requests per token.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.ServiceTokenAuthentication",
                                       "rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ReadAccess"],
    "DEFAULT_RENDERER_CLASSES": ["api.renderers.ReadableJSONRenderer", "api.renderers.CSVRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerTokenThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api": os.environ.get("API_THROTTLE_RATE", "1200/hour")},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # An anonymous caller is counted by the address the login lockout trusts (AXES_IPWARE_PROXY_COUNT): by
    # default REMOTE_ADDR, never an X-Forwarded-For a client could write itself.
    "NUM_PROXIES": int(os.environ.get("AXES_IPWARE_PROXY_COUNT") or -1) + 1,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "TFI Register API",
    "DESCRIPTION": "Read-only access to TaskForce Integration's register: the year's figures, the survey results, "
                   "every kind of registration and the reference data. JSON, or CSV with ?format=csv.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI's files from the drf-spectacular-sidecar package, served by the site: no CDN, and the
    # split view keeps its script out of the page, so the page passes the CSP.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The projects' several yes/no/partly assessments share one choice set: one name for it.
    "ENUM_NAME_OVERRIDES": {"AssessmentEnum": "projects.choices.Assessment"},
}

# Danish first, English available; dates in the user's language.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("Engelsk"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates and numbers the European way (25/11/2026, 25 November 2026), not Django's American "en".
FORMAT_MODULE_PATH = ["tfi.formats"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")

# Caches. `default`, in each process's memory: the reference data's choice lists and permissions
# (core/reference_cache.py), small and read on every page, and the API's request counts (api/throttling.py).
# `reports`, shared by every process on every machine: the figures, charts and pages of finished years and, for
# REPORTS_CURRENT_YEAR_SECONDS, the current year's dashboard and report (reports/caching.py), large and slow to
# make. In the database by default (the table `tfi_cache`, made by `migrate`), in Redis where REDIS_URL is set.
# Both are exact without being cleared: every key of reference data or of a finished year holds a token, kept in
# the database, that each change replaces.
SHARED_CACHE = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    if os.environ.get("REDIS_URL") else
    {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "tfi_cache",
     "OPTIONS": {"MAX_ENTRIES": 5000}}
)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}},
    "reports": {**SHARED_CACHE, "TIMEOUT": 7 * 24 * 3600},
}
# Who the Word and PDF documents (the status report, the atlas) name as their author: the municipality's unit.
DOCUMENT_AUTHOR = os.environ.get("DOCUMENT_AUTHOR", "TaskForce Integration, Københavns Kommune")
# Seconds the current year's dashboard, charts and report page are kept before they are made again
# (reports/caching.py); 0: made for every request.
REPORTS_CURRENT_YEAR_SECONDS = int(os.environ.get("REPORTS_CURRENT_YEAR_SECONDS", "60"))
# Leaflet comes from the django-leaflet package. Only its static files are used: as an installed app its
# admin module would need GeoDjango's GDAL, which the register does not use. The same for Tom Select, the
# searchable pickers (static/js/pickers.js), from django-tomselect: its widgets and views write inline scripts,
# which the content security policy below refuses, and fetch their options by a view per field, where the
# register's lists are short and come from the reference cache.
STATICFILES_DIRS = [BASE_DIR / "static",
                    *(Path(importlib.util.find_spec(package).origin).parent / "static"
                      for package in ("leaflet", "django_tomselect"))]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names (cached for good by browsers) and, unless STATIC_COMPRESS is off (a proxy in front
        # compresses), gzip and Brotli copies that whitenoise serves to browsers that take them.
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage" if env_bool("STATIC_COMPRESS", True)
            else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# HTTPS: on by default in production. Behind a TLS-terminating proxy, set
# SECURE_PROXY_SSL_HEADER=1 so Django trusts X-Forwarded-Proto from that proxy.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SAML_SESSION_COOKIE_SAMESITE = "None" if SESSION_COOKIE_SECURE else "Lax"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# The preload directive alone changes nothing; only a submission to the browsers' list does.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Cross-Origin-Opener-Policy: same-origin is Django's default (SECURE_CROSS_ORIGIN_OPENER_POLICY). The browser
# features no page uses, switched off for the site and anything it might frame (tfi.middleware).
PERMISSIONS_POLICY = os.environ.get(
    "PERMISSIONS_POLICY",
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()")
# /.well-known/security.txt (RFC 9116): where to report a vulnerability (comma-separated mailto: or https:
# addresses; none: no file), how many days it stays valid after it is read, and the disclosure policy's address.
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "")
SECURITY_TXT_DAYS = int(os.environ.get("SECURITY_TXT_DAYS", "180"))
SECURITY_POLICY_URL = os.environ.get("SECURITY_POLICY_URL", "")
# The load balancer probes the health check over plain HTTP, straight to gunicorn.
SECURE_REDIRECT_EXEMPT = [r"^helbred/$"]

# Request limits: the largest request body (uploads included: see tfi.middleware.RequestSizeMiddleware)
# and the most form fields; larger or more get the 413 page "Forespørgslen er for stor". Uploads over
# FILE_UPLOAD_MAX_MEMORY_SIZE are spooled to a temporary file while they are read.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_NUMBER_FIELDS = int(os.environ.get("DATA_UPLOAD_MAX_NUMBER_FIELDS", "1000"))
FILE_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("FILE_UPLOAD_MAX_MEMORY_SIZE", "2621440"))

# Working hours in one FTE (årsværk), to set registered hours against the work plan's FTE.
HOURS_PER_FTE = int(os.environ.get("HOURS_PER_FTE", "1628"))

# E-mail: printed on the console unless EMAIL_BACKEND says otherwise; for SMTP set
# EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and the EMAIL_* variables below.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "TaskForce Integration <tfi@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The address the register is reached at, for links in e-mails (survey links, reminders).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# The atlas's map tiles; empty for none (the markers and the list still work). The attribution is
# shown on the map as the tile server requires.
ATLAS_TILE_URL = os.environ.get("ATLAS_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
ATLAS_TILE_ATTRIBUTION = os.environ.get(
    "ATLAS_TILE_ATTRIBUTION", '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>')


def csp_source(url: str) -> list[str]:
    """The CSP source for a URL template such as ATLAS_TILE_URL: its scheme and host, a `{s}` subdomain
    as a wildcard; nothing for an empty or same-site (relative) URL."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return []
    host = re.sub(r"\{[^}]*\}", "*", parts.netloc)
    return [f"{parts.scheme}://{host}"]


# Content-Security-Policy (django-csp): scripts only from the site's own static files, never inline
# (the templates have no inline scripts or on* attributes: behaviours live in static/js/ and read data
# attributes). Styles allow 'unsafe-inline' because Leaflet positions its map tiles and markers with
# inline style attributes, and Bootstrap's JavaScript sets some too; inline styles cannot run code.
# Images: the site, data: URIs (Bootstrap's icons in its CSS, Leaflet) and the atlas's tile server.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *csp_source(ATLAS_TILE_URL)],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Satisfaction surveys: how long a link is valid, when and how often to remind, and how many
# unknown or expired links one address may try within the window before it is refused for a while.
SURVEY_LINK_DAYS = int(os.environ.get("SURVEY_LINK_DAYS", "60"))
SURVEY_REMINDER_DAYS = int(os.environ.get("SURVEY_REMINDER_DAYS", "14"))
SURVEY_MAX_REMINDERS = int(os.environ.get("SURVEY_MAX_REMINDERS", "2"))
SURVEY_LOOKUP_LIMIT = int(os.environ.get("SURVEY_LOOKUP_LIMIT", "20"))
SURVEY_LOOKUP_WINDOW_MINUTES = int(os.environ.get("SURVEY_LOOKUP_WINDOW_MINUTES", "15"))
# The same for all addresses together, so a guesser spread over many addresses is slowed too. Only failed
# look-ups are counted and refused: a valid link always opens, from any address.
SURVEY_LOOKUP_GLOBAL_LIMIT = int(os.environ.get("SURVEY_LOOKUP_GLOBAL_LIMIT", "200"))
# The pages' duties towards people outside the municipality. The accessibility statement (the web
# accessibility act): the address of the one made with the Agency for Digital Government's tool
# (https://was.digst.dk/...), linked from every page's footer; empty: the register's own page at /was/.
# Where to report accessibility problems (empty: DEFAULT_FROM_EMAIL's address).
ACCESSIBILITY_STATEMENT_URL = os.environ.get("ACCESSIBILITY_STATEMENT_URL", "")
ACCESSIBILITY_CONTACT = os.environ.get("ACCESSIBILITY_CONTACT", "")
# Named in the questionnaires' default privacy notice (GDPR art. 13): the data controller and how to
# reach it (empty: DEFAULT_FROM_EMAIL's address), and the data protection officer's contact (empty: the
# notice points to the municipality's website).
DATA_CONTROLLER = os.environ.get("DATA_CONTROLLER", "Københavns Kommune")
DATA_CONTROLLER_CONTACT = os.environ.get("DATA_CONTROLLER_CONTACT", "")
DPO_CONTACT = os.environ.get("DPO_CONTACT", "")

# Personal data: contact persons are kept this many years after the work was finished, then
# `anonymise_personal_data` blanks them (see retention/services.py).
PERSONAL_DATA_RETENTION_YEARS = int(os.environ.get("PERSONAL_DATA_RETENTION_YEARS", "5"))

# Excel import: the largest file accepted, the most it may unpack to, and the most data rows a sheet
# may have (a 10,000-row import is measured in bench/import.py).
SPREADSHEET_MAX_UPLOAD_BYTES = int(os.environ.get("SPREADSHEET_MAX_UPLOAD_BYTES", str(5 * 1024 * 1024)))
SPREADSHEET_MAX_UNPACKED_BYTES = int(os.environ.get("SPREADSHEET_MAX_UNPACKED_BYTES", str(100 * 1024 * 1024)))
SPREADSHEET_MAX_ROWS = int(os.environ.get("SPREADSHEET_MAX_ROWS", "20000"))
# The preview of a sheet of more rows than this is made by a worker (the confirmation always is).
PREVIEW_BACKGROUND_ROWS = int(os.environ.get("PREVIEW_BACKGROUND_ROWS", "2000"))

# Background jobs (README, "Background jobs"): Django's tasks API (the django-tasks backport) with its
# database backend (django-tasks-db), so the queue is a table of the register's own database, on SQLite
# as on PostgreSQL, and `manage.py db_worker` runs what is put on it. Users' finished files are kept
# JOBS_KEPT_HOURS; a job whose worker has been silent JOBS_STALE_SECONDS is shown as stopped.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
JOBS_KEPT_HOURS = int(os.environ.get("JOBS_KEPT_HOURS", "24"))
JOBS_STALE_SECONDS = int(os.environ.get("JOBS_STALE_SECONDS", "900"))
# A list's Excel export of more rows than this is written by a worker, and offered on the job's page.
EXPORT_BACKGROUND_ROWS = int(os.environ.get("EXPORT_BACKGROUND_ROWS", "5000"))
# The Word or Excel report of a year with more requisitions than this is made by a worker.
REPORT_BACKGROUND_ROWS = int(os.environ.get("REPORT_BACKGROUND_ROWS", "2000"))

# Change history (django-auditlog, registered in history/apps.py): a foreign key is stored by its text,
# so the history says what it was called then, without a lookup per row when it is shown.
AUDITLOG_USE_FK_STRING_REPRESENTATION = True
# Days an entry in the access log (who opened or exported registrations with personal data) is kept;
# `purge_access_log` deletes older ones.
ACCESS_LOG_RETENTION_DAYS = int(os.environ.get("ACCESS_LOG_RETENTION_DAYS", "365"))

# The log (README, "Logs") goes to standard error, one line a record: `text` for people, `json` one JSON
# object a line for the municipality's log collector (core/logs.py). A refused request (4xx) is one line
# without a traceback; a server error keeps its traceback.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").strip().lower() or "text"
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"()": "core.logs.TextFormatter"},
        "json": {"()": "core.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's records reach the console above alone: Django's own handlers on its logger would write
        # them a second time with DEBUG on, in its format with the 403's traceback (and mail ADMINS, which
        # is not set, so that sent nothing).
        "django": {"handlers": [], "level": "INFO"},
        # pysaml2's schema library tells at INFO of every schema it loads at import.
        "xmlschema": {"level": "WARNING"},
    },
}
