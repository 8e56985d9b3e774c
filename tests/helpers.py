"""Small helpers shared by the view tests."""

from django.contrib.messages import get_messages


def login(client, user):
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]
