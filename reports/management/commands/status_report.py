"""`python manage.py status_report --year 2008 --format docx --output bilag.docx`: the annual status
report as a file, for a secretariat's scheduled job. The same files as the page's download buttons."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.selectors import default_year
from reports.exports import EXPORTS, NoReport, export_document


class Command(BaseCommand):
    help = ("Skriver statusrapporten for et år som Word (docx), Excel (xlsx), PDF/A (pdf) eller HTML. Et godkendt år "
            "skrives, som det blev godkendt.")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Året (standard: det seneste år med en arbejdsplan).")
        parser.add_argument("--format", choices=sorted(EXPORTS), default="docx", dest="fmt",
                            help="Filformat (standard: docx).")
        parser.add_argument("--output", help="Filen, der skrives (standard: statusrapport-<år>.<format>).")

    def handle(self, *args, year, fmt, output, **options):
        year = year or default_year()
        if year is None:
            raise CommandError("Der er ingen arbejdsplan, så der er ingen rapport.")
        try:
            document = export_document(year=year, fmt=fmt, language=settings.LANGUAGE_CODE)
        except NoReport as error:
            raise CommandError(f"Der er ingen arbejdsplan for {year}.") from error
        path = Path(output or document.filename)
        try:
            path.write_bytes(document.content)
        except OSError as error:
            raise CommandError(f"Kunne ikke skrive {path}: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Statusrapporten for {year} er skrevet til {path} "
                                             f"({len(document.content)} bytes)."))
