"""`python manage.py send_survey_reminders`: remind requesters who have not answered, e.g. daily from cron."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.locks import ALREADY_RUNNING
from surveys.services import ReminderError, reminders_run
from surveys.tasks import send_survey_reminders


class Command(BaseCommand):
    help = ("Sender en påmindelse til modtagere af spørgeskemaer, der ikke er besvaret, når der er gået "
            "--after-days dage siden udsendelsen eller sidste påmindelse. Udløbne links får ingen påmindelse.")

    def add_arguments(self, parser):
        parser.add_argument("--after-days", type=int, default=settings.SURVEY_REMINDER_DAYS,
                            help="Dage uden svar før en påmindelse (standard: SURVEY_REMINDER_DAYS, %(default)s).")
        parser.add_argument("--max", type=int, default=settings.SURVEY_MAX_REMINDERS, dest="max_reminders",
                            help="Højst så mange påmindelser pr. link (standard: SURVEY_MAX_REMINDERS, %(default)s).")
        parser.add_argument("--queue", action="store_true",
                            help="Læg kørslen i køen til en worker (manage.py db_worker) i stedet for at køre den her.")

    def handle(self, *args, after_days, max_reminders, queue, **options):
        if queue:
            queued = send_survey_reminders.enqueue(after_days=after_days, max_reminders=max_reminders)
            self.stdout.write(f"Lagt i køen (opgave {queued.id}); en worker sender påmindelserne.")
            return
        try:
            result = reminders_run(after_days=after_days, max_reminders=max_reminders)
        except ReminderError as error:
            self._report(error.reminded)
            raise CommandError(f"E-mail kunne ikke sendes ({error}); de øvrige påmindes ved næste kørsel.") \
                from error
        if result is None:
            self.stdout.write(ALREADY_RUNNING)
            return
        self._report(result.reminded)
        for invitation in result.refused:
            self.stderr.write(f"  mailserveren afviste {invitation.contact_email} "
                              f"(om »{invitation.registration.title}«); ret adressen, eller træk linket tilbage")
        self.stdout.write(self.style.SUCCESS(f"{len(result.reminded)} påmindelse(r) sendt."))

    def _report(self, reminded) -> None:
        for invitation in reminded:
            self.stdout.write(f"  påmindelse sendt til {invitation.contact_email} om »{invitation.registration.title}«")
