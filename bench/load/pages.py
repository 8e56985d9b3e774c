"""The CPU time of each page type of the load test, in one process: what a request costs the server
without the load (bench/load/run.sh measures it with the load). Uses the data of the last run.sh
(TFI_LOAD_DATA, the database in DATABASE_URL), the production settings as run.sh sets them, and
Django's test client; the median of RUNS requests after two to warm up, and the mean weighted as the
load test's consultants weigh their tasks.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tfi_load DEBUG=0 SECRET_KEY=x ALLOWED_HOSTS=testserver \\
    SECURE_SSL_REDIRECT=0 OTP_REQUIRED_FOR_MANAGEMENT=0 TFI_LOAD_DATA=/tmp/tfi-load/data.json \\
    .venv/bin/python bench/load/pages.py [--runs 15]

The host is shared and its speed varies (README, "Load test"): compare figures taken minutes apart.
"""

import argparse
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tfi.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    data = json.loads(Path(os.environ["TFI_LOAD_DATA"]).read_text())
    users = get_user_model().objects
    consultant, manager = Client(), Client()
    consultant.force_login(users.get(username=data["consultants"][0]["username"]))
    manager.force_login(users.get(username=data["managers"][0]))
    year = data["current_year"]
    requisition = re.search(r'href="(/rekvireringer/\d+/)', consultant.get("/rekvireringer/").content.decode())[1]
    advisory = re.search(r'href="(/raadgivninger/\d+/)', consultant.get("/raadgivninger/").content.decode())[1]
    pages = [  # (client, path, the weight of the consultants' task in bench/load/locustfile.py)
        (consultant, "/", 20), (consultant, "/rekvireringer/", 25), (consultant, "/raadgivninger/", 20),
        (consultant, "/rekvireringer/?q=borger", 10), (consultant, "/raadgivninger/?q=borger", 5),
        (consultant, requisition, 15), (consultant, advisory, 10), (consultant, "/rekvireringer/ny/", 5),
        (consultant, "/raadgivninger/ny/", 10),
        (manager, f"/ledelse/?year={year}", 0), (manager, f"/ledelse/?year={year - 2}", 0),
        (manager, f"/ledelse/{year}/diagram/maaneder.svg", 0), (manager, f"/rapport/{year - 2}/", 0),
    ]
    costs = {}
    for client, path, _weight in pages:
        timings = []
        for run in range(args.runs + 2):
            start = time.process_time()
            status = client.get(path).status_code
            if run >= 2:
                timings.append(time.process_time() - start)
        costs[path] = statistics.median(timings) * 1000
        print(f"{costs[path]:7.1f} ms  {status}  {path}")
    weighted = [(costs[path], weight) for _client, path, weight in pages if weight]
    print(f"{sum(c * w for c, w in weighted) / sum(w for _c, w in weighted):7.1f} ms  consultants' pages, weighted")


if __name__ == "__main__":
    main()
