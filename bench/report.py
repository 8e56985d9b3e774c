"""Time the management dashboard, the annual report page and its Word and Excel files against a
database filled with synthetic years.

    .venv/bin/python bench/report.py [--years 10] [--rows 100000] [--runs 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tfi_bench2 .venv/bin/python bench/report.py

It uses the database named by DATABASE_URL (default: a throw-away SQLite file in /tmp), which it
empties (manage.py flush) and fills with --rows registrations spread evenly over --years years:
requisitions, advisories, events, deliverables, project visits and steering-group seats, plus survey
questionnaires about some of the requisitions and advisories, most of them answered. For the year in
the middle it prints, per page or file, the median time of --runs requests through the Django test
client (logged in as a management user; the files through their download URLs), the SQL queries of
one request, the size of the response, and the peak of Python memory during one more request
(tracemalloc; memory allocated inside C libraries such as lxml is not seen). Times are not asserted.
"""

import argparse
import os
import resource
import statistics
import sys
import time
import tracemalloc
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/tfi-bench-report.sqlite3")
os.environ.setdefault("SECRET_KEY", "bench-only-key")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tfi.settings")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from atlas.models import Area  # noqa: E402
from cases import roles  # noqa: E402
from cases.choices import (  # noqa: E402
    DeliverableStatus,
    EventKind,
    EventRole,
    OrganisationKind,
    RequisitionStatus,
    SteeringRole,
)
from cases.models import (  # noqa: E402
    Advisory,
    Challenge,
    Deliverable,
    Event,
    Organisation,
    Requisition,
    SteeringGroupMembership,
    WorkPlan,
)
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


def empty_database():
    """Everything goes (TRUNCATE on PostgreSQL); migrate's post_migrate hooks put back content types,
    permissions and the roles' groups, and the 2008 questionnaires are made again."""
    call_command("flush", interactive=False, verbosity=0)
    questionnaires_2008_create(Questionnaire, Question)


def day_in(year: int, n: int) -> date:
    return date(year, 1, 1) + timedelta(days=n % 365)


