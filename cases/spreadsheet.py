"""The imports of requisitions, advisories and events from sheets with the columns of their kinds
(cases/kinds.py), which the exports of their lists and the import templates have too."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registrations.columns import RegistrationReference, common_references
from spreadsheets.importing import Importer

from . import services
from .forms import AdvisoryForm, EventForm, RequisitionForm
from .kinds import ADVISORY, EVENT, REQUISITION
from .models import Deliverable, Requisition


class RequisitionImporter(Importer):
    slug = "rekvireringer"
    sheet_name = gettext_lazy("Rekvireringer")
    model = REQUISITION.model
    form_class = RequisitionForm
    build = staticmethod(services.requisition_build)
    create_many = staticmethod(services.requisition_create_many)
    columns = REQUISITION.columns
    permission = "cases.add_requisition"
    list_url = "cases:requisition_list"
    noun_plural = gettext_lazy("rekvireringer")
    title = gettext_lazy("Importér rekvireringer")

    def make_references(self):
        return common_references("date_received", "date_finished")

    duplicate_fields = ("title", "date_received")
    duplicate_text = gettext_lazy("Rekvireringen »%(title)s«, modtaget %(date_received)s, findes allerede.")


class AdvisoryImporter(Importer):
    slug = "raadgivninger"
    sheet_name = gettext_lazy("Rådgivninger")
    model = ADVISORY.model
    form_class = AdvisoryForm
    build = staticmethod(services.advisory_build)
    create_many = staticmethod(services.advisory_create_many)
    columns = ADVISORY.columns
    permission = "cases.add_advisory"
    list_url = "cases:advisory_list"
    noun_plural = gettext_lazy("rådgivninger")
    title = gettext_lazy("Importér rådgivninger")

    def make_references(self):
        return common_references("date")

    duplicate_fields = ("title", "date", "requester")
    duplicate_text = gettext_lazy("Rådgivningen »%(title)s« den %(date)s til %(requester)s findes allerede.")


class EventImporter(Importer):
    slug = "arrangementer"
    sheet_name = gettext_lazy("Arrangementer")
    model = EVENT.model
    form_class = EventForm
    build = staticmethod(services.event_build)
    create_many = staticmethod(services.event_create_many)
    columns = EVENT.columns
    permission = "cases.add_event"
    list_url = "cases:event_list"
    noun_plural = gettext_lazy("arrangementer")
    title = gettext_lazy("Importér arrangementer")

    def make_references(self):
        return {
            **common_references("date"),
            "deliverables": RegistrationReference(Deliverable, _("leverancen"), date_field="date", unknown=_(
                "Der er ingen leverance »%(name)s« i arbejdsplanen for arrangementets år.")),
            "requisitions": RegistrationReference(Requisition, _("rekvireringen"), date_field="date", unknown=_(
                "Der er ingen rekvirering »%(name)s« i arrangementets år.")),
        }

    duplicate_fields = ("title", "date")
    duplicate_text = gettext_lazy("Arrangementet »%(title)s« den %(date)s findes allerede.")
