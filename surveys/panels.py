"""The satisfaction survey's panel on a requisition's and an advisory's page: the questionnaires sent
about it and their state, and the buttons to send one or type in a paper answer (registered with
registrations/panels.py in SurveysConfig.ready)."""

from django.utils import timezone

from cases.models import Advisory, Requisition
from registrations.panels import Panel, register

from .selectors import registration_invitations

# The kind of work in the survey pages' URLs (surveys/urls.py).
URL_KINDS = {Requisition: "rekvirering", Advisory: "raadgivning"}


def _context(request, registration) -> dict | None:
    if not request.user.has_perm("surveys.view_invitation"):
        return None
    return {
        "invitations": registration_invitations(registration),
        "now": timezone.now(),
        "survey_kind": URL_KINDS[type(registration)],
        # A requisition is asked about once it is finished; an advisory at once.
        "can_send_survey": registration.is_finished if isinstance(registration, Requisition) else True,
    }


def register_panels() -> None:
    for model in URL_KINDS:
        register(model, Panel("surveys/_registration_panel.html", _context))
