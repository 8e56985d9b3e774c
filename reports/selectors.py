"""Report figures. Each is computed by aggregate queries, so page, dashboard and exports agree."""

import re
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, DecimalField, Exists, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from cases.choices import DeliverableStatus, EventKind, EventRole, RequisitionStatus, SteeringRole
from cases.models import Advisory, Deliverable, Event, Requisition, SteeringGroupMembership, participants_text
from core import reference_cache
from core.choices import OrganisationKind, Task
from core.figures import change_percent
from core.models import Challenge, FteAllocation, Organisation, WorkPlan
from core.selectors import challenge_list
from projects.models import ProjectVisit
from surveys.selectors import survey_results, text_answers

from .caching import cached, is_finished
from .models import AnnualReport
from .snapshot_labels import translated_report, translated_rows


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


# --- The annual status report -------------------------------------------------------------------
# status_report() gathers every figure and list of the year's report into plain data (numbers,
# strings, ISO dates, lists and dicts), so that the page, the dashboard, Word and Excel read the same
# thing, and an approved report can be kept as JSON exactly as it was.

PLACEHOLDERS = {
    "aar": _("året"),
    "rekvireringer": _("antal rekvireringer"),
    "raadgivninger": _("antal rådgivninger"),
    "projektbesoeg": _("antal projektbesøg"),
    "god_praksis": _("antal eksempler på god praksis"),
    "arrangementer": _("antal arrangementer"),
    "deltagere": _("deltagere i alt (faktisk)"),
    "forventede_deltagere": _("forventede deltagere ved kommende arrangementer"),
    "forvaltninger": _("antal forvaltninger, der har rekvireret"),
    "aarsvaerk": _("årsværk i arbejdsplanen"),
    "leverancer": _("antal leverancer"),
    "leverancer_leveret": _("antal leverede leverancer"),
    "styregrupper": _("antal styregruppesæder"),
    "besvarelser": _("antal besvarelser af tilfredshedsmålingen"),
    "tilfredse": _("antal tilfredse (i høj grad tilfredse og tilfredse)"),
}
PLACEHOLDER_PATTERN = re.compile(r"\{(\w+)\}")


def unknown_placeholders(text: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER_PATTERN.findall(text) if name not in PLACEHOLDERS})


def fill_placeholders(text: str, values: dict) -> str:
    """Replace {name} with the year's figure; anything else in braces is left as written. A count is
    written in the language's format ("2.595" in Danish, "2,595" in English); the year as a year."""
    def figure(match):
        if match[1] not in values:
            return match[0]
        value = values[match[1]]
        if isinstance(value, int) and match[1] != "aar":
            return formats.number_format(value, use_l10n=True, force_grouping=True)
        return str(value)
    return PLACEHOLDER_PATTERN.sub(figure, text)


def _lines(text: str) -> list[str]:
    return [line.strip(" -•") for line in text.splitlines() if line.strip(" -•")]


