"""The status report of a large year as a file, made by a worker (the page's download starts it)."""

from django.utils.translation import gettext as _

from jobs.services import JobFailed, job_file
from jobs.work import job_task

from .exports import EXPORTS, NoReport, export_document


@job_task
def report_document(job, progress, *, year: int, fmt: str):
    """The Word or Excel report of `year` in the job's language (its user's, when started)."""
    progress(step=_("Laver rapporten"))
    try:
        document = export_document(year=year, fmt=fmt)
    except NoReport as error:
        raise JobFailed(_("Der er ingen arbejdsplan for %(year)s, og så ingen rapport.") % {"year": year}) from error
    job_file(job, filename=document.filename, content=document.content, content_type=document.content_type)
    job.message = _("Statusrapporten for %(year)s er lavet (%(format)s).") % {"year": year,
                                                                          "format": EXPORTS[fmt][1]}
