"""Secrets handed to a machine or a calendar (API tokens, calendar feed links): random, shown once, kept only as
their SHA-256. A secret of 256 random bits needs no slow password hash: there is nothing to guess."""

import hashlib
import secrets


def secret_new(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
