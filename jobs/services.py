"""Starting work off the request, and what the worker reports of it: progress, a file, the end.

A job's work is a function `work(job, **kwargs)` made a task of the queue by `job_task` (jobs/work.py);
the view starts it with `job_start` and sends the user to the job's page, which shows its progress and
then its result."""

import datetime
import logging
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections
from django.utils import timezone, translation

from .models import Job

logger = logging.getLogger(__name__)

# How often a running job writes its progress (a bar that moves each second is all a person can read).
PROGRESS_INTERVAL_SECONDS = 0.5


class JobFailed(Exception):
    """Raised by a job's work with the message its user is to read (in the user's language): the job fails
    with it, and what the work wrote in its transaction is rolled back."""


def jobs_purge() -> int:
    """Deletes the jobs, and their files, older than JOBS_KEPT_HOURS, and the queue's own records of
    finished tasks as old."""
    from django_tasks_db.models import DBTaskResult

    before = timezone.now() - datetime.timedelta(hours=settings.JOBS_KEPT_HOURS)
    deleted, _ = Job.objects.filter(created_at__lt=before).delete()
    DBTaskResult.objects.finished().filter(finished_at__lt=before).delete()
    return deleted


def job_start(*, user, title: str, task, next_url: str = "", back_url: str = "", **kwargs) -> Job:
    """Records a job for `user` and puts `task` (a `job_task`) on the queue with `kwargs` (JSON values)."""
    jobs_purge()
    job = Job.objects.create(user=user, title=title[:200], next_url=next_url, back_url=back_url,
                             language=translation.get_language() or settings.LANGUAGE_CODE)
    result = task.enqueue(job_id=str(job.pk), **kwargs)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    return job


def job_file(job: Job, *, filename: str, content: bytes, content_type: str) -> None:
    """The file the job made, for its user to fetch (saved with the job's end)."""
    job.filename, job.content, job.content_type, job.size = filename, content, content_type, len(content)


class Progress:
    """What a running job tells its page: the step it is at and how far (`done` of `total`).

    Written at most every PROGRESS_INTERVAL_SECONDS. Outside a transaction on the worker's own connection.
    Inside one (an import writes all rows or none), the worker's connection would show nothing until the
    end: on PostgreSQL the progress goes through a second connection of its own; SQLite has one writer at a
    time, so there the page shows the step the job was at when its transaction began."""

    def __init__(self, job: Job):
        self.job = job
        self.written = 0.0
        self.side = None

    def __call__(self, done: int = 0, total: int | None = None, *, step: str | None = None) -> None:
        now = time.monotonic()
        job = self.job
        changed_step = step is not None and step != job.step
        job.done = done
        if total is not None:
            job.total = total
        if step is not None:
            job.step = step[:100]
        if not changed_step and now - self.written < PROGRESS_INTERVAL_SECONDS and done != job.total:
            return
        self.written = now
        self._write(done=job.done, total=job.total, step=job.step, heartbeat_at=timezone.now())

    def _write(self, **fields) -> None:
        if not connection.in_atomic_block:
            Job.objects.filter(pk=self.job.pk).update(**fields)
            return
        if connection.vendor != "postgresql":
            return
        try:
            if self.side is None:
                # A connection of its own, in autocommit, beside the worker's (which is in the job's
                # transaction); ConnectionHandler.create_connection is how Django makes one for an alias.
                self.side = connections.create_connection(DEFAULT_DB_ALIAS)
                with self.side.cursor() as cursor:
                    # The job's row is never locked by the work; should it be, skip rather than wait.
                    cursor.execute("SET lock_timeout = '1s'")
            with self.side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {Job._meta.db_table} SET done = %s, total = %s, step = %s, heartbeat_at = %s"
                    " WHERE id = %s",
                    [fields["done"], fields["total"], fields["step"], fields["heartbeat_at"], self.job.pk])
        except DatabaseError:
            logger.warning("The progress of job %s was not written", self.job.pk, exc_info=True)

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
            self.side = None
