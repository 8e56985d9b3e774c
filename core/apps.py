from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def cache_table_after_migrate(sender, using="default", verbosity=1, **kwargs):
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Referencedata")

    def ready(self):
        from django.contrib.auth.models import Group

        from . import choice_display, reference_cache
        from .models import Area, Challenge, Organisation, WorkPlan
        from .roles import sync_roles_after_migrate
        from .sqlite import install_unicode_like

        connection_created.connect(install_unicode_like, dispatch_uid="core.sqlite_unicode_like")
        # Once per migrate, at core's turn; the handler first makes every app's permissions.
        post_migrate.connect(sync_roles_after_migrate, sender=self, dispatch_uid="core.roles")
        # The shared cache's table (settings.CACHES), after every migrate: made if missing.
        post_migrate.connect(cache_table_after_migrate, sender=self, dispatch_uid="core.cache_table")
        # Choice lists of these come from the cache (users: the consultants, by name and role).
        reference_cache.register(WorkPlan, Challenge, Organisation, Area, get_user_model(), Group)
        reference_cache.connect()
        choice_display.install(self.apps)
