"""What keeps a change history (django-auditlog) and what is written to the access log.

Every registration and the reference data keep a history; the many-to-many fields named here are
recorded too (django-auditlog leaves them out unless told). The access log covers the models that
hold personal data (contact persons), named field by field in PERSONAL_DATA_FIELDS.
"""

from dataclasses import dataclass

from auditlog.registry import auditlog
from django.apps import apps
from django.utils.translation import gettext_lazy as _

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


@dataclass(frozen=True)
class PersonalData:
    """A model's fields that hold personal data, and what the register does with them: the record of
    processing (GDPR art. 30, /personoplysninger/fortegnelse/) is made from these, the search for one
    person's data (art. 15 and 17) looks in these fields and in their change history, the anonymisation
    blanks them, and opening one such registration is written to the access log (ObjectDetailView)."""

    model: str  # label, "cases.requisition"
    fields: tuple[str, ...]
    category: str
    purpose: str
    retention: str  # how long, in words; `retention_years` fills in the setting
    anonymised: bool = True  # blanked by the retention job (retention/services.py) after the period
    related: tuple[str, ...] = ()  # what str() of one reads, to be fetched with it


CONTACT = ("contact_name", "contact_email", "contact_phone")
AFTER_FINISHED = _("%(years)s år efter at arbejdet er afsluttet; derefter anonymiseres de, også i historikken.")
PERSONAL_DATA_FIELDS = (
    PersonalData("cases.requisition", CONTACT, _("Kontaktperson hos rekvirenten"),
                 _("At kunne kontakte rekvirenten om opgaven og sende tilfredshedsmålingen."), AFTER_FINISHED),
    PersonalData("cases.advisory", CONTACT, _("Kontaktperson hos rekvirenten"),
                 _("At kunne kontakte den, der fik rådgivning, og sende tilfredshedsmålingen."), AFTER_FINISHED),
    PersonalData("projects.project", CONTACT, _("Kontaktperson i projektet"),
                 _("At kunne aftale besøg og følge projektet."), AFTER_FINISHED),
    PersonalData("surveys.invitation", ("contact_name", "contact_email"), _("Modtager af spørgeskema"),
                 _("At sende spørgeskemaet og en påmindelse til den, opgaven blev løst for."),
                 _("Som opgaven, spørgeskemaet handler om."), related=("questionnaire", "requisition", "advisory")),
    PersonalData("atlas.actor", CONTACT, _("Kontaktperson hos en lokal aktør"),
                 _("At kunne henvise til aktøren i atlasset over lokale aktører."),
                 _("Så længe aktøren er med i atlasset; rettes og slettes i hånden."), anonymised=False),
)

# Detail pages of these are written to the access log when opened (see ObjectDetailView).
PERSONAL_DATA = {entry.model for entry in PERSONAL_DATA_FIELDS}


def personal_data_of(model_label: str) -> PersonalData:
    return next(entry for entry in PERSONAL_DATA_FIELDS if entry.model == model_label)


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
