"""A job's page (its progress, then its result) and "Mine filer": the user's jobs of the last day."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from .models import Job

# The page reloads itself this often while the job runs (without JavaScript; with it, the bar is asked).
REFRESH_SECONDS = 2


def _kept(user):
    since = timezone.now() - datetime.timedelta(hours=settings.JOBS_KEPT_HOURS)
    return Job.objects.filter(user=user, created_at__gte=since).defer("content")


def _state(job: Job) -> dict:
    if job.interrupted:
        return {"status": "failed", "label": _("Afbrudt"), "finished": True}
    return {"status": job.status, "label": job.get_status_display(), "finished": job.finished}


class JobDetailView(LoginRequiredMixin, DetailView):
    """While the job waits or runs: its step and a progress bar. Done: on to where the work leads (an
    import to its list, with the message) or the file to fetch. Failed: the error, and the way back."""

    template_name = "jobs/job_detail.html"
    context_object_name = "job"

    def get_object(self, queryset=None):
        return get_object_or_404(_kept(self.request.user), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        job = self.object = self.get_object()
        if job.status == Job.Status.DONE and job.next_url and not job.filename:
            if job.message:
                messages.success(request, job.message)
            return redirect(job.next_url)
        return self.render_to_response(self.get_context_data(object=job))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(state=_state(self.object), refresh_seconds=REFRESH_SECONDS,
                       stale_message=_("Arbejdet stoppede undervejs (arbejdsprocessen blev genstartet eller "
                                       "stoppet), og intet af det er gemt. Start det igen."))
        return context


class JobStatusView(LoginRequiredMixin, View):
    """The job's progress as JSON, for the bar of its page."""

    def get(self, request, pk):
        job = get_object_or_404(_kept(request.user), pk=pk)
        return JsonResponse({**_state(job), "step": job.step, "done": job.done, "total": job.total,
                             "percent": job.percent})


class JobFileView(LoginRequiredMixin, View):
    def get(self, request, pk):
        job = get_object_or_404(_kept(request.user).defer(None), pk=pk)
        if not job.has_file:
            raise Http404(_("Filen findes ikke (længere)."))
        response = HttpResponse(bytes(job.content), content_type=job.content_type)
        response["Content-Disposition"] = content_disposition_header(True, job.filename)
        return response


class JobListView(LoginRequiredMixin, ListView):
    """Mine filer: what the user started in the last JOBS_KEPT_HOURS, newest first, with the files to fetch."""

    template_name = "jobs/job_list.html"
    context_object_name = "jobs"

    def get_queryset(self):
        return _kept(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(kept_hours=settings.JOBS_KEPT_HOURS,
                       rows=[{"job": job, "state": _state(job)} for job in context["jobs"]])
        return context
