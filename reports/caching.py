"""The years' counts, kept while they stand; the report figures of finished years, cached.

Every figure of a year is added up from a few hundred grouped rows (reports/selectors/figures.py,
count_years: per table, challenge and month). Counting them reads every registration of the year: at a
million registrations some 300 ms of the database. They are kept beside the year's token (FiguresVersion.
counts, kept_counts) and read with it in one query, so that a page of figures, made afresh, adds up the rows
kept instead of counting the registrations again; the first reader after a change counts them again.

A finished year's report, dashboard figures, charts and files (Word, Excel, HTML) take a dozen queries
and, for a busy year, hundreds of milliseconds to make, yet change only when something they are made from
changes. They are kept in Django's cache (the `reports` alias: shared by every worker on every machine) under
a key that holds the year's token (`FiguresVersion`): a random value that every change to the year's registrations
replaces, in the same transaction as the change (the receivers below, connected in ReportsConfig.ready).
A reader reads the token first, so it finds figures made at or after that token, or makes them; a
replaced token's entries are never read again and age out of the cache. No entry is ever deleted, so
there is nothing to get wrong between workers or machines: they share the `reports` cache (the database's
table, or Redis with REDIS_URL: tfi/settings.py), and all see a change as soon as it is committed.
Shared, a chart or a finished year's report is made once rather than
once per worker, and a restart keeps them.

The current year changes all day, and its figures depend on today's date too (expected participants of
events still to come: counts holding any are kept until the next day). Its token is replaced at every
registration, which keeps its counts true, but pages under it would seldom be read twice. What management
reads of it, the dashboard (its figures and its four charts) and the report page, is instead kept
REPORTS_CURRENT_YEAR_SECONDS (a minute by default; 0: made for every request) under the reference token
(core/reference_cache.py), so that edited texts, work plans and names show at once, and the pages say
when the figures were made (CURRENT_YEAR_KEPT). Under load (bench/load) the current year's dashboard cost
about a quarter of a second of a worker and of the database each time it was opened, its report
more; the charts' Cache-Control already let a browser keep them a minute. The Word and Excel reports and
every other page of the current year are always made afresh.

What replaces a year's token: saving or deleting a requisition, advisory, event or deliverable (the years
of its challenge, before and after), a project visit (the years of its date) or a steering-group seat
(every year it is held, an open one up to the last year planned); changing a requisition's requesters or a
deliverable's replacements. Reference data (work plans, challenges, organisations, areas, the report's
texts) and the satisfaction surveys replace every year's token: they change seldom, and a survey answer's
year takes as many queries to find as the bump itself. Bulk inserts send no post_save: the services that
make many rows at once (the Excel import's) send core.signals.bulk_created instead, and the years of those
rows are replaced. A queryset's update() sends no signal either: code that changes what is counted that way
must call figures_changed itself (none does).
"""

import secrets
from collections.abc import Callable, Iterable
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.db.models import Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone, translation

from cases.models import Advisory, Deliverable, Event, Requisition, SteeringGroupMembership
from core import reference_cache
from core.models import Area, Challenge, Organisation, ReferenceVersion, WorkPlan
from core.selectors import work_plan_years
from core.signals import bulk_created
from projects.models import ProjectVisit
from surveys.models import Answer, Invitation, Question, Questionnaire, Response

from .models import AnnualReport, FiguresVersion

ALL_YEARS = None
# What of the current year is kept REPORTS_CURRENT_YEAR_SECONDS, by the part of `name` before its first
# colon; anything else of the current year is made for every request.
CURRENT_YEAR_KEPT = {"chart", "dashboard", "report_page"}
_YEARS_ATTRIBUTE = "_figures_years_before"


def new_token() -> str:
    return secrets.token_hex(16)


def is_finished(year: int) -> bool:
    return year < timezone.localdate().year


