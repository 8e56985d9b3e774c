"""Property tests of the annual report.

Hypothesis makes random registrations for a year and the year beside it: a plan of 1-4 challenges,
requisitions with 1-3 requesters among a few organisations (some of them administrations), advisories,
events (some held for a requisition, possibly of the other year; past and future when the year is the
current one), deliverables, project visits, steering-group seats spanning several years, and survey
invitations with or without an answer. Every figure of `status_report()` (and of `export_rows()` and
`activity_per_month()`) is then checked against a count made here in plain Python from what was
created, for both years, so the registrations of one year never show in the other's report.

Each example runs in its own transaction (hypothesis.extra.django.TestCase), rolled back afterwards.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from cases.choices import DeliverableStatus, RequisitionStatus
from core.choices import OrganisationKind
from reports.selectors.figures import activity_per_month
from reports.selectors.report import status_report
from reports.selectors.rows import export_rows
from tests.factories import (
    AdvisoryFactory,
    ChallengeFactory,
    ConsultantFactory,
    DeliverableFactory,
    EventFactory,
    InvitationFactory,
    OrganisationFactory,
    ProjectFactory,
    ProjectVisitFactory,
    RequisitionFactory,
    ResponseFactory,
    SteeringGroupMembershipFactory,
    WorkPlanFactory,
)

THIS_YEAR = timezone.localdate().year
PAST_YEAR = 2009
# The plan's FTE as stored and as the report writes it.
FTE = {"4.00": "4", "3.50": "3.5", "10.00": "10", "0.25": "0.25"}

REPORT_SETTINGS = settings(max_examples=25, deadline=None,
                           suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- What to make: plain data drawn by hypothesis ------------------------------------------------

# "main" is the year reported on, "other" the year beside it (before or after).
which = st.sampled_from(["main", "main", "other"])
day_of_year = st.integers(0, 364)
challenge_index = st.integers(0, 3)
head_count = st.one_of(st.none(), st.integers(0, 400))

requisition_specs = st.fixed_dictionaries({
    "which": which, "challenge": challenge_index, "day": day_of_year,
    "requesters": st.sets(st.integers(0, 4), min_size=1, max_size=3),
    "status": st.sampled_from(list(RequisitionStatus)), "participants": head_count,
    "approximate": st.booleans()})
advisory_specs = st.fixed_dictionaries({
    "which": which, "challenge": challenge_index, "day": day_of_year, "requester": st.integers(0, 4),
    "example": st.booleans()})
event_specs = st.fixed_dictionaries({
    "which": which, "challenge": challenge_index, "day": day_of_year,
    "requisition": st.one_of(st.none(), st.integers(0, 20)), "participants": head_count,
    "expected": head_count, "approximate": st.booleans()})
deliverable_specs = st.fixed_dictionaries({
    "which": which, "challenge": challenge_index, "status": st.sampled_from(list(DeliverableStatus))})
visit_specs = st.fixed_dictionaries({
    "which": which, "challenge": st.one_of(st.none(), challenge_index), "day": day_of_year,
    "good_practice": st.booleans()})
seat_specs = st.fixed_dictionaries({
    "start": st.integers(-3, 2), "start_day": day_of_year, "length": st.one_of(st.none(), st.integers(0, 3)),
    "end_day": day_of_year, "challenge": st.one_of(st.none(), challenge_index)})
invitation_specs = st.fixed_dictionaries({
    "about": st.sampled_from(["requisition", "advisory"]), "index": st.integers(0, 20),
    # None: not answered; 0: answered without answers; 1-4: the satisfaction given on every scale question
    "answer": st.one_of(st.none(), st.integers(0, 4))})


@st.composite
def registrations(draw):
    year = draw(st.sampled_from([THIS_YEAR, PAST_YEAR]))
    return {
        "year": year,
        "other": draw(st.sampled_from([year - 1, year + 1])),
        "challenges": draw(st.integers(1, 4)),
        "other_challenges": draw(st.integers(1, 3)),
        "fte": draw(st.sampled_from(sorted(FTE))),
        "administrations": draw(st.lists(st.booleans(), min_size=2, max_size=5)),
        "requisitions": draw(st.lists(requisition_specs, max_size=8)),
        "advisories": draw(st.lists(advisory_specs, max_size=6)),
        "events": draw(st.lists(event_specs, max_size=8)),
        "deliverables": draw(st.lists(deliverable_specs, max_size=6)),
        "visits": draw(st.lists(visit_specs, max_size=5)),
        "seats": draw(st.lists(seat_specs, max_size=5)),
        "invitations": draw(st.lists(invitation_specs, max_size=5)),
    }


# --- What was made: plain records the expected figures are counted from ---------------------------

def seat_listed_under(world, seat, year: int) -> int | None:
    """A seat is listed under its own challenge in its own year; in a later year under that year's
    challenge with the same number, if any; otherwise with the seats without a challenge."""
    if seat.challenge is None:
        return None
    own = next(c for challenges in world.challenges.values() for c in challenges if c.pk == seat.challenge)
    if own.year == year:
        return own.pk
    return next((c.pk for c in world.challenges.get(year, []) if c.number == own.number), None)


@dataclass
class Record:
    pk: int
    year: int
    challenge: int | None = None
    day: datetime.date | None = None
    extra: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["extra"][name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class World:
    year: int
    other: int
    fte: str
    challenges: dict[int, list[Record]] = field(default_factory=dict)  # year -> challenges in number order
    organisations: list[Record] = field(default_factory=list)
    requisitions: list[Record] = field(default_factory=list)
    advisories: list[Record] = field(default_factory=list)
    events: list[Record] = field(default_factory=list)
    deliverables: list[Record] = field(default_factory=list)
    visits: list[Record] = field(default_factory=list)
    seats: list[Record] = field(default_factory=list)
    invitations: list[Record] = field(default_factory=list)


def build(spec: dict) -> World:
    world = World(year=spec["year"], other=spec["other"], fte=spec["fte"])
    years = {"main": spec["year"], "other": spec["other"]}
    user = ConsultantFactory(username="konsulent")
    objects = {}
    for key, count in (("main", spec["challenges"]), ("other", spec["other_challenges"])):
        plan = WorkPlanFactory(year=years[key], total_fte=Decimal(spec["fte"]) if key == "main" else 2)
        # created out of number order, so the report must sort them
        made = {n: ChallengeFactory(work_plan=plan, number=n, short_label=f"U{n}")
                for n in reversed(range(1, count + 1))}
        objects[key] = [made[n] for n in range(1, count + 1)]
        world.challenges[years[key]] = [Record(pk=c.pk, year=years[key], extra={"number": c.number})
                                        for c in objects[key]]

    def challenge_of(key: str, index: int):
        return objects[key][index % len(objects[key])]

    def day(key: str, offset: int) -> datetime.date:
        return datetime.date(years[key], 1, 1) + datetime.timedelta(days=offset)

    organisations = []
    for i, is_administration in enumerate(spec["administrations"]):
        kind = OrganisationKind.ADMINISTRATION if is_administration else OrganisationKind.ASSOCIATION
        organisation = OrganisationFactory(name=f"Organisation {i}", short_name=f"O{i}", kind=kind)
        organisations.append(organisation)
        world.organisations.append(Record(pk=organisation.pk, year=0, extra={
            "name": organisation.name, "short_name": organisation.short_name,
            "is_administration": is_administration}))

    requisitions = []
    for item in spec["requisitions"]:
        requesters = sorted({organisations[i % len(organisations)] for i in item["requesters"]}, key=lambda o: o.pk)
        requisition = RequisitionFactory(
            challenge=challenge_of(item["which"], item["challenge"]), date_received=day(item["which"], item["day"]),
            status=item["status"], participants=item["participants"], participants_approximate=item["approximate"],
            requesters=requesters, consultants=[user], created_by=user)
        requisitions.append(requisition)
        world.requisitions.append(Record(
            pk=requisition.pk, year=years[item["which"]], challenge=requisition.challenge_id,
            day=requisition.date_received, extra={
                "requesters": {o.pk for o in requesters}, "requester_names": sorted(o.name for o in requesters),
                "status": item["status"], "participants": item["participants"],
                "approximate": item["approximate"]}))

    advisories = []
    for item in spec["advisories"]:
        requester = organisations[item["requester"] % len(organisations)]
        advisory = AdvisoryFactory(
            challenge=challenge_of(item["which"], item["challenge"]), date=day(item["which"], item["day"]),
            requester=requester, is_report_example=item["example"], consultant=user)
        advisories.append(advisory)
        world.advisories.append(Record(pk=advisory.pk, year=years[item["which"]], challenge=advisory.challenge_id,
                                       day=advisory.date, extra={"requester": requester.pk,
                                                                 "requester_name": requester.name,
                                                                 "example": item["example"]}))

    for item in spec["events"]:
        requisition = None
        if item["requisition"] is not None and requisitions:
            requisition = requisitions[item["requisition"] % len(requisitions)]
        event = EventFactory(
            challenge=challenge_of(item["which"], item["challenge"]), date=day(item["which"], item["day"]),
            requisition=requisition, participants=item["participants"], participants_expected=item["expected"],
            participants_approximate=item["approximate"], consultant=user)
        world.events.append(Record(pk=event.pk, year=years[item["which"]], challenge=event.challenge_id,
                                   day=event.date, extra={
                                       "requisition": requisition.pk if requisition else None,
                                       "participants": item["participants"], "expected": item["expected"],
                                       "approximate": item["approximate"]}))

    for item in spec["deliverables"]:
        deliverable = DeliverableFactory(challenge=challenge_of(item["which"], item["challenge"]),
                                         status=item["status"], created_by=user)
        world.deliverables.append(Record(pk=deliverable.pk, year=years[item["which"]],
                                         challenge=deliverable.challenge_id, extra={"status": item["status"]}))

    project = ProjectFactory(name="Projekt", organisation=organisations[0])
    for item in spec["visits"]:
        challenge = None if item["challenge"] is None else challenge_of(item["which"], item["challenge"])
        visit = ProjectVisitFactory(project=project, date=day(item["which"], item["day"]), challenge=challenge,
                                    is_good_practice=item["good_practice"], consultant=user)
        world.visits.append(Record(pk=visit.pk, year=years[item["which"]], challenge=visit.challenge_id,
                                   day=visit.date, extra={"good_practice": item["good_practice"]}))

    for i, item in enumerate(spec["seats"]):
        start = datetime.date(spec["year"] + item["start"], 1, 1) + datetime.timedelta(days=item["start_day"])
        end = None
        if item["length"] is not None:
            end = datetime.date(start.year + item["length"], 1, 1) + datetime.timedelta(days=item["end_day"])
            end = max(start, end)
        # A seat hangs under a challenge of the plan of the year it began, where there is one.
        key = {spec["year"]: "main", spec["other"]: "other"}.get(start.year)
        challenge = None if item["challenge"] is None or key is None else challenge_of(key, item["challenge"])
        seat = SteeringGroupMembershipFactory(body=f"Styregruppe {i:02d}", start=start, end=end, challenge=challenge,
                                              consultant=user)
        world.seats.append(Record(pk=seat.pk, year=start.year, challenge=seat.challenge_id, day=start,
                                  extra={"end": end, "body": seat.body}))

    for item in spec["invitations"]:
        made = requisitions if item["about"] == "requisition" else advisories
        records = world.requisitions if item["about"] == "requisition" else world.advisories
        if not made:
            continue
        index = item["index"] % len(made)
        if item["about"] == "requisition":
            invitation = InvitationFactory(requisition=made[index], requester=made[index].requesters.first())
        else:
            invitation = InvitationFactory(advisory=made[index])
        if item["answer"] == 0:
            ResponseFactory(invitation=invitation, answers=False)
        elif item["answer"] is not None:
            ResponseFactory(invitation=invitation, answers__satisfaction=item["answer"])
        world.invitations.append(Record(pk=invitation.pk, year=records[index].year, challenge=records[index].challenge,
                                        extra={"answer": item["answer"]}))
    return world


# --- The expected figures, counted in plain Python -------------------------------------------------

def percent(part: int, whole: int) -> int | None:
    """Whole percent, halves rounded up, in integers only."""
    return None if not whole else (200 * part + whole) // (2 * whole)


def held_events(world: World, requisition: Record) -> list[Record]:
    """The requisition's events with an actual figure, of any year."""
    return [e for e in world.events if e.requisition == requisition.pk and e.participants is not None]


