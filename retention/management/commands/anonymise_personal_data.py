"""`python manage.py anonymise_personal_data`: blank the contact persons of work finished more than
PERSONAL_DATA_RETENTION_YEARS ago, in the history too, e.g. nightly from cron."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.locks import ALREADY_RUNNING, run_lock
from retention.services import personal_data_anonymise

LABELS = {
    "requisitions": "rekvireringer",
    "advisories": "rådgivninger",
    "survey_invitations": "udsendte spørgeskemaer",
    "projects": "integrationsprojekter",
}


class Command(BaseCommand):
    help = ("Anonymiserer kontaktpersoner (navn, e-mail, telefon) på arbejde, der blev afsluttet for mere "
            "end --years år siden, også i ændringshistorikken. Alt i én transaktion; en ny kørsel ændrer "
            "intet, der allerede er anonymiseret.")

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=settings.PERSONAL_DATA_RETENTION_YEARS,
                            help="Opbevaringstid i år efter afslutning (standard: PERSONAL_DATA_RETENTION_YEARS, "
                                 "%(default)s).")
        parser.add_argument("--dry-run", action="store_true",
                            help="Vis kun, hvor mange der ville blive anonymiseret; intet ændres.")

    def handle(self, *args, years, dry_run, **options):
        if years < 0:
            raise CommandError("--years kan ikke være negativ.")
        with run_lock("anonymise_personal_data") as held:
            if not held:
                self.stdout.write(ALREADY_RUNNING)
                return
            result = personal_data_anonymise(years=years, dry_run=dry_run)
        verb = "ville blive anonymiseret" if dry_run else "anonymiseret"
        self.stdout.write(f"Kontaktpersoner på arbejde afsluttet senest {result.cutoff:%d.%m.%Y} "
                          f"(opbevaringstid {years} år):")
        for key, label in LABELS.items():
            self.stdout.write(f"  {label}: {result.counts[key]} {verb}")
        if dry_run:
            self.stdout.write(self.style.WARNING("Prøvekørsel (--dry-run): intet er ændret."))
        elif result.total:
            self.stdout.write(self.style.SUCCESS(f"{result.total} anonymiseret i alt."))
        else:
            self.stdout.write(self.style.SUCCESS("Intet at anonymisere."))