def _fte(value) -> str:
    return f"{Decimal(value).normalize():f}"


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
    lone = (Requisition.objects.for_year(year)
            .filter(~Exists(Event.objects.filter(requisition=OuterRef("pk"), participants__isnull=False)))
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


def _requisition_rows(year: int) -> dict[int, list[dict]]:
    """The year's requisitions per challenge id, in the order received, with requesters and the
    participants (through their events where they were held as events). Three queries of plain values:
    a busy year has thousands of requisitions, and model instances with prefetched relations cost
    several times more to build than the rows themselves."""
    requesters: dict[int, list[str]] = {}
    for requisition_id, name in (Requisition.requesters.through.objects
                                 .filter(requisition__challenge__work_plan__year=year)
                                 .order_by("organisation__name").values_list("requisition_id", "organisation__name")):
        requesters.setdefault(requisition_id, []).append(name)
    held: dict[int, list[tuple[int, bool]]] = {}
    for requisition_id, participants, approximate in (
            Event.objects.filter(requisition__challenge__work_plan__year=year, participants__isnull=False)
            .order_by("date").values_list("requisition_id", "participants", "participants_approximate")):
        held.setdefault(requisition_id, []).append((participants, approximate))
    statuses = {value: str(label) for value, label in RequisitionStatus.choices}
    rows: dict[int, list[dict]] = {}
    for requisition in (Requisition.objects.for_year(year).order_by("date_received", "pk").values(
            "id", "challenge_id", "title", "description", "date_received", "date_finished", "status",
            "participants", "participants_approximate")):
        events = held.get(requisition["id"])
        if events:
            participants = participants_text(sum(count for count, _approximate in events),
                                              any(approximate for _count, approximate in events))
        else:
            participants = participants_text(requisition["participants"], requisition["participants_approximate"])
        rows.setdefault(requisition["challenge_id"], []).append({
            "id": requisition["id"],
            "title": requisition["title"],
            "requesters": requesters.get(requisition["id"], []),
            "description": requisition["description"],
            "date_received": requisition["date_received"].isoformat(),
            "date_finished": requisition["date_finished"].isoformat() if requisition["date_finished"] else None,
            "status": statuses.get(requisition["status"], requisition["status"]),
            "participants": participants,
        })
    for challenge_rows in rows.values():
        for number, row in enumerate(challenge_rows, start=1):
            row["number"] = number
    return rows


def _deliverable_rows(year: int) -> dict[int, list[dict]]:
    """The year's deliverables per challenge id, with what replaced them and what they replaced (three
    queries of plain values, as for the requisitions)."""
    replacements = Deliverable.replaced_by.through.objects
    replaced_by: dict[int, list[str]] = {}
    for deliverable_id, title in (replacements.filter(from_deliverable__challenge__work_plan__year=year)
                                  .order_by("to_deliverable__title")
                                  .values_list("from_deliverable_id", "to_deliverable__title")):
        replaced_by.setdefault(deliverable_id, []).append(title)
    replaces: dict[int, list[str]] = {}
    for deliverable_id, title in (replacements.filter(to_deliverable__challenge__work_plan__year=year)
                                  .order_by("from_deliverable__title")
                                  .values_list("to_deliverable_id", "from_deliverable__title")):
        replaces.setdefault(deliverable_id, []).append(title)
    labels = {value: str(label) for value, label in DeliverableStatus.choices}
    rows: dict[int, list[dict]] = {}
    for deliverable in Deliverable.objects.for_year(year).order_by("pk").values(
            "id", "challenge_id", "title", "description", "outcome", "status", "is_promised", "publication_title"):
        rows.setdefault(deliverable["challenge_id"], []).append({
            "id": deliverable["id"],
            "title": deliverable["title"],
            "description": deliverable["description"],
            "outcome": deliverable["outcome"],
            "status": deliverable["status"],
            "status_label": labels.get(deliverable["status"], deliverable["status"]),
            "is_promised": deliverable["is_promised"],
            "replaced_by": replaced_by.get(deliverable["id"], []),
            "replaces": replaces.get(deliverable["id"], []),
            "publication_title": deliverable["publication_title"],
        })
    return rows


def _advisory_examples(year: int) -> dict[int, list[dict]]:
    rows: dict[int, list[dict]] = {}
    queryset = (Advisory.objects.for_year(year).filter(is_report_example=True).select_related("requester")
                .order_by("date", "pk"))
    for advisory in queryset:
        rows.setdefault(advisory.challenge_id, []).append({
            "id": advisory.pk, "title": advisory.title, "requester": advisory.requester.name,
            "description": advisory.description, "date": advisory.date.isoformat()})
    return rows


def _steering_rows(year: int, challenges: list) -> dict[int | None, list[dict]]:
    """The seats held during the year, per challenge id of the year's plan. A seat that began under an
    earlier year's challenge is listed under this year's challenge with the same number, if any, else
    with the seats without a challenge: every seat counted is listed once. One query of plain values
    (a seat is held for up to four years, so a busy year holds thousands)."""
    rows: dict[int | None, list[dict]] = {}
    this_year = {challenge.number: challenge.pk for challenge in challenges}
    roles = {value: str(label) for value, label in SteeringRole.choices}
    for seat in (SteeringGroupMembership.objects.for_year(year).order_by("start", "body").values(
            "id", "body", "role", "area__name", "start", "end", "challenge_id", "challenge__number",
            "challenge__work_plan__year")):
        key = None
        if seat["challenge_id"] is not None:
            key = (seat["challenge_id"] if seat["challenge__work_plan__year"] == year
                   else this_year.get(seat["challenge__number"]))
        rows.setdefault(key, []).append({
            "id": seat["id"], "body": seat["body"], "role": roles.get(seat["role"], seat["role"]),
            "area": seat["area__name"] or "", "start": seat["start"].isoformat(),
            "end": seat["end"].isoformat() if seat["end"] else None})
    return rows


def _satisfaction(year: int) -> dict:
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


def status_report(*, year: int, lists: bool = True) -> dict | None:
    """Everything in the year's status report, as plain data, in a fixed number of queries
    (None when the year has no work plan). Texts have their placeholders filled in. A finished year's
    comes from the cache while nothing it is made from has changed (reports/caching.py)."""
    return cached(f"status_report:{int(lists)}", [year], lambda: _status_report(year=year, lists=lists))


def _status_report(*, year: int, lists: bool) -> dict | None:
    plan = WorkPlan.objects.filter(year=year).first()
    if plan is None:
        return None
    texts = AnnualReport.objects.filter(work_plan=plan).first()
    figures = year_figures(year=year)
    table = challenge_table(year=year)
    administrations = administration_counts(year=year)
    participants = participants_per_challenge(year=year)
    statuses = deliverable_status_counts(year=year)
    # The dashboard shows the figures only; without `lists` the numbered requisitions, deliverables and
    # advisory examples (the longest part of a busy year) are left empty.
    requisitions = _requisition_rows(year) if lists else {}
    deliverables = _deliverable_rows(year) if lists else {}
    examples = _advisory_examples(year) if lists else {}
    seats = _steering_rows(year, [row["challenge"] for row in table["rows"]])
    satisfaction = _satisfaction(year)
    visits = _visits_per_challenge(year)

    requesting = sum(1 for row in administrations if row["requisitions"])
    headline = {
        "requisitions": figures["requisitions"],
        "advisories": figures["advisories"],
        "project_visits": figures["project_visits"],
        "good_practice": figures["good_practice"],
        "events": figures["events"],
        "participants": figures["participants"]["actual"],
        "participants_expected": figures["participants"]["expected"],
        "deliverables": figures["deliverables"],
        "deliverables_delivered": figures["deliverables_delivered"],
        "steering_groups": figures["steering_groups"],
        "fte_planned": _fte(plan.total_fte),
        "administrations_requesting": requesting,
        "administrations": len(administrations),
    }
    values = {
        "aar": year, "rekvireringer": headline["requisitions"], "raadgivninger": headline["advisories"],
        "projektbesoeg": headline["project_visits"], "god_praksis": headline["good_practice"],
        "arrangementer": headline["events"], "deltagere": headline["participants"],
        "forventede_deltagere": headline["participants_expected"], "forvaltninger": requesting,
        "aarsvaerk": formats.localize(Decimal(headline["fte_planned"])), "leverancer": headline["deliverables"],
        "leverancer_leveret": headline["deliverables_delivered"], "styregrupper": headline["steering_groups"],
        "besvarelser": satisfaction["headline_answers"], "tilfredse": satisfaction["satisfied"],
    }

    challenges = []
    for row in table["rows"]:
        challenge = row["challenge"]
        challenge_participants = participants.get(challenge.pk, {"actual": 0, "expected": 0, "events": 0})
        challenges.append({
            "id": challenge.pk,
            "number": challenge.number,
            "name": challenge.name,
            "short_label": challenge.short_label,
            "lead_in": fill_placeholders(challenge.lead_in, values),
            "conclusions": [fill_placeholders(line, values) for line in challenge.conclusion_list()],
            "requisition_count": row["requisitions"],
            "advisory_count": row["advisories"],
            "events": challenge_participants["events"],
            "participants": challenge_participants["actual"],
            "participants_expected": challenge_participants["expected"],
            "project_visits": visits.get(challenge.pk, {}).get("visits", 0),
            "good_practice": visits.get(challenge.pk, {}).get("good_practice", 0),
            "deliverable_statuses": [
                {"status": status.value, "label": str(status.label),
                 "count": statuses.get(challenge.pk, {}).get(status.value, 0)} for status in DeliverableStatus],
            "deliverables": deliverables.get(challenge.pk, []),
            "requisitions": requisitions.get(challenge.pk, []),
            "advisory_examples": examples.get(challenge.pk, []),
            "steering_groups": seats.get(challenge.pk, []),
        })
    return {
        "year": year,
        "title": str(_("Status for TaskForce Integrations arbejde i %(year)s") % {"year": year}),
        "introduction": fill_placeholders(texts.introduction if texts else "", values),
        "closing": fill_placeholders(texts.closing if texts else "", values),
        "purpose": fill_placeholders(plan.purpose, values),
        "target_groups": [fill_placeholders(line, values) for line in plan.target_group_list()],
        "headline": headline,
        "table": {"challenges": [{"id": c["id"], "number": c["number"], "short_label": c["short_label"],
                                  "requisitions": c["requisition_count"], "advisories": c["advisory_count"]}
                                 for c in challenges],
                  "requisitions": table["requisitions"], "advisories": table["advisories"]},
        "administrations": administrations,
        "challenges": challenges,
        "steering_groups_without_challenge": seats.get(None, []),
        "satisfaction": satisfaction,
    }


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


def satisfaction_steps(*, year: int) -> list[dict]:
    """The year's answers to the overall-satisfaction question per step, as in status_report."""
    return _satisfaction(year)["steps"]


def _visits_per_challenge(year: int) -> dict[int, dict]:
    rows = (ProjectVisit.objects.for_year(year).order_by().values("challenge")
            .annotate(visits=Count("pk"), good_practice=Count("pk", filter=Q(is_good_practice=True))))
    return {row["challenge"]: row for row in rows}


# --- Rows for the Excel export ------------------------------------------------------------------
# One table per kind of registration, as plain data: column keys, Danish labels and types ("text",
# "int", "date", "decimal", "bool"), and the rows (ISO dates, numbers as numbers).

def _sheet(columns: list[tuple[str, str, str]], rows: list[dict]) -> dict:
    for row in rows:  # hours come as Decimal; JSON (the approved snapshot) keeps numbers as floats
        for key, value in row.items():
            if isinstance(value, Decimal):
                row[key] = float(value)
    return {"columns": [{"key": key, "label": str(label), "type": kind} for key, label, kind in columns],
            "rows": rows}


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def export_rows(*, year: int) -> dict:
    """The year's registrations for the Excel workbook, a fixed number of queries in all."""
    requesters: dict[int, list[str]] = {}
    for requisition_id, name in (Requisition.requesters.through.objects
                                 .filter(requisition__challenge__work_plan__year=year)
                                 .order_by("organisation__name").values_list("requisition_id", "organisation__name")):
        requesters.setdefault(requisition_id, []).append(name)
    # A requisition's participants are those of its events when it has any (as on the report's page):
    # their sum, approximate when one of them is.
    event_participants = {row["requisition"]: row for row in Event.objects.filter(
        requisition__challenge__work_plan__year=year, participants__isnull=False).order_by()
        .values("requisition").annotate(n=Sum("participants"),
                                        approximate=Count("pk", filter=Q(participants_approximate=True)))}
    requisitions = [
        {**row, "requesters": ", ".join(requesters.get(row["id"], [])),
         "participants": event_participants[row["id"]]["n"] if row["id"] in event_participants
         else row["participants"],
         "participants_approximate": event_participants[row["id"]]["approximate"] > 0
         if row["id"] in event_participants else row["participants_approximate"],
         "date_received": _iso(row["date_received"]), "date_finished": _iso(row["date_finished"]),
         "status": str(RequisitionStatus(row["status"]).label)}
        for row in Requisition.objects.for_year(year).order_by("date_received", "pk").values(
            "id", "challenge__number", "challenge__short_label", "title", "description", "date_received",
            "date_finished", "status", "participants", "participants_approximate", "area__name", "hours")
    ]
    advisories = [
        {**row, "date": _iso(row["date"])}
        for row in Advisory.objects.for_year(year).order_by("date", "pk").values(
            "id", "challenge__number", "challenge__short_label", "title", "description", "date",
            "requester__name", "consultant__first_name", "consultant__last_name", "area__name",
            "is_report_example", "hours")
    ]
    events = [
        {**row, "date": _iso(row["date"]), "kind": str(EventKind(row["kind"]).label),
         "role": str(EventRole(row["role"]).label)}
        for row in Event.objects.for_year(year).order_by("date", "pk").values(
            "id", "challenge__number", "challenge__short_label", "kind", "title", "date", "place", "area__name",
            "role", "participants", "participants_expected", "participants_approximate", "volunteers",
            "deliverable__title", "requisition__title", "hours")
    ]
    deliverables = [
        {**row, "status": str(DeliverableStatus(row["status"]).label)}
        for row in Deliverable.objects.for_year(year).order_by("challenge__number", "pk").values(
            "id", "challenge__number", "challenge__short_label", "title", "description", "outcome", "status",
            "is_promised", "publication_title", "hours")
    ]
    visits = [
        {**row, "date": _iso(row["date"])}
        for row in ProjectVisit.objects.for_year(year).order_by("date", "pk").values(
            "id", "date", "project__name", "project__area__name", "challenge__number", "consultant__first_name",
            "consultant__last_name", "what_works", "advice", "is_good_practice", "hours")
    ]
    seats = [
        {**row, "start": _iso(row["start"]), "end": _iso(row["end"]), "role": str(SteeringRole(row["role"]).label)}
        for row in SteeringGroupMembership.objects.for_year(year).order_by("start", "body").values(
            "id", "body", "role", "area__name", "challenge__number", "start", "end", "hours")
    ]
    for row in advisories + visits:
        row["consultant"] = " ".join(filter(None, [row.pop("consultant__first_name"),
                                                    row.pop("consultant__last_name")]))
    return {
        "requisitions": _sheet([
            ("id", _("Nr."), "int"), ("challenge__number", _("Udfordring nr."), "int"),
            ("challenge__short_label", _("Udfordring"), "text"), ("title", _("Titel"), "text"),
            ("requesters", _("Rekvirenter"), "text"), ("description", _("Beskrivelse"), "text"),
            ("date_received", _("Modtaget"), "date"), ("date_finished", _("Afholdt/afsluttet"), "date"),
            ("status", _("Status"), "text"), ("participants", _("Deltagere"), "int"),
            ("participants_approximate", _("Ca.-tal"), "bool"), ("area__name", _("Område"), "text"),
            ("hours", _("Timer"), "decimal")], requisitions),
        "advisories": _sheet([
            ("id", _("Nr."), "int"), ("challenge__number", _("Udfordring nr."), "int"),
            ("challenge__short_label", _("Udfordring"), "text"), ("title", _("Titel"), "text"),
            ("requester__name", _("Rekvirent"), "text"), ("description", _("Beskrivelse"), "text"),
            ("date", _("Dato"), "date"), ("consultant", _("Konsulent"), "text"), ("area__name", _("Område"), "text"),
            ("is_report_example", _("Eksempel i årsrapporten"), "bool"), ("hours", _("Timer"), "decimal")],
            advisories),
        "events": _sheet([
            ("id", _("Nr."), "int"), ("challenge__number", _("Udfordring nr."), "int"),
            ("challenge__short_label", _("Udfordring"), "text"), ("kind", _("Type"), "text"),
            ("title", _("Titel"), "text"), ("date", _("Dato"), "date"), ("place", _("Sted"), "text"),
            ("area__name", _("Område"), "text"), ("role", _("TFI's rolle"), "text"),
            ("participants", _("Deltagere (faktisk)"), "int"), ("participants_expected", _("Forventet"), "int"),
            ("participants_approximate", _("Ca.-tal"), "bool"), ("volunteers", _("Frivillige"), "int"),
            ("deliverable__title", _("Leverance"), "text"), ("requisition__title", _("Rekvirering"), "text"),
            ("hours", _("Timer"), "decimal")], events),
        "deliverables": _sheet([
            ("id", _("Nr."), "int"), ("challenge__number", _("Udfordring nr."), "int"),
            ("challenge__short_label", _("Udfordring"), "text"), ("title", _("Titel"), "text"),
            ("description", _("Løfte i arbejdsplanen"), "text"), ("outcome", _("Hvad skete der"), "text"),
            ("status", _("Status"), "text"), ("is_promised", _("Lovet ved årets start"), "bool"),
            ("publication_title", _("Publikation"), "text"), ("hours", _("Timer"), "decimal")], deliverables),
        "project_visits": _sheet([
            ("id", _("Nr."), "int"), ("date", _("Dato"), "date"), ("project__name", _("Projekt"), "text"),
            ("project__area__name", _("Område"), "text"), ("challenge__number", _("Udfordring nr."), "int"),
            ("consultant", _("Konsulent"), "text"), ("what_works", _("Hvad virker"), "text"),
            ("advice", _("Gode råd"), "text"), ("is_good_practice", _("God praksis"), "bool"),
            ("hours", _("Timer"), "decimal")], visits),
        "steering_groups": _sheet([
            ("id", _("Nr."), "int"), ("body", _("Styregruppe"), "text"), ("role", _("Rolle"), "text"),
            ("area__name", _("Område"), "text"), ("challenge__number", _("Udfordring nr."), "int"),
            ("start", _("Fra"), "date"), ("end", _("Til"), "date"), ("hours", _("Timer"), "decimal")], seats),
    }


# --- The report as shown: approved (kept) or live ------------------------------------------------

COMPARED_FIGURES = [*YEAR_COMPARISON_ROWS, ("administrations_requesting", _("Forvaltninger, der har rekvireret"))]


def _report_differences(approved: dict, live: dict) -> list[dict]:
    """What would change if the approved report were made again now: headline figures, the table
    per challenge, the survey's answers, and any other difference in the content."""
    changes = [
        {"label": str(label), "approved": approved["headline"].get(key), "now": live["headline"].get(key)}
        for key, label in COMPARED_FIGURES if approved["headline"].get(key) != live["headline"].get(key)]
    for before, now in zip(approved["table"]["challenges"], live["table"]["challenges"], strict=False):
        for key, label in (("requisitions", _("rekvireringer")), ("advisories", _("rådgivninger"))):
            if before[key] != now[key]:
                changes.append({"label": f"{before['short_label']}: {label}", "approved": before[key],
                                "now": now[key]})
    for key, label in (("headline_answers", _("Besvarelser")), ("satisfied", _("Tilfredse"))):
        if approved["satisfaction"][key] != live["satisfaction"][key]:
            changes.append({"label": str(label), "approved": approved["satisfaction"][key],
                            "now": live["satisfaction"][key]})
    if not changes and approved != live:
        changes.append({"label": str(_("Tekster eller lister i rapporten")), "approved": None, "now": None})
    return changes


def report_for_year(*, year: int) -> dict | None:
    """The year's report as management sees it: the approved version where the year is approved
    (with what has changed since), else the live figures. None when the year has no work plan."""
    stored = AnnualReport.objects.filter(work_plan__year=year).select_related("approved_by").first()
    if stored is not None and stored.is_approved:
        # The snapshot was made in the register's language; the live figures are compared in the same one.
        with translation.override(settings.LANGUAGE_CODE):
            live = status_report(year=year)
        return {"report": translated_report(stored.snapshot["report"]),
                "rows": translated_rows(stored.snapshot["rows"]), "approval": stored,
                "changes": _report_differences(stored.snapshot["report"], live) if live else []}
    report = status_report(year=year)
    if report is None:
        return None
    return {"report": report, "rows": None, "approval": None, "changes": []}
