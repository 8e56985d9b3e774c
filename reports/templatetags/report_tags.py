from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext

from reports.wording import names_joined, survey_returns

register = template.Library()


@register.filter
def paragraphs_and_bullets(text: str) -> str:
    """Paragraphs from blank-line-separated text; runs of lines beginning with "- " become a list."""
    parts, bullets, lines = [], [], []

    def flush_lines():
        if lines:
            parts.append(format_html("<p>{}</p>", " ".join(lines)))
            lines.clear()

    def flush_bullets():
        if bullets:
            parts.append(format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((b,) for b in bullets))))
            bullets.clear()

    for raw in (text or "").splitlines():
        line = raw.strip()
        if line.startswith(("- ", "• ")):
            flush_lines()
            bullets.append(line[2:].strip())
        elif not line:
            flush_lines()
            flush_bullets()
        else:
            flush_bullets()
            lines.append(line)
    flush_lines()
    flush_bullets()
    return mark_safe("".join(parts))  # every part is built with format_html, which escapes


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
def number_word(value) -> str:
    """A small count as a word in the active language ("fire", "four"), as the Word report writes it."""
    from reports.exports.docx import _number_word

    try:
        return _number_word(int(value))
    except (TypeError, ValueError):
        return value


@register.filter
def requisition_items(requisitions: list[dict]) -> str:
    """The report's numbered requisitions as `<li>` items: the same markup a `{% for %}` loop in the
    template would give, made in Python because a busy year lists thousands, and the template loop
    took most of the report page's time (bench/load)."""
    requester = gettext("Rekvirent")
    participants = gettext("deltagere")
    return format_html_join("", "<li><strong>{}: {}</strong><br>{}{}{}</li>", (
        (requester, names_joined(row["requesters"]), row["title"],
         format_html(". {}", row["description"]) if row["description"] else "",
         format_html(' <span class="text-muted">({}: {})</span>', participants, row["participants"])
         if row["participants"] else "")
        for row in requisitions))


@register.simple_tag
def survey_returns_sentence(survey: dict, year: int) -> str:
    """Questionnaires sent, answers returned and the response rate, as the Word document says it."""
    return survey_returns(survey, year=year)


@register.filter
def month_name(number) -> str:
    """A month's number as its name in the active language ("januar"; the chart beside it abbreviates)."""
    return capfirst(MONTHS.get(number, number))
