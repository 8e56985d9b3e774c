"""The choice lists of forms and filters, cached.

Almost every page offers the same short lists: the filter form of a list (challenges, requesters,
consultants, areas), the registration forms, the start page's quick form, the year selector. Read
from the database they took four to seven queries and a hundred model objects a page, about a tenth of
a worker's time under load (bench/load, py-spy). They change seldom: when the administrator edits
reference data, or a user's name or role changes.

So the lists are kept in Django's cache (the `default` alias) under a key that holds the reference
token (`ReferenceVersion`, one row): a random value that every change to a registered model replaces,
in the same transaction as the change (the receivers below, connected in CasesConfig.ready; each app
registers its own models). A request reads the token once, the first time it needs it, and anything
that changes reference data during the request makes it read the token again. As in
reports/caching.py, no entry is ever deleted: each gunicorn worker keeps its own copy (LocMemCache) or
they share one, and all see a change as soon as it is committed.

Only what the lists show is cached: the ids and labels. A submitted choice is still checked against
the database by the form field (ModelChoiceField.to_python), so a stale list can never save a
choice that is gone.
"""

import hashlib
import pickle
import secrets
from collections.abc import Callable
from contextlib import contextmanager

from asgiref.local import Local
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.forms.models import ModelChoiceField, ModelChoiceIterator, ModelChoiceIteratorValue
from django.forms.widgets import ChoiceWidget
from django.utils import translation
from django.utils.functional import Promise

# Saves of a user that change nothing a list shows: the login stamp and a rehashed password.
_IGNORED_USER_FIELDS = frozenset({"last_login", "password"})
_registered_tables: set[str] = set()
_request = Local()


def register(*models) -> None:
    """Cache choice lists of these models, and replace the token when one of them changes (also when
    the membership of a many-to-many field of theirs changes)."""
    for model in models:
        _registered_tables.add(model._meta.db_table)
        uid = f"reference_cache.{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ".delete")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            _registered_tables.add(through._meta.db_table)
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


_compiled_by_state: dict[bytes, tuple[str, tuple] | None] = {}
_COMPILED_KEPT = 1000


def _compiled(queryset) -> tuple[str, tuple] | None:
    """The queryset's SQL and parameters if every table it reads belongs to a registered model (or to
    a many-to-many of one), else None.

    Compiling took 0.2-0.7 ms a queryset, for each choice field of every form and filter form of a
    request. A worker remembers the answer by the query's pickled state (what Django pickles a queryset
    with: 20-90 us): the same state, the same SQL; a state that pickles differently is compiled."""
    if queryset.model._meta.db_table not in _registered_tables:
        return None
    query = queryset.query
    try:
        state = pickle.dumps(query, pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 (an unpicklable expression: compile it every time)
        state = None
    if state is not None and state in _compiled_by_state:
        return _compiled_by_state[state]
    sql, params = query.sql_with_params()  # compiling adds select_related's joins to alias_map
    compiled = None if any(join.table_name not in _registered_tables for join in query.alias_map.values()) else (
        sql, params)
    if state is not None:
        if len(_compiled_by_state) >= _COMPILED_KEPT:
            _compiled_by_state.clear()
        _compiled_by_state[state] = compiled
    return compiled


class CachedModelChoiceIterator(ModelChoiceIterator):
    """Django's iterator over a ModelChoiceField's queryset, reading (id, label) pairs from the cache.

    The values are ModelChoiceIteratorValue without an instance: the widgets of this project read
    only the value and the label."""

    def cache_name(self) -> str | None:
        """The name the choices are cached under (the queryset's SQL and the labels' method), or None
        when the queryset reads tables that are not registered."""
        if not hasattr(self, "_cache_name"):
            field, queryset = self.field, self.queryset
            label = field.label_from_instance
            compiled = _compiled(queryset)
            label_name = f"{type(field).__module__}.{type(field).__qualname__}.{getattr(label, '__qualname__', label)}"
            self._cache_name = compiled and "choices:" + hashlib.sha256(
                repr((queryset.db, *compiled, label_name)).encode()).hexdigest()[:32]
        return self._cache_name

    def _pairs(self) -> list[tuple]:
        field, queryset = self.field, self.queryset
        label = field.label_from_instance

        def read():
            return [(field.prepare_value(obj), str(label(obj))) for obj in queryset.iterator()]

        name = self.cache_name()
        if name is None:  # the queryset was changed to one that reads other tables too
            return read()
        return cached(name, read)

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for value, label in self._pairs():
            yield (ModelChoiceIteratorValue(value, None), label)

    def __len__(self):
        return len(self._pairs()) + (1 if self.field.empty_label is not None else 0)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self._pairs())


_iterator_classes: dict[type, type] = {ModelChoiceIterator: CachedModelChoiceIterator}


