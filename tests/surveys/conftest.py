import socket
import socketserver
import threading

import pytest

from cases.choices import RequisitionStatus
from surveys.choices import QuestionnaireKind
from surveys.models import Questionnaire
from tests.factories import (
    AdministrationFactory,
    AdvisoryFactory,
    ChallengeFactory,
    InvitationFactory,
    RequisitionFactory,
    WorkPlanFactory,
)


@pytest.fixture
def plan(db):
    return WorkPlanFactory(year=2008)


@pytest.fixture
def challenge(plan):
    return ChallengeFactory(work_plan=plan, number=1, short_label="Udsatte boligområder")


@pytest.fixture
def requester(db):
    return AdministrationFactory(name="Socialforvaltningen")


@pytest.fixture
def requisition(challenge, consultant, requester):
    """Finished, created by `consultant`, asked for by `requester`."""
    return RequisitionFactory(
        challenge=challenge, created_by=consultant, consultants=[consultant], requesters=[requester],
        title="Dialogmøde i Mjølnerparken", status=RequisitionStatus.FINISHED,
        date_finished="2008-06-01")


@pytest.fixture
def open_requisition(challenge, consultant, requester):
    return RequisitionFactory(challenge=challenge, created_by=consultant, consultants=[consultant],
                              requesters=[requester], title="Temadag om tryghed",
                              status=RequisitionStatus.IN_PROGRESS)


@pytest.fixture
def advisory(challenge, consultant, requester):
    return AdvisoryFactory(challenge=challenge, consultant=consultant, requester=requester,
                           title="Råd om lektiecafé")


@pytest.fixture
def invitation(requisition, consultant):
    """An unanswered link about `requisition`, e-mailed by `consultant` just now."""
    return InvitationFactory(requisition=requisition, sent_by=consultant)


@pytest.fixture
def requisition_questionnaire(db):
    """The active questionnaire after a requisition (2008's, from the data migration)."""
    return Questionnaire.objects.get(kind=QuestionnaireKind.REQUISITION, is_active=True)


@pytest.fixture
def advisory_questionnaire(db):
    return Questionnaire.objects.get(kind=QuestionnaireKind.ADVISORY, is_active=True)


def unused_port() -> int:
    """A local port nobody listens on: connecting to it is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_down(settings):
    """A mail server that refuses connections (Django's SMTP backend raises an OSError)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = unused_port()
    settings.EMAIL_TIMEOUT = 5


class _SmtpHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend: every recipient is accepted except the refused ones
    (550, as a server answers for a mailbox that no longer exists)."""

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        self.reply("220 localhost test server")
        recipients = []
        while line := self.rfile.readline():
            command = line.decode().strip()
            verb = command[:4].upper()
            if verb == "RCPT":
                address = command.split(":", 1)[1].strip().strip("<>")
                if address in self.server.refused:
                    self.reply("550 No such user")
                else:
                    recipients.append(address)
                    self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                while self.rfile.readline() not in (b".\r\n", b""):
                    pass
                self.server.received.append(recipients)
                recipients = []
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:  # EHLO, HELO, MAIL, RSET, NOOP
                self.reply("250 OK")


@pytest.fixture
def smtp_server(settings):
    """A local mail server in a thread; `refused` holds addresses it refuses, `received` the
    recipients of each message it took."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SmtpHandler)
    server.daemon_threads = True
    server.refused, server.received = set(), []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.server_address
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.shutdown()
    server.server_close()
