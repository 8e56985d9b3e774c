"""Projects and project visits as sheets: the export of their lists, and the import of visits."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registrations.columns import area_column, challenge_column, common_references, hours_column
from spreadsheets.columns import BooleanColumn, ChoiceColumn, Column, DateColumn, RefColumn
from spreadsheets.importing import Importer, Reference

from . import services
from .choices import Assessment
from .forms import ProjectVisitForm
from .models import Project, ProjectVisit

PROJECT_COLUMNS = [
    Column("name", gettext_lazy("Navn")),
    RefColumn("organisation", gettext_lazy("Organisation")),
    area_column(),
    Column("description", gettext_lazy("Beskrivelse")),
    BooleanColumn("is_active", gettext_lazy("Aktivt")),
    BooleanColumn("is_municipality_funded", gettext_lazy("Støttet af Københavns Kommune")),
    Column("contact_name", gettext_lazy("Kontaktperson")),
    Column("contact_email", gettext_lazy("Kontaktpersonens e-mail")),
    Column("contact_phone", gettext_lazy("Kontaktpersonens telefon")),
]

VISIT_COLUMNS = [
    RefColumn("project", gettext_lazy("Projekt"), required=True, reference="projects", example="Sjakket",
              help=gettext_lazy("Projektets navn, som det står i projektbanken.")),
    DateColumn("date", gettext_lazy("Dato"), required=True, example="12.06.2008"),
    RefColumn("consultant", gettext_lazy("Konsulent"), required=True, reference="users",
              help=gettext_lazy("Brugernavn eller fulde navn.")),
    challenge_column(required=False),
    Column("what_works", gettext_lazy("Hvad virker")),
    Column("advice", gettext_lazy("Gode råd til andre projekter")),
    ChoiceColumn("sets_goals", gettext_lazy("Opstiller mål og succeskriterier"), choices=Assessment.choices),
    ChoiceColumn("measures_effect", gettext_lazy("Måler sin effekt"), choices=Assessment.choices),
    BooleanColumn("is_good_practice", gettext_lazy("Eksempel på god praksis")),
    hours_column(),
]


class ProjectVisitImporter(Importer):
    slug = "projektbesoeg"
    sheet_name = gettext_lazy("Projektbesøg")
    model = ProjectVisit
    form_class = ProjectVisitForm
    build = staticmethod(services.project_visit_build)
    create_many = staticmethod(services.project_visit_create_many)
    columns = VISIT_COLUMNS
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
