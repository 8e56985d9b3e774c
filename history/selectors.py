"""Reads of the change history and the access log, and how a history row is shown.

A history row (django-auditlog's LogEntry) holds its changes as text, field name -> [old, new], or,
for a many-to-many field, {"type": "m2m", "operation": "add"|"delete", "objects": [...]}. `describe`
turns that into what the pages show: the field's Danish name, a choice by its label, a date in Danish,
yes/no; foreign keys are stored by their text already (AUDITLOG_USE_FK_STRING_REPRESENTATION).

A user's text is the username, so a user in a foreign key or a many-to-many field (created_by,
consultant, consultants) is shown by full name, else username, as the rest of the app shows users
(`person`): the usernames are looked up in a list of every user's name kept in the reference cache
(core/reference_cache.py, replaced when a user changes), read once a page and only when a row holds a
user. A username no user has any more (a deleted user) is shown as recorded. So a page of history costs
the same queries whatever its rows hold, and none more than before once the cache is warm.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet, Value
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import reference_cache

from .models import AccessLog
from .registry import tracked_models

ACTION_LABELS = {
    LogEntry.Action.CREATE: gettext_lazy("Oprettet"),
    LogEntry.Action.UPDATE: gettext_lazy("Ændret"),
    LogEntry.Action.DELETE: gettext_lazy("Slettet"),
}
VALUE_LENGTH = 200
# An m2m change saved right after its object (a form sets the requesters after saving the requisition)
# is shown with it on the detail page.
SAME_SAVE = datetime.timedelta(seconds=5)


@dataclass
class Change:
    """One field of a history row. `kind` is "update" (old -> new), "value" (the value given at
    creation or held when deleted) or "relation" (many-to-many: added and removed)."""

    label: str
    kind: str
    old: str = ""
    new: str = ""
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class HistoryRow:
    entry: LogEntry
    who: str
    action: str
    kind: str
    changes: list[Change]
    url: str | None = None

    @property
    def timestamp(self):
        return self.entry.timestamp

    @property
    def object_repr(self) -> str:
        return self.entry.object_repr


def person(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def user_names() -> dict[str, str]:
    """Every user's username -> how the pages name the user (`person`), from the reference cache: no
    query when it is warm, one when it is not (a change of a user's name replaces the reference token)."""
    return reference_cache.cached("history_user_names", lambda: {
        user.username: person(user)
        for user in get_user_model()._base_manager.only("username", "first_name", "last_name").order_by()})


class UserNames:
    """The users recorded by their username in a page's history rows, by name: `user_names()` read at
    the first user met, once for the page whatever its length."""

    def __init__(self):
        self._names: dict[str, str] | None = None

    def __call__(self, recorded: str) -> str:
        if not recorded:
            return recorded
        if self._names is None:
            self._names = user_names()
        return self._names.get(recorded, recorded)  # a deleted (or renamed) user as recorded


def _is_user_field(model_field) -> bool:
    return (model_field is not None and model_field.is_relation
            and getattr(model_field, "related_model", None) is get_user_model())


def _display(model_field, value) -> str:
    """A stored value as the pages show it; "" for none."""
    if value is None or value in ("None", ""):
        return ""
    if not isinstance(value, str):
        value = str(value)
    if model_field is None:
        return Truncator(value).chars(VALUE_LENGTH)
    try:
        if model_field.choices:
            return str({str(key): label for key, label in model_field.flatchoices}.get(value, value))
        if isinstance(model_field, models.BooleanField):
            return {"True": _("Ja"), "False": _("Nej")}.get(value, value)
        if isinstance(model_field, models.DateTimeField):
            moment = datetime.datetime.fromisoformat(value)
            if timezone.is_naive(moment):  # django-auditlog stores them naive, in UTC
                moment = timezone.make_aware(moment, datetime.UTC)
            return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
        if isinstance(model_field, models.DateField):
            return formats.date_format(datetime.date.fromisoformat(value[:10]), "DATE_FORMAT")
        if isinstance(model_field, models.DecimalField):
            return formats.localize(Decimal(value))
    except (ValueError, InvalidOperation):
        pass
    return Truncator(value).chars(VALUE_LENGTH)


def _field(model, name):
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


def _field_order(model) -> dict[str, int]:
    return {f.name: i for i, f in enumerate(model._meta.get_fields())} if model else {}


def describe_changes(model, action: int, changes: dict | None, users: UserNames | None = None) -> list[Change]:
    """The changes of one history row, in the model's field order, the primary key left out; users by
    name (`users`: share one among the rows of a page)."""
    users = UserNames() if users is None else users
    result = []
    order = _field_order(model)
    pk_name = model._meta.pk.name if model else "id"
    for name in sorted(changes or {}, key=lambda n: (order.get(n, len(order)), n)):
        if name == pk_name:
            continue
        value = changes[name]
        model_field = _field(model, name)
        if model_field is not None and model_field.auto_created and not model_field.concrete:
            continue  # the reverse side of a relation, recorded with the other object
        label = capfirst(str(model_field.verbose_name)) if model_field is not None else name
        of_users = _is_user_field(model_field)
        if isinstance(value, dict) and value.get("type") == "m2m":
            objects = [str(obj) for obj in value.get("objects", [])]
            if of_users:
                objects = [users(obj) for obj in objects]
            change = Change(label, "relation")
            if value.get("operation") == "delete":
                change.removed = objects
            else:
                change.added = objects
            result.append(change)
            continue
        old, new = (list(value) + ["", ""])[:2] if isinstance(value, (list, tuple)) else ("", value)
        if of_users:
            old, new = _user_display(model_field, old, users), _user_display(model_field, new, users)
        else:
            old, new = _display(model_field, old), _display(model_field, new)
        if action == LogEntry.Action.CREATE:
            if new:
                result.append(Change(label, "value", new=new))
        elif action == LogEntry.Action.DELETE:
            if old:
                result.append(Change(label, "value", new=old))
        else:
            result.append(Change(label, "update", old=old, new=new))
    return result


def _user_display(model_field, value, users: UserNames) -> str:
    """A user field's stored value (a username) shown as the user's name, "" for none; a many-to-many
    field's users written as one text (services.record_changed) one by one (a username holds no ", ")."""
    if value is None or value in ("None", ""):
        return ""
    value = str(value)
    names = value.split(", ") if isinstance(model_field, models.ManyToManyField) else [value]
    return Truncator(", ".join(users(name) for name in names)).chars(VALUE_LENGTH)


def describe(entry: LogEntry, model=None, users: UserNames | None = None) -> HistoryRow:
    """How one history row is shown (needs the actor, and the content type unless `model` is given);
    the users in its changes by name (`users`: share one among the rows of a page)."""
    model = model or entry.content_type.model_class()
    return HistoryRow(
        entry=entry,
        who=person(entry.actor) or entry.actor_email or _("System"),
        action=str(ACTION_LABELS.get(entry.action, entry.get_action_display())),
        kind=capfirst(str(model._meta.verbose_name)) if model else entry.content_type.model,
        changes=describe_changes(model, entry.action, entry.changes, users),
    )


def _is_relation_only(row: HistoryRow) -> bool:
    return row.entry.action == LogEntry.Action.UPDATE and all(c.kind == "relation" for c in row.changes)


def _fold(rows: list[HistoryRow]) -> list[HistoryRow]:
    """Oldest first: many-to-many changes saved by the same user right after a row join that row."""
    folded: list[HistoryRow] = []
    for row in rows:
        previous = folded[-1] if folded else None
        if (previous is not None and _is_relation_only(row) and previous.entry.action != LogEntry.Action.DELETE
                and previous.entry.actor_id == row.entry.actor_id
                and row.entry.timestamp - previous.entry.timestamp <= SAME_SAVE):
            for change in row.changes:
                same = next((c for c in previous.changes if c.kind == "relation" and c.label == change.label), None)
                if same is None:
                    previous.changes.append(change)
                else:
                    same.added += change.added
                    same.removed += change.removed
            continue
        folded.append(row)
    return folded


def object_history(obj: models.Model) -> list[HistoryRow]:
    """The object's change history, newest first, in one query (the actor joined)."""
    model = type(obj)
    opts = model._meta
    # The content type by a join rather than ContentType's cache, which may be cold: one query, always.
    entries = (LogEntry.objects
               .filter(content_type__app_label=opts.app_label, content_type__model=opts.model_name,
                       object_id=obj.pk)
               .select_related("actor").order_by("timestamp", "id"))
    users = UserNames()
    return list(reversed(_fold([describe(entry, model, users) for entry in entries])))


def history_list() -> QuerySet:
    """Every history row of the tracked models, newest first, with actor and content type."""
    return LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-id")


def model_choices() -> list[tuple[str, str]]:
    """The kinds of object that keep a history, by their Danish names (no query)."""
    choices = [(model._meta.label_lower, capfirst(str(model._meta.verbose_name))) for model in tracked_models()]
    return sorted(choices, key=lambda choice: choice[1])


def user_choices() -> QuerySet:
    return get_user_model().objects.order_by("first_name", "last_name", "username")


def existing_objects(pairs) -> set[tuple[int, int]]:
    """Which of the (content type, object id) pairs still exist, as (content type id, object id), in
    one query whatever the kinds (the content types are loaded with the rows)."""
    by_type: dict[int, tuple[ContentType, set[int]]] = {}
    for content_type, object_id in pairs:
        if object_id is not None:
            by_type.setdefault(content_type.pk, (content_type, set()))[1].add(object_id)
    queries = []
    for content_type_id, (content_type, ids) in sorted(by_type.items()):
        model = content_type.model_class()
        if model is not None:
            queries.append(model._base_manager.filter(pk__in=sorted(ids)).order_by()
                           .annotate(history_content_type=Value(content_type_id, output_field=models.IntegerField()))
                           .values_list("history_content_type", "pk"))
    if not queries:
        return set()
    query = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    return set(query)


def object_url(model, object_id, user) -> str | None:
    """The object's own page, or its page in the admin for staff; None for neither."""
    if model is None or object_id is None:
        return None
    if hasattr(model, "get_absolute_url"):
        try:
            return model(pk=object_id).get_absolute_url()
        except NoReverseMatch:
            return None
    if user.is_staff and user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
        try:
            return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[object_id])
        except NoReverseMatch:
            return None
    return None


def history_rows(entries, *, user) -> list[HistoryRow]:
    """A page of history rows as /historik/ shows them, each linked to its object while it exists."""
    entries = list(entries)
    existing = existing_objects((entry.content_type, entry.object_id) for entry in entries)
    users = UserNames()
    rows = []
    for entry in entries:
        row = describe(entry, users=users)
        if (entry.content_type_id, entry.object_id) in existing:
            row.url = object_url(entry.content_type.model_class(), entry.object_id, user)
        rows.append(row)
    return rows


def access_log_list() -> QuerySet:
    return AccessLog.objects.select_related("user", "content_type").order_by("-at", "-id")


def access_rows(entries, *, user) -> list[dict]:
    """A page of the access log, each opened registration linked while it exists."""
    entries = list(entries)
    existing = existing_objects((entry.content_type, entry.object_id) for entry in entries)
    rows = []
    for entry in entries:
        model = entry.content_type.model_class()
        exists = (entry.content_type_id, entry.object_id) in existing
        rows.append({
            "entry": entry, "who": person(entry.user),
            "kind": capfirst(str(model._meta.verbose_name)) if model else entry.content_type.model,
            "url": object_url(model, entry.object_id, user) if exists else None,
        })
    return rows
