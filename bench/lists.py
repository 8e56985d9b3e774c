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
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/tfi-bench.sqlite3")

import synthetic  # noqa: E402  (sets Django up)
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from cases.models import Advisory, Requisition  # noqa: E402
from surveys.models import Invitation, Response  # noqa: E402

# Half requisitions, half advisories.
SHARES = {"requisitions": 0.5, "advisories": 0.5}


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
    synthetic.empty_database()
    consultant = synthetic.fill(years=list(range(synthetic.FIRST_YEAR, synthetic.FIRST_YEAR + 10)), rows=args.rows,
                                shares=SHARES)["consultants"][0]
    synthetic.analyse()
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
