"""The year's figures: what the dashboard's cards and charts, the year's figures beside the year before,
the resources page and the status report count. The counts come from the year's tally (`tallies`): a
grouped count per table, per challenge and month, read together in one query, through the counting rules
of the tables' querysets (the year: `for_year`; participants: a requisition held as events counts at its
events, RequisitionQuerySet.counted_alone), so every page, chart and document that shows a figure shows the
same one, and a page of figures costs a fixed handful of queries whatever the year holds (bench/limits.py)."""

import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from functools import reduce

from django.conf import settings
from django.db.models import CharField, Count, DecimalField, F, IntegerField, Q, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce, ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.choices import DeliverableStatus
from cases.models import Advisory, Deliverable, Event, Requisition, SteeringGroupMembership
from core import reference_cache
from core.choices import OrganisationKind, Task
from core.figures import change_percent
from core.models import Challenge, FteAllocation, Organisation, WorkPlan
from core.selectors import challenge_ids_of_year, challenges_of_year, work_plan_of_year, work_plan_years
from projects.models import ProjectVisit
from surveys.selectors import survey_headline, survey_headline_rows, text_answers

from ..caching import cached, kept_counts

# --- The year's tally: added up from the year's counts ----------------------------------------------------

MONTHLY = ("requisitions", "advisories", "events", "project_visits")
# What a year's counts hold: the tables counted per challenge and month (_grouped), the seats, what the
# administrations asked for, and the survey with its quotes.
GROUPED = ("requisitions", "advisories", "events", "project_visits", "deliverables")
PARTS = (*GROUPED, "seats", "asked", "survey")


@dataclass
class Tally:
    """One year's registrations counted: per challenge id (`None` for project visits without one) and per
    month (1-12), the deliverables per challenge and status, the steering-group seats held during the year per
    challenge of the year (seat_challenge), the requisitions and advisories each organisation asked for
    ({(organisation id, kind): count}), the survey's grouped rows (surveys.selectors.survey_headline_rows) and
    the quotes chosen for the report; and the year's plan with the report's texts, where read."""

    year: int
    plan: WorkPlan | None = None
    challenges: dict = field(default_factory=dict)
    months: dict = field(default_factory=lambda: {month: dict.fromkeys(MONTHLY, 0) for month in range(1, 13)})
    deliverables: dict = field(default_factory=dict)
    seats: dict = field(default_factory=dict)
    asked: dict = field(default_factory=dict)
    survey: list = field(default_factory=list)
    quotes: list = field(default_factory=list)

    def add(self, challenge_id, month, **figures) -> None:
        """Add a grouped row's figures to its challenge's, and the kinds counted per month to its month's."""
        row = self.challenges.setdefault(challenge_id, {})
        for name, value in figures.items():
            row[name] = row.get(name, 0) + (value or 0)
            if month and name in MONTHLY:
                self.months[month][name] += value or 0

    def total(self, name: str) -> int:
        return sum(row.get(name, 0) for row in self.challenges.values())

    def of(self, challenge_id, name: str) -> int:
        return self.challenges.get(challenge_id, {}).get(name, 0)


def tallies(years: Iterable[int], *, texts: bool = True, parts: Iterable[str] = PARTS) -> dict[int, Tally]:
    """The tallies of `years` (those with a work plan; the others are left out), as the years' counts hold
    them added up (year_counts, of `parts`: one query while nothing has changed), with the years' work plans:
    read with their report's texts (`texts`: one more query), else from the reference cache (the figures
    alone need only a plan's FTE)."""
    result = {year: Tally(year=year) for year in sorted(set(years) & set(work_plan_years()))}
    if not result:
        return result
    if texts:
        # Not the approved snapshot: a busy year's is megabytes, and no figure is read from it.
        for plan in WorkPlan.objects.filter(year__in=result).select_related("annual_report").defer(
                "annual_report__snapshot"):
            result[plan.year].plan = plan
    else:
        for year, tally in result.items():
            tally.plan = work_plan_of_year(year)
    for year, counts in year_counts(result, parts=parts).items():
        tally = result[year]
        # Kept added up (count_years), as [key, value] pairs: JSON's keys are text, a challenge's id is not.
        tally.challenges = dict(counts["challenges"])
        tally.months = dict(enumerate(counts["months"], start=1))
        tally.deliverables = dict(counts["deliverables"])
        tally.seats = dict(counts["seats"])
        tally.asked = {(organisation_id, kind): n for organisation_id, kind, n in counts["asked"]}
        tally.survey, tally.quotes = counts["survey"], counts["quotes"]
    return result


