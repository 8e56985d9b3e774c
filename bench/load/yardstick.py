"""The machine's speed at the moment, measured with the register itself: the requisition list of the load
test's data requested 30 times in one process (Django's test client, after three to warm up), on each
of the two cores at once; prints the median CPU milliseconds of a request, the slower process's.

Run by bench/load/run.sh before and after the load, with its settings. This kind of machine is a shared
host: the same code served 62 requests a second at one time and 43 at another the same afternoon, and a
plain arithmetic loop did not show it (it stays in the processor's cache, Django does not).
"""

import json
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tfi.settings")


def measure(_) -> float:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    data = json.loads(Path(os.environ["TFI_LOAD_DATA"]).read_text())
    client = Client()
    client.force_login(get_user_model().objects.get(username=data["consultants"][0]["username"]))
    timings = []
    for run in range(33):
        start = time.process_time()
        assert client.get("/rekvireringer/").status_code == 200
        if run >= 3:
            timings.append(time.process_time() - start)
    return statistics.median(timings) * 1000


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as pool:
        print(f"{max(pool.map(measure, range(2))):.1f} ms")
