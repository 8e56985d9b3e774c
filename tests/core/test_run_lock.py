"""The periodic commands' lock: one run at a time on however many machines; an expired lock is taken over."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core.locks import ALREADY_RUNNING, run_lock
from core.models import RunLock
from tests.factories import InvitationFactory


@pytest.mark.django_db
def test_a_second_run_is_skipped_while_the_first_holds_the_lock(capsys):
    InvitationFactory(sent_at=timezone.now() - datetime.timedelta(days=20))
    with run_lock("send_survey_reminders") as held:
        assert held
        call_command("send_survey_reminders")
        assert ALREADY_RUNNING in capsys.readouterr().out
        assert mail.outbox == []
    assert not RunLock.objects.exists()  # given back
    call_command("send_survey_reminders")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_an_expired_lock_of_a_run_that_died_is_taken_over():
    RunLock.objects.create(name="purge_access_log", holder="machine-1:4711:dead",
                           expires_at=timezone.now() - datetime.timedelta(minutes=1))
    with run_lock("purge_access_log") as held:
        assert held
        assert RunLock.objects.get().holder != "machine-1:4711:dead"
    with run_lock("purge_access_log") as held, run_lock("purge_access_log") as again:
        assert (held, again) == (True, False)
