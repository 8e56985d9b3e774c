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
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from auditlog.models import LogEntry
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from cases.choices import RequisitionStatus
from cases.models import Advisory, Requisition
from core.models import Versioned
from history.models import AccessAction, AccessLog
from history.registry import PERSONAL_DATA_FIELDS, has_history, personal_data_of
from history.services import access_record_erase, access_record_person, record_changed
from projects.models import Project
from surveys.models import Invitation

from .selectors import access_rows_naming, personal_data_with_history

MARKER = "[anonymiseret]"
CHUNK = 500



@dataclass(frozen=True)
class Kind:
    key: str
    model: type[models.Model]
    fields: tuple[str, ...]
    related: tuple[str, ...] = ()  # what str() of one needs, for its history row


KINDS = (
    Kind("requisitions", Requisition, personal_data_of("cases.requisition").fields),
    Kind("advisories", Advisory, personal_data_of("cases.advisory").fields),
    Kind("survey_invitations", Invitation, personal_data_of("surveys.invitation").fields,
         personal_data_of("surveys.invitation").related),
    Kind("projects", Project, personal_data_of("projects.project").fields),
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
        result.counts[kind.key] = _contacts_blank(kind, due, now=now, user=user)
    return result


def _contacts_blank(kind: Kind, queryset, *, now, user, reason: str = "") -> int:
    """Blank the contact fields of the queryset's objects, in their history too, and write a history row for
    each (with the reason, where one is given); how many."""
    stamped = any(model_field.name == "anonymised_at" for model_field in kind.model._meta.get_fields())
    rows = list(queryset.order_by("pk").values("pk", *(["anonymised_at"] if stamped else []), *kind.fields))
    pks = [row["pk"] for row in rows]
    # A new version, too, so that an edit form opened before cannot write the contact back.
    bump = {"version": F("version") + 1} if issubclass(kind.model, Versioned) else {}
    stamp = {"anonymised_at": now} if stamped else {}
    for start in range(0, len(pks), CHUNK):
        kind.model.objects.filter(pk__in=pks[start:start + CHUNK]).update(
            **stamp, **dict.fromkeys(kind.fields, ""), **bump)
    _history_scrub(kind, pks)
    _history_record(kind, rows, now=now, user=user, reason=reason)
    return len(pks)


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
        _entries_scrub(LogEntry.objects.filter(content_type=content_type, object_id__in=pks[start:start + CHUNK]),
                       kind.fields)


def _entries_scrub(entries, fields) -> None:
    """The marker for every value of `fields` in the history rows `entries`."""
    entries = entries.only("pk", "changes", "changes_text", "serialized_data")
    scrubbed = []
    for entry in entries:
        changed = _scrub_changes(entry.changes, fields)
        if entry.changes_text:
            try:
                text_changes = json.loads(entry.changes_text)
            except ValueError:
                text_changes = None
            if _scrub_changes(text_changes, fields):
                entry.changes_text = json.dumps(text_changes)
                changed = True
        changed |= _scrub_serialized(entry.serialized_data, fields)
        if changed:
            scrubbed.append(entry)
    LogEntry.objects.bulk_update(scrubbed, ["changes", "changes_text", "serialized_data"], batch_size=CHUNK)


def _history_record(kind: Kind, rows: list[dict], *, now, user, reason: str = "") -> None:
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
            if "anonymised_at" in row:
                changes["anonymised_at"] = (row["anonymised_at"], now)
            record_changed(instances[row["pk"]], changes, user=user, reason=reason)


# --- One person's data erased now (GDPR art. 17) ------------------------------------------------------------

@dataclass
class Erasure:
    registrations: int = 0
    history_rows: int = 0
    access_rows: int = 0


def _words_scrub(text: str, words: list[str]) -> str:
    for word in words:
        text = re.sub(re.escape(word), MARKER, text, flags=re.IGNORECASE)
    return text


@transaction.atomic
def person_erase(*, keys: list[str], words: list[str], reason: str, user) -> Erasure:
    """Erase one person's data now, all in one transaction: the contact fields of the chosen registrations
    ("cases.requisition:12", as retention.selectors' hits name them) blanked by the anonymisation's own
    steps, their whole history scrubbed and a history row with the reason written for each; the personal
    fields of the chosen history rows of other objects (one since deleted, say) scrubbed; and the person's
    `words` replaced by the marker in every access-log detail naming them (the searches for them included),
    each erasure then written to the access log with the reason, which must not name the person."""
    now = timezone.now()
    result = Erasure()
    entries = {entry.model: entry for entry in PERSONAL_DATA_FIELDS}
    chosen: dict[str, list[int]] = {}
    history: list[int] = []
    for key in keys:
        source, _sep, pk = key.rpartition(":")
        if not pk.isdigit():
            continue
        if source in entries:
            chosen.setdefault(source, []).append(int(pk))
        elif source == "history":
            history.append(int(pk))
    for label, pks in chosen.items():
        model = apps.get_model(label)
        kind = Kind(label, model, entries[label].fields, entries[label].related)
        objects = list(model.objects.select_related(*kind.related).filter(pk__in=pks))
        result.registrations += _contacts_blank(kind, model.objects.filter(pk__in=pks), now=now, user=user,
                                                reason=reason)
        for obj in objects:
            access_record_erase(user=user, obj=obj, reason=reason)
    for content_type, entry in personal_data_with_history().items():
        rows = LogEntry.objects.filter(pk__in=history, content_type=content_type)
        result.history_rows += rows.count()
        _entries_scrub(rows, entry.fields)
    if words:
        rows = list(access_rows_naming(words).only("pk", "detail"))
        for row in rows:
            row.detail = _words_scrub(row.detail, words)
        AccessLog.objects.bulk_update(rows, ["detail"], batch_size=CHUNK)
        result.access_rows = len(rows)
    access_record_person(user=user, action=AccessAction.ERASE, detail=reason,
                         count=result.registrations + result.history_rows + result.access_rows)
    return result
