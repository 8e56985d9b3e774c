"""`python manage.py purge_access_log`: delete access-log entries older than ACCESS_LOG_RETENTION_DAYS days;
meant for cron, e.g. daily."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.locks import ALREADY_RUNNING, run_lock
from history.services import access_log_purge


class Command(BaseCommand):
    help = ("Sletter poster i adgangsloggen (hvem der har åbnet eller eksporteret registreringer med "
            "personoplysninger), der er ældre end --days dage.")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.ACCESS_LOG_RETENTION_DAYS,
                            help="Behold så mange dage (standard: ACCESS_LOG_RETENTION_DAYS, %(default)s).")

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days kan ikke være negativ.")
        with run_lock("purge_access_log") as held:
            if not held:
                self.stdout.write(ALREADY_RUNNING)
                return
            deleted = access_log_purge(days=days)
        self.stdout.write(self.style.SUCCESS(
            f"{deleted} post(er) i adgangsloggen ældre end {days} dage er slettet."))
