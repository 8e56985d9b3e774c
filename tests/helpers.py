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
