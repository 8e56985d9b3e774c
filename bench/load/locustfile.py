"""The load test's users: consultants registering and searching, managers reading dashboards and reports.

Run by bench/load/run.sh, which fills the database, starts gunicorn and then locust headless:

    TFI_LOAD_DATA=/tmp/tfi-load.json .venv/bin/locust -f bench/load/locustfile.py --headless \
        --host http://127.0.0.1:8765 --users 100 --spawn-rate 10 --run-time 3m

TFI_LOAD_DATA is the JSON written by bench/load/prepare.py (users, password, the current year's
challenges, organisations, areas). Every request is named by its page type (the `name` below), so that
locust's statistics, and bench/load/summary.py, give the figures per page type. Nine in ten users are
consultants, one in ten management. A user waits 0.5-2.5 s between actions (reading the page).
"""

import json
import os
import random
import re
import time
from datetime import date
from urllib.parse import urlencode

from locust import FastHttpUser, between, task

DATA = json.loads(open(os.environ["TFI_LOAD_DATA"]).read())  # noqa: SIM115 (read once at start)
# How long a user keeps one session before logging out and in again.
SESSION_SECONDS = (300, 900)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STATIC = re.compile(r'(?:href|src)="(/static/[^"]+)"')
# What people type in the search box: a requester's name, a few words of a title, a word that is nowhere,
# and now and then one in every description (the synthetic descriptions are all alike).
THIS_YEAR = DATA["current_year"]
SEARCHES = [*random.Random(1).sample(DATA["organisation_names"], 4), f"Rekvirering {THIS_YEAR}-1",
            f"Rådgivning {THIS_YEAR - 1}-20", f"Rekvirering {THIS_YEAR - 3}-7", "økonomi", "Nørrebro", "beskrivende"]


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    if not match:
        raise ValueError("no CSRF token on the page")
    return match[1]


class RegisterUser(FastHttpUser):
    """Logs in at the start, and logs out and in again after 5 to 15 minutes (a day's sessions end)."""

    abstract = True
    wait_time = between(0.5, 2.5)
    username: str
    static_loaded = False

    def on_start(self):
        self.login()

    def login(self):
        self.session_ends_at = time.monotonic() + random.uniform(*SESSION_SECONDS)
        with self.client.get("/login/", name="login page", catch_response=True) as response:
            token = csrf_token(response.text)
            static = STATIC.findall(response.text)
        if not RegisterUser.static_loaded:  # one browser's cold cache: the CSS and scripts, once per run
            RegisterUser.static_loaded = True
            for path in static:
                self.client.get(path, name="static file")
        with self.client.post("/login/", name="login (POST)", allow_redirects=False, catch_response=True,
                              data={"username": self.username, "password": DATA["password"],
                                    "csrfmiddlewaretoken": token}) as response:
            if response.status_code != 302:
                response.failure(f"login refused for {self.username}: {response.status_code}")

    def relogin(self):
        with self.client.get("/", name="start page", catch_response=True) as response:
            token = csrf_token(response.text)
        self.session_ends_at = float("inf")
        self.client.post("/logout/", name="logout (POST)", allow_redirects=False,
                         data={"csrfmiddlewaretoken": token})
        self.login()

    def page(self, path: str, name: str) -> str:
        if time.monotonic() > self.session_ends_at:  # a break, a meeting: log out, later log in again
            self.relogin()
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{path}: {response.status_code}")
                return ""
            return response.text or ""


