"""The import of projects and of project visits from sheets with the columns of their kinds
(projects/kinds.py), which the exports of their lists and the import templates have too."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registrations.columns import common_references
from spreadsheets.importing import Importer, Reference

from . import services
from .forms import ProjectForm, ProjectVisitForm
from .kinds import PROJECT, PROJECT_VISIT
from .models import Project


class ProjectImporter(Importer):
    slug = "projekter"
    sheet_name = gettext_lazy("Projekter")
    model = PROJECT.model
    form_class = ProjectForm
    build = staticmethod(services.project_build)
    create_many = staticmethod(services.project_create_many)
    columns = PROJECT.columns
    permission = "projects.add_project"
    list_url = "projects:project_list"
    noun_plural = gettext_lazy("projekter")
    title = gettext_lazy("Importér projekter")

    def make_references(self):
        references = common_references("date")
        return {"organisations": references["organisations"], "area": references["area"]}

    duplicate_fields = ("name",)
    duplicate_text = gettext_lazy("Projektet »%(name)s« findes allerede i projektbanken.")


class ProjectVisitImporter(Importer):
    slug = "projektbesoeg"
    sheet_name = gettext_lazy("Projektbesøg")
    model = PROJECT_VISIT.model
    form_class = ProjectVisitForm
    build = staticmethod(services.project_visit_build)
    create_many = staticmethod(services.project_visit_create_many)
    columns = PROJECT_VISIT.columns
    permission = "projects.add_projectvisit"
    list_url = "projects:projectvisit_list"
    noun_plural = gettext_lazy("projektbesøg")
    title = gettext_lazy("Importér projektbesøg")

    def make_references(self):
        return {**common_references("date"),
                # An unknown project may be created from the preview (by whoever may add projects), as a
                # project of the bank with its name only; the rest is filled in on its page.
                "projects": Reference(Project, _("projektet"), "projects.add_project")}

    duplicate_fields = ("date", "project", "consultant")
    duplicate_text = gettext_lazy("%(consultant)s har allerede registreret et besøg hos »%(project)s« den %(date)s.")