def year_tokens(years: Iterable[int]) -> dict[int, str]:
    """The tokens of the years, in one query; a year without one gets one (a second query, once)."""
    years = set(years)
    tokens = dict(FiguresVersion.objects.filter(year__in=years).values_list("year", "token"))
    missing = [FiguresVersion(year=year, token=new_token()) for year in sorted(years - tokens.keys())]
    if missing:
        FiguresVersion.objects.bulk_create(missing, ignore_conflicts=True)
        # Another request may have stored its own token first; ours then names entries nobody else
        # reads, which costs a computation, never a wrong figure.
        tokens.update((row.year, row.token) for row in missing)
    return tokens


def current_year_seconds(name: str) -> int:
    """How long a result of the current year named `name` is kept: 0 when it is made for every request."""
    return settings.REPORTS_CURRENT_YEAR_SECONDS if name.split(":", 1)[0] in CURRENT_YEAR_KEPT else 0


def age_note(name: str, year: int, made_at) -> dict:
    """What a page of `year` tells of its figures' age (templates/reports/_made_at.html): when they were
    made and how long they are kept, if the current year's result `name` is kept; else nothing."""
    kept = bool(made_at) and not is_finished(year) and current_year_seconds(name)
    return {"made_at": made_at if kept else None, "kept_seconds": kept or 0}


# Part of every key: raise it when a release changes what is kept (a figure, a chart's drawing, the report
# page's HTML, the years' counts), so that the files a running site kept are not served after the upgrade.
# 2: charts (counts in the language's format) and report page (survey sentence, requesters joined); 3: the
# dashboard's cards with their survey answers, and the years' counts (kept_counts); 4: the years' counts kept
# added up per challenge and month (figures.count_years), numbers in the language's format everywhere; 5: the
# report's letterhead and lead-ins, Word's contents, header and table, Excel's print setup and numbering; 6: the
# Excel report's columns fitted to print on fewer pages.
FORMAT = 6


# The tokens read by the cached() call being computed: a part it is made of (the dashboard's report, say)
# is kept under the same tokens without reading them again. Made after they were read, it is as fresh as
# the whole.
_tokens_read: ContextVar[dict[int, str] | None] = ContextVar("reports_tokens_read", default=None)


def _finished_key(name: str, years: list[int]) -> tuple[str, dict[int, str]]:
    """The cache key of a result of finished years, and the years' tokens it holds."""
    read = _tokens_read.get()
    tokens = read if read is not None and read.keys() >= set(years) else year_tokens(years)
    key = f"reports:{FORMAT}:{name}:{translation.get_language()}:" + ":".join(
        f"{year}-{tokens[year]}" for year in years)
    return key, tokens


def is_cached(name: str, years: Iterable[int]) -> bool:
    """Whether `cached(name, years, …)` would answer from the cache (finished years only)."""
    years = sorted(set(years))
    return all(is_finished(year) for year in years) and caches["reports"].has_key(_finished_key(name, years)[0])


def cached(name: str, years: Iterable[int], compute: Callable, *, current_timeout: int | None = None):
    """`compute()`, through the cache when every one of `years` is finished. The key holds the tokens
    of `years` (the years the result is made from) and the active language (labels are translated).
    `current_timeout`: seconds to keep the result of a year that is not finished (0: not at all; None:
    current_year_seconds(name))."""
    years = sorted(set(years))
    if not all(is_finished(year) for year in years):
        if current_timeout is None:
            current_timeout = current_year_seconds(name)
        if not current_timeout:
            return compute()
        # Under the reference token too: what the administrator or management edits (the work plan, the
        # report's texts, names) shows at once; new registrations within the seconds kept.
        key = (f"reports:{FORMAT}:{name}:{'-'.join(map(str, years))}:{translation.get_language()}:"
               f"{reference_cache.token()}:current")
        return caches["reports"].get_or_set(key, compute, current_timeout)
    key, tokens = _finished_key(name, years)
    cache = caches["reports"]
    missing = object()
    value = cache.get(key, missing)
    if value is missing:
        reset = _tokens_read.set({**(_tokens_read.get() or {}), **tokens})
        try:
            value = compute()
        finally:
            _tokens_read.reset(reset)
        cache.set(key, value)  # kept for the cache's TIMEOUT; a replaced token's entries are never read again
    return value


