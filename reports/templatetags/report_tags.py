from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

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
