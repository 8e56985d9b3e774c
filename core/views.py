"""What every page of a list shares: permissions that follow the model, a filtered, sorted and paginated
list opening on the default year with its count per challenge, and the safe way back.

Permissions follow the model: viewing needs `<app>.view_<model>`, creating `add_`, editing `change_`,
deleting `delete_` and, on top, ownership (core/permissions.py). The pages of one object (detail,
forms, deletion, export), which also show its history, are in registrations/views.py.
"""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import QueryDict
from django.utils.http import url_has_allowed_host_and_scheme
from django_filters.views import FilterView

from .selectors import challenge_counts, count_by_challenge, default_year


def safe_next(request, fallback: str) -> str:
    """The `next` parameter when it points inside this site, else the fallback."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


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