def participants_counted(world: World, requisitions: list[Record], events: list[Record]) -> int:
    """Actual participants of the events, plus those of requisitions not counted through an event."""
    return (sum(e.participants or 0 for e in events)
            + sum(r.participants or 0 for r in requisitions if not held_events(world, r)))


def expected_participants(events: list[Record], today: datetime.date) -> int:
    return sum(e.expected or 0 for e in events if e.day > today and e.participants is None)


def seat_held_in(seat: Record, year: int) -> bool:
    return seat.day.year <= year and (seat.end is None or seat.end.year >= year)


def requisition_participants_text(world: World, requisition: Record) -> str:
    held = held_events(world, requisition)
    if held:
        total, approximate = sum(e.participants for e in held), any(e.approximate for e in held)
    elif requisition.participants is None:
        return ""
    else:
        total, approximate = requisition.participants, requisition.approximate
    return f"ca. {total}" if approximate else str(total)


def satisfaction_figures(invitations: list[Record]) -> dict:
    answered = [i for i in invitations if i.answer is not None]
    scaled = [i.answer for i in answered if i.answer]
    satisfied = sum(1 for value in scaled if value >= 3)
    return {"sent": len(invitations), "answered": len(answered), "headline_answers": len(scaled),
            "satisfied": satisfied, "response_rate": percent(len(answered), len(invitations)),
            "satisfied_percent": percent(satisfied, len(scaled)), "steps": Counter(scaled)}


