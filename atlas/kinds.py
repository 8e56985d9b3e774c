"""The atlas's actors, declared once (registrations/kinds.py): the form, the service and the sheets
take their fields from here."""

import datetime

from django.utils.translation import gettext_lazy

from registrations.kinds import BOOKKEEPING, CREATED_BY, Field, Kind

from .models import Actor, ActorKind

ACTOR = Kind(
    model=Actor,
    fields=(
        Field("name", column={"required": True, "example": "Sjakket", "help": gettext_lazy(
            "Aktørens navn. En aktør, der allerede findes med samme navn, afvises.")}),
        Field("kind", column={"required": True, "example": ActorKind.PROJECT.label}),
        Field("areas", column={"required": True, "example": "Mjølnerparken; Haraldsgade", "help": gettext_lazy(
            "De områder, aktøren arbejder i. Et område, der ikke findes, kan oprettes i forhåndsvisningen.")}),
        Field("address", column={"example": "Bragesgade 26, 2200 København N"}),
        Field("latitude", column={"example": "55,6990", "help": gettext_lazy(
            "Positionen på kortet, fx 55,699. Angiv både bredde- og længdegrad eller ingen.")}),
        Field("longitude", column={"example": "12,5480"}),
        Field("website", column={"example": "https://sjakket.dk"}),
        # An actor's contact is the organisation's public contact, kept while the actor is active.
        Field("contact_name", personal=True),
        Field("contact_email", personal=True, column={"header": gettext_lazy("E-mail")}),
        Field("contact_phone", personal=True, column={"header": gettext_lazy("Telefon")}),
        Field("target_groups", column={"example": "Unge 14-25 år"}),
        Field("activities"),
        Field("is_active", column={"example": "Ja"}),
        Field("last_checked", column={"example": datetime.date(2008, 12, 1)}),
    ),
    unplaced={**BOOKKEEPING, **CREATED_BY},
    in_report=False,  # the atlas is no year's work
)