@transaction.atomic
def fill(*, years: list[int], rows: int) -> dict:
    user_model = get_user_model()
    consultants = [user_model.objects.create(username=f"bench{i}", first_name=f"Konsulent{i}", last_name="Bench")
                   for i in range(8)]
    for consultant in consultants:
        consultant.groups.add(Group.objects.get(name=roles.CONSULTANT))
    manager = user_model.objects.create(username="bench-leder")
    manager.groups.add(Group.objects.get(name=roles.MANAGEMENT))
    organisations = Organisation.objects.bulk_create([
        Organisation(name=f"Bench-organisation {i:02d}", short_name=f"BO{i}",
                     kind=OrganisationKind.ADMINISTRATION if i < 7 else OrganisationKind.ASSOCIATION)
        for i in range(40)])
    areas = Area.objects.bulk_create([Area(name=f"Bench-område {i}", district="Nørrebro") for i in range(12)])
    projects = Project.objects.bulk_create([
        Project(name=f"Bench-projekt {i}", organisation=organisations[i % 40], area=areas[i % 12])
        for i in range(300)])

    challenges = {}
    for year in years:
        plan = WorkPlan.objects.create(
            year=year, total_fte=4, purpose="Formålet med TFI's arbejde i {aar}.",
            target_groups="Forvaltningerne\nBoligsociale indsatser\nForeninger")
        challenges[year] = Challenge.objects.bulk_create([
            Challenge(work_plan=plan, number=n, name=f"Udfordring {n}", short_label=f"U{n}",
                      lead_in="I {aar} modtog TFI {rekvireringer} rekvireringer.",
                      conclusions="Konklusion et\nKonklusion to") for n in range(1, 5)])
        AnnualReport.objects.create(
            work_plan=plan, introduction="TFI har i {aar} løst {rekvireringer} rekvireringer og givet "
            "{raadgivninger} rådgivninger.", closing="{tilfredse} af {besvarelser} var tilfredse.")

    per_year = {kind: int(rows * share) // len(years) for kind, share in SHARES.items()}
    requisitions, advisories, deliverables, visits, seats = [], [], [], [], []
    for year in years:
        four = challenges[year]
        for i in range(per_year["requisitions"]):
            received = day_in(year, i * 7)
            finished = i % 3 != 0
            requisitions.append(Requisition(
                challenge=four[i % 4], title=f"Rekvirering {year}-{i}", description=TEXT, date_received=received,
                date_finished=min(received + timedelta(days=30), date(year, 12, 31)) if finished else None,
                status=RequisitionStatus.FINISHED if finished else RequisitionStatus.IN_PROGRESS,
                participants=None if i % 5 == 0 else 10 + i % 190, participants_approximate=i % 7 == 0,
                area=areas[i % 12], hours=i % 40, created_by=consultants[i % 8]))
        for i in range(per_year["advisories"]):
            advisories.append(Advisory(
                challenge=four[i % 4], title=f"Rådgivning {year}-{i}", description=TEXT, date=day_in(year, i * 5),
                requester=organisations[i % 40], consultant=consultants[i % 8], created_by=consultants[i % 8],
                is_report_example=i % 50 == 0, area=areas[i % 12], hours=i % 6))
        for i in range(per_year["deliverables"]):
            deliverables.append(Deliverable(
                challenge=four[i % 4], title=f"Leverance {year}-{i}", description=TEXT, outcome=TEXT,
                status=list(DeliverableStatus)[i % 4], is_promised=i % 5 != 0, created_by=consultants[i % 8]))
        for i in range(per_year["project_visits"]):
            visits.append(ProjectVisit(
                project=projects[i % 300], date=day_in(year, i * 3), consultant=consultants[i % 8],
                challenge=four[i % 4] if i % 3 else None, what_works=TEXT, advice=TEXT,
                is_good_practice=i % 10 == 0, hours=3, created_by=consultants[i % 8]))
        for i in range(per_year["steering_groups"]):
            start = day_in(year, i * 11)
            length = i % 4  # 0: ends the year it began; 3: still held
            seats.append(SteeringGroupMembership(
                body=f"Styregruppe {year}-{i}", area=areas[i % 12], challenge=four[i % 4] if i % 2 else None,
                role=list(SteeringRole)[i % 3], consultant=consultants[i % 8], start=start,
                end=None if length == 3 else date(year + length, 6, 30), hours=10, created_by=consultants[i % 8]))
    Requisition.objects.bulk_create(requisitions, batch_size=BATCH)
    Advisory.objects.bulk_create(advisories, batch_size=BATCH)
    Deliverable.objects.bulk_create(deliverables, batch_size=BATCH)
    ProjectVisit.objects.bulk_create(visits, batch_size=BATCH)
    SteeringGroupMembership.objects.bulk_create(seats, batch_size=BATCH)

    through = Requisition.requesters.through
    through.objects.bulk_create([
        through(requisition_id=pk, organisation_id=organisations[(pk + k * 13) % 40].id)
        for pk in Requisition.objects.values_list("id", flat=True) for k in (0, 1)], batch_size=5 * BATCH)
    by_consultant = Requisition.consultants.through
    by_consultant.objects.bulk_create([
        by_consultant(requisition_id=pk, user_id=consultants[pk % 8].id)
        for pk in Requisition.objects.values_list("id", flat=True)], batch_size=5 * BATCH)

    # Events: a third held for a requisition of the year (carrying its participants), the rest on their own.
    events = []
    requisition_ids = {}
    for pk, year in Requisition.objects.values_list("id", "challenge__work_plan__year"):
        requisition_ids.setdefault(year, []).append(pk)
    today = timezone.localdate()
    for year in years:
        for i in range(per_year["events"]):
            day = day_in(year, i * 13)
            held = day <= today
            requisition = requisition_ids[year][(i * 3) % len(requisition_ids[year])] if i % 3 == 0 else None
            events.append(Event(
                challenge=challenges[year][i % 4], title=f"Arrangement {year}-{i}", description=TEXT,
                kind=list(EventKind)[i % len(EventKind)], role=list(EventRole)[i % 2], date=day, place="Bench-hus",
                area=areas[i % 12], consultant=consultants[i % 8], created_by=consultants[i % 8],
                requisition_id=requisition, participants=(20 + i % 300) if held and i % 4 else None,
                participants_expected=50 + i % 100, participants_approximate=i % 6 == 0, hours=5))
    Event.objects.bulk_create(events, batch_size=BATCH)
    # The requisitions held as events count through them (one place for the figure, as the forms demand).
    Requisition.objects.filter(events__participants__isnull=False).update(participants=None)

    replaced = Deliverable.replaced_by.through
    ids = set(Deliverable.objects.values_list("id", flat=True))
    replaced.objects.bulk_create([  # each replaced deliverable by the next one (the statuses go round)
        replaced(from_deliverable_id=pk, to_deliverable_id=pk + 1)
        for pk in Deliverable.objects.filter(status=DeliverableStatus.REPLACED).values_list("id", flat=True)
        if pk + 1 in ids], batch_size=5 * BATCH)

    surveys_fill(consultants[0], organisations)
    return {"manager": manager}


def surveys_fill(consultant, organisations):
    """A questionnaire about every fourth requisition and every tenth advisory; three in four answered."""
    questionnaires = {kind: Questionnaire.objects.get(kind=kind, is_active=True) for kind in QuestionnaireKind}
    questions = {kind: list(q.questions.all()) for kind, q in questionnaires.items()}
    invitations = []

    def invite(kind, field, pk, day, requester_id):
        sent = timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(days=20)
        invitations.append(Invitation(
            questionnaire=questionnaires[kind], requester_id=requester_id, contact_email=f"kontakt{pk}@example.org",
            token=token_new(), sent_by=consultant, sent_at=sent, expires_at=sent + timedelta(days=60),
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


def get(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response


def measure(client, paths: list[str], runs: int) -> dict:
    """Median time of `runs` requests (of all the paths in turn), queries and size of one, and
    the peak of Python memory during one more."""
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            size = sum(len(get(client, path).content) for path in paths)
            timings.append(time.perf_counter() - start)
        count = len(queries)  # read now: the log is cleared when the next request starts
    tracemalloc.start()
    for path in paths:
        get(client, path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"ms": statistics.median(timings) * 1000, "queries": count, "kb": size / 1024,
            "mb": peak / 2**20}


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--years", type=int, default=10, help="years of registrations (default 10, from 2008)")
    parser.add_argument("--rows", type=int, default=100_000, help="registrations in all (default 100000)")
    parser.add_argument("--runs", type=int, default=5, help="requests per page or file; the median is printed")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    years = list(range(FIRST_YEAR, FIRST_YEAR + args.years))
    year = years[len(years) // 2]
    start = time.perf_counter()
    empty_database()
    made = fill(years=years, rows=args.rows)
    filled = time.perf_counter() - start

    print(f"database: {connection.vendor}; {len(years)} years ({years[0]}-{years[-1]}), filled in {filled:.1f} s")
    counted = [("requisitions", Requisition), ("advisories", Advisory), ("events", Event),
               ("deliverables", Deliverable), ("project visits", ProjectVisit),
               ("steering seats", SteeringGroupMembership)]
    total = sum(model.objects.count() for _, model in counted)
    print(f"rows: {total} registrations: " + ", ".join(f"{model.objects.count()} {name}" for name, model in counted)
          + f"; {Requisition.requesters.through.objects.count()} requester links; "
          f"{Invitation.objects.count()} questionnaires sent, {Response.objects.count()} answered, "
          f"{Answer.objects.count()} answers")
    in_year = [("requisitions", Requisition.objects.for_year(year)), ("advisories", Advisory.objects.for_year(year)),
               ("events", Event.objects.for_year(year)), ("deliverables", Deliverable.objects.for_year(year)),
               ("project visits", ProjectVisit.objects.for_year(year)),
               ("steering seats", SteeringGroupMembership.objects.for_year(year)),
               ("questionnaires", Invitation.objects.for_year(year))]
    print(f"measured year {year}: " + ", ".join(f"{qs.count()} {name}" for name, qs in in_year))

    client = Client()
    client.force_login(made["manager"])
    charts = [f"/ledelse/{year}/diagram/{name}.svg" for name in ("udfordringer", "maaneder", "deltagere",
                                                                  "tilfredshed")]
    pages = [
        ("dashboard /ledelse/?year=", [f"/ledelse/?year={year}"]),
        ("dashboard charts, 4 SVG", charts),
        ("report page /rapport/<year>/", [f"/rapport/{year}/"]),
        ("Word, statusrapport.docx", [f"/rapport/{year}/statusrapport.docx"]),
        ("Excel, statusrapport.xlsx", [f"/rapport/{year}/statusrapport.xlsx"]),
    ]
    print(f"{'page or file (download URL)':32} {'median ms':>10} {'queries':>8} {'size KB':>9} {'peak MB':>8}")
    with override_settings(ALLOWED_HOSTS=["testserver"], STORAGES={"staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}):
        for name, paths in pages:
            figures = measure(client, paths, args.runs)
            print(f"{name:32} {figures['ms']:10.1f} {figures['queries']:8d} {figures['kb']:9.0f} "
                  f"{figures['mb']:8.1f}", flush=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    print(f"peak resident memory of the whole process (fill included, C libraries too): {rss:.0f} MB")


if __name__ == "__main__":
    main()
