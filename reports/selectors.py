"""Report figures. Each is computed by aggregate queries, so page, dashboard and exports agree."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, DecimalField, Exists, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.choices import DeliverableStatus, Task
from cases.models import (
    Advisory,
    Challenge,
    Deliverable,
    Event,
    FteAllocation,
    Requisition,
    SteeringGroupMembership,
    WorkPlan,
)


def challenge_table(*, year: int) -> dict:
    """Requisitions and advisories per challenge of the year, with totals (three queries)."""
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
        for challenge in Challenge.objects.filter(work_plan__year=year).select_related("work_plan")
        .order_by("number")
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
    lone_requisitions = Requisition.objects.for_year(year).filter(
        ~Exists(Event.objects.filter(requisition=OuterRef("pk"), participants__isnull=False)))
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
    from projects.models import ProjectVisit

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


def change_percent(current: int | None, previous: int | None) -> int | None:
    """Whole-percent change from the previous figure (halves rounded away from zero, as Excel does),
    or None where there is nothing to compare."""
    if current is None or not previous:
        return None
    change = Decimal(current - previous) * 100 / Decimal(previous)
    return int(change.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def year_comparison(*, year: int) -> dict | None:
    """The year's figures beside the previous year's, with the change where that year has data."""
    current = year_figures(year=year)
    if current is None:
        return None
    previous = year_figures(year=year - 1)
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
    from projects.models import ProjectVisit

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
