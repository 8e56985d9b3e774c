"""The import of actors from a sheet with the columns of their kind (atlas/kinds.py), which the export
of the actor list and the import template have too."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Area
from spreadsheets.importing import Importer, Reference

from . import services
from .forms import ActorForm
from .kinds import ACTOR

SHEET_NAME = gettext_lazy("Aktører")


class ActorImporter(Importer):
    slug = "aktoerer"
    sheet_name = SHEET_NAME
    model = ACTOR.model
    form_class = ActorForm
    build = staticmethod(services.actor_build)
    create_many = staticmethod(services.actor_create_many)
    columns = ACTOR.columns
    permission = "atlas.add_actor"
    list_url = "atlas:actor_list"
    noun_plural = gettext_lazy("aktører")
    title = gettext_lazy("Importér aktører")

    def make_references(self):
        return {"areas": Reference(Area, _("området"), "core.add_area")}

    duplicate_fields = ("name",)
    duplicate_text = gettext_lazy("Aktøren »%(name)s« findes allerede i atlasset.")
