"""Requisitions, advisories, events, deliverables and steering-group seats as sheets: one set of
columns per kind serves the export of its list, the import template and the import."""

from django.utils.translation import gettext_lazy

from registrations.columns import area_column, challenge_column, common_references, contact_columns, hours_column
from spreadsheets.columns import BooleanColumn, ChoiceColumn, Column, DateColumn, NamesColumn, RefColumn
from spreadsheets.importing import Importer

from . import services
from .choices import DeliverableStatus, EventKind, EventRole, RequisitionStatus, SteeringRole
from .forms import AdvisoryForm, EventForm, RequisitionForm
from .models import Advisory, Event, Requisition

REQUISITION_COLUMNS = [
    Column("title", gettext_lazy("Titel"), required=True, example="Temamøde om unge og uddannelse"),
    challenge_column(),
    ChoiceColumn("status", gettext_lazy("Status"), choices=RequisitionStatus.choices,
                 example=RequisitionStatus.FINISHED.label, default=RequisitionStatus.RECEIVED,
                 help=gettext_lazy("Tom betyder »Modtaget«.")),
    NamesColumn("requesters", gettext_lazy("Rekvirenter"), required=True, reference="organisations",
                example="Beskæftigelses- og Integrationsforvaltningen",
                help=gettext_lazy("En eller flere rekvirenter adskilt af semikolon, med navn eller kort navn.")),
    NamesColumn("consultants", gettext_lazy("Ansvarlige konsulenter"), reference="users",
                help=gettext_lazy("Brugernavn eller fulde navn, adskilt af semikolon.")),
    DateColumn("date_received", gettext_lazy("Modtaget"), required=True, example="15.01.2008"),
    DateColumn("date_finished", gettext_lazy("Afholdt/afsluttet")),
    area_column(),
    Column("participants", gettext_lazy("Deltagere"), kind="int", example="120"),
    BooleanColumn("participants_approximate", gettext_lazy("Ca.-tal")),
    Column("partners", gettext_lazy("Samarbejdspartnere")),
    Column("volunteers", gettext_lazy("Frivillige")),
    Column("description", gettext_lazy("Beskrivelse")),
    hours_column(),
    *contact_columns(),
]

ADVISORY_COLUMNS = [
    Column("title", gettext_lazy("Titel"), required=True, example="Råd om rekruttering af frivillige"),
    challenge_column(),
    RefColumn("requester", gettext_lazy("Rekvirent"), required=True, reference="organisations",
              example="Kultur- og Fritidsforvaltningen"),
    DateColumn("date", gettext_lazy("Dato"), required=True, example="03.03.2008"),
    RefColumn("consultant", gettext_lazy("Konsulent"), required=True, reference="users",
              help=gettext_lazy("Brugernavn eller fulde navn.")),
    area_column(),
    Column("description", gettext_lazy("Beskrivelse")),
    BooleanColumn("is_report_example", gettext_lazy("Eksempel i årsrapporten")),
    hours_column(),
    *contact_columns(),
]

EVENT_COLUMNS = [
    Column("title", gettext_lazy("Titel"), required=True, example="International Dag"),
    challenge_column(),
    ChoiceColumn("kind", gettext_lazy("Type"), required=True, choices=EventKind.choices,
                 example=EventKind.FESTIVAL.label),
    DateColumn("date", gettext_lazy("Dato"), required=True, example="31.05.2008"),
    Column("place", gettext_lazy("Sted")),
    ChoiceColumn("role", gettext_lazy("TFI's rolle"), choices=EventRole.choices, default=EventRole.ORGANISED,
                 help=gettext_lazy("Tom betyder »Arrangeret af TFI«.")),
    RefColumn("consultant", gettext_lazy("Ansvarlig konsulent"), required=True, reference="users",
              help=gettext_lazy("Brugernavn eller fulde navn.")),
    area_column(),
    Column("participants_expected", gettext_lazy("Forventet deltagerantal"), kind="int"),
    Column("participants", gettext_lazy("Deltagere (faktisk)"), kind="int",
           help=gettext_lazy("Først når arrangementet er holdt.")),
    BooleanColumn("participants_approximate", gettext_lazy("Ca.-tal")),
    NamesColumn("organisations", gettext_lazy("Deltagende organisationer"), reference="organisations"),
    Column("organisation_count", gettext_lazy("Antal deltagende organisationer"), kind="int"),
    Column("volunteers", gettext_lazy("Frivillige"), kind="int"),
    Column("description", gettext_lazy("Beskrivelse")),
    hours_column(),
]

DELIVERABLE_COLUMNS = [
    Column("title", gettext_lazy("Titel")),
    challenge_column(),
    ChoiceColumn("status", gettext_lazy("Status"), choices=DeliverableStatus.choices),
    BooleanColumn("is_promised", gettext_lazy("Lovet i arbejdsplanen")),
    Column("description", gettext_lazy("Løfte i arbejdsplanen")),
    Column("outcome", gettext_lazy("Hvad skete der")),
    NamesColumn("replaced_by", gettext_lazy("Erstattet af")),
    Column("publication_title", gettext_lazy("Publikation")),
    Column("publication_url", gettext_lazy("Publikationens adresse")),
]

STEERING_COLUMNS = [
    Column("body", gettext_lazy("Styregruppe")),
    ChoiceColumn("role", gettext_lazy("Rolle"), choices=SteeringRole.choices),
    RefColumn("consultant", gettext_lazy("Konsulent")),
    area_column(),
    DateColumn("start", gettext_lazy("Fra")),
    DateColumn("end", gettext_lazy("Til")),
    challenge_column(required=False),
    hours_column(),
    Column("notes", gettext_lazy("Noter")),
]


class RequisitionImporter(Importer):
    slug = "rekvireringer"
    sheet_name = gettext_lazy("Rekvireringer")
    model = Requisition
    form_class = RequisitionForm
    build = staticmethod(services.requisition_build)
    create_many = staticmethod(services.requisition_create_many)
    columns = REQUISITION_COLUMNS
    permission = "cases.add_requisition"
    list_url = "cases:requisition_list"
    noun_plural = gettext_lazy("rekvireringer")
    title = gettext_lazy("Importér rekvireringer")

    def make_references(self):
        return common_references("date_received")

    duplicate_fields = ("title", "date_received")
    duplicate_text = gettext_lazy("Rekvireringen »%(title)s«, modtaget %(date_received)s, findes allerede.")


class AdvisoryImporter(Importer):
    slug = "raadgivninger"
    sheet_name = gettext_lazy("Rådgivninger")
    model = Advisory
    form_class = AdvisoryForm
    build = staticmethod(services.advisory_build)
    create_many = staticmethod(services.advisory_create_many)
    columns = ADVISORY_COLUMNS
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
    model = Event
    form_class = EventForm
    build = staticmethod(services.event_build)
    create_many = staticmethod(services.event_create_many)
    columns = EVENT_COLUMNS
    permission = "cases.add_event"
    list_url = "cases:event_list"
    noun_plural = gettext_lazy("arrangementer")
    title = gettext_lazy("Importér arrangementer")

    def make_references(self):
        return common_references("date")

    duplicate_fields = ("title", "date")
    duplicate_text = gettext_lazy("Arrangementet »%(title)s« den %(date)s findes allerede.")
