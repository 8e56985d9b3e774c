"""The year's figures: what the dashboard's cards and charts, the year's figures beside the year before,
the resources page and the status report count. Each is a few aggregate queries over the registers,
through the counting rules of their querysets (the year: `for_year`; participants: a requisition held as
events counts at its events, RequisitionQuerySet.not_held_as_events), so every page, chart and document
that shows a figure shows the same one."""

from decimal import Decimal

from django.conf import settings
from django.db.models import Count, DecimalField, IntegerField, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.choices import DeliverableStatus
from cases.models import Advisory, Deliverable, Event, Requisition, SteeringGroupMembership
from core import reference_cache
from core.choices import OrganisationKind, Task
from core.figures import change_percent
from core.models import Challenge, FteAllocation, Organisation, WorkPlan
from core.selectors import challenge_list
from projects.models import ProjectVisit
from surveys.selectors import survey_results, text_answers

from ..caching import cached, is_finished


def challenge_table(*, year: int) -> dict:
    """Requisitions and advisories per challenge of the year, with totals (two queries; the challenges
    come from the reference cache)."""
    requisitions = dict(
        Requisition.objects.for_year(year).order_by().values_list("challenge").annotate(n=Count("id")))
    advisories = dict(
        Advisory.objects.for_year(year).order_by().values_list("challenge").annotate(n=Count("id")))
    rows = [
        {
            "challenge": challenge,
            "requisitions": requisitions.get(challenge.pk, 0),
            "advisories": advisories.get(challenge.pk, 0),
        }
        for challenge in challenge_list() if challenge.work_plan.year == year
    ]
    return {
        "year": year,
        "rows": rows,
        "requisitions": sum(row["requisitions"] for row in rows),
        "advisories": sum(row["advisories"] for row in rows),
    }

def _scalar(queryset, aggregate, output_field=None) -> Subquery:
    """A scalar subquery of one aggregate over the whole queryset (NULL when it is empty), so that
    several figures can be read in one query."""
    return Subquery(
        queryset.order_by().annotate(group=Value(1)).values("group").annotate(value=aggregate).values("value"),
        output_field=output_field or IntegerField())

def _sum(queryset, field: str) -> Subquery:
    return _scalar(queryset, Sum(field))

def participants_total(*, year: int) -> dict:
    """The year's participants, in one query.

    Actual participants of held events, plus those of requisitions none of whose events has a figure
    (a requisition held as an event counts through the event, once). Expected participants of events not yet
    held are given apart and never added to the actual figure.
    """
    today = timezone.localdate()
    events = Event.objects.for_year(year)
    lone_requisitions = Requisition.objects.for_year(year).not_held_as_events()
    # Registrations always belong to a work plan of their year, so the plan's row carries the sums.
    row = WorkPlan.objects.filter(year=year).annotate(
        events=Coalesce(_sum(events, "participants"), 0),
        requisitions=Coalesce(_sum(lone_requisitions, "participants"), 0),
        expected=Coalesce(_sum(events.filter(date__gt=today, participants__isnull=True),
                               "participants_expected"), 0),
    ).values("events", "requisitions", "expected").first() or {"events": 0, "requisitions": 0, "expected": 0}
    return {
        "actual": row["events"] + row["requisitions"],
        "from_events": row["events"],
        "from_requisitions": row["requisitions"],
        "expected": row["expected"],
    }

def _count(queryset) -> Subquery:
    return _scalar(queryset, Count("pk"))

def year_figures(*, year: int) -> dict | None:
    """The year's headline counts in one query (None when the year has no work plan)."""
    visits = ProjectVisit.objects.for_year(year)
    row = WorkPlan.objects.filter(year=year).annotate(
        requisitions=Coalesce(_count(Requisition.objects.for_year(year)), 0),
        advisories=Coalesce(_count(Advisory.objects.for_year(year)), 0),
        events=Coalesce(_count(Event.objects.for_year(year)), 0),
        project_visits=Coalesce(_count(visits), 0),
        good_practice=Coalesce(_count(visits.filter(is_good_practice=True)), 0),
        deliverables=Coalesce(_count(Deliverable.objects.for_year(year)), 0),
        deliverables_delivered=Coalesce(
            _count(Deliverable.objects.for_year(year).filter(status=DeliverableStatus.DELIVERED)), 0),
        steering_groups=Coalesce(_count(SteeringGroupMembership.objects.for_year(year)), 0),
    ).values("total_fte", "requisitions", "advisories", "events", "project_visits", "good_practice",
             "deliverables", "deliverables_delivered", "steering_groups").first()
    if row is None:
        return None
    row["participants"] = participants_total(year=year)
    return row

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

def year_comparison(*, year: int) -> dict | None:
    """The year's figures beside the previous year's, with the change where that year has data
    (cached for a finished year, as status_report). For the current year, made afresh, the previous
    (finished) year's figures come from the cache."""
    if is_finished(year):
        return cached("year_comparison", [year, year - 1], lambda: _year_comparison(year=year))
    return _year_comparison(year=year, previous=lambda: cached(
        "year_figures", [year - 1], lambda: year_figures(year=year - 1)))

def _year_comparison(*, year: int, previous=None) -> dict | None:
    current = year_figures(year=year)
    if current is None:
        return None
    previous = previous() if previous else year_figures(year=year - 1)
    rows = []
    for key, label in YEAR_COMPARISON_ROWS:
        value = current[key]["actual"] if key == "participants" else current[key]
        before = None
        if previous is not None:
            before = previous[key]["actual"] if key == "participants" else previous[key]
        rows.append({"key": key, "label": label, "value": value, "previous": before,
                     "change": change_percent(value, before)})
    return {"year": year, "figures": current, "has_previous": previous is not None, "rows": rows}

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

