"""The register's kinds of registration, each declared once (registrations/kinds.py): their forms,
services, sheets and the report's workbook take their fields from here."""

from django.utils.translation import gettext_lazy

from registrations.kinds import (
    ANONYMISED,
    AREA,
    BOOKKEEPING,
    CHALLENGE,
    CREATED_BY,
    HOURS,
    OPTIONAL_CHALLENGE,
    REQUESTER_CONTACT,
    Field,
    Kind,
)

from .choices import EventKind, EventRole, RequisitionStatus
from .models import Advisory, Deliverable, Event, Requisition, SteeringGroupMembership

CONSULTANT_HELP = gettext_lazy("Brugernavn eller fulde navn.")

REQUISITION = Kind(
    model=Requisition,
    fields=(
        Field("title", column={"required": True, "example": "Temamøde om unge og uddannelse"}),
        CHALLENGE,
        Field("status", column={"example": RequisitionStatus.FINISHED.label, "default": RequisitionStatus.RECEIVED,
                            "help": gettext_lazy("Tom betyder »Modtaget«.")}),
        Field("requesters", column={
            "required": True, "reference": "organisations", "example": "Beskæftigelses- og Integrationsforvaltningen",
            "help": gettext_lazy("En eller flere rekvirenter adskilt af semikolon, med navn eller kort navn.")}),
        Field("consultants", report=False, column={
            "reference": "users", "help": gettext_lazy("Brugernavn eller fulde navn, adskilt af semikolon.")}),
        Field("date_received", column={"required": True, "example": "15.01.2008"}),
        Field("date_finished"),
        AREA,
        # The report counts a requisition's participants at its events where it was held as events.
        Field("participants", column={"example": "120"}, report_key="shown_participants"),
        Field("participants_approximate", report_key="shown_participants_approximate"),
        Field("partners", report=False),
        Field("volunteers", report=False),
        Field("description"),
        HOURS,
        *REQUESTER_CONTACT,
    ),
    unplaced={**BOOKKEEPING, **CREATED_BY, **ANONYMISED},
)

ADVISORY = Kind(
    model=Advisory,
    fields=(
        Field("title", column={"required": True, "example": "Råd om rekruttering af frivillige"}),
        CHALLENGE,
        Field("requester", column={"required": True, "reference": "organisations",
                               "example": "Kultur- og Fritidsforvaltningen"}),
        Field("date", column={"required": True, "example": "03.03.2008"}),
        Field("consultant", column={"required": True, "reference": "users", "help": CONSULTANT_HELP}),
        AREA,
        Field("description"),
        Field("is_report_example"),
        HOURS,
        *REQUESTER_CONTACT,
    ),
    unplaced={**BOOKKEEPING, **CREATED_BY, **ANONYMISED},
)

EVENT = Kind(
    model=Event,
    fields=(
        Field("title", column={"required": True, "example": "International Dag"}),
        CHALLENGE,
        Field("kind", column={"required": True, "example": EventKind.FESTIVAL.label}),
        Field("date", column={"required": True, "example": "31.05.2008"}),
        Field("place"),
        Field("role", column={"default": EventRole.ORGANISED,
                              "help": gettext_lazy("Tom betyder »Arrangeret af TFI«.")}),
        Field("consultant", report=False, column={"required": True, "reference": "users", "help": CONSULTANT_HELP}),
        AREA,
        Field("participants_expected"),
        Field("participants", column={"help": gettext_lazy("Først når arrangementet er holdt.")}),
        Field("participants_approximate"),
        Field("organisations", report=False, column={"reference": "organisations"}),
        Field("organisation_count", report=False),
        Field("volunteers"),
        Field("description", report=False),
        HOURS,
        # Other registrations of the register, by title (registrations/columns.py, RegistrationReference).
        Field("deliverable", column={"reference": "deliverables", "example": "Dialogmøder i boligområderne",
                                     "help": gettext_lazy("Leverancen i arbejdsplanen, som arrangementet "
                                                          "opfylder: dens titel, under samme udfordring.")}),
        Field("requisition", column={"reference": "requisitions", "example": "Temamøde om tryghed",
                                     "help": gettext_lazy("Rekvireringen, arrangementet blev holdt for: dens "
                                                          "titel, under samme udfordring. Arrangementets "
                                                          "deltagere tæller da for rekvireringen.")}),
        Field("previous", sheet=None, report=False),
    ),
    unplaced={**BOOKKEEPING, **CREATED_BY},
)

DELIVERABLE = Kind(
    model=Deliverable,
    fields=(
        Field("title"),
        CHALLENGE,
        Field("status"),
        # Beside "Løfte i arbejdsplanen" the report says when it was promised, so the two read apart.
        Field("is_promised", report_label=gettext_lazy("Lovet ved årets start")),
        Field("description"),
        Field("outcome"),
        Field("replaced_by", report=False),
        Field("requisitions", report=False),
        Field("publication_title"),
        Field("publication_url", report=False),
        HOURS,
    ),
    unplaced={**BOOKKEEPING, **CREATED_BY},
)

STEERING_GROUP_MEMBERSHIP = Kind(
    model=SteeringGroupMembership,
    fields=(
        Field("body"),
        Field("role"),
        Field("consultant", report=False),
        AREA,
        Field("start"),
        Field("end"),
        OPTIONAL_CHALLENGE,
        HOURS,
        Field("notes", report=False),
    ),
    unplaced={**BOOKKEEPING, **CREATED_BY},
)

KINDS = (REQUISITION, ADVISORY, EVENT, DELIVERABLE, STEERING_GROUP_MEMBERSHIP)
