"""The project bank's kinds of registration, each declared once (registrations/kinds.py): their forms,
services, sheets and the report's workbook take their fields from here."""

from django.utils.translation import gettext_lazy

from registrations.kinds import ANONYMISED, AREA, BOOKKEEPING, CREATED_BY, HOURS, OPTIONAL_CHALLENGE, Field, Kind

from .models import Project, ProjectVisit

PROJECT = Kind(
    model=Project,
    fields=(
        Field("name"),
        Field("organisation", column={"reference": "organisations"}),
        AREA,
        Field("description"),
        Field("is_active"),
        Field("is_municipality_funded"),
        Field("contact_name", personal=True),
        Field("contact_email", personal=True),
        Field("contact_phone", personal=True),
    ),
    unplaced={**BOOKKEEPING, **ANONYMISED},
    in_report=False,  # the project bank is no year's work; its visits are
)

PROJECT_VISIT = Kind(
    model=ProjectVisit,
    fields=(
        Field("project", column={"required": True, "reference": "projects", "example": "Sjakket",
                                 "help": gettext_lazy("Projektets navn, som det står i projektbanken.")}),
        Field("date", column={"required": True, "example": "12.06.2008"}),
        Field("consultant", column={"required": True, "reference": "users",
                                    "help": gettext_lazy("Brugernavn eller fulde navn.")}),
        OPTIONAL_CHALLENGE,
        Field("what_works"),
        Field("advice"),
        Field("sets_goals", report=False, column={"header": gettext_lazy("Opstiller mål og succeskriterier")}),
        Field("measures_effect", report=False, column={"header": gettext_lazy("Måler sin effekt")}),
        Field("is_good_practice"),
        HOURS,
    ),
    unplaced={**BOOKKEEPING, **CREATED_BY},
)

KINDS = (PROJECT, PROJECT_VISIT)
