"""One person's data, found (GDPR art. 15 and 17): a name, an e-mail address or a telephone number searched
in every field that holds personal data (history/registry.py, PERSONAL_DATA_FIELDS), in the change
history of those fields, and in the access log's details (a list's search may have named the person).

The words of the search are matched in any order, each in any of a registration's personal fields, so
"Jensen, Anne" finds "Anne Jensen"; a telephone number is matched by its digits ("12 34 56 78" finds
"12345678"). On PostgreSQL a name is also matched by its trigrams (pg_trgm's word similarity), so a
misspelt "Kristensen" finds "Christensen" too (SQLite has no trigrams: there the words must be in the
name as they are). In the history, whose values are JSON text, the words are matched as they are written.
Nothing here writes; the access log of the search is the view's.
"""

import json
import re
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import Q, TextField, Value
from django.db.models.functions import Cast, Replace
from django.utils.translation import gettext as _

from core import roles
from history.models import AccessLog
from history.registry import PERSONAL_DATA_FIELDS, has_history

MOST_PER_KIND = 500  # hits shown per kind of registration and in the history: a name, not a whole register
SIMILAR_NAME = 0.6  # pg_trgm word similarity, its default: "Kristensen" finds Christensen (0.73), not Hansen Jensen
PHONE_DIGITS = 6  # a word of at least this many digits is also a telephone number


@dataclass
class Hit:
    """One place that holds the person: a registration's personal fields, a history row or an access-log row."""

    key: str  # what the erase form sends back: "cases.requisition:12", "history:345", "access:77"
    source: str  # "registration", "history" or "access"
    kind: str  # the model's name, "rekvirering"
    title: str
    values: dict[str, str] = field(default_factory=dict)  # field's name (verbose) -> value
    when: object = None
    url: str = ""
    obj: object = None


def search_words(query: str) -> list[str]:
    return [word for word in re.split(r"[\s,;]+", query.strip().lower()) if len(word) >= 2]


def _digits(word: str) -> str:
    return re.sub(r"\D", "", word)


def _word_matches(model, fields: tuple[str, ...], word: str) -> Q:
    match = Q()
    for name in fields:
        match |= Q(**{f"{name}__icontains": word})
    digits = _digits(word)
    if "contact_phone" in fields and len(digits) >= PHONE_DIGITS:
        match |= Q(phone_digits__contains=digits)
    if connection.vendor == "postgresql" and "contact_name" in fields and not digits:
        match |= Q(**{f"similar_{word_index(word)}__gte": SIMILAR_NAME})
    return match


def word_index(word: str) -> str:
    """A name for the word's similarity annotation (words may hold any character)."""
    return word.encode().hex()


def _registration_hits(entry, words: list[str]) -> list[Hit]:
    model = apps.get_model(entry.model)
    queryset = model.objects.select_related(*entry.related)
    if "contact_phone" in entry.fields:
        digits = Value("")
        phone = "contact_phone"
        for separator in (" ", "-", ".", "+"):
            phone = Replace(phone, Value(separator), digits)
        queryset = queryset.annotate(phone_digits=phone)
    if connection.vendor == "postgresql" and "contact_name" in entry.fields:
        queryset = queryset.annotate(**{f"similar_{word_index(word)}": TrigramWordSimilarity(word, "contact_name")
                                        for word in words if not _digits(word)})
    match = Q()
    for word in words:
        match &= _word_matches(model, entry.fields, word)
    hits = []
    for obj in queryset.filter(match).order_by("-pk")[:MOST_PER_KIND]:
        values = {str(model._meta.get_field(name).verbose_name): getattr(obj, name) for name in entry.fields
                  if getattr(obj, name)}
        hits.append(Hit(
            key=f"{entry.model}:{obj.pk}", source="registration", kind=str(model._meta.verbose_name),
            title=str(obj), values=values, when=getattr(obj, "created_at", None),
            url=obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "", obj=obj))
    return hits


def _json_forms(word: str) -> set[str]:
    """The word as it may stand in a history row's JSON: as it is, and with its non-ASCII letters escaped
    ("\\u00f8"), as SQLite keeps JSON text; in lower case and capitalised, as SQLite's LIKE folds ASCII only."""
    forms = set()
    for variant in (word, word.capitalize()):
        forms.add(variant)
        forms.add(json.dumps(variant)[1:-1])
    return forms


def _value_holds(values, words: list[str]) -> bool:
    text = " ".join(str(value) for value in values).lower()
    digits = _digits(text)
    return all(word in text or (len(_digits(word)) >= PHONE_DIGITS and _digits(word) in digits) for word in words)


def _shown(value) -> str:
    """A value of a history row as the history page shows it: an empty one (django-auditlog's "None") as a dash."""
    return "–" if value in (None, "", "None") else str(value)


def personal_data_with_history() -> dict:
    """The registry's entries of the models that keep a change history, by their content type's id."""
    return {ContentType.objects.get_for_model(apps.get_model(entry.model)).pk: entry
            for entry in PERSONAL_DATA_FIELDS if has_history(apps.get_model(entry.model))}


