"""The three roles of the register, kept as Django groups with model permissions.

The groups are brought in line after every `migrate` (and after the test database's flush), so a
fresh database always has them and a new model's permissions reach the right roles.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

CONSULTANT = "Konsulent"
MANAGEMENT = "Ledelse"
ADMINISTRATOR = "Administrator"

REGISTER_MODELS = [
    "cases.requisition", "cases.advisory", "cases.event", "cases.deliverable", "cases.steeringgroupmembership",
    "projects.project", "projects.projectvisit", "atlas.actor",
]
REFERENCE_MODELS = ["core.workplan", "core.challenge", "core.fteallocation", "core.organisation", "core.area"]
USER_MODELS = ["auth.user", "auth.group"]
# Consultants send questionnaires and type in paper answers; management reads the results and
# chooses the quotes for the report; the administrator keeps the questionnaires.
SURVEY_MODELS = ["surveys.invitation", "surveys.response"]
SURVEY_READ_MODELS = ["surveys.answer", "surveys.questionnaire", "surveys.question"]
# Everyone reads the dashboard and the report; management writes the report's texts and approves it.
REPORT_MODELS = ["reports.annualreport"]
# Management and the administrator read the change history (/historik/) and the access log
# (/historik/adgang/); nobody writes them by hand.
HISTORY_MODELS = ["auditlog.logentry", "history.accesslog"]

# The administrator reads the login log (django-axes: attempts, failures, logins) and lifts a lockout
# by deleting its attempt; removes a user's authenticator app (a lost phone) so they can register anew.
LOGIN_LOG_MODELS = ["axes.accessattempt", "axes.accessfailurelog", "axes.accesslog"]
LOGIN_UNLOCK_MODELS = ["axes.accessattempt", "accounts.authenticatorapp"]

ALL_ACTIONS = ("view", "add", "change", "delete")


def _codenames(models: list[str], actions) -> set[tuple[str, str]]:
    result = set()
    for label in models:
        app_label, model = label.split(".")
        result.update((app_label, f"{action}_{model}") for action in actions)
    return result


ROLE_PERMISSIONS = {
    # A consultant adds an outside requester while registering (registrations/requesters.py), for the
    # administrator to review; the rest of the reference data is the administrator's.
    CONSULTANT: _codenames(REGISTER_MODELS + SURVEY_MODELS, ALL_ACTIONS)
    | _codenames(REFERENCE_MODELS + SURVEY_READ_MODELS + REPORT_MODELS, ["view"])
    | _codenames(["core.organisation"], ["add"]),
    MANAGEMENT: _codenames(REGISTER_MODELS + REFERENCE_MODELS + SURVEY_MODELS + SURVEY_READ_MODELS, ["view"])
    | _codenames(["surveys.answer"], ["change"])
    | _codenames(REPORT_MODELS, ["view", "change", "approve"])
    | _codenames(HISTORY_MODELS, ["view"]),
    ADMINISTRATOR: _codenames(REGISTER_MODELS + REFERENCE_MODELS + USER_MODELS + SURVEY_MODELS
                              + SURVEY_READ_MODELS + REPORT_MODELS, ALL_ACTIONS)
    | _codenames(REPORT_MODELS, ["approve"])
    | _codenames(HISTORY_MODELS, ["view"])
    | _codenames(LOGIN_LOG_MODELS + LOGIN_UNLOCK_MODELS, ["view"])
    | _codenames(LOGIN_UNLOCK_MODELS, ["delete"]),
}


@transaction.atomic
def roles_sync() -> None:
    """Create the groups if missing and give each exactly the permissions of its role."""
    permissions = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type")
    }
    for name, wanted in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([permissions[key] for key in sorted(wanted) if key in permissions])


def sync_roles_after_migrate(sender, using="default", **kwargs):
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    # Permissions of every app must exist before the groups can be given them.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    roles_sync()
