"""Print the load test's figures from locust's CSV files: requests per second overall, and per page type
the requests, median, p95 and p99 (ms), the errors and the target.

    .venv/bin/python bench/load/summary.py /tmp/tfi-load/locust

(the prefix given to locust's --csv). Targets: p95 under 300 ms for the start page, lists, details and
forms (GET and POST), under 1 s for the dashboard (its charts too) and the report; 0 errors. It exits
with 1 when a target is missed.
"""

import csv
import sys
from pathlib import Path

TARGETS = [("start page", 300), ("list:", 300), ("detail:", 300), ("form:", 300), ("create:", 300),
           ("dashboard", 1000), ("report", 1000)]


def target(name: str) -> int | None:
    return next((ms for prefix, ms in TARGETS if name.startswith(prefix)), None)


def main(prefix: str) -> int:
    with open(f"{prefix}_stats.csv", newline="") as file:
        rows = list(csv.DictReader(file))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    # A page type with no request after the statistics were reset (the static files, fetched once at
    # the first login) is left out.
    pages = sorted((row for row in rows if row["Name"] != "Aggregated" and int(row["Request Count"])),
                   key=lambda row: row["Name"])
    missed = []
    print(f"{'page type':32} {'requests':>8} {'req/s':>6} {'median':>7} {'p95':>6} {'p99':>6} {'errors':>6}  "
          "target p95")
    for row in [*pages, total]:
        name = row["Name"] if row is not total else "all requests"
        goal = target(name)
        p95 = float(row["95%"]) if row["95%"] != "N/A" else 0
        failures = int(row["Failure Count"])
        verdict = ""
        if goal:
            verdict = f"< {goal} ms " + ("ok" if p95 < goal else "MISSED")
            if p95 >= goal:
                missed.append(name)
        if failures:
            missed.append(f"{name} ({failures} errors)")
        print(f"{name:32} {row['Request Count']:>8} {float(row['Requests/s']):6.1f} {row['50%']:>7} {row['95%']:>6} "
              f"{row['99%']:>6} {failures:>6}  {verdict}")
    rps = float(total["Requests/s"])
    print(f"\nrequests per second overall: {rps:.1f} (target >= 50: {'ok' if rps >= 50 else 'MISSED'})")
    if rps < 50:
        missed.append("requests per second")
    failures_file = Path(f"{prefix}_failures.csv")
    if failures_file.exists():
        with failures_file.open(newline="") as file:
            for row in csv.DictReader(file):
                print(f"error: {row['Method']} {row['Name']}: {row['Error']} ({row['Occurrences']}x)")
    exceptions_file = Path(f"{prefix}_exceptions.csv")
    if exceptions_file.exists():
        with exceptions_file.open(newline="") as file:
            for row in csv.DictReader(file):
                print(f"exception in the load generator: {row['Message']} ({row['Count']}x)")
                missed.append("exceptions")
    print("all targets met" if not missed else "missed: " + "; ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
