"""Columns and references that the sheets of several kinds of registration share: the challenge, the
area, the hours, the contact person; the requesters, consultants and areas a row names."""

from django.contrib.auth import get_user_model
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


def common_references(date_field: str) -> dict:
    return {
        "challenge": ChallengeReference(Challenge, _("udfordringen"), date_field=date_field),
        "organisations": OrganisationReference(Organisation, _("rekvirenten"), "core.add_organisation"),
        "users": UserReference(get_user_model(), _("konsulenten"), unknown=_("Der er ingen bruger »%(name)s«.")),
        "area": Reference(Area, _("området"), "core.add_area"),
    }