def expected_report(world: World, year: int, today: datetime.date) -> dict:
    def of_year(records):
        return [r for r in records if r.year == year]

    requisitions, advisories = of_year(world.requisitions), of_year(world.advisories)
    events, deliverables, visits = of_year(world.events), of_year(world.deliverables), of_year(world.visits)
    seats = [s for s in world.seats if seat_held_in(s, year)]
    invitations = of_year(world.invitations)
    administrations = [
        {"id": o.pk, "name": o.name, "short_name": o.short_name,
         "requisitions": sum(1 for r in requisitions if o.pk in r.requesters),
         "advisories": sum(1 for a in advisories if a.requester == o.pk)}
        for o in sorted(world.organisations, key=lambda o: o.name) if o.is_administration]

    challenges = []
    for challenge in world.challenges[year]:
        def under(records, challenge=challenge):
            return [r for r in records if r.challenge == challenge.pk]

        numbered = sorted(under(requisitions), key=lambda r: (r.day, r.pk))
        challenges.append({
            "id": challenge.pk,
            "number": challenge.number,
            "requisition_count": len(under(requisitions)),
            "advisory_count": len(under(advisories)),
            "events": len(under(events)),
            "participants": participants_counted(world, under(requisitions), under(events)),
            "participants_expected": expected_participants(under(events), today),
            "project_visits": len(under(visits)),
            "good_practice": sum(1 for v in under(visits) if v.good_practice),
            "deliverable_statuses": [
                (status.value, sum(1 for d in under(deliverables) if d.status == status))
                for status in DeliverableStatus],
            "deliverables": [d.pk for d in sorted(under(deliverables), key=lambda d: d.pk)],
            "requisitions": [
                {"number": n, "id": r.pk, "requesters": r.requester_names, "date_received": r.day.isoformat(),
                 "status": str(RequisitionStatus(r.status).label),
                 "participants": requisition_participants_text(world, r)}
                for n, r in enumerate(numbered, start=1)],
            "advisory_examples": [
                {"id": a.pk, "requester": a.requester_name, "date": a.day.isoformat()}
                for a in sorted(under(advisories), key=lambda a: (a.day, a.pk)) if a.example],
            "steering_groups": [s.pk for s in sorted(seats, key=lambda s: (s.day, s.body))
                                if seat_listed_under(world, s, year) == challenge.pk],
            "satisfaction": satisfaction_figures(under(invitations)),
        })

    return {
        "headline": {
            "requisitions": len(requisitions),
            "advisories": len(advisories),
            "project_visits": len(visits),
            "good_practice": sum(1 for v in visits if v.good_practice),
            "events": len(events),
            "participants": participants_counted(world, requisitions, events),
            "participants_expected": expected_participants(events, today),
            "deliverables": len(deliverables),
            "deliverables_delivered": sum(1 for d in deliverables if d.status == DeliverableStatus.DELIVERED),
            "steering_groups": len(seats),
            "fte_planned": FTE[world.fte] if year == world.year else "2",
            "administrations_requesting": sum(1 for row in administrations if row["requisitions"]),
            "administrations": len(administrations),
        },
        "administrations": administrations,
        "challenges": challenges,
        "steering_groups_without_challenge": [
            s.pk for s in sorted(seats, key=lambda s: (s.day, s.body)) if seat_listed_under(world, s, year) is None],
        "satisfaction": satisfaction_figures(invitations),
    }


