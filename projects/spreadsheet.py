"""The import of project visits from a sheet with the columns of their kind (projects/kinds.py), which
the export of the visit list and the import template have too."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registrations.columns import common_references
from spreadsheets.importing import Importer, Reference

from . import services
from .forms import ProjectVisitForm
from .kinds import PROJECT_VISIT
from .models import Project


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
                "projects": Reference(Project, _("projektet"),
                                      unknown=_("Projektet »%(name)s« findes ikke i projektbanken. Opret det først."))}

    duplicate_fields = ("date", "project", "consultant")
    duplicate_text = gettext_lazy("%(consultant)s har allerede registreret et besøg hos »%(project)s« den %(date)s.")
