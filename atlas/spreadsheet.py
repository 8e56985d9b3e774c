"""The actors as a sheet: one set of columns for the export of the actor list, the import template
and the import."""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spreadsheets.columns import BooleanColumn, ChoiceColumn, Column, DateColumn, DecimalColumn, NamesColumn
from spreadsheets.importing import Importer, Reference

from . import services
from .forms import ActorForm
from .models import Actor, ActorKind, Area

SHEET_NAME = gettext_lazy("Aktører")

COLUMNS = [
    Column("name", gettext_lazy("Navn"), required=True, example="Sjakket",
           help=gettext_lazy("Aktørens navn. En aktør, der allerede findes med samme navn, afvises.")),
    ChoiceColumn("kind", gettext_lazy("Type"), required=True, choices=ActorKind.choices,
                 example=ActorKind.PROJECT.label),
    NamesColumn("areas", gettext_lazy("Områder"), required=True, example="Mjølnerparken; Haraldsgade",
                help=gettext_lazy("De områder, aktøren arbejder i. Et område, der ikke findes, kan oprettes i "
                                  "forhåndsvisningen.")),
    Column("address", gettext_lazy("Adresse"), example="Bragesgade 26, 2200 København N"),
    DecimalColumn("latitude", gettext_lazy("Breddegrad"), example="55,6990",
                  help=gettext_lazy("Positionen på kortet, fx 55,699. Angiv både bredde- og længdegrad eller ingen.")),
    DecimalColumn("longitude", gettext_lazy("Længdegrad"), example="12,5480"),
    Column("website", gettext_lazy("Hjemmeside"), example="https://sjakket.dk"),
    Column("contact_name", gettext_lazy("Kontaktperson")),
    Column("contact_email", gettext_lazy("E-mail")),
    Column("contact_phone", gettext_lazy("Telefon")),
    Column("target_groups", gettext_lazy("Målgrupper"), example="Unge 14-25 år"),
    Column("activities", gettext_lazy("Aktiviteter")),
    BooleanColumn("is_active", gettext_lazy("Aktiv"), default=True, example="Ja"),
    DateColumn("last_checked", gettext_lazy("Senest kontrolleret"), example=datetime.date(2008, 12, 1)),
]


class ActorImporter(Importer):
    slug = "aktoerer"
    sheet_name = SHEET_NAME
    model = Actor
    form_class = ActorForm
    build = staticmethod(services.actor_build)
    create_many = staticmethod(services.actor_create_many)
    columns = COLUMNS
    permission = "atlas.add_actor"
    list_url = "atlas:actor_list"
    noun_plural = gettext_lazy("aktører")
    title = gettext_lazy("Importér aktører")

    def make_references(self):
        return {"areas": Reference(Area, _("området"), "core.add_area")}

    duplicate_fields = ("name",)
    duplicate_text = gettext_lazy("Aktøren »%(name)s« findes allerede i atlasset.")
