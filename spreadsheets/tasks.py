"""The import's confirmation, and the preview of a large sheet, run by a worker: the longest sheets take
longer than a request may."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jobs.services import JobFailed
from jobs.work import job_task

from . import services
from .models import ImportBatch
from .registry import get_importer


def _job_batch(job, kind: str, batch_id: int):
    """The importer and the job's user's upload (which may have been dropped since the job was started)."""
    batch = ImportBatch.objects.filter(pk=batch_id, kind=kind, uploaded_by=job.user).first()
    if batch is None:
        raise JobFailed(_("Filen findes ikke længere; indlæs den igen."))
    return get_importer(kind), batch


@job_task
def import_confirm(job, progress, *, kind: str, batch_id: int, create: dict[str, list[str]]):
    """Imports the batch for the job's user: every row or none (services.batch_import, one transaction)."""
    importer, batch = _job_batch(job, kind, batch_id)
    try:
        count = services.batch_import(importer=importer, batch=batch, user=job.user,
                                      create={key: set(names) for key, names in create.items()}, progress=progress)
    except services.ImportRejected as exc:
        problems = len(exc.preview.errors) + len(exc.preview.unresolved)
        raise JobFailed(ngettext(
            "Intet er importeret: %(count)s fejl eller ukendt navn skal rettes. Forhåndsvisningen viser det.",
            "Intet er importeret: %(count)s fejl eller ukendte navne skal rettes. Forhåndsvisningen viser dem.",
            problems) % {"count": problems}) from exc
    except ValidationError as exc:
        raise JobFailed(" ".join(exc.messages)) from exc
    job.message = _("%(count)s %(noun)s er importeret fra »%(name)s«.") % {
        "count": count, "noun": importer.noun_plural, "name": batch.filename}


@job_task
def import_preview(job, progress, *, kind: str, batch_id: int, create: dict[str, list[str]]):
    """Checks every row of a large sheet, as the preview page does, and keeps what the page shows of it."""
    importer, batch = _job_batch(job, kind, batch_id)
    allowed = services.allowed_creations(importer=importer, user=job.user,
                                         create={key: set(names) for key, names in create.items()})
    try:
        preview = services.batch_preview(importer=importer, batch=batch, user=job.user, create=allowed,
                                         progress=progress)
    except ValidationError as exc:
        raise JobFailed(" ".join(exc.messages)) from exc
    services.batch_preview_store(importer=importer, batch=batch, preview=preview, create=allowed)
