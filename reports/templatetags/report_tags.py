from django import template
from django.utils.dates import MONTHS
from django.utils.text import capfirst

register = template.Library()


@register.filter
def month_name(number) -> str:
    """A month's number as its name in the active language ("januar"; the chart beside it abbreviates)."""
    return capfirst(str(MONTHS.get(number, number)))
