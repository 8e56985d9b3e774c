"""`job_task`: a function of work made a task of the queue (django-tasks) that runs for one Job."""

import functools
import logging

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Job
from .services import JobFailed, Progress

logger = logging.getLogger(__name__)


def job_task(function):
    """Makes `function(job, progress, **kwargs)` a task `run(job_id, **kwargs)`: the job is claimed once
    (a task delivered twice, or enqueued twice, runs its work once), its work runs in its user's language,
    and the job ends done, or failed with the JobFailed message or, for anything else, a general one (the
    traceback goes to the log and to the queue's record of the task)."""

    @functools.wraps(function)
    def run(job_id: str, **kwargs):
        now = timezone.now()
        claimed = Job.objects.filter(pk=job_id, status=Job.Status.WAITING).update(
            status=Job.Status.RUNNING, started_at=now, heartbeat_at=now)
        if not claimed:
            logger.warning("Job %s is not waiting; not run again", job_id)
            return None
        job = Job.objects.get(pk=job_id)
        progress = Progress(job)
        with translation.override(job.language):
            try:
                function(job, progress, **kwargs)
            except JobFailed as exc:
                _end(job, Job.Status.FAILED, str(exc))
            except Exception:
                logger.exception("Job %s (%s) failed", job_id, job.title)
                _end(job, Job.Status.FAILED, _("Der opstod en uventet fejl, og intet er gemt. Prøv igen; bliver "
                                               "fejlen ved, så kontakt administratoren."))
                raise
            else:
                _end(job, Job.Status.DONE, job.message)
            finally:
                progress.close()
        return None

    return task()(run)


def _end(job: Job, status: str, message: str) -> None:
    job.status, job.message, job.finished_at = status, message, timezone.now()
    if status == Job.Status.DONE and job.total:
        job.done = job.total
    job.save(update_fields=["status", "message", "finished_at", "done", "total", "step", "filename",
                            "content_type", "content", "size"])
