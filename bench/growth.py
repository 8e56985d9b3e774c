"""How the dashboard, the annual report, the lists and the start page grow with the data.

    createdb -h 127.0.0.1 -U postgres tfi_growth
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tfi_growth .venv/bin/python bench/growth.py \
        [--sizes 10000,100000,1000000] [--runs 5]

For each size it empties the database named by DATABASE_URL, fills it with that many synthetic
registrations (bench/synthetic.py: ten years 2008-2017, a tenth of the rows in each), runs VACUUM
ANALYZE, and requests each page through the Django test client: the median time of --runs requests and
the SQL queries of one. The dashboard and the report are of 2013, a finished year, measured twice:
"made" with the cache emptied before every request (as after a change to the year's registrations,
and as the current year's once a minute), and "cached" (reports/caching.py). The lists open on their
default year (2017) or all ten years. The Word and Excel reports and a year's list export are made in the
request (REPORT_BACKGROUND_ROWS and EXPORT_BACKGROUND_ROWS raised: the site hands a large one to a worker).
bench/limits.py sets each against its limit. Times are never asserted; the last column says how much the page
grew from the first size to the last, against how much the data grew.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    sys.exit("Set DATABASE_URL to a PostgreSQL database of its own: it is emptied and filled.")

import synthetic  # noqa: E402  (sets Django up)
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

YEAR = 2013
PAGES = [
    # (name, path, who, empty the cache before each request)
    ("dashboard /ledelse/, made", f"/ledelse/?year={YEAR}", "manager", True),
    ("dashboard /ledelse/, cached", f"/ledelse/?year={YEAR}", "manager", False),
    ("dashboard, 4 charts, made", [f"/ledelse/{YEAR}/diagram/{name}.svg" for name in (
        "udfordringer", "maaneder", "deltagere", "tilfredshed")], "manager", True),
    ("report /rapport/<year>/, made", f"/rapport/{YEAR}/", "manager", True),
    ("report /rapport/<year>/, cached", f"/rapport/{YEAR}/", "manager", False),
    ("Word report, made", f"/rapport/{YEAR}/statusrapport.docx", "manager", True),
    ("Word report, cached", f"/rapport/{YEAR}/statusrapport.docx", "manager", False),
    ("Excel report, made", f"/rapport/{YEAR}/statusrapport.xlsx", "manager", True),
    ("Excel report, cached", f"/rapport/{YEAR}/statusrapport.xlsx", "manager", False),
    ("requisitions of a year to Excel", f"/rekvireringer/excel/?year={YEAR}", "consultant", False),
    ("start page", "/", "consultant", False),
    ("requisitions, default year", "/rekvireringer/", "consultant", False),
    ("requisitions, default year, oldest first", "/rekvireringer/?o=date", "consultant", False),
    ("requisitions, all years, page 20", "/rekvireringer/?year=&page=20", "consultant", False),
    ("requisitions, all years, by title", "/rekvireringer/?year=&o=-title", "consultant", False),
    ("requisitions, search a title", "/rekvireringer/?year=&q=Rekvirering%202013-12", "consultant", False),
    ("requisitions, search a common word", "/rekvireringer/?year=&q=tekst", "consultant", False),
    ("requisitions, search words in other forms", "/rekvireringer/?year=&q=konsulenterne%20registrerer",
     "consultant", False),
    ("requisitions, search a requester", "/rekvireringer/?year=&q=Bench-organisation%2003", "consultant", False),
    ("advisories, default year", "/raadgivninger/", "consultant", False),
    ("advisories, all years, scope outside", "/raadgivninger/?year=&scope=outside", "consultant", False),
]


def measure(client: Client, paths: list[str], runs: int, cold: bool) -> tuple[float, int]:
    for path in paths:  # once to warm up (and to fill the cache for the cached rows)
        assert client.get(path).status_code == 200, path
    timings = []
    for _ in range(runs):
        if cold:
            caches["reports"].clear()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            for path in paths:
                response = client.get(path)
                assert response.status_code == 200, (path, response.status_code)
                b"".join(response) if response.streaming else response.content
            timings.append(time.perf_counter() - start)
        count = len(queries)
    return statistics.median(timings) * 1000, count


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="registrations in all, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="requests per page; the median is printed")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    call_command("migrate", verbosity=0)
    results: dict[str, list[tuple[float, int]]] = {name: [] for name, *_ in PAGES}
    for size in sizes:
        start = time.perf_counter()
        synthetic.empty_database()
        caches["reports"].clear()
        made = synthetic.fill(years=list(range(synthetic.FIRST_YEAR, synthetic.FIRST_YEAR + 10)), rows=size)
        synthetic.analyse()
        counts = synthetic.counts()
        print(f"{size:,} registrations: filled in {time.perf_counter() - start:.0f} s ({counts['requisitions']:,} "
              f"requisitions, {counts['requester links']:,} requester links, {counts['answers']:,} survey answers)",
              flush=True)
        clients = {"manager": Client(), "consultant": Client()}
        clients["manager"].force_login(made["manager"])
        clients["consultant"].force_login(made["consultants"][0])
        with override_settings(ALLOWED_HOSTS=["testserver"], REPORT_BACKGROUND_ROWS=10**9, EXPORT_BACKGROUND_ROWS=10**9,
                               STORAGES={"staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}):
            for name, paths, who, cold in PAGES:
                paths = paths if isinstance(paths, list) else [paths]
                results[name].append(measure(clients[who], paths, args.runs, cold))
                ms, queries = results[name][-1]
                print(f"  {name:42} {ms:8.1f} ms {queries:4d} queries", flush=True)

    print(f"\ndatabase: {connection.vendor}; ten years; measured year {YEAR} (dashboard, report); median of "
          f"{args.runs} requests, ms, and the queries of one")
    header = "".join(f"{f'{size:,} rows':>18}" for size in sizes)
    print(f"{'page':42}{header}  {'growth':>8}")
    for name, *_ in PAGES:
        cells = "".join(f"{ms:10.1f} ms {queries:3d} q" for ms, queries in results[name])
        growth = results[name][-1][0] / results[name][0][0]
        print(f"{name:42}{cells}  {growth:7.1f}x")
    print(f"{'data':42}" + "".join(f"{size / sizes[0]:>17.0f}x" for size in sizes))


if __name__ == "__main__":
    main()
