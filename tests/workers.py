"""Real workers for the tests: `manage.py db_worker` processes on the test database, as production runs them."""

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

from tests.helpers import database_url

ROOT = Path(__file__).resolve().parents[1]


def worker_environment() -> dict:
    environment = {**os.environ, "DATABASE_URL": database_url(connection), "SECRET_KEY": "the-tests-workers",
                   "LOG_LEVEL": "WARNING"}
    for name in ("DJANGO_SETTINGS_MODULE", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        environment.pop(name, None)
    return environment


def start_worker(name: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.1", "--no-startup-delay",
         "--no-reload", "--worker-id", name, "-v", "0"],
        cwd=ROOT, env=worker_environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@contextmanager
def db_workers(count: int = 1):
    """`count` workers running beside the test (which must commit what they are to see: transactional_db,
    or a live server's test); stopped as `make run` stops its worker (SIGTERM) when the test ends."""
    processes = [start_worker(f"test-worker-{number}") for number in range(count)]
    try:
        yield processes
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
            process.wait(timeout=30)


def wait_for_tasks(count: int, *, seconds: float = 120) -> list[tuple[str, object]]:
    """Waits (while the workers run) until `count` tasks of the queue have finished; their status and what
    each returned."""
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + seconds
    while DBTaskResult.objects.finished().count() < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return list(DBTaskResult.objects.values_list("status", "return_value"))