def year_counts(years: Iterable[int], *, parts: Iterable[str] = PARTS) -> dict[int, dict]:
    """Per year, the grouped rows its figures are added up from (count_years), kept beside the year's token
    while nothing they are made from changes (reports/caching.py, kept_counts). A caller that needs only some
    `parts` (the start page: the requisitions and advisories) reads the counts kept, or counts only those
    parts, without keeping them."""
    parts = tuple(parts)
    if set(parts) >= set(PARTS):
        return kept_counts(years, count_years)
    return kept_counts(years, lambda stale: count_years(stale, parts=parts), keep=False)


def count_years(years: list[int], *, parts: Iterable[str] = PARTS) -> dict[int, tuple[dict, str | None]]:
    """The years' counts, counted from the registrations, through the tables' counting rules (`for_year`: a
    registration's year is its challenge's plan's, a visit's its date's, a seat's every year it is held;
    participants: a requisition held as events counts at its events, RequisitionQuerySet.counted_alone): one
    grouped query per table for all the years at once, read together as one UNION ALL; the seats, what the
    administrations asked for and the survey apart, each for all the years in one query; a year's quotes.
    Per year: the counts, and the day (ISO) until which they hold, where they count expected participants of
    events still to come."""
    parts = set(parts)
    today = timezone.localdate()
    year_of = {challenge_id: year for year in years for challenge_id in challenge_ids_of_year(year)}
    counts = {year: {"seats": [], "asked": [], "survey": [], "quotes": []} for year in years}
    until = dict.fromkeys(years)
    added = {year: Tally(year=year) for year in years}
    grouped = _grouped(year_of, years, today, parts)
    for row in grouped[0].union(*grouped[1:], all=True) if grouped else []:
        table = row["t"]
        year = int(row["y"]) if table == "project_visits" else year_of[row["c"]]
        if table == "deliverables":
            added[year].deliverables.setdefault(row["c"], {})[row["s"]] = row["n"]
            continue
        added[year].add(row["c"], row["m"] and int(row["m"]), **{table: row["n"]}, **{
            name: row[column] for name, column in GROUPED_FIGURES.get(table, {}).items()})
        if table == "events" and row["b"]:  # counted as expected until the event's day comes
            until[year] = (today + timedelta(days=1)).isoformat()
    for year, tally in added.items():  # kept added up: a page reads them as they are (tallies)
        counts[year].update(challenges=[[key, row] for key, row in tally.challenges.items()],
                            months=[tally.months[month] for month in range(1, 13)],
                            deliverables=[[key, statuses] for key, statuses in tally.deliverables.items()])
    if "seats" in parts:
        for year, seats in _seats(years).items():
            counts[year]["seats"] = [[key, n] for key, n in seats.items()]
    if "asked" in parts:
        asked: dict = {year: {} for year in years}
        for organisation_id, kind, challenge_id, n in _asked(year_of):
            key = (organisation_id, kind)
            asked[year_of[challenge_id]][key] = asked[year_of[challenge_id]].get(key, 0) + n
        for year in years:
            counts[year]["asked"] = [[*key, n] for key, n in asked[year].items()]
    if "survey" in parts:
        for row in survey_headline_rows(challenge_ids=list(year_of)):
            counts[year_of[row[0]]]["survey"].append(row)
        for year in years:
            counts[year]["quotes"] = list(text_answers(year=year, quotes_only=True).values_list("text", flat=True))
    return {year: (counts[year], until[year]) for year in years}


