"""Generic list, detail, create, edit and delete views: each model's views are configuration.

Permissions follow the model: viewing needs `<app>.view_<model>`, creating `add_`, editing
`change_`, deleting `delete_` and, on top, ownership (see cases.permissions.can_delete).
Writes go through the model's services: a concrete create/edit view implements `save(form)`,
a delete view `delete_object(obj)`.
"""

from urllib.parse import parse_qs, urlsplit

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.db.models import ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from django.http import HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, UpdateView
from django_filters.views import FilterView

from history.registry import has_history, holds_personal_data
from history.selectors import object_history
from history.services import access_record_view

from ..models import Versioned
from ..permissions import can_delete
from ..selectors import challenge_counts, count_by_challenge, default_year
from ..versioning import EditConflict, edit_differences, version_claim


def safe_next(request, fallback: str) -> str:
    """The `next` parameter when it points inside this site, else the fallback."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


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


def model_url(model, suffix: str) -> str:
    """The URL name of a model's page, e.g. `cases:event_list`."""
    return f"{model._meta.app_label}:{model._meta.model_name}_{suffix}"


class ModelPermissionMixin(PermissionRequiredMixin):
    action = "view"

    def get_permission_required(self):
        opts = self.model._meta
        return [f"{opts.app_label}.{self.action}_{opts.model_name}"]


class ObjectListView(ModelPermissionMixin, FilterView):
    """A filtered, sorted, paginated list; opens on the default year when the filterset has one,
    and shows the count per challenge above the list when the model has a challenge."""

    paginate_by = 25
    strict = True
    template_name_suffix = "_list"
    count_per_challenge = True
    counts = None  # rows per challenge id, when counted (count_by_challenge)

    def get_queryset(self):
        return self.model.objects.for_list()

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        data = kwargs["data"].copy() if kwargs["data"] is not None else QueryDict(mutable=True)
        if "year" in filterset_class.base_filters and "year" not in data:
            data["year"] = default_year() or ""
        kwargs["data"] = data
        return kwargs

    def page_rows(self, queryset):
        """The queryset of the rows a page shows (the list's filters and order; an export reads the
        list's own queryset): a model may read less for a page."""
        return queryset

    def paginate_queryset(self, queryset, page_size):
        # An out-of-range or malformed page number shows the nearest page rather than an error.
        rows = self.filterset.page_queryset() if self.filterset.is_valid() else queryset
        paginator = self.get_paginator(self.page_rows(rows), page_size)
        if self.counts is not None and not queryset.query.distinct:
            paginator.count = sum(self.counts.values())  # the rows were just counted per challenge
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        form = self.filterset.form
        valid = form.is_valid()
        year = int(form.cleaned_data["year"]) if valid and form.cleaned_data.get("year") else None
        self.counts = count_by_challenge(self.object_list) if self.count_per_challenge and valid else None
        context = super().get_context_data(**kwargs)
        if self.counts is not None:
            context["challenge_counts"] = challenge_counts(counts=self.counts, year=year)
        context["year"] = year
        context["list_url"] = self.request.get_full_path()
        return context


class ObjectDetailView(ModelPermissionMixin, DetailView):
    """An object's page, with its change history (templates/history/_history.html) when the model
    keeps one; opening the page of a model with personal data is written to the access log."""

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
