"""Two machines run the daily reminders at the same moment (two `manage.py send_survey_reminders` processes on
one database): each requester is reminded once."""

import datetime
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