class CachedRenderingMixin:
    """A select (or radio list) over cached choices writes the same HTML for the same choices, value and
    attributes: that HTML is cached too, under the reference token and the language. Making it, option
    by option through Django's ChoiceWidget.optgroups, took 0.3-0.6 ms a field, four fields on every list
    page and form (bench/load)."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = self.choices
        list_name = choices.cache_name() if isinstance(choices, CachedModelChoiceIterator) else None
        if list_name is None:
            return super().render(name, value, attrs, renderer)
        shape = repr((type(self).__qualname__, type(renderer).__qualname__, list_name, str(choices.field.empty_label),
                      name, self.format_value(value), sorted(self.build_attrs(self.attrs, attrs).items())))
        digest = hashlib.sha256(shape.encode()).hexdigest()[:32]
        render = super().render
        return cached(f"widget:{digest}", lambda: render(name, value, attrs, renderer))


_widget_classes: dict[type, type] = {}


def use_cached_choices(fields) -> None:
    """Let the model choice fields among `fields` over a registered model take their choices from the
    cache (a subclass of the field's own iterator, e.g. django-filter's, with the cached reading
    underneath). A queryset that reads unregistered tables too is read from the database as before."""
    for field in fields:
        iterator = getattr(field, "iterator", None)
        queryset = getattr(field, "queryset", None)
        if not isinstance(iterator, type) or not issubclass(iterator, ModelChoiceIterator) or queryset is None:
            continue
        if issubclass(iterator, CachedModelChoiceIterator) or queryset.model._meta.db_table not in _registered_tables:
            continue
        if iterator not in _iterator_classes:
            _iterator_classes[iterator] = type(f"Cached{iterator.__name__}", (iterator, CachedModelChoiceIterator), {})
        field.iterator = _iterator_classes[iterator]
        widget = field.widget
        widget.choices = field.choices  # the widget holds an iterator made by the old class
        if isinstance(widget, ChoiceWidget) and not isinstance(widget, CachedRenderingMixin):
            widget_class = type(widget)
            if widget_class not in _widget_classes:
                _widget_classes[widget_class] = type(f"Cached{widget_class.__name__}",
                                                     (CachedRenderingMixin, widget_class), {})
            widget.__class__ = _widget_classes[widget_class]  # this form's copy of the widget only


def _plain(value):
    """`value` with its lazy texts made text, so that its repr says what a form shows."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, list | tuple):
        return tuple(_plain(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((key, _plain(item)) for key, item in value.items()))
    return value


def form_html_key(form, *, user_pk) -> str | None:
    """A key the HTML of `form`'s fields can be cached under, with the reference token and the language:
    the same key, the same HTML. Under load the fields of a form (crispy's field template, the widget
    templates) took 10-20 ms of a form page, the filter form 5 ms of a list page (bench/load).

    The key holds what the fields are written from: each field's type, widget, attributes, label, help
    text, value, errors and choices, and the form's class and prefix; the user, for forms that offer a
    user what their role allows (a change of role replaces the token). None when that does not settle
    the HTML, so the form is written afresh:
    - a choice field over tables that are not registered (its choices change without a new token);
    - a form editing a saved object, or a bound form with anything typed in (a search, a date, an
      invalid form sent back): one-off HTML not worth keeping;
    - a crispy helper that writes the <form> tag or a CSRF token (crispy writes one for a POST form
      unless told not to): a token is the session's, and a kept one fails at the user's next login."""
    if getattr(getattr(form, "instance", None), "pk", None) is not None:
        return None
    helper = getattr(form, "helper", None)
    if helper is not None and (helper.form_tag or (helper.form_method.lower() == "post" and not helper.disable_csrf)):
        return None
    shape = [type(form).__module__, type(form).__qualname__, form.prefix, user_pk, form.is_bound,
             form.is_bound and tuple(form.non_field_errors())]
    for name, field in form.fields.items():
        widget = field.widget
        bound_field = form[name]
        value = bound_field.value()
        choices = getattr(widget, "choices", None)
        if form.is_bound and choices is None and value not in (None, "", False):
            return None
        if isinstance(field, ModelChoiceField):
            if not isinstance(choices, CachedModelChoiceIterator) or choices.cache_name() is None:
                return None
            choices = (choices.cache_name(), str(field.empty_label))
        elif choices is not None:
            choices = _plain(list(choices))
        shape.append((name, type(field).__qualname__, type(widget).__qualname__, field.required, field.disabled,
                      _plain(widget.attrs), str(field.label), str(field.help_text), _plain(value), choices,
                      form.is_bound and tuple(bound_field.errors)))
    digest = hashlib.sha256(repr(shape).encode()).hexdigest()[:32]
    return f"{digest}:{translation.get_language()}:{token()}"
