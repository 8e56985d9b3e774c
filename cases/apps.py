from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Rekvireringer og rådgivninger")

    def ready(self):
        from .roles import sync_roles_after_migrate
        from .sqlite import install_unicode_like

        connection_created.connect(install_unicode_like, dispatch_uid="cases.sqlite_unicode_like")
        post_migrate.connect(sync_roles_after_migrate, sender=self, dispatch_uid="cases.roles")
