"""What keeps a change history (django-auditlog) and what is written to the access log.

Every registration and the reference data keep a history; the many-to-many fields named here are
recorded too (django-auditlog leaves them out unless told). The access log covers the models that
hold personal data (contact persons).
"""

from auditlog.registry import auditlog
from django.apps import apps

# Timestamps the database sets on every save, and the edit counter of optimistic locking: noise in a
# history that already has its own time.
EXCLUDED_FIELDS = ["created_at", "updated_at", "version"]

# Model label -> the many-to-many fields recorded with it.
TRACKED = {
    # Registrations.
    "cases.requisition": ["requesters", "consultants"],
    "cases.advisory": [],
    "cases.event": ["organisations"],
    "cases.deliverable": ["requisitions", "replaced_by"],
    "cases.steeringgroupmembership": [],
    "projects.project": [],
    "projects.projectvisit": [],
    "atlas.actor": ["areas"],
    # Reference data.
    "core.workplan": [],
    "core.challenge": [],
    "core.fteallocation": [],
    "core.organisation": [],
    "core.area": [],
    "surveys.questionnaire": [],
    "surveys.question": [],
    # Answers: a paper answer corrected or withdrawn keeps what it was, who changed it and why.
    "surveys.response": [],
    "surveys.answer": [],
}

# Detail pages of these are written to the access log when opened (see ObjectDetailView).
PERSONAL_DATA = {"cases.requisition", "cases.advisory", "projects.project", "atlas.actor", "surveys.invitation"}


def label(model) -> str:
    return model._meta.label_lower


def register_models() -> None:
    for model_label, m2m_fields in TRACKED.items():
        model = apps.get_model(model_label)
        # django-auditlog would record the reverse side of relations too (a requisition's events as
        # "cases.Event.None" when it is created): what points here is recorded with the other object.
        reverse = [f.name for f in model._meta.get_fields() if f.auto_created and not f.concrete]
        auditlog.register(model, exclude_fields=[*EXCLUDED_FIELDS, *reverse], m2m_fields=set(m2m_fields))


def tracked_models() -> list:
    return [apps.get_model(model_label) for model_label in TRACKED]


def has_history(model) -> bool:
    return auditlog.contains(model)


def holds_personal_data(model) -> bool:
    return label(model) in PERSONAL_DATA