def figures_changed(years: Iterable[int] | None = ALL_YEARS) -> None:
    """Replace the tokens of `years` (default: every year's), so that their cached figures are made
    again. Call it inside the transaction that makes the change."""
    if years is ALL_YEARS:
        FiguresVersion.objects.update(token=new_token())
        return
    # The current year's too: its counts are kept under its token (kept_counts), though not its pages.
    years = sorted({year for year in years if year is not None})
    if years:
        token = new_token()
        FiguresVersion.objects.bulk_create([FiguresVersion(year=year, token=token) for year in years],
                                           update_conflicts=True, unique_fields=["year"], update_fields=["token"])


def kept_counts(years: Iterable[int], count: Callable[[list[int]], dict[int, tuple[dict, str | None]]], *,
                keep: bool = True) -> dict[int, dict]:
    """The counts of `years` (plain rows, the same in every language: figures.year_counts), kept beside the
    years' tokens, so that a year's figures are added up from a handful of grouped rows rather than counted
    from its registrations for every page. Read with the tokens in one query. A year whose counts were made
    under a replaced token (something they are made from changed since, in the transaction that changed it),
    or that hold until a day now come (expected participants of events held since), is counted again by
    `count(years)` ({year: (counts, until: ISO date or None)}) and kept under the token read before counting:
    a change committed meanwhile has replaced it, so those counts are never read as current.

    What they are kept in is the same row as the token: a writer replacing the token holds it locked until it
    commits, so the counts are stored only in the rows not locked (skip_locked) and still holding the token
    read, and a page never waits for an import to finish. Nor are they stored where the reference data they
    were counted with (the years' challenges, the administrations: core/reference_cache.py) has changed since
    the reference token was read, nor in a year's row this call made (a change to every year under way when
    it was made has not locked it), nor when the database refuses the write at once (SQLite, whose one writer
    may be an import): the next reader keeps them. `keep=False`: what is counted is not kept (a part of the
    counts). The counts hold FORMAT: a release that changes their layout reads none kept before."""
    years = set(years)
    today = timezone.localdate().isoformat()
    found, tokens = {}, {}
    for year, token, counts in FiguresVersion.objects.filter(year__in=years).values_list("year", "token", "counts"):
        tokens[year] = token
        if (counts and counts.get("format") == FORMAT and counts["token"] == token
                and (counts["until"] is None or today < counts["until"])):
            found[year] = counts["rows"]
    made = years - tokens.keys()
    if made:
        tokens.update(year_tokens(made))
    stale = sorted(years - found.keys())
    if not stale:
        return found
    reference = reference_cache.token()  # what the reference data counted with is cached under
    counted = count(stale)
    result = {**found, **{year: counted[year][0] for year in stale}}
    if not keep or not set(stale) - made:
        return result
    current_reference = Subquery(ReferenceVersion.objects.filter(pk=1).values("token")[:1])
    try:
        with transaction.atomic():
            kept = [version for version in FiguresVersion.objects.select_for_update(skip_locked=True)
                    .filter(year__in=set(stale) - made).annotate(reference=current_reference)
                    .only("year", "token") if version.token == tokens[version.year] and version.reference == reference]
            for version in kept:
                rows, until = counted[version.year]
                version.counts = {"format": FORMAT, "token": version.token, "until": until, "rows": rows}
            FiguresVersion.objects.bulk_update(kept, ["counts"])
    except DatabaseError:  # refused at once, SQLite's "database is locked": counted, not kept
        pass
    return result


# --- Which years a change touches -----------------------------------------------------------------

def _challenge_years(challenge_ids: Iterable) -> set[int]:
    ids = {pk for pk in challenge_ids if pk is not None}
    return set(WorkPlan.objects.filter(challenges__in=ids).values_list("year", flat=True)) if ids else set()


