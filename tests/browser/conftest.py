"""Playwright on the system's Chromium (Debian's package), against pytest-django's live server.

Without a Chromium the browser tests skip with the reason, so `make test` passes on a fresh
machine; under CI (CI=true, as `.ci/run` sets) a missing browser fails the run instead.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        reason = f"No Chromium at {CHROMIUM}: install Debian's 'chromium' package to run the browser tests."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself (factories, assertions) are still synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="da-DK", timezone_id="Europe/Copenhagen")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    # Let the browser finish its requests (images, downloads) before the context and then the live
    # server go: a request thread still running after the test closes the shared SQLite connection
    # from the wrong thread.
    for open_page in context.pages:
        open_page.wait_for_load_state("networkidle")
    context.close()


@pytest.fixture
def login(page):
    def login_as(username: str, password: str = "demo"):
        page.goto("/login/")
        page.get_by_label("Brugernavn").fill(username)
        page.get_by_label("Adgangskode").fill(password)
        page.get_by_role("button", name="Log ind").click()
        page.wait_for_url("**/")

    return login_as


# The single sign-on tests open the register at 127.0.0.1, where the test identity providers listen too:
# their redirects and form posts back to the register are then same-site, so the browser sends the session
# cookies (SameSite=Lax) over plain HTTP, as it sends production's SameSite=None; Secure cookies over HTTPS.
@pytest.fixture
def site(live_server) -> str:
    return live_server.url.replace("localhost", "127.0.0.1")


@pytest.fixture
def sso_page(browser, site):
    context = browser.new_context(base_url=site, locale="da-DK", timezone_id="Europe/Copenhagen")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    for open_page in context.pages:
        open_page.wait_for_load_state("networkidle")
    context.close()


@pytest.fixture
def demo_loaded(live_server):
    """The 2008 demo, loaded before a worker starts: name it before `worker` in the test's arguments. SQLite
    has one writer at a time, and the demo's thousands of inserts beside a worker that polls the queue ended
    in "database is locked" under the whole suite on two cores."""
    from demo.loader import demo_load

    return demo_load()


@pytest.fixture
def worker(live_server):
    """A real worker (`manage.py db_worker`) beside the live server, for what the pages start as jobs."""
    from tests.workers import db_workers

    with db_workers(1) as processes:
        yield processes[0]
