import sys

import pytest
from django.conf import settings
from django.db import transaction
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


@pytest.fixture(scope="module")
def demo_2008(django_db_setup, django_db_blocker):
    """The 2008 demo year (demo_load's summary), loaded once for a module: in a transaction of its own that
    the module's tests run inside, each in a savepoint rolled back after it (as Django's
    TestCase.setUpTestData), and that is rolled back after the module. For modules of tests that use the
    database without a live server (a transactional test would not see the uncommitted rows)."""
    from demo.loader import demo_load

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            summary = demo_load()
        except BaseException:
            atomic.__exit__(*sys.exc_info())
            raise
    yield summary
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
