"""Time the list pages and the start page against a database filled with synthetic registrations.

    .venv/bin/python bench/lists.py [--rows 20000] [--runs 7]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tfi_bench .venv/bin/python bench/lists.py

It uses the database named by DATABASE_URL (default: a throw-away SQLite file in /tmp), which it
empties and fills; it prints, per page, the median time of several requests and the SQL queries.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/tfi-bench.sqlite3")
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

from cases import roles  # noqa: E402
from cases.choices import OrganisationKind, RequisitionStatus  # noqa: E402
from cases.models import Advisory, Challenge, Organisation, Requisition, WorkPlan  # noqa: E402
from surveys.choices import QuestionKind, QuestionnaireKind  # noqa: E402
from surveys.models import Answer, Invitation, Questionnaire, Response  # noqa: E402
from surveys.services import token_new  # noqa: E402


@transaction.atomic
def fill(rows: int):
    """Half requisitions (two requesters each), half advisories, spread over the years; a
    questionnaire about every second requisition, three in four of them answered."""
    Invitation.objects.all().delete()
    Requisition.objects.all().delete()
    Advisory.objects.all().delete()
    Challenge.objects.all().delete()
    WorkPlan.objects.all().delete()
    consultant, _ = get_user_model().objects.get_or_create(username="bench")
    consultant.groups.add(Group.objects.get(name=roles.CONSULTANT))
    organisations = [Organisation.objects.get_or_create(
        name=f"Bench-organisation {i}",
        defaults={"kind": OrganisationKind.ADMINISTRATION if i < 7 else OrganisationKind.OTHER})[0]
        for i in range(40)]
    years = range(2008, 2018)
    challenges = {}
    for year in years:
        plan = WorkPlan.objects.create(year=year, total_fte=4)
        challenges[year] = [
            Challenge.objects.create(work_plan=plan, number=n, name=f"U{n}", short_label=f"U{n}")
            for n in range(1, 5)]
    per_year = rows // 2 // len(years)
    requisitions, advisories = [], []
    for year in years:
        for i in range(per_year):
            day = date(year, 1, 1) + timedelta(days=i % 360)
            challenge = challenges[year][i % 4]
            requisitions.append(Requisition(
                challenge=challenge, title=f"Rekvirering {year}-{i}", date_received=day,
                status=RequisitionStatus.FINISHED, participants=i % 200, created_by=consultant))
            advisories.append(Advisory(
                challenge=challenge, title=f"Rådgivning {year}-{i}", date=day,
                requester=organisations[i % 40], consultant=consultant, created_by=consultant))
    Requisition.objects.bulk_create(requisitions, batch_size=2000)
    Advisory.objects.bulk_create(advisories, batch_size=2000)
    through = Requisition.requesters.through
    links = []
    for requisition in Requisition.objects.only("id"):
        links += [through(requisition_id=requisition.id,
                          organisation_id=organisations[(requisition.id + k) % 40].id) for k in (0, 1)]
    through.objects.bulk_create(links, batch_size=5000)
    consultants = Requisition.consultants.through
    consultants.objects.bulk_create(
        [consultants(requisition_id=pk, user_id=consultant.id)
         for pk in Requisition.objects.values_list("id", flat=True)], batch_size=5000)
    surveys_fill(consultant, organisations)
    return consultant


def surveys_fill(consultant, organisations):
    questionnaire = Questionnaire.objects.get(kind=QuestionnaireKind.REQUISITION, is_active=True)
    questions = list(questionnaire.questions.all())
    invitations = []
    for pk, received in Requisition.objects.values_list("id", "date_received"):
        if pk % 2:
            continue
        sent = timezone.make_aware(datetime.combine(received, datetime.min.time())) + timedelta(days=30)
        invitations.append(Invitation(
            questionnaire=questionnaire, requisition_id=pk, requester=organisations[pk % 40],
            contact_email=f"kontakt{pk}@example.org", token=token_new(), sent_by=consultant, sent_at=sent,
            expires_at=sent + timedelta(days=60)))
    Invitation.objects.bulk_create(invitations, batch_size=2000)
    answered = [i for n, i in enumerate(Invitation.objects.only("id", "sent_at")) if n % 4]
    Response.objects.bulk_create([Response(invitation=i, channel="email", submitted_at=i.sent_at)
                                  for i in answered], batch_size=2000)
    answers = []
    for n, response in enumerate(Response.objects.only("id")):
        for question in questions:
            if question.kind == QuestionKind.SCALE:
                answers.append(Answer(response=response, question=question, scale=4 - n % 3))
            elif question.kind == QuestionKind.YES_NO:
                answers.append(Answer(response=response, question=question, yes_no=bool(n % 5)))
            elif n % 5 == 0:
                answers.append(Answer(response=response, question=question, text=f"Kommentar {n}"))
    Answer.objects.bulk_create(answers, batch_size=5000)


def measure(client, path: str, runs: int):
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(path)
            timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(timings) * 1000, len(queries)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20_000, help="registrations in all (default 20000)")
    parser.add_argument("--runs", type=int, default=7, help="requests per page; the median is printed")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    consultant = fill(args.rows)
    print(f"database: {connection.vendor}; {Requisition.objects.count()} requisitions, "
          f"{Advisory.objects.count()} advisories, {Invitation.objects.count()} questionnaires sent, "
          f"{Response.objects.count()} answered; filled in {time.perf_counter() - start:.1f} s")
    token = Invitation.objects.filter(response__isnull=True).order_by("-sent_at").values_list("token", flat=True)[0]
    Invitation.objects.filter(token=token).update(expires_at=timezone.now() + timedelta(days=60))
    client = Client()
    client.force_login(consultant)
    pages = [
        ("start page", "/"),
        ("requisitions, default year", "/rekvireringer/"),
        ("requisitions, all years, page 20", "/rekvireringer/?year=&page=20"),
        ("requisitions, text search", "/rekvireringer/?year=&q=Bench-organisation%203"),
        ("requisitions, sorted by title", "/rekvireringer/?year=2012&o=-title"),
        ("advisories, default year", "/raadgivninger/"),
        ("advisories, all years, scope outside", "/raadgivninger/?year=&scope=outside"),
        ("survey results, one year", "/tilfredshed/?year=2012"),
        ("questionnaires sent, default year", "/tilfredshed/udsendelser/"),
        ("questionnaires sent, all years, answered", "/tilfredshed/udsendelser/?year=&state=answered"),
    ]
    print(f"{'page':40} {'median ms':>10} {'queries':>8}")
    with override_settings(ALLOWED_HOSTS=["testserver"], STORAGES={"staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}):
        for name, path in pages:
            ms, queries = measure(client, path, args.runs)
            print(f"{name:40} {ms:10.1f} {queries:8d}")
        ms, queries = measure(Client(), f"/svar/{token}/", args.runs)
        print(f"{'survey answer page (no login)':40} {ms:10.1f} {queries:8d}")


if __name__ == "__main__":
    main()
