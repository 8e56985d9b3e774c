from django.core.management.base import BaseCommand, CommandError

from api.models import Scope
from api.services import service_token_create


class Command(BaseCommand):
    help = "Make a named API token for a machine (the municipality's BI) and print it, the only time it is shown."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--scope", choices=[scope.value for scope in Scope], default=Scope.FIGURES)
        parser.add_argument("--days", type=int, default=365)

    def handle(self, *args, name, scope, days, **options):
        if days < 1:
            raise CommandError("--days must be at least 1")
        token, secret = service_token_create(name=name, scope=scope, days=days)
        self.stdout.write(secret)
        self.stderr.write(f"{token.name}: {token.get_scope_display()}, valid until {token.expires_at:%Y-%m-%d}")
