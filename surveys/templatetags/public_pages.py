"""For the footer of every page (templates/surveys/_footer.html): where the accessibility statement is."""

from django import template
from django.conf import settings
from django.urls import reverse

register = template.Library()


@register.simple_tag
def accessibility_statement_url() -> str:
    """The statement made with the Agency for Digital Government's tool when ACCESSIBILITY_STATEMENT_URL names
    it (linked directly, as the agency asks), otherwise the register's own. Reads no database: the footer is
    on the error pages too."""
    return settings.ACCESSIBILITY_STATEMENT_URL or reverse("surveys:accessibility")
