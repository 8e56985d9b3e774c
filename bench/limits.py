"""How near their physical limit the year's figures, the report's files and the lists are, at 10k, 100k and 1M
registrations: each page and file against a limit measured in the same run on the same data.

    .venv/bin/python bench/limits.py [--sizes 10000,100000,1000000] [--runs 3] [--skip-export] [--only report]
    LIMITS_DATABASE_URL=postgres://postgres@127.0.0.1:5432/tfi_limits .venv/bin/python bench/limits.py

Per size it uses the PostgreSQL database `<name>_<size>` of LIMITS_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/tfi_limits), made and filled by bench/synthetic.py when it does not hold
exactly that many registrations over ten years, and reused when it does (a million takes some four minutes
to fill). Each size runs in a process of its own; the parent prints the table. The measured year is 2013,
the middle of ten.

The limits:
- **raw**: one SQL query, by psycopg2 through Django's cursor, computing per challenge of the year the
  requisitions, advisories, events, participants (the counting rule: events' actual participants, plus
  requisitions not held as events) and project visits; checked to give exactly the register's figures.
- **raw+rows**: the raw query and three more reading, by psycopg2, the rows the report page lists besides
  its figures (the year's requisitions with their requesters and participants, deliverables with what
  replaced them, seats): the report page's limit.
- **openpyxl**: a plain openpyxl write-only workbook of the requisitions, the same columns as the list's
  export, from one SQL query that joins the names (string_agg): what the export does without the register.
- **admin**: a plain Django admin changelist of requisitions (a ModelAdmin with the list's columns, search
  fields and page size, on an admin site of its own), for the same user, requests alternating with the list's.

"made" is a page or file computed with the reports cache switched off (a DummyCache: every part is made, the
years' tokens are still read) from the years' counts as kept while nothing changes (reports/caching.py,
kept_counts); "counted" the same right after a change to the year and the year before (their tokens
replaced, as a saved registration does), so that the counts are counted again from the registrations;
"cached" the second look with the real cache. Each line gives the median wall
time of --runs requests (of more where they take milliseconds: as many as fit in about a second, at most 40,
limits and pages alike), the ratio to its limit, the SQL queries of one request, and the CPU time of this
process and of its database backend (from /proc, the backend found by pg_backend_pid(): same machine only)
for the median run, so that a noisy machine does not hide a regression. Nothing is asserted: tests pin
query counts, never times.
"""

import argparse
import json
import os
import subprocess
import sys
import time
import types
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH = Path(__file__).resolve().parent
YEAR = 2013
YEARS = list(range(2008, 2018))
TICKS = os.sysconf("SC_CLK_TCK")


def database_url(base: str, size: int) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_{size}"))


def parent(args) -> None:
    base = os.environ.get("LIMITS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tfi_limits")
    results = {}
    for size in [int(size) for size in args.sizes.split(",")]:
        command = [sys.executable, __file__, "--child", str(size), "--runs", str(args.runs)]
        if args.skip_export:
            command.append("--skip-export")
        if args.only:
            command += ["--only", args.only]
        environment = {**os.environ, "DATABASE_URL": database_url(base, size)}
        output = subprocess.run(command, env=environment, check=True, stdout=subprocess.PIPE, text=True).stdout
        results[size] = json.loads(output.strip().splitlines()[-1])
    print_table(results, args)


def print_table(results: dict, args) -> None:
    sizes = list(results)
    print(f"\nbench/limits.py, {time.strftime('%Y-%m-%d %H:%M %Z')}, PostgreSQL, year {YEAR} of ten, "
          f"median of {args.runs}; ms wall (ratio to the limit; queries; CPU ms of this process + database)")
    names = list(dict.fromkeys(name for size in sizes for name in results[size]["lines"]))
    print(f"{'':34}" + "".join(f"{f'{size:,} registrations':>46}" for size in sizes))
    for name in names:
        cells = []
        for size in sizes:
            line = results[size]["lines"].get(name)
            if line is None:
                cells.append(f"{'':>46}")
                continue
            ratio = f"{line['ratio']:.1f}× {line['limit']}" if line.get("limit") else "limit"
            cells.append(f"{line['ms']:>10.1f} ({ratio:>12}; {line['queries']:>3} q; "
                         f"{line['cpu']:>6.0f}+{line['db_cpu']:<5.0f})")
        print(f"{name:34}" + "".join(f"{cell:>46}" for cell in cells))