def administration_counts(*, year: int) -> list[dict]:
    """The seven administrations (and any other organisation of that kind) with the year's
    requisitions and advisories each asked for: two grouped counts (correlated counts per organisation
    took twice as long) and the administrations from the reference cache."""
    administrations = reference_cache.cached("administrations", lambda: list(
        Organisation.objects.filter(kind=OrganisationKind.ADMINISTRATION).order_by("name")
        .values("id", "name", "short_name")))
    ids = [row["id"] for row in administrations]
    requisitions = dict(
        Requisition.requesters.through.objects.filter(organisation__in=ids, requisition__in=Requisition.objects
                                                      .for_year(year).values("pk"))
        .order_by().values_list("organisation").annotate(n=Count("requisition")))
    advisories = dict(Advisory.objects.for_year(year).filter(requester__in=ids).order_by()
                      .values_list("requester").annotate(n=Count("id")))
    return [{**row, "requisitions": requisitions.get(row["id"], 0), "advisories": advisories.get(row["id"], 0)}
            for row in administrations]

def participants_per_challenge(*, year: int) -> dict[int, dict]:
    """Per challenge id: actual participants (held events, and requisitions not held as events) and
    expected participants of events still to come, in two grouped queries."""
    today = timezone.localdate()
    result: dict[int, dict] = {}
    events = (Event.objects.for_year(year).order_by().values("challenge")
              .annotate(actual=Coalesce(Sum("participants"), 0),
                        expected=Coalesce(Sum("participants_expected",
                                              filter=Q(date__gt=today, participants__isnull=True)), 0),
                        events=Count("pk")))
    for row in events:
        result[row["challenge"]] = {"actual": row["actual"], "expected": row["expected"], "events": row["events"]}
    lone = (Requisition.objects.for_year(year).not_held_as_events()
            .order_by().values("challenge").annotate(actual=Coalesce(Sum("participants"), 0)))
    for row in lone:
        figures = result.setdefault(row["challenge"], {"actual": 0, "expected": 0, "events": 0})
        figures["actual"] += row["actual"]
    return result

def deliverable_status_counts(*, year: int) -> dict[int, dict[str, int]]:
    """Per challenge id, the number of deliverables in each status (one grouped query)."""
    result: dict[int, dict[str, int]] = {}
    for row in Deliverable.objects.for_year(year).order_by().values("challenge", "status").annotate(n=Count("pk")):
        result.setdefault(row["challenge"], {})[row["status"]] = row["n"]
    return result

def activity_per_month(*, year: int) -> list[dict]:
    """Requisitions received, advisories given, events held and project visits made per month of the
    year (four grouped queries; cached for a finished year, as status_report)."""
    return cached("activity_per_month", [year], lambda: _activity_per_month(year=year))

def _activity_per_month(*, year: int) -> list[dict]:
    sources = {
        "requisitions": Requisition.objects.for_year(year).annotate(month=ExtractMonth("date_received")),
        "advisories": Advisory.objects.for_year(year).annotate(month=ExtractMonth("date")),
        "events": Event.objects.for_year(year).annotate(month=ExtractMonth("date")),
        "project_visits": ProjectVisit.objects.for_year(year).annotate(month=ExtractMonth("date")),
    }
    months = [{"month": month, **dict.fromkeys(sources, 0)} for month in range(1, 13)]
    for name, queryset in sources.items():
        for row in queryset.order_by().values("month").annotate(n=Count("pk")):
            if row["month"]:
                months[row["month"] - 1][name] = row["n"]
    return months

def challenge_chart_figures(*, year: int) -> list[dict]:
    """Per challenge of the year, the figures of the dashboard's charts per challenge: requisitions,
    advisories, actual and expected participants, from the selectors status_report uses (five queries,
    where the whole report takes some twenty)."""
    table = challenge_table(year=year)
    participants = participants_per_challenge(year=year)
    empty = {"actual": 0, "expected": 0}
    return [{"short_label": row["challenge"].short_label, "requisition_count": row["requisitions"],
             "advisory_count": row["advisories"],
             "participants": participants.get(row["challenge"].pk, empty)["actual"],
             "participants_expected": participants.get(row["challenge"].pk, empty)["expected"]}
            for row in table["rows"]]

def visits_per_challenge(year: int) -> dict[int, dict]:
    rows = (ProjectVisit.objects.for_year(year).order_by().values("challenge")
            .annotate(visits=Count("pk"), good_practice=Count("pk", filter=Q(is_good_practice=True))))
    return {row["challenge"]: row for row in rows}

def survey_figures(year: int) -> dict:
    """The year's satisfaction survey as the report and the dashboard show it."""
    results = survey_results(year=year)
    total = results["total"]
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
        "challenges": [{"challenge_id": row["challenge"].pk, "sent": row["sent"], "answered": row["answered"],
                        "satisfied": row["satisfaction"]["satisfied"],
                        "headline_answers": row["satisfaction"]["total"]} for row in results["challenges"]],
        "quotes": list(text_answers(year=year, quotes_only=True).values_list("text", flat=True)),
    }

def satisfaction_steps(*, year: int) -> list[dict]:
    """The year's answers to the overall-satisfaction question per step, as in status_report."""
    return survey_figures(year)["steps"]
