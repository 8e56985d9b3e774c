"""`python manage.py purge_jobs`: delete background jobs and their files older than JOBS_KEPT_HOURS; meant
for cron, e.g. hourly (a job's file may hold personal data: an export of contact persons)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from core.locks import ALREADY_RUNNING, run_lock
from jobs.services import jobs_purge


class Command(BaseCommand):
    help = ("Sletter baggrundsjob og deres filer (»Mine filer«), der er ældre end JOBS_KEPT_HOURS timer, og "
            "køens egne poster om færdige opgaver lige så gamle.")

    def handle(self, *args, **options):
        with run_lock("purge_jobs") as held:
            if not held:
                self.stdout.write(ALREADY_RUNNING)
                return
            deleted = jobs_purge()
        self.stdout.write(self.style.SUCCESS(
            f"{deleted} job ældre end {settings.JOBS_KEPT_HOURS} timer er slettet med deres filer."))
