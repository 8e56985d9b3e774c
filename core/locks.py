"""A lock for periodic work that may be started on several machines at once (cron on each, or a scheduler):
a row in the database, taken with an INSERT that only one process can make (the name is the key) and given
back when the work is done. A lock whose holder died is taken over once it has expired."""

import os
import socket
import uuid
from contextlib import contextmanager
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import RunLock


@contextmanager
def run_lock(name: str, *, minutes: int = 60):
    """Yields True while this process holds `name`, False when another does (the work should then be skipped)."""
    holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    now = timezone.now()
    try:
        with transaction.atomic():
            RunLock.objects.filter(name=name, expires_at__lt=now).delete()
            RunLock.objects.create(name=name, holder=holder, expires_at=now + timedelta(minutes=minutes))
    except IntegrityError:
        yield False
        return
    try:
        yield True
    finally:
        RunLock.objects.filter(name=name, holder=holder).delete()


# What a command says when another run holds its lock (the commands speak Danish, as their help does).
ALREADY_RUNNING = "Kører allerede på en anden maskine eller i en anden proces; denne kørsel springes over."
