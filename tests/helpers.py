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
