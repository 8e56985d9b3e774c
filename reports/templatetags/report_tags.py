from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.text import capfirst

register = template.Library()


@register.filter
def number(value):
    """A figure in the language's format, thousands grouped: 1.234,5 in Danish, 1,234.5 in English. Takes
    numbers and numeric text (the report keeps FTE as text, "3.5"); anything else comes back unchanged."""
    if isinstance(value, bool) or value is None or value == "":
        return value
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return value
    return formats.number_format(number, use_l10n=True, force_grouping=True)


@register.filter
def month_name(number) -> str:
    """A month's number as its name in the active language ("januar"; the chart beside it abbreviates)."""
    return capfirst(MONTHS.get(number, number))
