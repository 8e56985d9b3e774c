"""`python manage.py load_demo`: the 2008 demo data (with International Dag 2007) and the demo users."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.loader import DEMO_PASSWORD, demo_load

LABELS = {
    "work_plans": "arbejdsplaner",
    "challenges": "udfordringer",
    "areas": "områder",
    "organisations": "organisationer",
    "requisitions": "rekvireringer",
    "advisories": "rådgivninger",
    "fte_allocations": "planlagte årsværk pr. opgave",
    "deliverables": "leverancer",
    "events": "arrangementer",
    "steering_groups": "styregruppesæder",
    "projects": "integrationsprojekter",
    "project_visits": "projektbesøg",
    "survey_invitations": "udsendte spørgeskemaer",
    "survey_responses": "besvarelser af spørgeskemaer",
    "report_texts": "tekster til statusrapporten",
    "actors": "aktører i TFI-atlas",
}
KEPT = "fandtes allerede (uændret; adgangskoden er ikke nulstillet)"


class Command(BaseCommand):
    help = ("Indlæser demodata for 2008 (statusrapporten af 24.11.2008), International Dag 2007 til "
            "sammenligning, og demobrugerne.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true",
            help="Indlæs også når DEBUG er slået fra. Demobrugerne har adgangskoden 'demo'.")

    def handle(self, *args, **options):
        """Load the demo data and print what was added and how to log in."""
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG er slået fra, så dette ligner en produktionsdatabase. Demobrugerne får "
                "adgangskoden 'demo'; brug --force, hvis du virkelig vil indlæse demodata her.")
        summary = demo_load()
        created, existing = summary["created"], summary["existing"]

        moved = summary["participants_moved"]

        self.stdout.write("Demodata for 2008 (og International Dag 2007 til sammenligning):")
        for key, label in LABELS.items():
            self.stdout.write(f"  {label}: {created[key]} oprettet, {existing[key]} fandtes allerede")
        if moved:
            self.stdout.write(f"  deltagertal flyttet fra rekvirering til dens arrangement: {moved}")
        if not any(created.values()) and not moved:
            self.stdout.write("Alle demodata fandtes allerede; intet er ændret.")

        self.stdout.write("")
        self.stdout.write(f"Demobrugere (adgangskode for nye brugere: {DEMO_PASSWORD}):")
        for user, was_created in summary["users"]:
            groups = ", ".join(user.groups.order_by("name").values_list("name", flat=True)) or "ingen rolle"
            state = "oprettet" if was_created else KEPT
            self.stdout.write(f"  {user.username:<10} {user.get_full_name()} ({groups}) – {state}")
        self.stdout.write(self.style.SUCCESS("Demodata er indlæst."))