def assert_satisfaction(actual: dict, expected: dict, where: str) -> None:
    for key in ("sent", "answered", "headline_answers", "satisfied"):
        assert actual[key] == expected[key], (where, key)
    for key in ("response_rate", "satisfied_percent"):
        if key in actual:
            assert actual[key] == expected[key], (where, key)
    if "steps" in actual:
        assert [(s["value"], s["count"]) for s in actual["steps"]] == [
            (value, expected["steps"][value]) for value in (4, 3, 2, 1)], where


def assert_report(report: dict, expected: dict, year: int) -> None:
    assert report["year"] == year
    assert report["headline"] == expected["headline"]
    assert report["administrations"] == expected["administrations"]

    challenges = expected["challenges"]
    assert [c["id"] for c in report["challenges"]] == [c["id"] for c in challenges]
    assert [c["number"] for c in report["challenges"]] == sorted(c["number"] for c in challenges)
    assert report["table"] == {
        "challenges": [{"id": c["id"], "number": c["number"], "short_label": f"U{c['number']}",
                        "requisitions": c["requisition_count"], "advisories": c["advisory_count"]}
                       for c in challenges],
        "requisitions": expected["headline"]["requisitions"],
        "advisories": expected["headline"]["advisories"],
    }
    for actual, wanted in zip(report["challenges"], challenges, strict=True):
        where = f"{year}, challenge {wanted['number']}"
        for key in ("requisition_count", "advisory_count", "events", "participants", "participants_expected",
                    "project_visits", "good_practice"):
            assert actual[key] == wanted[key], (where, key)
        assert [(s["status"], s["count"]) for s in actual["deliverable_statuses"]] == \
            wanted["deliverable_statuses"], where
        assert [d["id"] for d in actual["deliverables"]] == wanted["deliverables"], where
        assert [{key: row[key] for key in ("number", "id", "requesters", "date_received", "status", "participants")}
                for row in actual["requisitions"]] == wanted["requisitions"], where
        assert [{key: row[key] for key in ("id", "requester", "date")}
                for row in actual["advisory_examples"]] == wanted["advisory_examples"], where
        assert [s["id"] for s in actual["steering_groups"]] == wanted["steering_groups"], where

    assert [s["id"] for s in report["steering_groups_without_challenge"]] == \
        expected["steering_groups_without_challenge"]
    assert_satisfaction(report["satisfaction"], expected["satisfaction"], f"{year}, satisfaction")
    per_challenge = {row["challenge_id"]: row for row in report["satisfaction"]["challenges"]}
    assert list(per_challenge) == [c["id"] for c in challenges]
    for wanted in challenges:
        assert_satisfaction(per_challenge[wanted["id"]], wanted["satisfaction"],
                            f"{year}, satisfaction under challenge {wanted['number']}")


