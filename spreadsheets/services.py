"""Writes of the import: storing an upload for its preview, and importing it in one transaction."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.exceptions import RowRejected

from .importing import Importer, Preview, RowError
from .models import ImportBatch
from .reading import UnreadableWorkbook, check_upload

PENDING_KEPT = datetime.timedelta(days=1)
SAMPLE_ROWS = 10  # the rows the preview shows


class ImportRejected(Exception):
    """The sheet has errors (listed in the preview); nothing was written."""

    def __init__(self, preview: Preview):
        super().__init__(f"{len(preview.errors)} errors")
        self.preview = preview


def batch_upload(*, importer: Importer, user, upload) -> ImportBatch:
    """Stores an uploaded workbook for its preview, after checking that it can be read at all."""
    try:
        check_upload(upload.name, upload.size)
        data = upload.read(upload.size + 1)
        rows = len(importer.read(data).rows)
    except UnreadableWorkbook as exc:
        raise ValidationError({"file": exc.message}) from exc
    # Previews never imported are kept a day, then dropped at the user's next upload.
    ImportBatch.objects.filter(uploaded_by=user, imported_at__isnull=True,
                               uploaded_at__lt=timezone.now() - PENDING_KEPT).delete()
    return ImportBatch.objects.create(kind=importer.slug, filename=upload.name[:255], content=data,
                                      size=len(data), rows=rows, uploaded_by=user)


def allowed_creations(*, importer: Importer, user, create: dict | None) -> dict[str, set[str]]:
    """The reference data the user chose to create, less what the user may not create."""
    return {key: set(names) for key, names in (create or {}).items()
            if key in importer.references and user.has_perm(importer.references[key].permission)}


def batch_preview(*, importer: Importer, batch: ImportBatch, user, create: dict | None = None,
                  progress=None) -> Preview:
    """The rows of the workbook checked; `progress(done, total, step=…)` (a job's) is told how far."""
    create = allowed_creations(importer=importer, user=user, create=create)
    try:
        if progress is not None:
            progress(step=_("Læser filen"))
        sheet = importer.read(bytes(batch.content))
        if progress is not None:
            progress(0, len(sheet.rows), step=_("Kontrollerer rækkerne"))
        return importer.validate(sheet, user=user, create=create, progress=progress)
    except UnreadableWorkbook as exc:
        raise ValidationError(exc.message) from exc


def _shown(column, value) -> str:
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")  # 22.09.2008, as the forms show it
    if getattr(column, "choices", None):
        return str(dict(column.choices).get(value, value))
    if isinstance(value, list):
        return ", ".join(str(getattr(item, "name", item)) for item in value)
    return "" if value is None else str(value)


def preview_sample(*, importer: Importer, preview: Preview) -> list[dict]:
    """The first rows of the preview as the page shows them: the row's number and its first columns."""
    return [{"number": row["_row"], "values": [_shown(column, row.get(column.key)) for column in importer.columns[:4]]}
            for row in preview.rows[:SAMPLE_ROWS]]


def batch_preview_store(*, importer: Importer, batch: ImportBatch, preview: Preview, create: dict) -> None:
    """Keeps the preview a worker made of a large sheet, for its page: what the page shows of it."""
    batch.preview = {"sheet": preview.sheet, "total": preview.total, "row_count": len(preview.rows),
                     "errors": [[error.sheet, error.row, error.column, error.message] for error in preview.errors],
                     "unknown": preview.unknown, "sample": preview_sample(importer=importer, preview=preview)}
    batch.preview_create = {key: sorted(names) for key, names in create.items()}
    batch.save(update_fields=["preview", "preview_create"])


def stored_preview(batch: ImportBatch) -> tuple[Preview, int, list[dict]] | None:
    """The kept preview (as a Preview without its rows), its number of valid rows and its sample; or None."""
    if not batch.preview:
        return None
    kept = batch.preview
    preview = Preview(sheet=kept["sheet"], total=kept["total"], unknown=kept["unknown"],
                      errors=[RowError(*error) for error in kept["errors"]])
    return preview, kept["row_count"], kept["sample"]


@transaction.atomic
def batch_import(*, importer: Importer, batch: ImportBatch, user, create: dict | None = None,
                 progress=None) -> int:
    """Validates the workbook again and writes every row, or nothing: raises ImportRejected with the
    preview when any row has an error or names reference data that neither exists nor is to be created.
    Run by a worker (spreadsheets/tasks.py), which passes its job's `progress`."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.imported_at is not None:
        raise ValidationError(_("Filen er allerede importeret."))
    preview = batch_preview(importer=importer, batch=batch, user=user, create=create, progress=progress)
    if not preview.ok:
        raise ImportRejected(preview)
    if progress is not None:
        progress(len(preview.rows), len(preview.rows), step=_("Gemmer rækkerne"))
    created = importer.create_references(preview.rows, user=user)
    try:
        importer.save_rows(preview.rows, user=user)
    except RowRejected as rejected:
        # The preview passed, but the service's rules did not (a rule only the service knows, or data
        # changed since): nothing is written, and the row is named as in the preview.
        row = preview.rows[rejected.index]["_row"]
        preview.errors = [RowError(preview.sheet, row, "", message) for message in rejected.error.messages]
        raise ImportRejected(preview) from rejected
    batch.imported_at = timezone.now()
    batch.row_count = len(preview.rows)
    batch.references_created = created
    batch.content, batch.preview = b"", None
    batch.save(update_fields=["imported_at", "row_count", "references_created", "content", "preview"])
    return batch.row_count
