"""How the register writes a number a person reads: in the language's format (Django's formats, tfi/formats),
counts grouped by thousands. Every page, chart, document and text placeholder writes its figures through
these, so that 2.595 is 2.595 everywhere in Danish and 2,595 in English."""

from decimal import Decimal, InvalidOperation

from django.utils import formats, translation
from django.utils.translation import gettext as _


def count_text(value, *, language: str | None = None) -> str:
    """A count: 2.595 in Danish, 2,595 in English (None as 0). `language`: the text's, where the number
    stands in a text written in another language than the reader's (the report's own texts are Danish)."""
    if language is not None:
        with translation.override(language):
            return count_text(value)
    value = int(value or 0)
    # Django's number_format gives the same for every language grouping by three (all the register has),
    # without its per-call work: the dashboard writes some 230 figures a page.
    if formats.get_format("NUMBER_GROUPING") == 3:
        return f"{value:,}".replace(",", formats.get_format("THOUSAND_SEPARATOR"))
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def number_text(value) -> str:
    """A number, whole or not, or numeric text (the work plan keeps FTE as text, "3.5"): 1.234,5 in Danish,
    1,234.5 in English. Anything else comes back as written."""
    if isinstance(value, int) and not isinstance(value, bool):
        return count_text(value)
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    return formats.number_format(number, use_l10n=True, force_grouping=True)


def percent_text(value) -> str:
    """A share or a change in per cent: "97 %" and "2.200 %" in Danish, "97%" and "2,200%" in English."""
    return _("%(percent)s %%") % {"percent": number_text(value)}
