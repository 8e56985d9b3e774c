"""A long list's Excel export, written by a worker: the list's own view, filters and columns, for the job's
user, with the query string of the list the user exported."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, QueryDict
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from core.numbers import count_text
from jobs.services import JobFailed, job_file
from jobs.work import job_task
from spreadsheets.writing import XLSX

from .views import ObjectExportView


@job_task
def list_export(job, progress, *, view: str, path: str, query: str, kwargs: dict):
    view_class = import_string(view)
    if not (isinstance(view_class, type) and issubclass(view_class, ObjectExportView)):
        raise JobFailed(_("Eksporten findes ikke."))
    # The request the list was exported with, as far as the view reads it: who, where and the filters.
    request = HttpRequest()
    request.method, request.path, request.user = "GET", path, job.user
    request.GET = QueryDict(query)
    export = view_class()
    export.setup(request, **kwargs)
    try:
        if not export.has_permission():
            raise PermissionDenied
    except PermissionDenied as exc:
        raise JobFailed(_("Du har ikke længere adgang til listen.")) from exc
    filterset = export.get_filterset(export.get_filterset_class())
    if not filterset.is_valid():
        raise JobFailed(_("Filteret er ugyldigt; ret det, og eksportér igen."))
    queryset = filterset.qs
    total = queryset.count()
    progress(0, total, step=_("Skriver rækkerne"))
    output, count = export.export(queryset, count=total, progress=progress)
    with output:
        job_file(job, filename=export.export_filename(filterset), content=output.read(), content_type=XLSX)
    job.message = _("%(count)s rækker er skrevet til Excel.") % {"count": count_text(count)}