def _seats(years: list[int]) -> dict[int, dict]:
    """Per year, the steering-group seats held during it per challenge of the year (seat_challenge): one query
    for all the years, a count per year."""
    held = {year: SteeringGroupMembership.objects.held_in(year) for year in years}
    numbers = {year: {c.number: c.pk for c in challenges_of_year(year)} for year in years}
    seats: dict = {year: {} for year in years}
    for row in (SteeringGroupMembership.objects.filter(reduce(operator.or_, held.values())).order_by()
                .values("challenge_id", "challenge__number", "challenge__work_plan__year")
                .annotate(**{f"held_{year}": Count("pk", filter=q) for year, q in held.items()})):
        for year in years:
            if row[f"held_{year}"]:
                key = seat_challenge(row["challenge_id"], row["challenge__work_plan__year"],
                                     row["challenge__number"], year, numbers[year])
                seats[year][key] = seats[year].get(key, 0) + row[f"held_{year}"]
    return seats


# What a table's grouped row holds besides its count `n`, by column (_grouped).
GROUPED_FIGURES = {"requisitions": {"lone": "a"}, "events": {"participants": "a", "expected": "b"},
                   "project_visits": {"good_practice": "a"}}


def _grouped(year_of: dict, years: list[int], today, tables: set) -> list:
    """The tables' grouped counts as querysets of one shape, to be read as one UNION ALL: the table `t`, the
    challenge `c`, the year `y` (a visit's, by its date), the month `m`, the status `s` (a deliverable's),
    the count `n` and two sums `a` and `b` (GROUPED_FIGURES)."""
    # Typed: PostgreSQL reads an untyped NULL in a UNION's first part as text.
    nothing = Cast(Value(None), IntegerField())
    no_status = Cast(Value(None), CharField())

    def shaped(queryset, table, *, year=nothing, month=nothing, status=no_status, a=nothing, b=nothing):
        return (queryset.order_by().values(t=Value(table), c=F("challenge_id"), y=year, m=month, s=status)
                .annotate(n=Count("pk"), a=a, b=b))

    grouped = {
        "requisitions": lambda: shaped(
            Requisition.objects.filter(challenge_id__in=year_of), "requisitions", month=ExtractMonth("date_received"),
            a=Sum("participants", filter=Requisition.objects.counted_alone())),
        "advisories": lambda: shaped(Advisory.objects.filter(challenge_id__in=year_of), "advisories",
                                     month=ExtractMonth("date")),
        "events": lambda: shaped(
            Event.objects.filter(challenge_id__in=year_of), "events", month=ExtractMonth("date"),
            a=Sum("participants"), b=Sum("participants_expected", filter=Q(date__gt=today, participants__isnull=True))),
        "project_visits": lambda: shaped(
            reduce(operator.or_, (ProjectVisit.objects.for_year(year) for year in years)), "project_visits",
            year=ExtractYear("date"), month=ExtractMonth("date"), a=Count("pk", filter=Q(is_good_practice=True))),
        "deliverables": lambda: shaped(Deliverable.objects.filter(challenge_id__in=year_of), "deliverables",
                                       status=F("status")),
    }
    return [make() for table, make in grouped.items() if table in tables]


def _asked(year_of: dict) -> list[tuple]:
    """What each administration (an organisation of that kind) asked for under the challenges of `year_of`:
    (organisation id, "requisitions" or "advisories", challenge id, count). One query, the union of two grouped
    counts (correlated counts per organisation took twice as long)."""
    ids = [row["id"] for row in _administrations()]
    requisitions = (Requisition.requesters.through.objects
                    .filter(organisation__in=ids, requisition__challenge_id__in=year_of).order_by()
                    .values(asked_by=F("organisation_id"), kind=Value("requisitions"),
                            under=F("requisition__challenge_id"))
                    .annotate(n=Count("requisition")))
    advisories = (Advisory.objects.filter(challenge_id__in=year_of, requester__in=ids).order_by()
                  .values(asked_by=F("requester_id"), kind=Value("advisories"), under=F("challenge_id"))
                  .annotate(n=Count("pk")))
    return [(row["asked_by"], row["kind"], row["under"], row["n"])
            for row in requisitions.union(advisories, all=True)]


def _administrations() -> list[dict]:
    return reference_cache.cached("administrations", lambda: list(
        Organisation.objects.filter(kind=OrganisationKind.ADMINISTRATION).order_by("name")
        .values("id", "name", "short_name")))


def seat_challenge(challenge_id, challenge_year, challenge_number, year: int, numbers: dict[int, int]):
    """Under which challenge of `year` a seat held that year is counted and listed: its own, if of the year;
    else the year's challenge with the same number, if any; else None (the seats without a challenge)."""
    if challenge_id is None:
        return None
    return challenge_id if challenge_year == year else numbers.get(challenge_number)


