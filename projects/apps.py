from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projekter")

    def ready(self):
        from core import reference_cache
        from spreadsheets import registry

        from .models import Project
        from .spreadsheet import ProjectImporter, ProjectVisitImporter

        reference_cache.register(Project)  # choice lists of projects come from the cache
        registry.register(ProjectImporter, ProjectVisitImporter)
