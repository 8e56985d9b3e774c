"""Wording shared by the report's page and its Word document."""

from collections.abc import Iterable

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def names_joined(items: Iterable[str]) -> str:
    """"A", "A og B", "A, B og C" (in English "A, B and C"); empty items are left out."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return _("%(items)s og %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def percent(value) -> str:
    """A share as "97 %" (Danish) or "97%" (English), its number in the language's format."""
    return _("%(percent)s %%") % {"percent": formats.number_format(value, use_l10n=True)}


def survey_returns(survey: dict, *, year: int) -> str:
    """The report's first sentence on the satisfaction survey: questionnaires sent, answers returned
    and the response rate (`survey` is the report's "satisfaction")."""
    sent, answered = survey.get("sent", 0), survey.get("answered", 0)
    if not answered:
        if not sent:
            return _("Der er ikke gennemført tilfredshedsmåling i %(year)s.") % {"year": year}
        return ngettext(
            "TFI har sendt %(count)s spørgeskema ud til rekvirenterne, men har endnu ikke fået besvarelser retur.",
            "TFI har sendt %(count)s spørgeskemaer ud til rekvirenterne, men har endnu ikke fået besvarelser retur.",
            sent) % {"count": sent}
    sentence = _("TFI har sendt %(sent)s ud til rekvirenterne og har fået i alt %(answered)s retur") % {
        "sent": ngettext("%(count)s spørgeskema", "%(count)s spørgeskemaer", sent) % {"count": sent},
        "answered": ngettext("%(count)s besvarelse", "%(count)s besvarelser", answered) % {"count": answered}}
    rate = survey.get("response_rate")
    return f"{sentence} ({percent(rate)})." if rate is not None else f"{sentence}."
