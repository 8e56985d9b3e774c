"""Panels that an app adds to another app's detail pages, so that the page's own app need not know it.

The satisfaction survey's panel on a requisition's page is the example: surveys stand above cases
(an invitation asks about a requisition or an advisory), so the requisition's page cannot import them;
the surveys app registers its panel here when it starts (SurveysConfig.ready), and the detail page
shows whatever panels are registered for its model (ObjectDetailView, the `panels` in its context).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Panel:
    template_name: str
    # The panel's context for this request and object, or None when the user is not to see it.
    context: Callable[..., dict | None]


_panels: dict[str, list[Panel]] = {}


def register(model, panel: Panel) -> None:
    _panels.setdefault(model._meta.label_lower, []).append(panel)


def rendered(request, obj) -> list[SafeString]:
    """The panels registered for the object's model, as HTML, in the order they were registered."""
    shown = []
    for panel in _panels.get(obj._meta.label_lower, []):
        context = panel.context(request, obj)
        if context is not None:
            shown.append(render_to_string(panel.template_name, {"object": obj, **context}, request=request))
    return shown
