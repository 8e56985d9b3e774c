"""Retention of personal data: the contact persons of the register's work are kept
`PERSONAL_DATA_RETENTION_YEARS` after the work was finished, then anonymised, in the history too.

When a piece of work counts as finished (its retention runs from that day):
- a requisition: once its status is finished or cancelled, from its `date_finished`; one finished or
  cancelled by status without a date, from the day it was last changed (the status was set then at
  the latest). A requisition still received or in progress is kept whatever its dates say: the
  consultant may still be talking to the contact.
- an advisory: from its `date` (an advisory is a one-off piece of advice).
- a survey invitation: together with the requisition or advisory it asks about.
- a project in the project bank: once it is no longer active, from the day it was last changed (it
  was marked as ended then at the latest) or from its last visit, whichever is later. An active
  project has no end, so its contact is kept.
Actors in the atlas are not included: their contacts are organisations' public contacts, kept as
long as the actor is active and edited by hand.

Anonymising blanks the contact fields (queryset updates, so no signal writes a history row of its
own), sets `anonymised_at`, replaces the contact values in every history row of the object with a
marker, and writes one history row per object saying that its contact was anonymised (survey
invitations keep no history, so they get none). Every object past retention is anonymised once,
whether or not it still holds a contact (an old one may survive in its history), and again only if
a contact has been entered since. Every figure of the reports is left as it was: no report counts or
shows contact persons.
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from cases.choices import RequisitionStatus
from cases.models import Advisory, Requisition
from core.models import Versioned
from history.registry import has_history
from history.services import record_changed
from projects.models import Project
from surveys.models import Invitation

MARKER = "[anonymiseret]"
CHUNK = 500

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")
INVITATION_CONTACT_FIELDS = ("contact_name", "contact_email")


@dataclass(frozen=True)
class Kind:
    key: str
    model: type[models.Model]
    fields: tuple[str, ...]
    related: tuple[str, ...] = ()  # what str() of one needs, for its history row


KINDS = (
    Kind("requisitions", Requisition, CONTACT_FIELDS),
    Kind("advisories", Advisory, CONTACT_FIELDS),
    Kind("survey_invitations", Invitation, INVITATION_CONTACT_FIELDS, ("questionnaire", "requisition", "advisory")),
    Kind("projects", Project, CONTACT_FIELDS),
)


def retention_cutoff(*, years: int, today: date) -> date:
    """The last day of finishing whose contacts are due: `years` before `today` (29 February → 28th).
    Work finished exactly `years` years ago today has been kept its full period and is due."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def _day_after(day: date) -> datetime:
    """The first moment after `day` in the register's time zone, to compare timestamps with a day."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def requisitions_past_retention(*, cutoff: date):
    """Requisitions finished or cancelled on or before `cutoff` (see the module's docstring)."""
    closed = Q(status__in=[RequisitionStatus.FINISHED, RequisitionStatus.CANCELLED])
    return Requisition.objects.filter(
        closed & (Q(date_finished__lte=cutoff) | Q(date_finished__isnull=True, updated_at__lt=_day_after(cutoff))))


def advisories_past_retention(*, cutoff: date):
    return Advisory.objects.filter(date__lte=cutoff)


def invitations_past_retention(*, cutoff: date):
    """Survey invitations about a requisition or advisory past retention."""
    return Invitation.objects.filter(
        Q(requisition__in=requisitions_past_retention(cutoff=cutoff).values("pk"))
        | Q(advisory__in=advisories_past_retention(cutoff=cutoff).values("pk")))


def projects_past_retention(*, cutoff: date):
    """Projects that have ended, last changed on or before `cutoff` and not visited after it."""
    return (Project.objects.filter(is_active=False, updated_at__lt=_day_after(cutoff))
            .exclude(visits__date__gt=cutoff))


PAST_RETENTION = {
    "requisitions": requisitions_past_retention,
    "advisories": advisories_past_retention,
    "survey_invitations": invitations_past_retention,
    "projects": projects_past_retention,
}


def due_for_anonymisation(kind: Kind, *, cutoff: date):
    """Past retention and either never anonymised, or holding a contact again since it was."""
    has_contact = Q()
    for name in kind.fields:
        has_contact |= ~Q(**{name: ""})
    return PAST_RETENTION[kind.key](cutoff=cutoff).filter(Q(anonymised_at__isnull=True) | has_contact)


@dataclass
class Anonymisation:
    """What a run did (or, with dry_run, would do): objects anonymised per kind (`KINDS` keys)."""

    cutoff: date
    years: int
    dry_run: bool
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@transaction.atomic
def personal_data_anonymise(*, years: int | None = None, today: date | None = None, dry_run: bool = False,
                            user=None) -> Anonymisation:
    """Anonymise the contact persons of all work finished on or before the day `years` (default
    PERSONAL_DATA_RETENTION_YEARS) before `today` (default: today), all in one transaction; with
    `dry_run` only count them. Running it again changes nothing. `user` is who is named in the
    history rows (None: the system)."""
    years = settings.PERSONAL_DATA_RETENTION_YEARS if years is None else years
    if years < 0:
        raise ValueError("years must not be negative")
    cutoff = retention_cutoff(years=years, today=today or timezone.localdate())
    result = Anonymisation(cutoff=cutoff, years=years, dry_run=dry_run)
    now = timezone.now()
    for kind in KINDS:
        due = due_for_anonymisation(kind, cutoff=cutoff)
        if dry_run:
            result.counts[kind.key] = due.count()
            continue
        rows = list(due.order_by("pk").values("pk", "anonymised_at", *kind.fields))
        pks = [row["pk"] for row in rows]
        # A new version, too, so that an edit form opened before cannot write the contact back.
        bump = {"version": F("version") + 1} if issubclass(kind.model, Versioned) else {}
        for start in range(0, len(pks), CHUNK):
            kind.model.objects.filter(pk__in=pks[start:start + CHUNK]).update(
                anonymised_at=now, **dict.fromkeys(kind.fields, ""), **bump)
        _history_scrub(kind, pks)
        _history_record(kind, rows, now=now, user=user)
        result.counts[kind.key] = len(pks)
    return result


# The history (django-auditlog's LogEntry): every old and new value of a contact field becomes the
# marker, in `changes`, in the older text form `changes_text` and in `serialized_data` where kept.

def _scrub_value(value):
    return MARKER if value not in (None, "", "None") else value


def _scrub_changes(changes, fields) -> bool:
    """Replace the contact values of a {field: [old, new]} dict in place; True if anything changed."""
    changed = False
    if not isinstance(changes, dict):
        return False
    for name in fields:
        values = changes.get(name)
        if isinstance(values, list):
            scrubbed = [_scrub_value(value) for value in values]
            if scrubbed != values:
                changes[name] = scrubbed
                changed = True
    return changed


def _scrub_serialized(data, fields) -> bool:
    changed = False
    for item in data if isinstance(data, list) else [data]:
        values = item.get("fields") if isinstance(item, dict) else None
        if isinstance(values, dict):
            for name in fields:
                if values.get(name) not in (None, "", MARKER):
                    values[name] = MARKER
                    changed = True
    return changed


def _history_scrub(kind: Kind, pks: list[int]) -> None:
    content_type = ContentType.objects.get_for_model(kind.model)
    for start in range(0, len(pks), CHUNK):
        entries = LogEntry.objects.filter(content_type=content_type, object_id__in=pks[start:start + CHUNK]) \
            .only("pk", "changes", "changes_text", "serialized_data")
        scrubbed = []
        for entry in entries:
            changed = _scrub_changes(entry.changes, kind.fields)
            if entry.changes_text:
                try:
                    text_changes = json.loads(entry.changes_text)
                except ValueError:
                    text_changes = None
                if _scrub_changes(text_changes, kind.fields):
                    entry.changes_text = json.dumps(text_changes)
                    changed = True
            changed |= _scrub_serialized(entry.serialized_data, kind.fields)
            if changed:
                scrubbed.append(entry)
        LogEntry.objects.bulk_update(scrubbed, ["changes", "changes_text", "serialized_data"], batch_size=CHUNK)


def _history_record(kind: Kind, rows: list[dict], *, now, user) -> None:
    """One history row per object: its contact fields that held something went to "" (the old value
    is the marker, never the person) and when it was anonymised. Survey invitations keep no history
    (history/registry.py), so they get none."""
    if not has_history(kind.model):
        return
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start:start + CHUNK]
        instances = kind.model.objects.select_related(*kind.related).in_bulk([row["pk"] for row in chunk])
        for row in chunk:
            changes = {name: (MARKER, "") for name in kind.fields if row[name]}
            changes["anonymised_at"] = (row["anonymised_at"], now)
            record_changed(instances[row["pk"]], changes, user=user)