def year_tally(year: int, *, texts: bool = True, parts: Iterable[str] = PARTS) -> Tally | None:
    return tallies([year], texts=texts, parts=parts).get(year)


def _given_or_counted(year: int, tally: Tally | None) -> Tally:
    """The caller's tally of the year, else the year's (without its plan), else an empty one (no plan)."""
    return tally or year_tally(year, texts=False) or Tally(year=year)


def challenge_table(*, year: int, tally: Tally | None = None) -> dict:
    """Requisitions and advisories per challenge of the year, with totals (from a tally, or the year's counts
    as kept, else those two counted: one query of two grouped counts; the challenges come from the reference
    cache)."""
    tally = tally or year_tally(year, texts=False, parts=("requisitions", "advisories")) or Tally(year=year)
    rows = [
        {
            "challenge": challenge,
            "requisitions": tally.of(challenge.pk, "requisitions"),
            "advisories": tally.of(challenge.pk, "advisories"),
        }
        for challenge in challenges_of_year(year)
    ]
    return {
        "year": year,
        "rows": rows,
        "requisitions": sum(row["requisitions"] for row in rows),
        "advisories": sum(row["advisories"] for row in rows),
    }


def participants_total(*, year: int, tally: Tally | None = None) -> dict:
    """The year's participants: actual participants of held events, plus those of requisitions none of whose
    events has a figure (a requisition held as an event counts through the event, once). Expected participants
    of events not yet held are given apart and never added to the actual figure."""
    tally = _given_or_counted(year, tally)
    events, requisitions = tally.total("participants"), tally.total("lone")
    return {"actual": events + requisitions, "from_events": events, "from_requisitions": requisitions,
            "expected": tally.total("expected")}


def year_figures(*, year: int, tally: Tally | None = None) -> dict | None:
    """The year's headline counts (None when the year has no work plan): from the year's tally."""
    tally = tally or year_tally(year, texts=False)
    if tally is None:
        return None
    delivered = sum(statuses.get(DeliverableStatus.DELIVERED, 0) for statuses in tally.deliverables.values())
    return {
        "total_fte": tally.plan.total_fte,
        "requisitions": tally.total("requisitions"),
        "advisories": tally.total("advisories"),
        "events": tally.total("events"),
        "project_visits": tally.total("project_visits"),
        "good_practice": tally.total("good_practice"),
        "deliverables": sum(sum(statuses.values()) for statuses in tally.deliverables.values()),
        "deliverables_delivered": delivered,
        "steering_groups": sum(tally.seats.values()),
        "participants": participants_total(year=year, tally=tally),
    }

YEAR_COMPARISON_ROWS = [
    ("requisitions", _("Rekvireringer")),
    ("advisories", _("Rådgivninger")),
    ("project_visits", _("Projektbesøg")),
    ("good_practice", _("Eksempler på god praksis")),
    ("events", _("Arrangementer")),
    ("participants", _("Deltagere")),
    ("deliverables_delivered", _("Leverancer leveret")),
    ("steering_groups", _("Styregruppesæder")),
]

def year_comparison(*, year: int, found: dict[int, Tally] | None = None) -> dict | None:
    """The year's figures beside the previous year's, with the change where that year has data (cached for
    a finished year, as status_report). `found`: the tallies of the year and the year before, where the
    caller has them (the dashboard); else both are counted at once."""
    def compare():
        both = found if found is not None else tallies([year - 1, year], texts=False)
        return _year_comparison(year=year, current=year_figures(year=year, tally=both.get(year)) if year in both
                                else None, previous=year_figures(year=year - 1, tally=both[year - 1])
                                if year - 1 in both else None)

    return cached("year_comparison", [year, year - 1], compare)

# The registrations a year is weighed by, against the year before (_year_comparison).
WEIGHED = ("requisitions", "advisories", "events", "project_visits")
# The year before is compared with only when it holds at least this share of the year's registrations: a stub
# work plan, or a year registered in part, gives changes that mislead ("+2.200 %" against one event).
COMPARABLE_SHARE = Decimal("0.1")


