import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """Work a user started that runs off the request, in a worker (django-tasks): what the user sees of it
    (progress, the result or a Danish error) and the file it made, kept for the user for a day.

    The file is kept in the database, as an import's upload is, so that any machine can serve it."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Venter")
        RUNNING = "running", _("I gang")
        DONE = "done", _("Færdig")
        FAILED = "failed", _("Fejlet")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("bruger"))
    title = models.CharField(_("titel"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    step = models.CharField(_("trin"), max_length=100, blank=True)
    done = models.PositiveIntegerField(_("udført"), default=0)
    total = models.PositiveIntegerField(_("i alt"), default=0)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    started_at = models.DateTimeField(_("startet"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("sidst hørt fra"), null=True, blank=True)
    finished_at = models.DateTimeField(_("færdig"), null=True, blank=True)
    message = models.TextField(_("besked"), blank=True)
    next_url = models.CharField(_("videre til"), max_length=500, blank=True)
    back_url = models.CharField(_("tilbage til"), max_length=500, blank=True)
    language = models.CharField(_("sprog"), max_length=10, blank=True)
    filename = models.CharField(_("filnavn"), max_length=255, blank=True)
    content_type = models.CharField(_("filtype"), max_length=100, blank=True)
    content = models.BinaryField(_("fil"), null=True, blank=True)
    size = models.PositiveIntegerField(_("størrelse"), default=0)
    task_id = models.CharField(_("opgave-id"), max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("baggrundsjob")
        verbose_name_plural = _("baggrundsjob")
        indexes = [models.Index(fields=["user", "-created_at"], name="jobs_job_user_created_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("jobs:detail", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED) or self.interrupted

    @property
    def interrupted(self) -> bool:
        """Running, but its worker has not been heard from for JOBS_STALE_SECONDS: it stopped (a restart, a
        killed process) in the middle. What the job wrote in its transaction was rolled back."""
        if self.status != self.Status.RUNNING:
            return False
        last = self.heartbeat_at or self.started_at
        return last is not None and (timezone.now() - last).total_seconds() > settings.JOBS_STALE_SECONDS

    @property
    def percent(self) -> int | None:
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))

    @property
    def has_file(self) -> bool:
        return self.status == self.Status.DONE and bool(self.filename)