class TestStatusReportProperties(TestCase):
    @REPORT_SETTINGS
    @given(spec=registrations())
    def test_every_figure_of_the_report_matches_a_count_of_the_registrations(self, spec):
        world = build(spec)
        today = timezone.localdate()

        for year in (world.year, world.other):
            report = status_report(year=year)
            assert_report(report, expected_report(world, year, today), year)

        # Nothing of the year beside shows in the year's report, and all of the year's own does.
        report = status_report(year=world.year)
        listed = {row["id"] for c in report["challenges"] for row in c["requisitions"]}
        assert listed == {r.pk for r in world.requisitions if r.year == world.year}
        examples = {row["id"] for c in report["challenges"] for row in c["advisory_examples"]}
        assert examples == {a.pk for a in world.advisories if a.year == world.year and a.example}
        deliverables = {row["id"] for c in report["challenges"] for row in c["deliverables"]}
        assert deliverables == {d.pk for d in world.deliverables if d.year == world.year}

    @REPORT_SETTINGS
    @given(spec=registrations())
    def test_export_rows_and_months_hold_the_years_registrations_and_nothing_else(self, spec):
        world = build(spec)
        year = world.year

        def of_year(records):
            return [r for r in records if r.year == year]

        sheets = export_rows(year=year)
        # In the report's order (by challenge, then as received), numbered as the report numbers them ("1.3").
        numbers = {c.pk: c.number for c in world.challenges[year]}
        requisitions = sorted(of_year(world.requisitions), key=lambda r: (numbers[r.challenge], r.day, r.pk))
        assert [row["id"] for row in sheets["requisitions"]["rows"]] == [r.pk for r in requisitions]
        places = {}
        for row, r in zip(sheets["requisitions"]["rows"], requisitions, strict=True):
            places[r.challenge] = places.get(r.challenge, 0) + 1
            assert row["number"] == f"{numbers[r.challenge]}.{places[r.challenge]}"
        # The sheet's participants: the sum of the held events where there are any, else the requisition's own.
        assert [row["participants"] for row in sheets["requisitions"]["rows"]] == [
            sum(e.participants for e in held_events(world, r)) if held_events(world, r) else r.participants
            for r in requisitions]
        assert [row["requesters"] for row in sheets["requisitions"]["rows"]] == [
            ", ".join(r.requester_names) for r in requisitions]
        assert [row["id"] for row in sheets["advisories"]["rows"]] == [
            a.pk for a in sorted(of_year(world.advisories), key=lambda a: (a.day, a.pk))]
        assert [row["id"] for row in sheets["events"]["rows"]] == [
            e.pk for e in sorted(of_year(world.events), key=lambda e: (e.day, e.pk))]
        assert sorted(row["id"] for row in sheets["deliverables"]["rows"]) == sorted(
            d.pk for d in of_year(world.deliverables))
        assert [row["id"] for row in sheets["project_visits"]["rows"]] == [
            v.pk for v in sorted(of_year(world.visits), key=lambda v: (v.day, v.pk))]
        assert [row["id"] for row in sheets["steering_groups"]["rows"]] == [
            s.pk for s in sorted(world.seats, key=lambda s: (s.day, s.body)) if seat_held_in(s, year)]

        months = activity_per_month(year=year)
        assert [m["month"] for m in months] == list(range(1, 13))
        for key, records in (("requisitions", world.requisitions), ("advisories", world.advisories),
                             ("events", world.events), ("project_visits", world.visits)):
            counts = Counter(r.day.month for r in of_year(records))
            assert [m[key] for m in months] == [counts[month] for month in range(1, 13)], key


@pytest.mark.django_db
def test_every_seat_counted_in_the_headline_is_listed_in_the_report():
    earlier = ChallengeFactory(work_plan=WorkPlanFactory(year=PAST_YEAR - 1), number=1)
    ChallengeFactory(work_plan=WorkPlanFactory(year=PAST_YEAR), number=1)
    SteeringGroupMembershipFactory(body="Helhedsplan", start=datetime.date(PAST_YEAR - 1, 3, 1), end=None,
                                   challenge=earlier)

    report = status_report(year=PAST_YEAR)

    listed = sum(len(c["steering_groups"]) for c in report["challenges"]) + len(
        report["steering_groups_without_challenge"])
    assert report["headline"]["steering_groups"] == 1
    assert listed == 1
