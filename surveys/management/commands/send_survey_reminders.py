"""`python manage.py send_survey_reminders`: remind requesters who have not answered, e.g. daily from cron."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.locks import ALREADY_RUNNING, run_lock
from surveys.services import ReminderError, invitations_remind


class Command(BaseCommand):
    help = ("Sender en påmindelse til modtagere af spørgeskemaer, der ikke er besvaret, når der er gået "
            "--after-days dage siden udsendelsen eller sidste påmindelse. Udløbne links får ingen påmindelse.")

    def add_arguments(self, parser):
        parser.add_argument("--after-days", type=int, default=settings.SURVEY_REMINDER_DAYS,
                            help="Dage uden svar før en påmindelse (standard: SURVEY_REMINDER_DAYS, %(default)s).")
        parser.add_argument("--max", type=int, default=settings.SURVEY_MAX_REMINDERS, dest="max_reminders",
                            help="Højst så mange påmindelser pr. link (standard: SURVEY_MAX_REMINDERS, %(default)s).")

    def handle(self, *args, after_days, max_reminders, **options):
        # The lock spares a second machine the work; each reminder is claimed besides (invitations_remind), so
        # a run that takes over an expired lock cannot remind anyone twice either.
        with run_lock("send_survey_reminders") as held:
            if not held:
                self.stdout.write(ALREADY_RUNNING)
                return
            try:
                result = invitations_remind(after_days=after_days, max_reminders=max_reminders)
            except ReminderError as error:
                self._report(error.reminded)
                raise CommandError(f"E-mail kunne ikke sendes ({error}); de øvrige påmindes ved næste kørsel.") \
                    from error
        self._report(result.reminded)
        for invitation in result.refused:
            self.stderr.write(f"  mailserveren afviste {invitation.contact_email} "
                              f"(om »{invitation.registration.title}«); ret adressen, eller træk linket tilbage")
        self.stdout.write(self.style.SUCCESS(f"{len(result.reminded)} påmindelse(r) sendt."))

    def _report(self, reminded) -> None:
        for invitation in reminded:
            self.stdout.write(f"  påmindelse sendt til {invitation.contact_email} om »{invitation.registration.title}«")
