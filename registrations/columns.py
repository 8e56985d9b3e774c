"""Columns and references that the sheets of several kinds of registration share: the challenge, the
area, the hours, the contact person; the requesters, consultants and areas a row names."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Area, Challenge, Organisation
from core.services import requester_add
from spreadsheets.columns import RefColumn
from spreadsheets.importing import ChallengeReference, Reference, UserReference


def challenge_column(required=True):
    return RefColumn("challenge", gettext_lazy("Udfordring"), required=required, display=str,
                     example="1", help=gettext_lazy("Udfordringens nummer eller korte betegnelse i arbejdsplanen for "
                                                    "registreringens år, eller som eksporten skriver den "
                                                    "(»2008 · 1. Beskæftigelse«)."))


def area_column():
    return RefColumn("area", gettext_lazy("Område"), example="Mjølnerparken",
                     help=gettext_lazy("Et område i atlasset. Et nyt område kan oprettes i forhåndsvisningen af "
                                       "den, der må oprette områder."))


class OrganisationReference(Reference):
    """Requesters by name or short name; one created from a sheet is an outside requester, as one added from
    the form's picker (core/services.py, requester_add)."""

    def keys(self, obj):
        return [obj.name, obj.short_name]

    def create(self, name, *, user=None):
        return requester_add(name=name, user=user)


class RegistrationReference(Reference):
    """Another registration of the row's year (the year of its date, as its challenge's), named by its
    title as the list's export writes it: the deliverable or requisition an event was held for. Never
    created from a sheet. Where two of the year hold the title, the row's challenge tells them apart, or the
    row is refused with both named."""

    def __init__(self, model, label: str, *, date_field: str, unknown: str):
        super().__init__(model, label, unknown=unknown)
        self.date_field = date_field
        self.years: dict[int, dict[str, list]] = {}

    def load(self) -> None:
        self.years = {}  # read a year at a time, when a row names one

    def of_year(self, year: int) -> dict[str, list]:
        if year not in self.years:
            titled: dict[str, list] = {}
            for obj in self.model.objects.filter(challenge__work_plan__year=year).only("title", "challenge_id"):
                titled.setdefault(obj.title.strip().casefold(), []).append(obj)
            self.years[year] = titled
        return self.years[year]

    def find(self, name, data):
        day = data.get(self.date_field)
        if day is None:
            return False  # the date's own error says what is wrong
        found = self.of_year(day.year).get(name.strip().casefold(), [])
        challenge = data.get("challenge")
        if len(found) > 1 and isinstance(challenge, Challenge):
            found = [obj for obj in found if obj.challenge_id == challenge.pk] or found
        if len(found) > 1:
            raise ValidationError(_("Der er %(count)d med titlen »%(name)s« i %(year)s under samme udfordring. Giv "
                                    "dem forskellige titler, før rækken importeres.")
                                  % {"count": len(found), "year": day.year, "name": name})
        return found[0] if found else None


def common_references(date_field: str, later_field: str | None = None) -> dict:
    return {
        "challenge": ChallengeReference(Challenge, _("udfordringen"), date_field=date_field, later_field=later_field),
        "organisations": OrganisationReference(Organisation, _("rekvirenten"), "core.add_organisation"),
        "users": UserReference(get_user_model(), _("konsulenten"), unknown=_("Der er ingen bruger »%(name)s«.")),
        "area": Reference(Area, _("området"), "core.add_area"),
    }
