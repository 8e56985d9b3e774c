"""Time the Excel import: a valid sheet of --rows requisitions (or actors) through the upload, the
preview and the confirmation, as a browser would send them, and the export of the imported list.

    .venv/bin/python bench/import.py [--kind requisitions|actors] [--rows 10000] [--runs 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tfi_bench_import .venv/bin/python bench/import.py

It uses the database named by DATABASE_URL (default: a throw-away SQLite file in /tmp), which it
migrates and empties (manage.py flush) before each run. It prints the median time of each step, the
SQL queries of one run and the peak of Python memory (tracemalloc). Times are not asserted.
"""

import argparse
import io
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/tfi-bench-import.sqlite3")
os.environ.setdefault("SECRET_KEY", "bench-only-key")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tfi.settings")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django_tasks_db.management.commands.db_worker import Worker  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from atlas.kinds import ACTOR  # noqa: E402
from atlas.models import Actor, ActorKind  # noqa: E402
from cases.kinds import REQUISITION  # noqa: E402
from cases.models import Requisition  # noqa: E402
from core import roles  # noqa: E402
from core.models import Area, Challenge, Organisation, WorkPlan  # noqa: E402
from jobs.models import Job  # noqa: E402

STATIC = "django.contrib.staticfiles.storage.StaticFilesStorage"
REQUESTERS = ["Økonomiforvaltningen", "Kultur- og Fritidsforvaltningen", "Børne- og Ungdomsforvaltningen",
              "Sundheds- og Omsorgsforvaltningen", "Socialforvaltningen", "Teknik- og Miljøforvaltningen",
              "Beskæftigelses- og Integrationsforvaltningen"]
AREAS = ["Mjølnerparken", "Haraldsgade", "Lundtoftegade", "Akacieparken", "Sjælør", "Tingbjerg", "Amager"]


def requisitions_workbook(rows: int) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Rekvireringer")
    ws.append([str(column.header) for column in REQUISITION.columns])
    for number in range(rows):
        values = {"title": f"Temamøde {number:05d}", "challenge": str(number % 4 + 1),
                  "requesters": f"{REQUESTERS[number % 7]}; {REQUESTERS[(number + 2) % 7]}",
                  "consultants": "bench", "date_received": f"{number % 28 + 1:02d}.{number % 12 + 1:02d}.2008",
                  "status": "Afsluttet", "date_finished": "28.12.2008", "area": AREAS[number % 7],
                  "participants": number % 200, "description": "Oplæg og dialog om unges uddannelsesvalg",
                  "contact_name": f"Kontakt {number}", "contact_email": f"kontakt{number}@kk.dk"}
        ws.append([values.get(column.key) for column in REQUISITION.columns])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def actors_workbook(rows: int) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Aktører")
    ws.append([str(column.header) for column in ACTOR.columns])
    kinds = [str(label) for _key, label in ActorKind.choices]
    for number in range(rows):
        values = {"name": f"Aktør {number:05d}", "kind": kinds[number % len(kinds)],
                  "areas": f"{AREAS[number % 7]}; {AREAS[(number + 3) % 7]}", "address": f"Gade {number}",
                  "latitude": 55.6 + (number % 1000) / 10000, "longitude": 12.5 + (number % 997) / 10000,
                  "contact_name": f"Kontakt {number}", "contact_email": f"kontakt{number}@example.dk",
                  "target_groups": "Unge", "activities": "Lektiehjælp og fritid", "is_active": "Ja",
                  "last_checked": "01.12.2008"}
        ws.append([values.get(column.key) for column in ACTOR.columns])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


KINDS = {"requisitions": (requisitions_workbook, "rekvireringer", "/rekvireringer/excel/?year=2008", Requisition),
         "actors": (actors_workbook, "aktoerer", "/atlas/aktoerer/excel/", Actor)}


def run_worker() -> None:
    """What is on the queue, run as `manage.py db_worker --batch` runs it (its Worker, in this process)."""
    Worker(queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
           max_tasks=None, worker_id="bench", excluded_queue_names=[]).run()


def run(client, data: bytes, kind: str) -> dict:
    _make, slug, export_url, model = KINDS[kind]
    call_command("flush", interactive=False, verbosity=0)
    roles.roles_sync()
    user = get_user_model().objects.create_user("bench", password="x")
    user.groups.add(Group.objects.get(name=roles.CONSULTANT))
    Area.objects.bulk_create([Area(name=name) for name in AREAS])
    plan = WorkPlan.objects.create(year=2008, total_fte=4)
    Challenge.objects.bulk_create([Challenge(work_plan=plan, number=n, name=f"Udfordring {n}", short_label=f"U{n}")
                                   for n in range(1, 5)])
    Organisation.objects.bulk_create([Organisation(name=name, kind="administration") for name in REQUESTERS])
    client.force_login(user)
    times, queries = {}, {}
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        response = client.post(f"/import/{slug}/", {"file": SimpleUploadedFile(f"{slug}.xlsx", data)})
        times["upload (read and check)"] = time.perf_counter() - start
        assert response.status_code == 302, response
        queries["upload (read and check)"] = len(captured)
        preview_url = response.url
        mark, start = len(captured), time.perf_counter()
        response = client.get(preview_url)
        if response.status_code == 302:  # over PREVIEW_BACKGROUND_ROWS: a worker makes the preview
            run_worker()
            response = client.get(preview_url)
        times["preview"] = time.perf_counter() - start
        assert "Filen er i orden" in response.content.decode(), response.content.decode()[:3000]
        queries["preview"] = len(captured) - mark
        mark, start = len(captured), time.perf_counter()
        response = client.post(preview_url)
        times["confirm (request)"] = time.perf_counter() - start
        assert response.status_code == 302 and "/filer/" in response.url, response
        queries["confirm (request)"] = len(captured) - mark
        # The import itself, as the worker (manage.py db_worker --batch) runs it.
        mark, start = len(captured), time.perf_counter()
        run_worker()
        times["import (worker)"] = time.perf_counter() - start
        queries["import (worker)"] = len(captured) - mark
        assert set(Job.objects.values_list("status", flat=True)) == {Job.Status.DONE}
        mark, start = len(captured), time.perf_counter()
        response = client.get(export_url)
        size = len(b"".join(response.streaming_content))
        times["export"] = time.perf_counter() - start
        queries["export"] = len(captured) - mark
    return {"times": times, "queries": queries, "imported": model.objects.count(), "export_bytes": size}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=KINDS, default="requisitions")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    data = KINDS[args.kind][0](args.rows)
    print(f"{connection.vendor}: {args.rows} {args.kind}, file {len(data) / 1024:.0f} kB, {args.runs} runs")
    results = []
    with override_settings(ALLOWED_HOSTS=["testserver"], SPREADSHEET_MAX_ROWS=max(args.rows, 20_000),
                           STORAGES={"staticfiles": {"BACKEND": STATIC}}):
        client = Client()
        for _ in range(args.runs):
            results.append(run(client, data, args.kind))
        tracemalloc.start()
        run(client, data, args.kind)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert all(result["imported"] == args.rows for result in results)
    print(f"{'step':<26}{'median':>10}{'queries':>10}")
    for step in results[0]["times"]:
        median = statistics.median(result["times"][step] for result in results)
        print(f"{step:<26}{median * 1000:>8.0f} ms{results[0]['queries'][step]:>10}")
    print(f"exported workbook {results[0]['export_bytes'] / 1024:.0f} kB; peak Python memory {peak / 2**20:.0f} MB")


if __name__ == "__main__":
    main()