def _history_hits(words: list[str]) -> list[Hit]:
    """History rows whose personal fields, old or new, name the person: matched in the row's JSON text, then
    read to keep only those where it is in a personal field (a title with the same word is not the person)."""
    types = personal_data_with_history()
    queryset = LogEntry.objects.filter(content_type__in=types).annotate(text=Cast("changes", TextField()))
    for word in words:
        digits = _digits(word)
        # A telephone number as typed, as its digits, and as Danes write it, in pairs ("33 66 10 20").
        forms = _json_forms(word) if len(digits) < PHONE_DIGITS else {
            word, digits, " ".join(digits[index:index + 2] for index in range(0, len(digits), 2))}
        any_form = Q()
        for form in forms:
            any_form |= Q(text__icontains=form)
        queryset = queryset.filter(any_form)
    hits = []
    for log in queryset.select_related("actor", "content_type").order_by("-timestamp", "-pk")[:MOST_PER_KIND]:
        entry = types[log.content_type_id]
        changes = log.changes if isinstance(log.changes, dict) else {}
        personal = {name: values for name, values in changes.items() if name in entry.fields}
        if not personal or not _value_holds([value for values in personal.values() for value in values], words):
            continue
        model = log.content_type.model_class()
        hits.append(Hit(
            key=f"history:{log.pk}", source="history", kind=str(model._meta.verbose_name), title=log.object_repr,
            values={str(model._meta.get_field(name).verbose_name): " → ".join(_shown(value) for value in values)
                    for name, values in personal.items()},
            when=log.timestamp, obj=log))
    return hits


def access_rows_naming(words: list[str]):
    """Access-log rows whose details (a list's filters, a search of this page) hold every word."""
    queryset = AccessLog.objects.exclude(detail="")
    for word in words:
        queryset = queryset.filter(detail__icontains=word)
    return queryset


def _access_hits(words: list[str]) -> list[Hit]:
    queryset = access_rows_naming(words)
    return [Hit(key=f"access:{row.pk}", source="access", kind=str(AccessLog._meta.verbose_name),
                title=row.object_repr, values={str(AccessLog._meta.get_field("detail").verbose_name): row.detail},
                when=row.at, obj=row)
            for row in queryset.select_related("user").order_by("-at", "-pk")[:MOST_PER_KIND]]


def person_search(*, query: str) -> list[Hit]:
    """Every registration, history row and access-log row naming the person the query describes (its words in
    any order); none for a query without a word of two characters."""
    words = search_words(query)
    if not words:
        return []
    hits = []
    for entry in PERSONAL_DATA_FIELDS:
        hits.extend(_registration_hits(entry, words))
    hits.extend(_history_hits(words))
    hits.extend(_access_hits(words))
    return hits


# --- The record of processing (GDPR art. 30), made from the registry -------------------------------------

@dataclass
class Processing:
    category: str
    where: str  # the kind of registration
    fields: list[str]
    purpose: str
    retention: str
    readers: list[str]


def readers_of(model_label: str) -> list[str]:
    """The roles that may read a model (core/roles.py), and the administrator, who may read everything."""
    app_label, model_name = model_label.split(".")
    found = [role for role, permissions in roles.ROLE_PERMISSIONS.items()
             if (app_label, f"view_{model_name}") in permissions]
    return found if roles.ADMINISTRATOR in found else [*found, roles.ADMINISTRATOR]


def processing_record() -> list[Processing]:
    """Every category of personal data the register holds, where, why, how long and who may read it, from the
    code's own registry (history/registry.py), so that the record never drifts from the code."""
    years = settings.PERSONAL_DATA_RETENTION_YEARS
    rows = []
    for entry in PERSONAL_DATA_FIELDS:
        model = apps.get_model(entry.model)
        rows.append(Processing(
            category=str(entry.category), where=str(model._meta.verbose_name_plural).capitalize(),
            fields=[str(model._meta.get_field(name).verbose_name) for name in entry.fields],
            purpose=str(entry.purpose), retention=str(entry.retention) % {"years": years},
            readers=readers_of(entry.model)))
    logged = [apps.get_model(entry.model) for entry in PERSONAL_DATA_FIELDS if has_history(apps.get_model(entry.model))]
    rows.append(Processing(
        category=_("Tidligere værdier af de samme felter"), where=_("Ændringshistorik"),
        fields=[str(model._meta.verbose_name_plural).capitalize() for model in logged],
        purpose=_("At kunne se, hvem der ændrede hvad og hvornår."),
        retention=_("Som registreringen; ved anonymisering erstattes værdierne med en markering."),
        readers=readers_of("auditlog.logentry")))
    rows.append(Processing(
        category=_("Medarbejdernes brug af personoplysninger"), where=_("Adgangslog"),
        fields=[str(AccessLog._meta.get_field(name).verbose_name) for name in ("user", "at", "action", "detail")],
        purpose=_("At kunne se, hvem der har åbnet, eksporteret, søgt efter eller slettet personoplysninger."),
        retention=_("%(days)s dage.") % {"days": settings.ACCESS_LOG_RETENTION_DAYS},
        readers=readers_of("history.accesslog")))
    user = apps.get_model(settings.AUTH_USER_MODEL)
    rows.append(Processing(
        category=_("Medarbejdere, der bruger registret"), where=str(user._meta.verbose_name_plural).capitalize(),
        fields=[str(user._meta.get_field(name).verbose_name) for name in ("username", "first_name", "last_name",
                                                                         "email")],
        purpose=_("Log ind, og at kunne se, hvem der registrerede og ændrede hvad."),
        retention=_("Så længe brugeren har adgang; fjernes af administratoren."),
        readers=readers_of(settings.AUTH_USER_MODEL.lower())))
    return rows
