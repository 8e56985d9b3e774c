"""Reminders: an unanswered, unexpired e-mailed link is reminded once per `after_days`, at most
`max_reminders` times; the command does it daily from cron and says what it sent."""

import contextlib
from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from surveys.choices import Channel
from surveys.models import Invitation
from surveys.services import ReminderError, invitations_remind
from tests.factories import InvitationFactory, ResponseFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2008, 9, 1, 12, 0))


def sent(requisition, days_ago: float, now=NOW, **kwargs) -> Invitation:
    return InvitationFactory(requisition=requisition, sent_at=now - timedelta(days=days_ago), **kwargs)


def remind(now=NOW, after_days=14, max_reminders=2) -> list[Invitation]:
    return invitations_remind(after_days=after_days, max_reminders=max_reminders, now=now).reminded


def test_a_due_link_is_reminded_once_with_a_mail_holding_its_link(requisition, mailoutbox):
    due = sent(requisition, 20, contact_email="due@example.org")

    reminded = remind()

    assert reminded == [due]
    due.refresh_from_db()
    assert (due.reminders_sent, due.last_reminded_at) == (1, NOW)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["due@example.org"]
    assert mailoutbox[0].subject.startswith("Påmindelse:")
    assert f"/svar/{due.token}/" in mailoutbox[0].body
    assert remind() == []  # run again the same day: nothing more
    assert remind(now=NOW + timedelta(days=13)) == []
    assert len(mailoutbox) == 1


def test_answered_expired_recent_and_paper_links_are_not_reminded(requisition, mailoutbox):
    due = sent(requisition, 14)  # exactly after_days: due
    ResponseFactory(invitation=sent(requisition, 20))
    sent(requisition, 70)  # expired after 60 days
    sent(requisition, 5)
    sent(requisition, 40, channel=Channel.PAPER)
    sent(requisition, 30, reminders_sent=1, last_reminded_at=NOW - timedelta(days=3))

    assert remind() == [due]
    assert len(mailoutbox) == 1


def test_a_link_is_reminded_again_after_another_period_and_at_most_max_times(requisition, mailoutbox):
    invitation = sent(requisition, 14)

    first = remind()
    second = remind(now=NOW + timedelta(days=14))
    third = remind(now=NOW + timedelta(days=28))

    assert (first, second, third) == ([invitation], [invitation], [])
    invitation.refresh_from_db()
    assert invitation.reminders_sent == 2
    assert invitation.last_reminded_at == NOW + timedelta(days=14)
    assert len(mailoutbox) == 2


def test_no_reminders_when_max_is_zero(requisition, mailoutbox):
    sent(requisition, 20)

    assert remind(max_reminders=0) == []
    assert mailoutbox == []


class TestCommand:
    def test_it_reports_each_reminder_and_the_count(self, requisition, mailoutbox):
        now = timezone.now()
        sent(requisition, 15, now=now, contact_email="due@example.org")
        sent(requisition, 2, now=now)
        out = StringIO()

        call_command("send_survey_reminders", stdout=out)

        assert out.getvalue().splitlines() == [
            "  påmindelse sendt til due@example.org om »Dialogmøde i Mjølnerparken«",
            "1 påmindelse(r) sendt.",
        ]
        assert [mail.to for mail in mailoutbox] == [["due@example.org"]]

    def test_its_options_override_the_settings(self, requisition, mailoutbox):
        sent(requisition, 15, now=timezone.now())
        out = StringIO()

        call_command("send_survey_reminders", "--after-days", "30", stdout=out)
        call_command("send_survey_reminders", "--max", "0", stdout=out)

        assert out.getvalue().splitlines() == ["0 påmindelse(r) sendt.", "0 påmindelse(r) sendt."]
        assert mailoutbox == []

    def test_it_stops_with_a_danish_error_when_the_mail_server_is_down(self, requisition, smtp_down):
        invitation = sent(requisition, 15, now=timezone.now())

        with pytest.raises(CommandError, match="E-mail kunne ikke sendes .*de øvrige påmindes ved næste kørsel"):
            call_command("send_survey_reminders", stdout=StringIO())

        invitation.refresh_from_db()
        assert (invitation.reminders_sent, invitation.last_reminded_at) == (0, None)


def test_reminders_go_through_a_real_mail_server(requisition, smtp_server):
    due = sent(requisition, 20, contact_email="due@example.org")

    assert remind() == [due]
    assert smtp_server.received == [["due@example.org"]]


def test_an_address_the_mail_server_refuses_does_not_hold_back_the_other_reminders(requisition, smtp_server):
    sent(requisition, 20, contact_email="gone@example.org")
    waiting = sent(requisition, 20, contact_email="lise.holm@example.org")
    smtp_server.refused.add("gone@example.org")

    for night in range(3):
        with contextlib.suppress(ReminderError):
            remind(now=NOW + timedelta(days=night))

    waiting.refresh_from_db()
    assert waiting.reminders_sent == 1
    assert smtp_server.received == [["lise.holm@example.org"]]
