"""Reads of the reference data that every register's pages, forms and filters share: the years with a
work plan, the default year, the challenges, the consultants. The lists come from the reference cache."""

import re
from collections.abc import Iterable
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from . import reference_cache, roles
from .models import Challenge, Organisation, WorkPlan


def work_plan_years() -> list[int]:
    """Years that have a work plan, newest first (from the reference cache)."""
    return reference_cache.cached(
        "work_plan_years", lambda: list(WorkPlan.objects.order_by("-year").values_list("year", flat=True)))


def work_plan_of_year(year: int) -> WorkPlan | None:
    """The year's work plan (from the reference cache), without its report's texts."""
    return reference_cache.cached(f"work_plan:{year}", lambda: WorkPlan.objects.filter(year=year).first())


def chosen_year(value, years: list[int]) -> int | None:
    """The year a page was asked for (e.g. `?year=2008`) if it has a work plan, else the default year."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default_year()
    return year if year in years else default_year()


def default_year(*, today: date | None = None) -> int | None:
    """The year a list or the start page opens on: this year if it has a plan, else the newest plan."""
    today = today or date.today()
    years = work_plan_years()
    if today.year in years:
        return today.year
    past = [year for year in years if year <= today.year]
    return past[0] if past else (years[-1] if years else None)


def consultant_list(*, include: Iterable[int] = ()) -> QuerySet:
    """Active users in the consultant role, for choice fields and filters.

    `include` adds users by id whatever their state, so that editing an entry keeps a consultant
    who has since left (deactivated) or changed role.
    """
    in_role = Q(is_active=True, groups__name=roles.CONSULTANT)
    return (get_user_model().objects.filter(in_role | Q(pk__in=list(include)))
            .order_by("first_name", "last_name", "username").distinct())


def reference_to_check() -> dict[str, int]:
    """What the administrator should look at (the start page): requesters a consultant added, to keep,
    correct or merge; active users without a role, who can see nothing."""
    return {
        "requesters": Organisation.objects.filter(to_review=True).count(),
        "users_without_role": get_user_model().objects.filter(
            is_active=True, is_superuser=False, groups__isnull=True).count(),
    }


def count_by_challenge(queryset: QuerySet) -> dict[int | None, int]:
    """Rows matching `queryset` per challenge id (None: rows without one), in one aggregate query.
    Their sum is the number of rows: a list shows it without counting again. COUNT(*), not of the key: PostgreSQL
    then reads the challenge index alone (half the time at a million registrations, as the admin's count)."""
    return {row["challenge"]: row["n"] for row in queryset.order_by().values("challenge").annotate(n=Count("*"))}


def challenge_list() -> list[Challenge]:
    """Every challenge with its work plan, newest year first (from the reference cache)."""
    return reference_cache.cached("challenges", lambda: list(
        Challenge.objects.select_related("work_plan").order_by("-work_plan__year", "number")))


def challenges_of_year(year: int) -> list[Challenge]:
    """The year's challenges with their work plan, by number (from the reference cache): what a page of one
    year reads, rather than every year's list (challenge_list), which grows by a year's challenges a year and
    is unpickled whole at every read."""
    return reference_cache.cached(f"challenges:{year}", lambda: list(
        Challenge.objects.select_related("work_plan").filter(work_plan__year=year).order_by("number")))


def _challenge_ids_by_year() -> dict[int, list[int]]:
    def by_year():
        ids: dict[int, list[int]] = {}
        for plan_year, pk in Challenge.objects.order_by("pk").values_list("work_plan__year", "pk"):
            ids.setdefault(plan_year, []).append(pk)
        return ids

    return reference_cache.cached("challenge_ids_by_year", by_year)


def challenge_ids_of_year(year: int) -> list[int]:
    """The ids of the year's challenges (from the reference cache)."""
    return _challenge_ids_by_year().get(year, [])


def challenge_years() -> dict[int, int]:
    """Each challenge's work plan year, by the challenge's id (from the reference cache)."""
    return {pk: year for year, ids in _challenge_ids_by_year().items() for pk in ids}


def registration_day(*, today: date | None = None) -> date | None:
    """The date a new registration's form starts from: today while this year has a work plan; else none,
    so that the form does not offer a date no challenge can be chosen for (the form's challenge list then
    offers every year's)."""
    today = today or date.today()
    return today if today.year in work_plan_years() else None


def _organisation_names() -> list[tuple[int, str]]:
    return reference_cache.cached("organisation_names", lambda: list(
        Organisation.objects.order_by("pk").values_list("pk", "name")))


def organisation_ids_named(text: str) -> list[int]:
    """The ids of the organisations whose name contains `text`, whatever the case (as `icontains`, with
    PostgreSQL's UPPER), from the reference cache: a search learns whether it must look at requesters
    at all without a query, and a plain search for a word can then be one condition on one table."""
    needle = text.upper()
    return [pk for pk, name in _organisation_names() if needle in name.upper()]


def trigrams(text: str) -> set[str]:
    """The trigrams of a text as PostgreSQL's pg_trgm makes them: lower-cased words (runs of letters and
    digits), each padded with two spaces in front and one behind, cut into every three characters. Word
    order does not matter, so "Jensen, Anne" and "Anne Jensen" share all of theirs."""
    result = set()
    for word in re.findall(r"[^\W_]+", text.lower()):
        padded = f"  {word} "
        result.update(padded[i:i + 3] for i in range(len(padded) - 2))
    return result


def similarity(a: str, b: str) -> float:
    """pg_trgm's `similarity`: the trigrams the two share over all the trigrams of either (0 to 1)."""
    first, second = trigrams(a), trigrams(b)
    return len(first & second) / len(first | second) if first and second else 0.0


SIMILAR = 0.3  # pg_trgm's default threshold of the % operator


def organisations_similar(name: str, *, limit: int = 5) -> list[tuple[int, str]]:
    """The existing organisations whose name is nearest `name`: those holding it, or as similar as
    pg_trgm's default threshold, most similar first (from the reference cache, so the same on SQLite and
    PostgreSQL, without a query; the organisations are a few hundred names)."""
    needle = name.strip().upper()
    if not needle:
        return []
    scored = []
    for pk, existing in _organisation_names():
        score = similarity(name, existing)
        if needle in existing.upper() or existing.upper() in needle:
            score = max(score, SIMILAR)
        if score >= SIMILAR:
            scored.append((-score, existing, pk))
    return [(pk, existing) for _, existing, pk in sorted(scored)[:limit]]


def challenge_counts(*, counts: dict[int | None, int], year: int | None) -> list[dict]:
    """The rows of `count_by_challenge` as challenges and counts. With a year, every challenge of that
    year's plan is listed, also those with no rows; without, the challenges that have rows."""
    if year is not None:
        return [{"challenge": challenge, "count": counts.get(challenge.pk, 0)}
                for challenge in challenges_of_year(year)]
    return [{"challenge": challenge, "count": counts[challenge.pk]} for challenge in challenge_list()
            if challenge.pk in counts]
