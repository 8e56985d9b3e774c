"""Two machines behind a load balancer: two gunicorn instances (and two workers) on one database, with
production settings and the same SECRET_KEY. A login made on one is valid on the other, an advisory saved
through one shows in the other's figures at once (the figures' tokens are in the database, the cache is
shared), and reminders handed to the queue by both machines' cron are sent once."""

import datetime
import os
import re
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.utils import timezone

from tests.factories import AdministrationFactory, ChallengeFactory, ConsultantFactory, WorkPlanFactory
from tests.helpers import database_url

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    # Hashed names without the compressed copies, which take a minute to make (STATIC_COMPRESS).
    environment = {**os.environ, "SECRET_KEY": "collect", "STATIC_ROOT": str(root), "STATIC_COMPRESS": "0"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT,
                   env=environment, check=True, timeout=300)
    return root


@pytest.fixture
def machines(static_root, transactional_db):
    environment = {**os.environ, "DATABASE_URL": database_url(connection), "SECRET_KEY": "one-key-for-every-machine",
                   "STATIC_ROOT": str(static_root), "STATIC_COMPRESS": "0", "ALLOWED_HOSTS": "127.0.0.1",
                   "SECURE_SSL_REDIRECT": "0",
                   "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0", "REPORTS_CURRENT_YEAR_SECONDS": "60",
                   "LOG_LEVEL": "WARNING"}
    for name in ("DJANGO_SETTINGS_MODULE", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        environment.pop(name, None)
    urls, processes = [], []
    for _ in range(2):
        port = free_port()
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "tfi.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
            cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            for _ in range(120):
                try:
                    if requests.get(f"{url}/helbred/", timeout=10).status_code == 200:
                        break
                except (requests.ConnectionError, requests.Timeout):
                    time.sleep(0.25)
            else:
                pytest.fail(f"gunicorn at {url} did not start")
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


def log_in(session: requests.Session, url: str, username: str) -> None:
    page = session.get(f"{url}/login/").text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    answer = session.post(f"{url}/login/", data={"csrfmiddlewaretoken": token, "username": username,
                                                 "password": "demo"}, headers={"Referer": f"{url}/login/"})
    assert answer.url == f"{url}/", re.findall(r"alert[^>]*>([^<]+)", answer.text) or answer.status_code


def advisories_2008(session: requests.Session, url: str) -> list[int]:
    return [row["advisories"] for row in session.get(f"{url}/api/v1/years/2008/figures/").json()["challenges"]]


def test_a_login_and_a_change_on_one_machine_hold_on_the_other_at_once(machines):
    a, b = machines
    user = ConsultantFactory(username="konsulent")
    # A hash the machines' own PASSWORD_HASHERS read (the suite's cheap MD5 is not among them).
    type(user).objects.filter(pk=user.pk).update(password=PBKDF2PasswordHasher().encode("demo", "twomachinessalt"))
    challenge = ChallengeFactory(work_plan=WorkPlanFactory(year=2008), number=1)
    requester = AdministrationFactory(name="Beskæftigelses- og Integrationsforvaltningen")
    browser = requests.Session()
    log_in(browser, a, "konsulent")
    assert advisories_2008(browser, b) == [0]  # the session made on A is read on B; B caches 2008's figures

    page = browser.get(f"{a}/").text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    saved = browser.post(f"{a}/raadgivninger/hurtig/", headers={"Referer": f"{a}/"}, data={
        "csrfmiddlewaretoken": token, "challenge": challenge.pk, "requester": requester.pk,
        "title": "Sparring om mentorforløb", "date": "12.03.2008", "description": ""})
    assert saved.status_code == 200 and "Sparring om mentorforløb" in saved.text

    assert advisories_2008(browser, b) == [1]
    assert advisories_2008(browser, a) == [1]


def test_reminders_put_on_the_queue_by_both_machines_at_once_are_sent_once_by_their_two_workers(machines):
    """Cron on each machine hands the day's reminders to the queue at the same moment; a worker on each
    machine takes a run. Each requester is reminded once, and the queue keeps whom each run reminded."""
    from surveys.models import Invitation
    from tests.factories import InvitationFactory
    from tests.workers import db_workers, wait_for_tasks, worker_environment

    sent = timezone.now() - datetime.timedelta(days=20)
    for number in range(100):
        InvitationFactory(contact_email=f"kontakt{number}@example.org", sent_at=sent)
    environment = {**worker_environment(), "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    with db_workers(2):
        crons = [subprocess.Popen([sys.executable, "manage.py", "send_survey_reminders", "--queue"], cwd=ROOT,
                                  env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in machines]
        assert all(cron.wait(timeout=120) == 0 for cron in crons), [cron.communicate() for cron in crons]
        runs = wait_for_tasks(2)
    assert [status for status, _ in runs] == ["SUCCESSFUL", "SUCCESSFUL"], runs
    reminded = Counter(address for _, value in runs for address in value["reminded"])
    assert len(reminded) == 100 and set(reminded.values()) == {1}
    assert set(Invitation.objects.values_list("reminders_sent", flat=True)) == {1}
