"""Import of a sheet: its template, the upload, the preview and the confirmation. (The export of a
filtered list is registrations.views.ObjectExportView.)"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from jobs.services import job_start

from . import services
from .models import ImportBatch
from .registry import get_importer
from .tasks import import_confirm, import_preview
from .writing import XLSX, template_workbook

ERRORS_SHOWN = 500

class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel-fil (.xlsx)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))


class ImporterMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        self.importer = get_importer(kwargs["kind"])
        if request.user.is_authenticated and not request.user.has_perm(self.importer.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(importer=self.importer, list_url=reverse(self.importer.list_url),
                       template_url=reverse("spreadsheets:template", args=[self.importer.slug]))
        return context


class ImportTemplateView(ImporterMixin, View):
    def get(self, request, kind):
        output = template_workbook(title=self.importer.sheet_name, columns=self.importer.columns)
        return FileResponse(output, as_attachment=True, filename=f"skabelon-{self.importer.slug}.xlsx",
                            content_type=XLSX)


class ImportUploadView(ImporterMixin, FormView):
    form_class = UploadForm
    template_name = "spreadsheets/import_upload.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(max_size=settings.SPREADSHEET_MAX_UPLOAD_BYTES, max_rows=settings.SPREADSHEET_MAX_ROWS)
        return context

    def form_valid(self, form):
        try:
            batch = services.batch_upload(importer=self.importer, user=self.request.user,
                                          upload=form.cleaned_data["file"])
        except ValidationError as exc:
            for message in exc.message_dict.get("file", exc.messages):
                form.add_error("file", message)
            return self.form_invalid(form)
        return redirect("spreadsheets:preview", kind=self.importer.slug, pk=batch.pk)


class ImportPreviewView(ImporterMixin, TemplateView):
    template_name = "spreadsheets/import_preview.html"

    def dispatch(self, request, *args, **kwargs):
        self.batch = None
        return super().dispatch(request, *args, **kwargs)

    def get_batch(self) -> ImportBatch:
        return get_object_or_404(ImportBatch, pk=self.kwargs["pk"], kind=self.importer.slug,
                                 uploaded_by=self.request.user)

    def chosen(self) -> dict[str, set[str]]:
        return {key: set(self.request.POST.getlist(f"create-{key}")) for key in self.importer.references}

    def get(self, request, *args, **kwargs):
        batch = self.get_batch()
        if batch.imported_at is not None:
            messages.info(request, _("Filen »%(name)s« er allerede importeret.") % {"name": batch.filename})
            return redirect(self.importer.list_url)
        return self.show(batch, create=None)

    def post(self, request, *args, **kwargs):
        batch = self.get_batch()
        create = self.chosen()
        if "preview" in request.POST:
            return self.show(batch, create=create)
        if batch.imported_at is not None:
            messages.info(request, _("Filen »%(name)s« er allerede importeret.") % {"name": batch.filename})
            return redirect(self.importer.list_url)
        # The import runs in a worker (spreadsheets/tasks.py); its page shows how far it is, then the list.
        job = job_start(user=request.user, task=import_confirm,
                        title=_("Import af »%(name)s« (%(noun)s)") % {"name": batch.filename,
                                                                   "noun": self.importer.noun_plural},
                        next_url=reverse(self.importer.list_url), back_url=request.path,
                        kind=self.importer.slug, batch_id=batch.pk,
                        create={key: sorted(names) for key, names in services.allowed_creations(
                            importer=self.importer, user=request.user, create=create).items()})
        return redirect(job)

    def show(self, batch, *, create):
        """The preview: made here for a sheet of up to PREVIEW_BACKGROUND_ROWS rows; for a larger one by a
        worker (its page, then back here), and kept, so that this page shows it until another is asked
        for (`create` given: the choices of reference data to create)."""
        if batch.rows > settings.PREVIEW_BACKGROUND_ROWS:
            kept = services.stored_preview(batch)
            if create is None and kept is not None:
                preview, row_count, sample = kept
                return self.render_to_response(self.get_context_data(
                    batch=batch, preview=preview, create=batch.preview_create, row_count=row_count, sample=sample))
            allowed = services.allowed_creations(importer=self.importer, user=self.request.user, create=create)
            job = job_start(user=self.request.user, task=import_preview,
                            title=_("Forhåndsvisning af »%(name)s« (%(noun)s)") % {
                                "name": batch.filename, "noun": self.importer.noun_plural},
                            next_url=self.request.path,
                            back_url=reverse("spreadsheets:upload", args=[self.importer.slug]),
                            kind=self.importer.slug, batch_id=batch.pk,
                            create={key: sorted(names) for key, names in allowed.items()})
            return redirect(job)
        try:
            preview = services.batch_preview(importer=self.importer, batch=batch, user=self.request.user,
                                             create=create)
        except ValidationError as exc:
            messages.error(self.request, " ".join(exc.messages))
            return redirect("spreadsheets:upload", kind=self.importer.slug)
        return self.render_to_response(self.get_context_data(
            batch=batch, preview=preview, create=create or {}, row_count=len(preview.rows),
            sample=services.preview_sample(importer=self.importer, preview=preview)))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        preview = context["preview"]
        create = services.allowed_creations(importer=self.importer, user=self.request.user, create=context["create"])
        unknown = []
        for key, name, rows in preview.unresolved:
            reference = self.importer.references[key]
            unknown.append({"key": key, "name": name, "rows": rows, "column": self.importer.headers_of(key),
                            "label": reference.label, "can_create": self.request.user.has_perm(reference.permission)})
        chosen = [{"key": key, "name": name} for key, names in create.items() for name in sorted(names)]
        context.update(unknown=unknown, chosen=chosen, user_can_create=any(item["can_create"] for item in unknown),
                       errors_shown=preview.errors[:ERRORS_SHOWN])
        return context
