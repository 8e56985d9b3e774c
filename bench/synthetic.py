"""Synthetic registrations for the benchmarks: bench/limits.py, bench/lists.py, bench/report.py,
bench/growth.py and the load test (bench/load/).

Importing this module sets Django up against DATABASE_URL (a script sets its own default first), with
the settings a benchmark needs on plain HTTP and without a second factor; then `empty_database()` and
`fill()` make the data. Nothing here is used by the register itself.
"""

import os
import sys
import warnings
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/tfi-bench.sqlite3")
os.environ.setdefault("SECRET_KEY", "bench-only-key")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tfi.settings")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# Management logs in with a password only: the benchmarks measure pages, not the authenticator app.
os.environ.setdefault("OTP_REQUIRED_FOR_MANAGEMENT", "0")

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from cases.choices import DeliverableStatus, EventKind, EventRole, RequisitionStatus, SteeringRole  # noqa: E402
from cases.models import Advisory, Deliverable, Event, Requisition, SteeringGroupMembership  # noqa: E402
from core import roles  # noqa: E402
from core.choices import OrganisationKind  # noqa: E402
from core.models import Area, Challenge, Organisation, WorkPlan  # noqa: E402
from projects.models import Project, ProjectVisit  # noqa: E402
from reports.models import AnnualReport  # noqa: E402
from surveys.choices import QuestionKind, QuestionnaireKind  # noqa: E402
from surveys.models import Answer, Invitation, Question, Questionnaire, Response  # noqa: E402
from surveys.questionnaires import questionnaires_2008_create  # noqa: E402
from surveys.services import token_new  # noqa: E402

FIRST_YEAR = 2008
# How the registrations are shared out between the kinds (per year).
SHARES = {"requisitions": 0.30, "advisories": 0.30, "events": 0.15, "deliverables": 0.05, "project_visits": 0.15,
          "steering_groups": 0.05}
TEXT = ("Et længere stykke beskrivende tekst om opgaven, som konsulenten har skrevet i registret, så rapporten "
        "får realistiske afsnit at sætte op. ")
BATCH = 2000
CONSULTANTS = 8
MANAGERS = 2
# The users' password (the load test logs in with it); never a real one.
PASSWORD = "bench-password-1"


def empty_database():
    """Everything goes (TRUNCATE on PostgreSQL); migrate's post_migrate hooks put back content types,
    permissions and the roles' groups, and the 2008 questionnaires are made again."""
    call_command("flush", interactive=False, verbosity=0)
    questionnaires_2008_create(Questionnaire, Question)


def day_in(year: int, n: int) -> date:
    return date(year, 1, 1) + timedelta(days=n % 365)


def users_create() -> dict:
    """Consultants `bench0`.. and managers `bench-leder`, `bench-leder1`.., all with PASSWORD (hashed once:
    Argon2 takes a tenth of a second a time)."""
    user_model = get_user_model()
    password = make_password(PASSWORD)
    consultants = [user_model.objects.create(username=f"bench{i}", first_name=f"Konsulent{i}", last_name="Bench",
                                             password=password) for i in range(CONSULTANTS)]
    consultant_group = Group.objects.get(name=roles.CONSULTANT)
    for consultant in consultants:
        consultant.groups.add(consultant_group)
    managers = [user_model.objects.create(username="bench-leder" + (str(i) if i else ""), password=password)
                for i in range(MANAGERS)]
    for manager in managers:
        manager.groups.add(Group.objects.get(name=roles.MANAGEMENT))
    return {"consultants": consultants, "manager": managers[0], "managers": managers}


