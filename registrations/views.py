"""The pages of one registration: its detail page (with its change history and the panels other apps
add to it), its create and edit forms, its deletion, and the Excel export of its list. Each model's
pages are configuration: see cases/views, projects/views.py, atlas/views.py.

Writes go through the model's services: a concrete create/edit view implements `save(form)`, a delete
view `delete_object(obj)`.
"""

from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.db.models import ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, UpdateView

from core.models import Versioned
from core.numbers import count_text
from core.permissions import can_delete
from core.versioning import EditConflict, edit_differences, version_claim
from core.views import ModelPermissionMixin, ObjectListView, model_url, safe_next
from history.registry import has_history, holds_personal_data
from history.selectors import object_history
from history.services import access_record_export, access_record_view
from jobs.services import job_start
from spreadsheets.writing import XLSX, export_workbook

from . import panels


def _kinds_of(objects) -> list[str]:
    return sorted({str(obj._meta.verbose_name_plural) for obj in objects})


def _refusal(obj, kinds: list[str]) -> str:
    return _("»%(title)s« kan ikke slettes, fordi der er registreret %(kinds)s til den. Slet eller flyt dem først."
             ) % {"title": str(obj), "kinds": ", ".join(kinds)}


def protected_kinds(obj) -> list[str]:
    """What keeps `obj` from being deleted (models.PROTECT), by kind, e.g. ["spørgeskemaer"]: asked on the
    confirmation page, so that it says so before the user confirms rather than after."""
    collector = Collector(using=router.db_for_write(type(obj)))
    try:
        collector.collect([obj])
    except (ProtectedError, RestrictedError) as error:
        return _kinds_of(getattr(error, "protected_objects", None) or error.restricted_objects)
    return []