def _year_comparison(*, year: int, current: dict | None, previous: dict | None) -> dict | None:
    if current is None:
        return None
    comparable = previous is not None and (
        sum(previous[key] for key in WEIGHED) >= COMPARABLE_SHARE * sum(current[key] for key in WEIGHED))
    rows = []
    for key, label in YEAR_COMPARISON_ROWS:
        value = current[key]["actual"] if key == "participants" else current[key]
        before = None
        if previous is not None:
            before = previous[key]["actual"] if key == "participants" else previous[key]
        rows.append({"key": key, "label": str(label), "value": value, "previous": before,
                     "change": change_percent(value, before) if comparable else None})
    return {"year": year, "figures": current, "has_previous": previous is not None, "comparable": comparable,
            "rows": rows}

def _scalar(queryset, aggregate, output_field=None) -> Subquery:
    """A scalar subquery of one aggregate over the whole queryset (NULL when it is empty), so that
    several figures can be read in one query."""
    return Subquery(
        queryset.order_by().annotate(group=Value(1)).values("group").annotate(value=aggregate).values("value"),
        output_field=output_field or IntegerField())

TASK_SOURCES = {
    Task.CASES: ("requisitions", "advisories"),
    Task.PROJECT_VISITS: ("project_visits",),
    Task.EVENTS: ("events", "deliverables"),
    Task.STEERING_GROUPS: ("steering_groups",),
    Task.OTHER: (),
}

def _hour_sources(year: int) -> dict:
    return {
        "requisitions": Requisition.objects.for_year(year),
        "advisories": Advisory.objects.for_year(year),
        "project_visits": ProjectVisit.objects.for_year(year),
        "events": Event.objects.for_year(year),
        "deliverables": Deliverable.objects.for_year(year),
        # A seat's hours count in the year it began, so a seat held for years is not counted twice.
        "steering_groups": SteeringGroupMembership.objects.filter(start__year=year),
    }

def fte_overview(*, year: int) -> dict:
    """FTE planned per task and per challenge against the hours registered, in a fixed number of
    queries: one for the plan, one for its allocations, one for the hours per source and one per
    source for the hours per challenge."""
    hours_per_fte = Decimal(str(settings.HOURS_PER_FTE))
    plan = WorkPlan.objects.filter(year=year).first()
    allocations = list(FteAllocation.objects.filter(work_plan__year=year).select_related("challenge"))
    sources = _hour_sources(year)
    totals = WorkPlan.objects.filter(year=year).annotate(**{
        name: Coalesce(_scalar(queryset, Sum("hours"), DecimalField()), Decimal(0))
        for name, queryset in sources.items()
    }).values(*sources).first() or dict.fromkeys(sources, Decimal(0))

    def fte(hours: Decimal) -> Decimal:
        return (hours / hours_per_fte).quantize(Decimal("0.01"))

    tasks = []
    for task, names in TASK_SOURCES.items():
        planned = sum((a.fte for a in allocations if a.task == task), Decimal(0))
        hours = sum((Decimal(totals[name]) for name in names), Decimal(0))
        tasks.append({"task": task, "label": task.label, "planned": planned, "hours": hours,
                      "registered": fte(hours)})

    per_challenge: dict = {}
    for queryset in sources.values():
        for challenge_id, hours in (queryset.order_by().values_list("challenge").annotate(h=Sum("hours"))):
            per_challenge[challenge_id] = per_challenge.get(challenge_id, Decimal(0)) + (hours or Decimal(0))
    challenges = []
    for challenge in Challenge.objects.filter(work_plan__year=year).order_by("number"):
        planned = sum((a.fte for a in allocations if a.challenge_id == challenge.pk), Decimal(0))
        hours = per_challenge.get(challenge.pk, Decimal(0))
        challenges.append({"challenge": challenge, "planned": planned, "hours": hours, "registered": fte(hours)})
    year_challenges = {row["challenge"].pk for row in challenges}
    unassigned = sum((hours for key, hours in per_challenge.items() if key not in year_challenges), Decimal(0))
    total_hours = sum((row["hours"] for row in tasks), Decimal(0))
    return {
        "year": year,
        "plan": plan,
        "hours_per_fte": hours_per_fte,
        "tasks": tasks,
        "challenges": challenges,
        "unassigned": {"planned": sum((a.fte for a in allocations if a.challenge_id is None), Decimal(0)),
                       "hours": unassigned, "registered": fte(unassigned)},
        "planned_total": plan.total_fte if plan else Decimal(0),
        "planned_allocated": sum((a.fte for a in allocations), Decimal(0)),
        "hours_total": total_hours,
        "registered_total": fte(total_hours),
    }

