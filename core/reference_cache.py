"""What changes seldom and is read on every page, cached exactly: the reference data's choice lists
(core/choice_fields.py), the years and challenges (core/selectors.py), the users' permissions and roles
(accounts/backends.py, core/permissions.py), the main menu's HTML (base.html).

They change when the administrator edits reference data, or a user's name or role changes. So they are
kept in Django's cache (the `default` alias) under a key that holds the reference token
(`ReferenceVersion`, one row): a random value that every change to a registered model replaces, in the
same transaction as the change (the receivers below, connected in CoreConfig.ready; each app registers
its own models). A request reads the token once, the first time it needs it, and anything that changes
reference data during the request makes it read the token again. As in reports/caching.py, no entry is
ever deleted: each gunicorn worker keeps its own copy (LocMemCache) or they share one, and all see a
change as soon as it is committed. Only Django's public API: its cache, its signals.
"""

import secrets
from collections.abc import Callable
from contextlib import contextmanager

from asgiref.local import Local
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

# Saves of a user that change nothing a list shows: the login stamp and a rehashed password.
_IGNORED_USER_FIELDS = frozenset({"last_login", "password"})
_request = Local()


def register(*models) -> None:
    """Cache choice lists of these models, and replace the token when one of them changes (also when
    the membership of a many-to-many field of theirs changes)."""
    for model in models:
        uid = f"reference_cache.{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ".delete")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{uid}.{field.name}")


def connect() -> None:
    request_started.connect(_start_request, dispatch_uid="reference_cache.request_started")
    request_finished.connect(_end_request, dispatch_uid="reference_cache.request_finished")


def _start_request(**kwargs):
    _request.active = True
    _request.token = None


def _end_request(**kwargs):
    _request.active = False
    _request.token = None


@contextmanager
def scope():
    """Read the token once for what runs inside, as a request does (a management command's unit of
    work, a test measuring a selector); outside a request or a scope it is read at every use."""
    _start_request()
    try:
        yield
    finally:
        _end_request()


def token() -> str:
    """The current reference token: read once per request (outside a request, at every call)."""
    if getattr(_request, "active", False) and _request.token:
        return _request.token
    from .models import ReferenceVersion

    value = ReferenceVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    if value is None:
        value = secrets.token_hex(16)
        ReferenceVersion.objects.bulk_create([ReferenceVersion(pk=1, token=value)], ignore_conflicts=True)
        # Another request may have stored its own token first; ours then names entries nobody else
        # reads, which costs a computation, never a wrong list.
    if getattr(_request, "active", False):
        _request.token = value
    return value


def reference_changed() -> None:
    """Replace the token, so that every cached list is read again. Call it inside the transaction
    that makes the change (the receivers below do); bulk writes that send no signals must call it."""
    from .models import ReferenceVersion

    ReferenceVersion.objects.filter(pk=1).update(token=secrets.token_hex(16))
    _request.token = None


def _changed(sender, instance=None, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if update_fields and sender._meta.label == "auth.User" and set(update_fields) <= _IGNORED_USER_FIELDS:
        return
    reference_changed()


def _m2m_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        reference_changed()


def cached(name: str, compute: Callable):
    """`compute()` through the cache, under the reference token and the active language."""
    key = f"reference:{name}:{translation.get_language()}:{token()}"
    missing = object()
    value = cache.get(key, missing)
    if value is missing:
        value = compute()
        cache.set(key, value, 3600)
    return value