@transaction.atomic
def fill(*, years: list[int], rows: int, shares: dict | None = None) -> dict:
    """`rows` registrations spread evenly over `years` and over the kinds by `shares` (default SHARES):
    requisitions with two requesters and a consultant each, advisories, events (a third held for a
    requisition of the year), deliverables (each replaced one by the next), project visits and
    steering-group seats of up to four years; questionnaires about every fourth requisition and every
    tenth advisory, three in four answered. One year at a time, so that memory stays flat for a million."""
    shares = shares or SHARES
    made = users_create()
    consultants = made["consultants"]
    organisations = Organisation.objects.bulk_create([
        Organisation(name=f"Bench-organisation {i:02d}", short_name=f"BO{i}",
                     kind=OrganisationKind.ADMINISTRATION if i < 7 else OrganisationKind.ASSOCIATION)
        for i in range(40)])
    areas = Area.objects.bulk_create([Area(name=f"Bench-område {i}", district="Nørrebro") for i in range(12)])
    projects = Project.objects.bulk_create([
        Project(name=f"Bench-projekt {i}", organisation=organisations[i % 40], area=areas[i % 12])
        for i in range(300)])

    per_year = {kind: int(rows * shares.get(kind, 0)) // len(years) for kind in SHARES}
    today = timezone.localdate()
    for year in years:
        plan = WorkPlan.objects.create(
            year=year, total_fte=4, purpose="Formålet med TFI's arbejde i {aar}.",
            target_groups="Forvaltningerne\nBoligsociale indsatser\nForeninger")
        four = Challenge.objects.bulk_create([
            Challenge(work_plan=plan, number=n, name=f"Udfordring {n}", short_label=f"U{n}",
                      lead_in="I {aar} modtog TFI {rekvireringer} rekvireringer.",
                      conclusions="Konklusion et\nKonklusion to") for n in range(1, 5)])
        AnnualReport.objects.create(
            work_plan=plan, introduction="TFI har i {aar} løst {rekvireringer} rekvireringer og givet "
            "{raadgivninger} rådgivninger.", closing="{tilfredse} af {besvarelser} var tilfredse.")
        _fill_year(year, four, per_year, consultants, organisations, areas, projects, today)

    _surveys_fill(consultants[0], organisations)
    return {**made, "organisations": organisations}


def _fill_year(year, four, per_year, consultants, organisations, areas, projects, today):
    requisitions = []
    for i in range(per_year["requisitions"]):
        received = day_in(year, i * 7)
        finished = i % 3 != 0
        requisitions.append(Requisition(
            challenge=four[i % 4], title=f"Rekvirering {year}-{i}", description=TEXT, date_received=received,
            date_finished=min(received + timedelta(days=30), date(year, 12, 31)) if finished else None,
            status=RequisitionStatus.FINISHED if finished else RequisitionStatus.IN_PROGRESS,
            participants=None if i % 5 == 0 else 10 + i % 190, participants_approximate=i % 7 == 0,
            area=areas[i % 12], hours=i % 40, created_by=consultants[i % len(consultants)]))
    requisitions = Requisition.objects.bulk_create(requisitions, batch_size=BATCH)  # ids set on PostgreSQL
    requisition_ids = [r.pk for r in requisitions] if requisitions and requisitions[0].pk else list(
        Requisition.objects.for_year(year).order_by("pk").values_list("pk", flat=True))
    through = Requisition.requesters.through
    through.objects.bulk_create([
        through(requisition_id=pk, organisation_id=organisations[(pk + k * 13) % 40].id)
        for pk in requisition_ids for k in (0, 1)], batch_size=5 * BATCH)
    by_consultant = Requisition.consultants.through
    by_consultant.objects.bulk_create([
        by_consultant(requisition_id=pk, user_id=consultants[pk % len(consultants)].id)
        for pk in requisition_ids], batch_size=5 * BATCH)

    Advisory.objects.bulk_create([
        Advisory(challenge=four[i % 4], title=f"Rådgivning {year}-{i}", description=TEXT, date=day_in(year, i * 5),
                 requester=organisations[i % 40], consultant=consultants[i % len(consultants)],
                 created_by=consultants[i % len(consultants)], is_report_example=i % 50 == 0, area=areas[i % 12],
                 hours=i % 6)
        for i in range(per_year["advisories"])], batch_size=BATCH)
    deliverables = Deliverable.objects.bulk_create([
        Deliverable(challenge=four[i % 4], title=f"Leverance {year}-{i}", description=TEXT, outcome=TEXT,
                    status=list(DeliverableStatus)[i % 4], is_promised=i % 5 != 0,
                    created_by=consultants[i % len(consultants)])
        for i in range(per_year["deliverables"])], batch_size=BATCH)
    ProjectVisit.objects.bulk_create([
        ProjectVisit(project=projects[i % 300], date=day_in(year, i * 3), consultant=consultants[i % len(consultants)],
                     challenge=four[i % 4] if i % 3 else None, what_works=TEXT, advice=TEXT,
                     is_good_practice=i % 10 == 0, hours=3, created_by=consultants[i % len(consultants)])
        for i in range(per_year["project_visits"])], batch_size=BATCH)
    seats = []
    for i in range(per_year["steering_groups"]):
        length = i % 4  # 0: ends the year it began; 3: still held
        seats.append(SteeringGroupMembership(
            body=f"Styregruppe {year}-{i}", area=areas[i % 12], challenge=four[i % 4] if i % 2 else None,
            role=list(SteeringRole)[i % 3], consultant=consultants[i % len(consultants)], start=day_in(year, i * 11),
            end=None if length == 3 else date(year + length, 6, 30), hours=10,
            created_by=consultants[i % len(consultants)]))
    SteeringGroupMembership.objects.bulk_create(seats, batch_size=BATCH)

    # Events: a third held for a requisition of the year (carrying its participants), the rest on their own.
    events = []
    for i in range(per_year["events"]):
        day = day_in(year, i * 13)
        held = day <= today
        requisition = requisition_ids[(i * 3) % len(requisition_ids)] if i % 3 == 0 and requisition_ids else None
        events.append(Event(
            challenge=four[i % 4], title=f"Arrangement {year}-{i}", description=TEXT,
            kind=list(EventKind)[i % len(EventKind)], role=list(EventRole)[i % 2], date=day, place="Bench-hus",
            area=areas[i % 12], consultant=consultants[i % len(consultants)],
            created_by=consultants[i % len(consultants)], requisition_id=requisition,
            participants=(20 + i % 300) if held and i % 4 else None, participants_expected=50 + i % 100,
            participants_approximate=i % 6 == 0, hours=5))
    Event.objects.bulk_create(events, batch_size=BATCH)
    # The requisitions held as events count through them (one place for the figure, as the forms demand).
    Requisition.objects.for_year(year).filter(events__participants__isnull=False).update(participants=None)

    if deliverables and deliverables[0].pk:
        ids = {d.pk for d in deliverables}
        replaced = Deliverable.replaced_by.through
        replaced.objects.bulk_create([  # each replaced deliverable by the next one (the statuses go round)
            replaced(from_deliverable_id=d.pk, to_deliverable_id=d.pk + 1)
            for d in deliverables if d.status == DeliverableStatus.REPLACED and d.pk + 1 in ids],
            batch_size=5 * BATCH)


def _surveys_fill(consultant, organisations):
    """A questionnaire about every fourth requisition and every tenth advisory; three in four answered."""
    questionnaires = {kind: Questionnaire.objects.get(kind=kind, is_active=True) for kind in QuestionnaireKind}
    questions = {kind: list(q.questions.all()) for kind, q in questionnaires.items()}
    invitations = []

    def invite(kind, field, pk, day, requester_id):
        sent = timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(days=20)
        invitations.append(Invitation(
            questionnaire=questionnaires[kind], requester_id=requester_id, contact_email=f"kontakt{pk}@example.org",
            token=token_new(), sent_by=consultant, sent_at=sent, mailed_at=sent, expires_at=sent + timedelta(days=60),
            **{f"{field}_id": pk}))

    for pk, received in Requisition.objects.values_list("id", "date_received"):
        if pk % 4 == 0:
            invite(QuestionnaireKind.REQUISITION, "requisition", pk, received, organisations[pk % 40].id)
    for pk, day, requester_id in Advisory.objects.values_list("id", "date", "requester_id"):
        if pk % 10 == 0:
            invite(QuestionnaireKind.ADVISORY, "advisory", pk, day, requester_id)
    Invitation.objects.bulk_create(invitations, batch_size=BATCH)
    answered = [i for n, i in enumerate(Invitation.objects.only("id", "sent_at", "questionnaire_id")) if n % 4]
    Response.objects.bulk_create([Response(invitation=i, channel="email", submitted_at=i.sent_at + timedelta(days=2))
                                  for i in answered], batch_size=BATCH)
    kind_of = {q.pk: kind for kind, q in questionnaires.items()}
    answers = []
    for n, (response_id, questionnaire_id) in enumerate(
            Response.objects.values_list("id", "invitation__questionnaire_id")):
        for question in questions[kind_of[questionnaire_id]]:
            if question.kind == QuestionKind.SCALE:
                answers.append(Answer(response_id=response_id, question=question, scale=4 - n % 4))
            elif question.kind == QuestionKind.YES_NO:
                answers.append(Answer(response_id=response_id, question=question, yes_no=bool(n % 5)))
            elif n % 5 == 0:
                answers.append(Answer(response_id=response_id, question=question, text=f"Kommentar {n}",
                                      is_report_quote=n % 100 == 0))
    Answer.objects.bulk_create(answers, batch_size=5 * BATCH)


def counts() -> dict:
    """How many of each kind of registration there are, and of the survey's rows."""
    kinds = {"requisitions": Requisition, "advisories": Advisory, "events": Event, "deliverables": Deliverable,
             "project visits": ProjectVisit, "steering seats": SteeringGroupMembership}
    result = {name: model.objects.count() for name, model in kinds.items()}
    result["registrations"] = sum(result.values())
    result.update({"requester links": Requisition.requesters.through.objects.count(),
                   "questionnaires sent": Invitation.objects.count(), "answered": Response.objects.count(),
                   "answers": Answer.objects.count()})
    return result


def analyse():
    """Fresh planner statistics and visibility maps after a bulk fill, as autovacuum would leave them a
    while later (PostgreSQL; outside a transaction)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
