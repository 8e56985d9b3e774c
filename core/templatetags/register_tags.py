from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core import reference_cache
from core.display import person as person_name

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_cache_key(context) -> str:
    """What base.html's main menu shows follows from: the user (their permissions), the reference token
    (which every change of a user's roles or permissions replaces: core/reference_cache.py) and the
    page (the active section). The menu's fragment is cached under it, with the language."""
    request = context["request"]
    match = request.resolver_match
    page = f"{match.app_name}:{match.url_name}" if match else ""
    return f"{request.user.pk}:{reference_cache.token()}:{page}"


@register.simple_tag(takes_context=True)
def form_html_key(context, form) -> str:
    """The key a form's fields are cached under ({% cache %}), or "" when they must be written afresh
    (core/reference_cache.py, form_html_key)."""
    return reference_cache.form_html_key(form, user_pk=context["request"].user.pk) or ""


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
