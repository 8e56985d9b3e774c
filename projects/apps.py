from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projekter")

    def ready(self):
        from cases import reference_cache

        from .models import Project

        reference_cache.register(Project)  # choice lists of projects come from the cache
