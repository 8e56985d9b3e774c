from django.urls import reverse
from django_otp.oath import totp


def log_in(client, username: str, password: str = "demo", **extra):
    """The login page's form, as a browser sends it (django-axes sees the request and its address)."""
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def code_for(key: bytes, *, step: int = 30, offset: int = 0) -> str:
    """The code an authenticator app holding `key` shows now (or `offset` steps away)."""
    return f"{totp(key, step=step, drift=offset):06d}"
