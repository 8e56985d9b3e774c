"""Two machines run the daily reminders at the same moment (two `manage.py send_survey_reminders` processes on
one database, or two workers given a run each): each requester is reminded once."""

import datetime
import io
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from surveys.models import Invitation
from tests.factories import InvitationFactory
from tests.helpers import database_url
from tests.workers import db_workers, wait_for_tasks

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_remind_each_requester_once():
    sent = timezone.now() - datetime.timedelta(days=20)
    for number in range(120):
        InvitationFactory(contact_email=f"kontakt{number}@example.org", sent_at=sent)
    environment = {**os.environ, "DATABASE_URL": database_url(connection), "SECRET_KEY": "two-machines",
                   "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    runs = [subprocess.Popen([sys.executable, "manage.py", "send_survey_reminders"], cwd=ROOT, env=environment,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    reminded = Counter(line.split()[3] for out, _ in outputs for line in out.splitlines()
                       if line.strip().startswith("påmindelse sendt til"))
    assert len(reminded) == 120 and set(reminded.values()) == {1}
    assert set(Invitation.objects.values_list("reminders_sent", flat=True)) == {1}
    print(f"\nreminders from two runs at once: {[out.count('påmindelse sendt til') for out, _ in outputs]}")


@pytest.mark.django_db(transaction=True)
def test_two_workers_given_a_run_each_at_the_same_moment_remind_each_requester_once():
    """Cron on two machines puts a run on the queue (`send_survey_reminders --queue`); two workers take one
    each. The queue keeps whom each run reminded."""
    from django.core.management import call_command

    sent = timezone.now() - datetime.timedelta(days=20)
    for number in range(120):
        InvitationFactory(contact_email=f"kontakt{number}@example.org", sent_at=sent)
    said = io.StringIO()
    for _ in range(2):
        call_command("send_survey_reminders", "--queue", stdout=said)
    assert said.getvalue().count("en worker sender påmindelserne") == 2
    with db_workers(2):
        runs = wait_for_tasks(2)
    assert [status for status, _ in runs] == ["SUCCESSFUL", "SUCCESSFUL"], runs
    reminded = Counter(address for _, value in runs for address in value["reminded"])
    assert len(reminded) == 120 and set(reminded.values()) == {1}
    assert set(Invitation.objects.values_list("reminders_sent", flat=True)) == {1}
    print(f"\nreminders from two workers: {[len(value['reminded']) for _, value in runs]}")


@pytest.mark.django_db(transaction=True)
def test_two_runs_past_the_lock_still_remind_each_requester_once():
    """The reminders are claimed one by one too (a run that took over an expired lock, say): two runs of the
    service at once, in two threads with a connection each."""
    import threading

    from django.core import mail
    from django.db import connections

    from surveys.services import invitations_remind

    sent = timezone.now() - datetime.timedelta(days=20)
    for number in range(300):
        InvitationFactory(contact_email=f"kontakt{number}@example.org", sent_at=sent)
    start = threading.Barrier(2)
    results = []

    def run():
        start.wait()
        try:
            results.append(invitations_remind(after_days=14, max_reminders=2))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    recipients = Counter(message.to[0] for message in mail.outbox)
    assert len(recipients) == 300 and set(recipients.values()) == {1}
    assert sum(len(result.reminded) for result in results) == 300
    print(f"\nreminders from two threads past the lock: {[len(result.reminded) for result in results]}")
