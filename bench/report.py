"""Time the management dashboard, the annual report page and its Word and Excel files against a
database filled with synthetic years.

    .venv/bin/python bench/report.py [--years 10] [--rows 100000] [--runs 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tfi_bench2 .venv/bin/python bench/report.py

It uses the database named by DATABASE_URL (default: a throw-away SQLite file in /tmp), which it
empties (manage.py flush) and fills with --rows registrations spread evenly over --years years:
requisitions, advisories, events, deliverables, project visits and steering-group seats, plus survey
questionnaires about some of the requisitions and advisories, most of them answered. For the year in
the middle it prints, per page or file, the median time of --runs requests through the Django test
client (logged in as a management user; the files through their download URLs), each made afresh (the
reports cache emptied before each request: the year is finished, so it would otherwise be read from the
cache; bench/limits.py measures both), the SQL queries of one request, the size of the response, and the
peak of Python memory during one more request (tracemalloc; memory allocated inside C libraries such as lxml
is not seen). Times are not asserted.
"""

import argparse
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/tfi-bench-report.sqlite3")

import synthetic  # noqa: E402  (sets Django up)
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from cases.models import (  # noqa: E402
    Advisory,
    Deliverable,
    Event,
    Requisition,
    SteeringGroupMembership,
)
from projects.models import ProjectVisit  # noqa: E402
from surveys.models import Invitation  # noqa: E402


def get(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response


def measure(client, paths: list[str], runs: int) -> dict:
    """Median time of `runs` requests (of all the paths in turn), queries and size of one, and
    the peak of Python memory during one more."""
    timings = []
    for _ in range(runs):
        caches["reports"].clear()  # made, not read from the cache: the year is finished (reports/caching.py)
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            size = sum(len(get(client, path).content) for path in paths)
            timings.append(time.perf_counter() - start)
        count = len(queries)  # read now: the log is cleared when the next request starts
    caches["reports"].clear()
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
    years = list(range(synthetic.FIRST_YEAR, synthetic.FIRST_YEAR + args.years))
    year = years[len(years) // 2]
    start = time.perf_counter()
    synthetic.empty_database()
    made = synthetic.fill(years=years, rows=args.rows)
    synthetic.analyse()
    filled = time.perf_counter() - start

    print(f"database: {connection.vendor}; {len(years)} years ({years[0]}-{years[-1]}), filled in {filled:.1f} s")
    n = synthetic.counts()
    print(f"rows: {n['registrations']} registrations: " + ", ".join(
        f"{n[name]} {name}" for name in ("requisitions", "advisories", "events", "deliverables", "project visits",
                                         "steering seats"))
          + f"; {n['requester links']} requester links; {n['questionnaires sent']} questionnaires sent, "
          f"{n['answered']} answered, {n['answers']} answers")
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
    with override_settings(ALLOWED_HOSTS=["testserver"], REPORT_BACKGROUND_ROWS=10**9, STORAGES={"staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}):
        for name, paths in pages:
            figures = measure(client, paths, args.runs)
            print(f"{name:32} {figures['ms']:10.1f} {figures['queries']:8d} {figures['kb']:9.0f} "
                  f"{figures['mb']:8.1f}", flush=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    print(f"peak resident memory of the whole process (fill included, C libraries too): {rss:.0f} MB")


if __name__ == "__main__":
    main()
