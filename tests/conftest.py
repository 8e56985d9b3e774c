import sys

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_migrate
from django.test import override_settings
from django.utils import translation

from tests.factories import AdministratorFactory, ConsultantFactory, ManagerFactory


def _questionnaires_after_flush(sender, apps=django_apps, **kwargs):
    """A transactional test (the browser tests' live server) ends by flushing the database, and a flush
    puts back only what post_migrate makes (content types, permissions, the roles), not what a data
    migration made: the 2008 questionnaires (surveys 0002). They are put back here, so that every test
    starts from the database as migrate left it, in whatever order the tests run (with pytest-xdist, a
    process may run a transactional test before the others). A flush sends no `apps`: the current models."""
    from auditlog.context import disable_auditlog

    from surveys.questionnaires import questionnaires_2008_create

    try:
        questionnaire, question = apps.get_model("surveys", "Questionnaire"), apps.get_model("surveys", "Question")
    except LookupError:  # a migration test's state before the surveys app
        return
    with disable_auditlog():  # as in the migration, no change history
        questionnaires_2008_create(questionnaire, question)


def pytest_configure(config):
    post_migrate.connect(_questionnaires_after_flush, sender=django_apps.get_app_config("surveys"),
                         dispatch_uid="tests.questionnaires_after_flush")


@pytest.fixture(autouse=True, scope="session")
def _plain_http_and_static():
    """Tests talk plain HTTP to the test server, need no collected static manifest, hash the
    factories' passwords with a cheap hasher (the real one is slow on purpose). The shared cache is the
    test database's own table, so a run never reads another run's charts."""
    with override_settings(
        # Each look at the current year's dashboard and report is made afresh, so that a test sees the
        # rows it has just made; keeping them is tested in tests/reports/test_caching.py.
        REPORTS_CURRENT_YEAR_SECONDS=0,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        # djangosaml2's cookie: SameSite=None needs Secure, which plain HTTP cannot carry.
        SAML_SESSION_COOKIE_SAMESITE="Lax",
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


def pytest_collection_modifyitems(config, items):
    """The demo year loaded for a class stays in the database until the class's last test: a class that
    shares it must be all of it, or its other tests would see rows they did not make."""
    by_class = {}
    for item in items:
        if item.cls is not None:
            by_class.setdefault(item.cls, []).append(item)
    for cls, members in by_class.items():
        strangers = [item.name for item in members if "demo_2008" not in item.fixturenames]
        if strangers and len(strangers) < len(members):
            raise pytest.UsageError(f"{cls.__qualname__} shares the demo year (demo, demo_2008) but "
                                    f"{', '.join(strangers)} "
                                    "does not: move the tests of the demo year to a class of their own.")


@pytest.fixture(scope="class")
def demo_2008(django_db_setup, django_db_blocker):
    """The 2008 demo year (demo_load's summary), loaded once for a class of tests (for a test outside a class,
    once for that test): in a transaction of its own that the class's tests run inside, each in a savepoint
    rolled back after it (as Django's TestCase.setUpTestData), and that is rolled back after the class. For
    tests that use the database without a live server (a transactional test would not see the uncommitted
    rows)."""
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


@pytest.fixture
def demo(demo_2008, db):
    """The 2008 demo year for a test (demo_load's summary): loaded once per class (demo_2008), with fresh
    cache tokens for this test, inside its transaction, so that nothing an earlier test of the class
    cached (choice lists, report figures) is read as if this test had made it."""
    from core.reference_cache import reference_changed
    from reports.caching import figures_changed

    reference_changed()
    figures_changed()
    return demo_2008


@pytest.fixture(scope="module")
def saml_idp(tmp_path_factory):
    """A SAML identity provider (pysaml2's own, signing with xmlsec1) on 127.0.0.1 for the module's tests."""
    from tests.identity_providers.saml import SamlIdentityProvider

    idp = SamlIdentityProvider(tmp_path_factory.mktemp("saml-idp")).start()
    yield idp
    idp.stop()
