import hashlib

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core import reference_cache
from core.display import person as person_name
from core.forms import form_html_key as fields_html_key
from core.numbers import number_text

register = template.Library()


@register.filter
def number(value):
    """A figure in the language's format, thousands grouped: 2.595 and 1.234,5 in Danish, 2,595 and 1,234.5 in
    English (core.numbers). Takes numbers and numeric text; None and "" come back unchanged."""
    if value is None or value == "" or isinstance(value, bool):
        return value
    return number_text(value)


@register.simple_tag(takes_context=True)
def menu_cache_key(context) -> str:
    """What base.html's main menu shows follows from: the permissions the user has (not who the user
    is: the fragment is the same for everyone with the same permissions), the reference token (which
    every change of roles or permissions replaces: core/reference_cache.py) and the page (the active
    section). The menu's fragment is cached under it, with the language."""
    request = context["request"]
    match = request.resolver_match
    page = f"{match.app_name}:{match.url_name}" if match else ""
    permissions = hashlib.sha256(repr(sorted(request.user.get_all_permissions())).encode()).hexdigest()[:24]
    return f"{permissions}:{reference_cache.token()}:{page}"


@register.simple_tag
def form_html_key(form) -> str:
    """The key a form's fields are cached under ({% cache %}), or "" when they must be written afresh
    (core.forms.form_html_key)."""
    return fields_html_key(form) or ""


@register.simple_tag(takes_context=True)
def sort_header(context, field: str, label: str):
    """A column heading that sorts the list by `field`, toggling direction, keeping the filters."""
    request = context["request"]
    current = request.GET.get("o", "")
    params = request.GET.copy()
    params.pop("page", None)
    if current == field:
        params["o"] = f"-{field}"
        state, arrow = "ascending", " ▲"
    elif current == f"-{field}":
        params["o"] = field
        state, arrow = "descending", " ▼"
    else:
        params["o"] = field
        state, arrow = "none", ""
    return format_html(
        '<th scope="col" aria-sort="{}"><a href="?{}" class="link-dark" title="{}">{}{}</a></th>',
        state, params.urlencode(), _("Sortér efter %(label)s") % {"label": label.lower()}, label, arrow,
    )


@register.filter
def person(user) -> str:
    return person_name(user)