class Consultant(RegisterUser):
    weight = 9

    def on_start(self):
        consultant = random.choice(DATA["consultants"])
        self.username, self.user_id = consultant["username"], consultant["id"]
        self.requisitions: list[str] = []
        self.advisories: list[str] = []
        super().on_start()

    def remember(self, html: str, prefix: str, into: list):
        into[:] = re.findall(rf'href="/{prefix}/(\d+)/', html)[:25] or into

    @task(20)
    def start_page(self):
        self.page("/", "start page")

    @task(25)
    def requisition_list(self):
        year = random.choice(DATA["years"][-3:])
        filters = random.choice([
            "", f"?year={year}", f"?challenge={random.choice(DATA['challenges'])}", "?status=in_progress",
            f"?consultant={self.user_id}", "?o=-title", "?o=date&page=3", "?scope=administration",
            f"?requester={random.choice(DATA['organisations'])}", "?year=&page=40"])
        self.remember(self.page(f"/rekvireringer/{filters}", "list: requisitions"), "rekvireringer",
                      self.requisitions)

    @task(20)
    def advisory_list(self):
        filters = random.choice([
            "", f"?challenge={random.choice(DATA['challenges'])}", f"?consultant={self.user_id}",
            "?o=requester", "?scope=outside", f"?area={random.choice(DATA['areas'])}", "?year=&page=25",
            "?is_report_example=true"])
        self.remember(self.page(f"/raadgivninger/{filters}", "list: advisories"), "raadgivninger", self.advisories)

    @task(10)
    def requisition_search(self):
        year = random.choice(["", str(DATA["current_year"])])
        self.remember(self.page(f"/rekvireringer/?year={year}&q={random.choice(SEARCHES)}",
                                "list: requisitions, search"), "rekvireringer", self.requisitions)

    @task(5)
    def advisory_search(self):
        year = random.choice(["", str(DATA["current_year"])])
        self.remember(self.page(f"/raadgivninger/?year={year}&q={random.choice(SEARCHES)}",
                                "list: advisories, search"), "raadgivninger", self.advisories)

    @task(15)
    def requisition_detail(self):
        if self.requisitions:
            self.page(f"/rekvireringer/{random.choice(self.requisitions)}/", "detail: requisition")

    @task(10)
    def advisory_detail(self):
        if self.advisories:
            self.page(f"/raadgivninger/{random.choice(self.advisories)}/", "detail: advisory")

    @task(5)
    def requisition_form(self):
        self.page("/rekvireringer/ny/", "form: new requisition")

    @task(10)
    def advisory_create(self):
        token = csrf_token(self.page("/raadgivninger/ny/", "form: new advisory"))
        self.create("/raadgivninger/ny/", "create: advisory (POST)", {
            "csrfmiddlewaretoken": token, "challenge": random.choice(DATA["challenges"]),
            "requester": random.choice(DATA["organisations"]), "title": f"Belastningstest {random.randrange(10**6)}",
            "description": "Rådgivning registreret under belastningstesten.", "date": date.today().isoformat(),
            "consultant": self.user_id, "area": random.choice(DATA["areas"])})

    @task(5)
    def requisition_create(self):
        token = csrf_token(self.page("/rekvireringer/ny/", "form: new requisition"))
        self.create("/rekvireringer/ny/", "create: requisition (POST)", {
            "csrfmiddlewaretoken": token, "challenge": random.choice(DATA["challenges"]), "status": "received",
            "title": f"Belastningstest {random.randrange(10**6)}",
            "requesters": random.sample(DATA["organisations"], 2), "consultants": [self.user_id],
            "description": "Rekvirering registreret under belastningstesten.",
            "date_received": date.today().isoformat(), "area": random.choice(DATA["areas"])})

    @task(5)
    def quick_advisory(self):
        token = csrf_token(self.page("/", "start page"))
        self.create("/raadgivninger/hurtig/", "create: quick advisory (POST)", {
            "csrfmiddlewaretoken": token, "challenge": random.choice(DATA["challenges"]),
            "requester": random.choice(DATA["organisations"]), "title": f"Hurtig rådgivning {random.randrange(10**6)}",
            "date": date.today().isoformat(), "description": ""})

    def create(self, path: str, name: str, data: dict):
        """A valid form is answered with a redirect; the form again (200) means it was refused."""
        body = urlencode(data, doseq=True)  # several requesters: the field repeated, as a browser sends it
        with self.client.post(path, name=name, data=body, allow_redirects=False, catch_response=True,
                              headers={"Content-Type": "application/x-www-form-urlencoded"}) as response:
            if response.status_code != 302:
                response.failure(f"{path}: {response.status_code}, not saved")



class Manager(RegisterUser):
    weight = 1

    def on_start(self):
        self.username = random.choice(DATA["managers"])
        super().on_start()

    def dashboard(self, year: int, name: str):
        self.page(f"/ledelse/?year={year}", name)
        for chart in ("udfordringer", "maaneder", "deltagere", "tilfredshed"):  # the browser fetches the four
            self.page(f"/ledelse/{year}/diagram/{chart}.svg", "dashboard chart (SVG)")

    @task(20)
    def dashboard_current_year(self):
        self.dashboard(DATA["current_year"], "dashboard, current year")

    @task(15)
    def dashboard_earlier_year(self):
        self.dashboard(random.choice(DATA["years"][:-1]), "dashboard, earlier year")

    @task(5)
    def report_current_year(self):
        self.page(f"/rapport/{DATA['current_year']}/", "report, current year")

    @task(10)
    def report_earlier_year(self):
        self.page(f"/rapport/{random.choice(DATA['years'][:-1])}/", "report, earlier year")

    @task(10)
    def requisition_list(self):
        self.page(f"/rekvireringer/?challenge={random.choice(DATA['challenges'])}", "list: requisitions")