# --- One size, in its own process ------------------------------------------------------------------


def child(args) -> None:
    import logging

    sys.path.insert(0, str(BENCH))
    import synthetic  # noqa: F401  (sets Django up against DATABASE_URL)

    logging.disable(logging.INFO)  # django-axes tells of every forced login

    from django.conf import settings
    from django.db import connection

    ensure_database(connection.settings_dict)
    lines = Measure(args).run(synthetic, settings, connection)
    print(json.dumps({"lines": lines}))


def ensure_database(settings_dict) -> None:
    import psycopg2

    admin = psycopg2.connect(dbname="postgres", user=settings_dict["USER"], host=settings_dict["HOST"],
                             port=settings_dict["PORT"], password=settings_dict["PASSWORD"] or None)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [settings_dict["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{settings_dict["NAME"]}"')
    admin.close()


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


class Measure:
    def __init__(self, args):
        self.size, self.runs, self.skip_export = args.child, args.runs, args.skip_export
        self.only = [part for part in (args.only or "").split(",") if part]
        self.lines: dict[str, dict] = {}

    def run(self, synthetic, settings, connection) -> dict:
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import override_settings

        call_command("migrate", verbosity=0)
        if synthetic.counts()["registrations"] != self.size or not get_user_model().objects.filter(
                username="bench-leder").exists():
            start = time.perf_counter()
            synthetic.empty_database()
            synthetic.fill(years=YEARS, rows=self.size)
            synthetic.analyse()
            log(f"{self.size:,}: filled in {time.perf_counter() - start:.0f} s")
        self.connection = connection
        manager = get_user_model().objects.get(username="bench-leder")
        superuser, _ = get_user_model().objects.get_or_create(username="bench-admin", defaults={
            "is_staff": True, "is_superuser": True})
        self.manager, self.superuser = Client(), Client()
        self.manager.force_login(manager)
        self.superuser.force_login(superuser)
        caches = {**settings.CACHES, "reports": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
        plain = {"ALLOWED_HOSTS": ["testserver"], "REPORT_BACKGROUND_ROWS": 10**9, "EXPORT_BACKGROUND_ROWS": 10**9,
                 "ROOT_URLCONF": bench_urls(), "STORAGES": {
                     **settings.STORAGES,
                     "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}}
        with override_settings(**plain):
            from tfi.process import settle_garbage_collector

            assert self.manager.get("/").status_code == 200  # everything loaded, then
            settle_garbage_collector()  # as gunicorn's workers do once loaded (tfi/wsgi.py)
            raw = self.time("raw SQL: the year's figures", self.raw_figures)
            self.check_raw_against_the_register()
            rows = self.time("raw SQL: the figures and the report's rows", self.raw_report)
            with override_settings(CACHES=caches):
                self.page("dashboard, made", f"/ledelse/?year={YEAR}", limit=raw, name="raw")
                self.page("report page, made", f"/rapport/{YEAR}/", limit=rows, name="raw+rows")
                self.page("dashboard, counted", f"/ledelse/?year={YEAR}", limit=raw, name="raw", before=self.change)
                self.page("report page, counted", f"/rapport/{YEAR}/", limit=rows, name="raw+rows",
                          before=self.change)
                excel = self.page("Excel report, made", f"/rapport/{YEAR}/statusrapport.xlsx")
                if excel:
                    self.page("Word report, made", f"/rapport/{YEAR}/statusrapport.docx", limit=excel, name="Excel")
            for path, name in ((f"/ledelse/?year={YEAR}", "dashboard"), (f"/rapport/{YEAR}/", "report page"),
                               (f"/rapport/{YEAR}/statusrapport.docx", "Word report"),
                               (f"/rapport/{YEAR}/statusrapport.xlsx", "Excel report")):
                if not self.only or any(part in f"{name}, cached" for part in self.only):
                    self.manager.get(path)
                    self.page(f"{name}, cached", path, limit=raw, name="raw")
            if not self.only:
                self.lists()
            if not self.skip_export and not self.only:
                plain_export = self.time("openpyxl: requisitions, all years", self.plain_workbook)
                self.page("list export, all years", "/rekvireringer/excel/?year=", client=self.superuser,
                          limit=plain_export, name="openpyxl")
        return self.lines

    # --- Measuring ---------------------------------------------------------------------------------

    def backend_cpu_ms(self) -> float:
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / TICKS  # utime, stime

    def sample(self, function, before=None) -> dict:
        from django.db import reset_queries
        from django.test.utils import CaptureQueriesContext

        if before is not None:
            before()
        reset_queries()
        db_before, cpu_before = self.backend_cpu_ms(), time.process_time()
        with CaptureQueriesContext(self.connection) as queries:
            start = time.perf_counter()
            function()
            wall = time.perf_counter() - start
        cpu = time.process_time() - cpu_before
        db = self.backend_cpu_ms() - db_before
        return {"ms": wall * 1000, "queries": len(queries), "cpu": cpu * 1000, "db_cpu": db}

    # A line that takes milliseconds is sampled until it has taken about a second (at most FAST_RUNS times):
    # the median of five requests of 10 ms moves by half its value on a busy 2-core machine.
    FAST_RUNS = 40

    def time(self, label: str, function, *, limit: dict | None = None, name: str = "", before=None) -> dict:
        first = self.sample(function, before)
        runs = max(self.runs, min(self.FAST_RUNS, int(1000 / max(first["ms"], 1))))
        samples = sorted([first, *(self.sample(function, before) for _ in range(runs - 1))],
                         key=lambda sample: sample["ms"])
        line = samples[len(samples) // 2]
        if limit is not None:
            line.update(ratio=line["ms"] / limit["ms"], limit=name)
        self.lines[label] = line
        log(f"{self.size:,} {label}: {line['ms']:.1f} ms, {line['queries']} queries"
            + (f", {line['ratio']:.1f}× {name}" if limit else ""))
        return line

    def page(self, label: str, path: str, *, client=None, limit=None, name="", before=None) -> dict | None:
        if self.only and not any(part in label for part in self.only):
            return None
        client = client or self.manager

        def get():
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            b"".join(response) if response.streaming else response.content

        return self.time(label, get, limit=limit, name=name, before=before)

    @staticmethod
    def change() -> None:
        """As a registration saved in the year and the year before would: their counts are counted again."""
        from reports.caching import figures_changed

        figures_changed([YEAR - 1, YEAR])

    # --- The limits ----------------------------------------------------------------------------------

    RAW = """
        SELECT c.id, r.n, a.n, e.n, coalesce(e.participants, 0) + coalesce(r.lone, 0), v.n
        FROM cases_challenge c JOIN cases_workplan w ON w.id = c.work_plan_id AND w.year = %(year)s
        CROSS JOIN LATERAL (
            SELECT count(*) AS n, sum(participants) FILTER (WHERE NOT EXISTS (
                SELECT 1 FROM cases_event held WHERE held.requisition_id = q.id AND held.participants IS NOT NULL
            )) AS lone FROM cases_requisition q WHERE q.challenge_id = c.id) r
        CROSS JOIN LATERAL (SELECT count(*) AS n FROM cases_advisory WHERE challenge_id = c.id) a
        CROSS JOIN LATERAL (SELECT count(*) AS n, sum(participants) AS participants
                            FROM cases_event WHERE challenge_id = c.id) e
        CROSS JOIN LATERAL (SELECT count(*) AS n FROM projects_projectvisit
                            WHERE challenge_id = c.id AND date >= %(first)s AND date <= %(last)s) v
        ORDER BY c.number"""

    def raw_figures(self) -> list:
        with self.connection.cursor() as cursor:
            cursor.execute(self.RAW, {"year": YEAR, "first": f"{YEAR}-01-01", "last": f"{YEAR}-12-31"})
            return cursor.fetchall()

    # What the report page lists besides its figures: the year's requisitions (with their requesters and
    # participants as counted), deliverables (with what replaced them) and seats, per challenge in its order.
    RAW_ROWS = (
        """SELECT q.challenge_id, q.title, q.description, q.date_received, q.date_finished, q.status,
                  coalesce((SELECT sum(e.participants) FROM cases_event e
                            WHERE e.requisition_id = q.id AND e.participants IS NOT NULL), q.participants),
                  (SELECT string_agg(o.name, ', ' ORDER BY o.name) FROM cases_requisition_requesters rr
                   JOIN cases_organisation o ON o.id = rr.organisation_id WHERE rr.requisition_id = q.id)
           FROM cases_requisition q JOIN cases_challenge c ON c.id = q.challenge_id
           JOIN cases_workplan w ON w.id = c.work_plan_id AND w.year = %(year)s
           ORDER BY q.date_received, q.id""",
        """SELECT d.challenge_id, d.title, d.description, d.outcome, d.status,
                  (SELECT string_agg(r.title, ', ' ORDER BY r.title) FROM cases_deliverable_replaced_by x
                   JOIN cases_deliverable r ON r.id = x.to_deliverable_id WHERE x.from_deliverable_id = d.id)
           FROM cases_deliverable d JOIN cases_challenge c ON c.id = d.challenge_id
           JOIN cases_workplan w ON w.id = c.work_plan_id AND w.year = %(year)s ORDER BY d.id""",
        """SELECT s.challenge_id, s.body, s.role, a.name, s.start, s.end FROM cases_steeringgroupmembership s
           LEFT JOIN atlas_area a ON a.id = s.area_id
           WHERE extract(year FROM s.start) <= %(year)s AND (s.end IS NULL OR extract(year FROM s.end) >= %(year)s)
           ORDER BY s.start, s.body""",
    )

    def raw_report(self) -> int:
        """The raw figures and the rows the report page lists: what the page would cost without the register."""
        rows = len(self.raw_figures())
        with self.connection.cursor() as cursor:
            for query in self.RAW_ROWS:
                cursor.execute(query, {"year": YEAR})
                rows += len(cursor.fetchall())
        return rows

    def check_raw_against_the_register(self) -> None:
        from reports.selectors.figures import challenge_table, participants_per_challenge, visits_per_challenge

        table = challenge_table(year=YEAR)
        participants = participants_per_challenge(year=YEAR)
        visits = visits_per_challenge(YEAR)
        register = [(row["challenge"].pk, row["requisitions"], row["advisories"],
                     participants.get(row["challenge"].pk, {}).get("events", 0),
                     participants.get(row["challenge"].pk, {}).get("actual", 0),
                     visits.get(row["challenge"].pk, {}).get("visits", 0)) for row in table["rows"]]
        assert [tuple(row) for row in self.raw_figures()] == register, (self.raw_figures(), register)

    PLAIN_EXPORT = """
        SELECT q.title, c.number || '. ' || c.name, q.status,
               (SELECT string_agg(o.name, '; ' ORDER BY o.name) FROM cases_requisition_requesters rr
                JOIN cases_organisation o ON o.id = rr.organisation_id WHERE rr.requisition_id = q.id),
               (SELECT string_agg(coalesce(nullif(trim(u.first_name || ' ' || u.last_name), ''), u.username), '; ')
                FROM cases_requisition_consultants rc JOIN auth_user u ON u.id = rc.user_id
                WHERE rc.requisition_id = q.id),
               q.date_received, q.date_finished, ar.name, q.participants, q.participants_approximate,
               q.partners, q.volunteers, q.description, q.hours, q.contact_name, q.contact_email, q.contact_phone
        FROM cases_requisition q JOIN cases_challenge c ON c.id = q.challenge_id
        LEFT JOIN atlas_area ar ON ar.id = q.area_id
        ORDER BY q.date_received DESC, q.id DESC"""

    def plain_workbook(self) -> int:
        import tempfile

        from openpyxl import Workbook

        from cases.kinds import REQUISITION

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Rekvireringer")
        sheet.append([str(column.header) for column in REQUISITION.columns])
        from django.db import transaction

        rows = 0
        self.connection.ensure_connection()
        with transaction.atomic(), self.connection.connection.cursor(name="plain_export") as cursor:  # flat memory
            cursor.itersize = 2000
            cursor.execute(self.PLAIN_EXPORT)
            for row in cursor:
                sheet.append(row)
                rows += 1
        with tempfile.TemporaryFile() as output:
            workbook.save(output)
        return rows

    def lists(self) -> None:
        for label, query in (("default year", f"year={YEAR}"), ("all years", "year="),
                             ("all years by title", "year=&o=title"), ("search, common word", "year=&q=tekst"),
                             ("search, words in other forms", "year=&q=konsulenterne+registrerer")):
            app = f"/rekvireringer/?{query}"
            admin = "/bench-admin/cases/requisition/?" + {
                "default year": f"challenge__work_plan__year={YEAR}", "all years": "",
                "all years by title": "o=1", "search, common word": "q=tekst",
                "search, words in other forms": "q=konsulenterne+registrerer"}[label]
            samples = {"app": [], "admin": []}
            for _ in range(self.runs):  # alternated, so that both see the same machine
                for which, path in (("admin", admin), ("app", app)):
                    def get(path=path):
                        response = self.superuser.get(path)
                        assert response.status_code == 200, (path, response.status_code)
                    samples[which].append(self.sample(get))
            medians = {which: sorted(found, key=lambda sample: sample["ms"])[len(found) // 2]
                       for which, found in samples.items()}
            self.lines[f"admin changelist, {label}"] = medians["admin"]
            self.lines[f"list, {label}"] = {**medians["app"], "ratio": medians["app"]["ms"] / medians["admin"]["ms"],
                                            "limit": "admin"}
            log(f"{self.size:,} list, {label}: {medians['app']['ms']:.1f} ms against the admin's "
                f"{medians['admin']['ms']:.1f} ms")


def bench_urls() -> str:
    """The register's URLs and, at /bench-admin/, an admin site with a plain changelist of requisitions."""
    from django.contrib import admin
    from django.urls import path

    from cases.models import Requisition
    from tfi import urls

    class RequisitionAdmin(admin.ModelAdmin):
        list_display = ["title", "date_received", "challenge", "status", "participants"]
        list_select_related = ["challenge__work_plan"]
        search_fields = ["title", "description", "requesters__name"]
        list_filter = ["challenge__work_plan__year"]
        list_per_page = 25  # as the register's lists (core/views.py)

    site = admin.AdminSite(name="bench_admin")
    site.register(Requisition, RequisitionAdmin)
    module = types.ModuleType("bench_urls")
    module.urlpatterns = [path("bench-admin/", site.urls), *urls.urlpatterns]
    sys.modules["bench_urls"] = module
    return "bench_urls"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="registrations, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="requests per line; the median is printed")
    parser.add_argument("--skip-export", action="store_true", help="leave out the list's export of all years")
    parser.add_argument("--only", default="", help="only the pages and files whose line holds one of these, "
                        "comma-separated (e.g. 'dashboard,report page'); the limits are always measured")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
    else:
        parent(args)


if __name__ == "__main__":
    main()
