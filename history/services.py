"""Writes of the change history and the access log.

django-auditlog records what goes through a model's save() and delete() (and m2m changes of the
fields named in registry.py). Bulk operations of the project's own send no signals: the Excel import
(bulk_create) calls `record_created`, the anonymisation of personal data `record_changed`. Both
write rows that look exactly like the signals' own, so the detail page and /historik/ show them alike.
"""

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, timedelta

from auditlog.cid import get_cid
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Subquery
from django.db.models.signals import pre_save
from django.utils import timezone
from django.utils.encoding import smart_str
from django.utils.translation import gettext as _

from .models import AccessAction, AccessLog

REPR_LENGTH = AccessLog._meta.get_field("object_repr").max_length


def _check_tracked(model) -> None:
    if not auditlog.contains(model):
        raise ValueError(f"{model._meta.label} keeps no change history (see history/registry.py).")


def _actor_fields(user) -> dict:
    if user is None or not getattr(user, "is_authenticated", False):
        return {"actor": None, "actor_email": None}
    return {"actor": user, "actor_email": getattr(user, "email", None)}


def _entry(instance, *, action: int, changes: dict, user, content_type, now, reason: str = "") -> LogEntry:
    """A LogEntry filled as LogEntryManager.log_create fills it for the signals; `reason` (why a person's data
    was erased) in its additional data."""
    pk = instance.pk
    return LogEntry(
        content_type=content_type, object_pk=smart_str(pk), object_id=pk if isinstance(pk, int) else None,
        object_repr=smart_str(instance), action=action, changes=changes, changes_text="",
        # The models are registered without serialize_data, so the signals store none either.
        serialized_data=None, cid=get_cid(), timestamp=now, additional_data={"reason": reason} if reason else None,
        **_actor_fields(user))


def _logged_value(field, value) -> str:
    """A value as django-auditlog stores it in `changes` (text; a foreign key by its text, as
    AUDITLOG_USE_FK_STRING_REPRESENTATION is on)."""
    if value is None:
        return smart_str(None)
    if isinstance(field, models.ManyToManyField):
        return ", ".join(smart_str(item) for item in value)
    if isinstance(field, models.DateTimeField):
        value = field.to_python(value)
        if settings.USE_TZ and not timezone.is_naive(value):
            value = timezone.make_naive(value, timezone=UTC)
    elif isinstance(field, models.JSONField):
        try:
            return json.dumps(value, sort_keys=True, cls=field.encoder)
        except TypeError:
            pass
    return smart_str(value)


def record_created(instances: Iterable[models.Model], *, user,
                   m2m: Sequence[Mapping[str, Iterable]] | None = None) -> list[LogEntry]:
    """One "created" history row per instance made with bulk_create (which sends no signals), with
    every field's value as the signals would record it, written with one bulk_create.

    `m2m`, if given, holds one mapping per instance (same order) of many-to-many field name to the
    related objects set with it (e.g. `{"areas": [area]}`); they are recorded in the same row as
    the signals record an addition. Call it inside the transaction of the bulk_create.
    """
    instances = list(instances)
    if not instances:
        return []
    model = type(instances[0])
    _check_tracked(model)
    relations = list(m2m) if m2m is not None else [{}] * len(instances)
    if len(relations) != len(instances):
        raise ValueError("m2m must hold one mapping per instance.")
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    entries = []
    for instance, related in zip(instances, relations, strict=True):
        if instance.pk is None:
            raise ValueError("record_created needs saved instances (with a primary key).")
        changes = model_instance_diff(None, instance, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES) or {}
        for field_name, objects in related.items():
            names = [smart_str(obj) for obj in objects]
            if names:
                changes[field_name] = {"type": "m2m", "operation": "add", "objects": names}
        entries.append(_entry(instance, action=LogEntry.Action.CREATE, changes=changes, user=user,
                              content_type=content_type, now=now))
    for entry in entries:
        # bulk_create sends no pre_save; inside a request AuditlogMiddleware fills the address (and,
        # without a `user`, the actor) from it, so send it as save() would.
        pre_save.send(sender=LogEntry, instance=entry, raw=False, using=LogEntry.objects.db, update_fields=None)
    return LogEntry.objects.bulk_create(entries, batch_size=500)


def record_changed(instance: models.Model, changes: Mapping[str, tuple], *, user, reason: str = "") -> LogEntry | None:
    """A "changed" history row for an instance changed without save() (e.g. by a queryset update),
    `changes` being field name -> (old value, new value) as Python values: model instances for
    foreign keys, iterables of them for many-to-many fields. Unchanged and untracked fields
    (created_at, updated_at) are left out; None when nothing is left."""
    model = type(instance)
    _check_tracked(model)
    excluded = set(auditlog.get_model_fields(model)["exclude_fields"])
    logged = {}
    for name, (old, new) in changes.items():
        if name in excluded:
            continue
        field = model._meta.get_field(name)
        pair = [_logged_value(field, old), _logged_value(field, new)]
        if pair[0] != pair[1]:
            logged[name] = pair
    if not logged:
        return None
    entry = _entry(instance, action=LogEntry.Action.UPDATE, changes=logged, user=user,
                   content_type=ContentType.objects.get_for_model(model), now=timezone.now(), reason=reason)
    entry.save()
    return entry


def _content_type_id(model) -> Subquery:
    """The model's content type as a subquery of the INSERT: ContentType's cache may be cold (after a
    restart, or for a model nothing has saved yet), and an access-log entry must always be exactly
    one query."""
    opts = model._meta.concrete_model._meta
    return Subquery(ContentType.objects.filter(app_label=opts.app_label, model=opts.model_name).values("pk")[:1])


def access_record_view(*, user, obj: models.Model) -> None:
    """The user opened the page of a registration with personal data: one INSERT."""
    AccessLog.objects.create(
        user=user, action=AccessAction.VIEW, content_type_id=_content_type_id(type(obj)),
        object_id=obj.pk, object_repr=smart_str(obj)[:REPR_LENGTH], count=1)


def access_record_export(user, model, queryset_count: int, query_string: str) -> None:
    """The user exported `queryset_count` rows of `model` (a list with personal data) with the list's
    filters `query_string` (e.g. request.GET.urlencode()): one INSERT."""
    AccessLog.objects.create(
        user=user, action=AccessAction.EXPORT, content_type_id=_content_type_id(model),
        object_id=None, object_repr=smart_str(model._meta.verbose_name_plural)[:REPR_LENGTH],
        detail=query_string or "", count=queryset_count)


def access_record_erase(*, user, obj: models.Model, reason: str) -> None:
    """The user erased the personal data of a registration, for `reason`: one INSERT."""
    AccessLog.objects.create(
        user=user, action=AccessAction.ERASE, content_type_id=_content_type_id(type(obj)),
        object_id=obj.pk, object_repr=smart_str(obj)[:REPR_LENGTH], detail=reason, count=1)


def access_record_person(*, user, action: str, detail: str, count: int) -> None:
    """The user searched for, exported or erased one person's data (/personoplysninger/): one INSERT, with what
    was searched or why it was erased in `detail`."""
    AccessLog.objects.create(
        user=user, action=action, content_type_id=_content_type_id(AccessLog), object_id=None,
        object_repr=smart_str(_("En persons oplysninger"))[:REPR_LENGTH], detail=detail, count=count)


def access_log_purge(*, days: int | None = None, now=None) -> int:
    """Delete access-log entries older than `days` (default ACCESS_LOG_RETENTION_DAYS); how many."""
    days = settings.ACCESS_LOG_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _by_model = AccessLog.objects.filter(at__lt=cutoff).delete()
    return deleted