class ObjectDetailView(ModelPermissionMixin, DetailView):
    """An object's page, with the panels other apps add to it (`panels`: registrations/panels.py) and its
    change history (templates/history/_history.html) when the model keeps one; opening the page of a
    model with personal data is written to the access log."""

    def get_queryset(self):
        return self.model.objects.for_list()

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if holds_personal_data(self.model):
            access_record_view(user=request.user, obj=self.object)
        return response

    def may_delete(self) -> bool:
        return can_delete(self.object, self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["back_url"] = safe_next(self.request, reverse(model_url(self.model, "list")))
        context["can_delete"] = self.may_delete()
        context["panels"] = panels.rendered(self.request, self.object)
        if has_history(self.model):
            context["history"] = object_history(self.object)
        return context


class ObjectWriteMixin(ModelPermissionMixin):
    """Hands valid forms to a service and turns its validation errors back into form errors."""

    success_text: str
    heading: str
    template_name_suffix = "_form"

    def get_template_names(self):
        opts = self.model._meta
        return [f"{opts.app_label}/{opts.model_name}_form.html", "_object_form.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = getattr(self, "object", None)
        fallback = obj.get_absolute_url() if obj else reverse(model_url(self.model, "list"))
        context["back_url"] = safe_next(self.request, fallback)
        context["verbose_name"] = self.model._meta.verbose_name
        context["heading"] = self.heading
        return context

    def save(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            obj = self.save(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_text % {"title": str(obj)})
        return HttpResponseRedirect(obj.get_absolute_url())


class ObjectCreateView(ObjectWriteMixin, FormView):
    action = "add"


class ObjectUpdateView(ObjectWriteMixin, UpdateView):
    """Saves an edit only from the version the user started from; otherwise shows what changed."""

    action = "change"

    def form_valid(self, form):
        if not isinstance(self.object, Versioned):
            return super().form_valid(form)
        try:
            with transaction.atomic():  # the version claimed and the edit saved, or neither
                version_claim(self.object, form.cleaned_data.get("version"))
                obj = self.save(form)
        except EditConflict as conflict:
            return self.conflict(form, conflict.current)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_text % {"title": str(obj)})
        # Back where the edit was started: the detail page (with its own way back to the list's filters
        # and page), or the start page.
        return HttpResponseRedirect(safe_next(self.request, obj.get_absolute_url()))

    def conflict(self, form, current):
        """Nothing is saved: the form keeps the user's values, lists where the saved registration now
        differs, and carries the current version so that saving again is a deliberate overwrite."""
        differences = edit_differences(form, current)
        form.data = form.data.copy()
        form.data["version"] = current.version
        latest = object_history(current)[:1] if has_history(type(current)) else []
        return self.render_to_response(self.get_context_data(
            form=form, conflict={"differences": differences, "by": latest[0].who if latest else "",
                                 "at": latest[0].timestamp if latest else None}))


class ObjectDeleteView(ModelPermissionMixin, DetailView):
    """GET asks for confirmation; POST deletes through the service, if the user may."""

    action = "delete"
    template_name = "_object_confirm_delete.html"

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not can_delete(obj, self.request.user):
            raise PermissionDenied
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["back_url"] = safe_next(self.request, self.object.get_absolute_url())
        context["verbose_name"] = self.model._meta.verbose_name
        context["counts_in_year_figures"] = self.counts_in_year_figures
        kinds = protected_kinds(self.object)
        context["protected"] = kinds and _refusal(self.object, kinds)
        return context

    counts_in_year_figures = True  # the confirmation says the year's figures change

    def delete_object(self, obj):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        after = self.after_delete_url(obj)
        try:
            self.delete_object(obj)
        except ProtectedError as error:
            messages.error(request, _refusal(obj, _kinds_of(error.protected_objects)))
            return HttpResponseRedirect(safe_next(request, obj.get_absolute_url()))
        messages.success(request, _("»%(title)s« er slettet.") % {"title": str(obj)})
        return HttpResponseRedirect(after)

    def after_delete_url(self, obj) -> str:
        """Where the detail page led back to (a list with its filters and page, the start page), for the
        deleted object's own page is gone; else the list. Asked before the object is deleted."""
        fallback = reverse(model_url(self.model, "list"))
        came_from = urlsplit(safe_next(self.request, ""))
        if came_from.path != obj.get_absolute_url():
            return fallback
        detail_next = parse_qs(came_from.query).get("next", [""])[0]
        if detail_next and url_has_allowed_host_and_scheme(detail_next, {self.request.get_host()},
                                                           self.request.is_secure()):
            return detail_next
        return fallback


class ObjectExportView(ObjectListView):
    """A list's rows with the filters of its query string (and the list's default year), as an Excel
    sheet with the columns of the kind's import template. Combine with the list view:
    `class ActorExportView(ObjectExportView, ActorListView)`."""

    columns: list = []
    title = ""
    filename = ""  # the file's first word; default: the list's address, which is ASCII (/rekvireringer/)

    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset(self.get_filterset_class())
        list_url = f"{reverse(model_url(self.model, 'list'))}?{request.GET.urlencode()}"
        if not filterset.is_valid():
            messages.error(request, _("Filteret er ugyldigt; ret det, og eksportér igen."))
            return redirect(list_url)
        queryset = filterset.qs
        count = queryset.count()
        if count > settings.EXPORT_BACKGROUND_ROWS:
            # A long list is written by a worker (registrations/tasks.py); its page offers the file.
            from .tasks import list_export

            job = job_start(user=request.user, task=list_export, back_url=list_url,
                            title=_("%(title)s: %(count)s rækker til Excel") % {
                                "title": self.export_title(), "count": count_text(count)},
                            view=f"{type(self).__module__}.{type(self).__qualname__}", path=request.path,
                            query=request.GET.urlencode(), kwargs=self.kwargs)
            return redirect(job)
        output, count = self.export(queryset, count=count)
        return FileResponse(output, as_attachment=True, filename=self.export_filename(filterset), content_type=XLSX)

    def export_title(self) -> str:
        return str(self.title or self.model._meta.verbose_name_plural.capitalize())

    def export_filename(self, filterset) -> str:
        """After the list, its year ("alle-aar" for every year), "filtreret" where other filters narrow it,
        and the day: rekvireringer-2008-2026-12-06.xlsx."""
        parts = [self.filename or self.request.path.rstrip("/").split("/")[-2]]
        chosen = filterset.form.cleaned_data
        if "year" in filterset.filters:
            parts.append(str(chosen.get("year") or "alle-aar"))
        if any(value not in (None, "", [], ()) for name, value in chosen.items() if name not in ("year", "o")):
            parts.append("filtreret")
        parts.append(timezone.localdate().isoformat())
        return "-".join(parts) + ".xlsx"

    def export(self, queryset, *, count: int, progress=None):
        """The workbook of the rows (a file positioned at its start) and how many; an export of a list with
        personal data is written to the access log."""
        output, count = export_workbook(title=self.export_title(), columns=self.columns, queryset=queryset,
                                        count=count, progress=progress)
        if holds_personal_data(self.model):
            access_record_export(self.request.user, self.model, count, self.request.GET.urlencode())
        return output, count