def _held_years(start, end) -> set[int]:
    if start is None:
        return set()
    # An open seat is held in every year from its start on: up to the last year planned, if that is later.
    last = end.year if end else max([timezone.localdate().year, *work_plan_years()])
    return set(range(start.year, last + 1))


def _by_challenge(values: list[dict]) -> set[int]:
    return _challenge_years(row["challenge_id"] for row in values)


def _by_date(values: list[dict]) -> set[int]:
    return {row["date"].year for row in values if row["date"]}


def _by_span(values: list[dict]) -> set[int]:
    return set().union(*(_held_years(row["start"], row["end"]) for row in values)) if values else set()


def _kinds() -> dict:
    """Per model, the fields its years follow from and how."""
    return {
        Requisition: (("challenge_id",), _by_challenge),
        Advisory: (("challenge_id",), _by_challenge),
        Event: (("challenge_id",), _by_challenge),
        Deliverable: (("challenge_id",), _by_challenge),
        ProjectVisit: (("date",), _by_date),
        SteeringGroupMembership: (("start", "end"), _by_span),
    }


def _years(instance, *, before: bool) -> set[int]:
    """The years of the instance as it is, and (before=True) as it is stored, before a save changes it."""
    fields, years_of = _kinds()[type(instance)]
    rows = [{field: getattr(instance, field) for field in fields}]
    if before and instance.pk is not None and not instance._state.adding:
        rows += list(type(instance).objects.filter(pk=instance.pk).values(*fields))
    return years_of(rows)


def _before_save(sender, instance, raw=False, **kwargs):
    if not raw:
        setattr(instance, _YEARS_ATTRIBUTE, _years(instance, before=True))


def _after_save(sender, instance, raw=False, **kwargs):
    # After the row is written: outside a transaction, a reader between the two then at worst stores
    # the new figures under the old token, which is replaced at once.
    years = getattr(instance, _YEARS_ATTRIBUTE, None)
    figures_changed(years if years is not None else _years(instance, before=False))


def _after_delete(sender, instance, **kwargs):
    figures_changed(_years(instance, before=False))


def _bulk_created(sender, instances, **kwargs):
    """Many rows written at once (the Excel import's services): the years they fall in, in one query."""
    if sender in _kinds():
        fields, years_of = _kinds()[sender]
        figures_changed(years_of([{field: getattr(instance, field) for field in fields} for instance in instances]))


def _everything_changed(sender, instance=None, raw=False, **kwargs):
    if not raw:
        figures_changed()


def _requesters_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:  # from the organisation's side: its requisitions, of any year
        figures_changed()
    else:
        figures_changed(_years(instance, before=False))


def _replacements_changed(sender, instance, action, pk_set, **kwargs):
    if action.startswith("post_"):
        challenge_ids = [instance.challenge_id, *Deliverable.objects.filter(pk__in=pk_set or ())
                         .values_list("challenge_id", flat=True)]
        figures_changed(_challenge_years(challenge_ids))


def connect() -> None:
    for model in _kinds():
        uid = f"reports.caching.{model._meta.label_lower}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}.pre_save")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}.post_save")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}.post_delete")
    for model in (WorkPlan, Challenge, Organisation, Area, AnnualReport, Questionnaire, Question, Invitation,
                  Response, Answer):
        uid = f"reports.caching.{model._meta.label_lower}"
        post_save.connect(_everything_changed, sender=model, dispatch_uid=f"{uid}.post_save")
        post_delete.connect(_everything_changed, sender=model, dispatch_uid=f"{uid}.post_delete")
    bulk_created.connect(_bulk_created, dispatch_uid="reports.caching.bulk_created")
    m2m_changed.connect(_requesters_changed, sender=Requisition.requesters.through,
                        dispatch_uid="reports.caching.requesters")
    m2m_changed.connect(_replacements_changed, sender=Deliverable.replaced_by.through,
                        dispatch_uid="reports.caching.replacements")
