import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from tests.factories import AdministratorFactory, ConsultantFactory, ManagerFactory


@pytest.fixture(autouse=True, scope="session")
def _plain_http_and_static(tmp_path_factory):
    """Tests talk plain HTTP to the test server, need no collected static manifest, hash the
    factories' passwords with a cheap hasher (the real one is slow on purpose), and keep the reports
    cache's files in a directory of their own (a run never reads another run's charts)."""
    caches = {**settings.CACHES, "reports": {**settings.CACHES["reports"],
                                              "LOCATION": str(tmp_path_factory.mktemp("reports-cache"))}}
    with override_settings(
        CACHES=caches,
        # Each look at the current year's dashboard and report is made afresh, so that a test sees the
        # rows it has just made; keeping them is tested in tests/reports/test_caching.py.
        REPORTS_CURRENT_YEAR_SECONDS=0,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        # The second factor is tested on its own (tests/accounts/); the rest of the suite logs in with a password.
        OTP_REQUIRED_FOR_MANAGEMENT=False,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        yield


@pytest.fixture(autouse=True)
def _danish_after_each_test():
    """A request in English leaves English active in the thread (the language middleware activates the
    chosen language for each request, as Django's does): each test starts in the default language."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def consultant(db):
    return ConsultantFactory(username="konsulent1")


@pytest.fixture
def other_consultant(db):
    return ConsultantFactory(username="konsulent2")


@pytest.fixture
def manager(db):
    return ManagerFactory(username="leder1")


@pytest.fixture
def administrator(db):
    return AdministratorFactory(username="admin1")
