"""Small helpers shared by the view tests."""

from django.contrib.messages import get_messages


def login(client, user):
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def warm_up(client, url: str) -> None:
    """Fill the reference cache (permissions, roles, choice lists, work plan years) the way an earlier
    request would: the query counts pinned after it are those of a user's usual request, not of the
    first request after reference data changed (core/reference_cache.py)."""
    assert client.get(url).status_code == 200


def database_url(connection) -> str:
    """The URL of the database the tests use (the test database), for a child process (manage.py, gunicorn)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    credentials = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    return f"postgres://{credentials}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"


# The shared cache (settings.CACHES["reports"]) is a table of the database unless REDIS_URL is set: a cached part
# that is looked up costs a query, and one that is stored five more (Django's DatabaseCache: the count that
# decides on culling, then the key's row looked up and inserted, in a savepoint).
CACHE_LOOKUP, CACHE_STORE = 1, 5
MADE_AND_STORED = CACHE_LOOKUP + CACHE_STORE


def run_jobs() -> int:
    """Runs what is on the queue in this process, as `manage.py db_worker --batch` does: the same claim of
    each task and its Worker.run_task, without the worker's close_old_connections (which would close the
    test's connection, open in the test's transaction). Returns the number of tasks run."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction

    worker = Worker(queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
                    max_tasks=None, worker_id="test", excluded_queue_names=[])
    run = 0
    while True:
        with exclusive_transaction():
            result = DBTaskResult.objects.ready().get_locked()
            if result is not None:
                result.claim(worker.worker_id)
        if result is None:
            return run
        worker.run_task(result)
        run += 1


def confirm_import(client, preview_url: str, data: dict | None = None):
    """Confirms an import as its user does: the confirmation, the worker, then the job's page, followed."""
    response = client.post(preview_url, data or {})
    assert response.status_code == 302 and "/filer/" in response.url, response
    run_jobs()
    return client.get(response.url, follow=True)