def administration_counts(*, year: int, tally: Tally | None = None) -> list[dict]:
    """The seven administrations (and any other organisation of that kind) with the year's requisitions and
    advisories each asked for (from the year's tally), the administrations from the reference cache."""
    tally = _given_or_counted(year, tally)
    return [{**row, "requisitions": tally.asked.get((row["id"], "requisitions"), 0),
             "advisories": tally.asked.get((row["id"], "advisories"), 0)} for row in _administrations()]


def participants_per_challenge(*, year: int, tally: Tally | None = None) -> dict[int, dict]:
    """Per challenge id: actual participants (held events, and requisitions not held as events), expected
    participants of events still to come, and the events."""
    tally = _given_or_counted(year, tally)
    return {challenge_id: {"actual": row.get("participants", 0) + row.get("lone", 0),
                           "expected": row.get("expected", 0), "events": row.get("events", 0)}
            for challenge_id, row in tally.challenges.items() if challenge_id is not None}

def activity_per_month(*, year: int, tally: Tally | None = None) -> list[dict]:
    """Requisitions received, advisories given, events held and project visits made per month of the
    year (cached for a finished year, as status_report)."""
    def months():
        found = _given_or_counted(year, tally)
        return [{"month": month, **found.months[month]} for month in range(1, 13)]

    return cached("activity_per_month", [year], months)

def challenge_chart_figures(*, year: int) -> list[dict]:
    """Per challenge of the year, the figures of the dashboard's charts per challenge: requisitions,
    advisories, actual and expected participants (one query of three grouped counts)."""
    tally = _given_or_counted(year, None)
    table = challenge_table(year=year, tally=tally)
    participants = participants_per_challenge(year=year, tally=tally)
    empty = {"actual": 0, "expected": 0}
    return [{"short_label": row["challenge"].short_label, "requisition_count": row["requisitions"],
             "advisory_count": row["advisories"],
             "participants": participants.get(row["challenge"].pk, empty)["actual"],
             "participants_expected": participants.get(row["challenge"].pk, empty)["expected"]}
            for row in table["rows"]]

def visits_per_challenge(year: int, tally: Tally | None = None) -> dict[int, dict]:
    """Per challenge id, the year's project visits under it and those of them that are good practice."""
    tally = _given_or_counted(year, tally)
    return {challenge_id: {"visits": row.get("project_visits", 0), "good_practice": row.get("good_practice", 0)}
            for challenge_id, row in tally.challenges.items() if row.get("project_visits")}

def survey_figures(year: int, tally: Tally | None = None) -> dict:
    """The year's satisfaction survey as the report and the dashboard show it: the questionnaires sent and
    answered and the headline answers, in all and per challenge of the year, and the quotes chosen for the
    report (from the year's tally)."""
    tally = _given_or_counted(year, tally)
    found = survey_headline(year=year, rows=tally.survey)
    total = found["total"]
    satisfaction = total["satisfaction"]
    return {
        "sent": total["sent"],
        "answered": total["answered"],
        "response_rate": total["response_rate"],
        "headline_answers": satisfaction["total"],
        "satisfied": satisfaction["satisfied"],
        "satisfied_percent": satisfaction["satisfied_percent"],
        "steps": [{"value": int(step["value"]), "label": str(step["label"]), "count": step["count"]}
                  for step in satisfaction["steps"]],
        "challenges": [{"challenge_id": challenge.pk, "sent": row["sent"], "answered": row["answered"],
                        "satisfied": row["satisfaction"]["satisfied"], "headline_answers": row["satisfaction"]["total"]}
                       for challenge in challenges_of_year(year)
                       for row in [found["challenges"][challenge.pk]]],
        "quotes": list(tally.quotes),
    }

def satisfaction_steps(*, year: int) -> list[dict]:
    """The year's answers to the overall-satisfaction question per step, as in status_report."""
    return survey_figures(year)["steps"]
