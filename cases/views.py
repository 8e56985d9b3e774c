from datetime import date

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, TemplateView, UpdateView
from django_filters.views import FilterView

from reports.selectors import challenge_table

from . import services
from .filters import AdvisoryFilterSet, RequisitionFilterSet
from .forms import AdvisoryForm, QuickAdvisoryForm, RequisitionForm
from .models import Advisory, Requisition
from .permissions import can_delete
from .selectors import (
    challenge_counts,
    consultant_latest_advisories,
    consultant_latest_requisitions,
    consultant_open_requisitions,
    default_year,
    work_plan_years,
)


def safe_next(request, fallback: str) -> str:
    """The `next` parameter when it points inside this site, else the fallback."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


class LogoutView(auth_views.LogoutView):
    """Log out (POST only, as in Django) and say so on the login page."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("Du er logget ud."))
        return response


class HomeView(TemplateView):
    """Start page: a consultant's own work and quick advisory; everyone's view of the year's table."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        years = work_plan_years()
        year = self._year(years)
        context.update(years=years, year=year,
                       table=challenge_table(year=year) if year else None)
        if user.has_perm("cases.add_advisory"):
            context.update(
                quick_form=kwargs.get("quick_form") or QuickAdvisoryForm(initial={"date": date.today()}),
                open_requisitions=consultant_open_requisitions(user=user),
                latest_requisitions=consultant_latest_requisitions(user=user),
                latest_advisories=consultant_latest_advisories(user=user),
            )
        return context

    def _year(self, years):
        try:
            year = int(self.request.GET.get("year", ""))
        except ValueError:
            return default_year()
        return year if year in years else default_year()


class RegistrationListView(PermissionRequiredMixin, FilterView):
    """A filtered, sorted, paginated list with the count per challenge above it."""

    paginate_by = 25
    strict = True
    template_name_suffix = "_list"

    def get_queryset(self):
        return self.model.objects.for_list()

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        data = kwargs["data"].copy() if kwargs["data"] is not None else QueryDict(mutable=True)
        if "year" not in data:
            data["year"] = default_year() or ""
        kwargs["data"] = data
        return kwargs

    def paginate_queryset(self, queryset, page_size):
        # An out-of-range or malformed page number shows the nearest page rather than an error.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        year = int(form.cleaned_data["year"]) if form.is_valid() and form.cleaned_data.get("year") else None
        context["challenge_counts"] = (
            challenge_counts(queryset=self.object_list, year=year) if form.is_valid() else [])
        context["year"] = year
        context["list_url"] = self.request.get_full_path()
        return context


class RequisitionListView(RegistrationListView):
    model = Requisition
    permission_required = "cases.view_requisition"
    filterset_class = RequisitionFilterSet


class AdvisoryListView(RegistrationListView):
    model = Advisory
    permission_required = "cases.view_advisory"
    filterset_class = AdvisoryFilterSet


class RegistrationDetailView(PermissionRequiredMixin, DetailView):
    def get_queryset(self):
        return self.model.objects.for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["back_url"] = safe_next(self.request, reverse(f"cases:{self.model._meta.model_name}_list"))
        context["can_delete"] = can_delete(self.object, self.request.user)
        return context


class RequisitionDetailView(RegistrationDetailView):
    model = Requisition
    permission_required = "cases.view_requisition"


class AdvisoryDetailView(RegistrationDetailView):
    model = Advisory
    permission_required = "cases.view_advisory"


class RegistrationWriteMixin(PermissionRequiredMixin):
    """Hands valid forms to a service and turns its validation errors back into form errors."""

    success_text: str

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fallback = (self.object.get_absolute_url() if getattr(self, "object", None)
                    else reverse(f"cases:{self.model._meta.model_name}_list"))
        context["back_url"] = safe_next(self.request, fallback)
        return context

    def form_valid(self, form):
        try:
            obj = self.save(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_text % {"title": obj.title})
        return HttpResponseRedirect(obj.get_absolute_url())


class RequisitionCreateView(RegistrationWriteMixin, FormView):
    model = Requisition
    form_class = RequisitionForm
    permission_required = "cases.add_requisition"
    template_name = "cases/requisition_form.html"
    success_text = gettext_lazy("Rekvireringen »%(title)s« er registreret.")

    def get_initial(self):
        return {"date_received": date.today(), "consultants": [self.request.user]}

    def save(self, form):
        return services.requisition_create(user=self.request.user, **form.cleaned_data)


class RequisitionUpdateView(RegistrationWriteMixin, UpdateView):
    model = Requisition
    form_class = RequisitionForm
    permission_required = "cases.change_requisition"
    success_text = gettext_lazy("Ændringerne i »%(title)s« er gemt.")

    def save(self, form):
        return services.requisition_update(requisition=self.object, user=self.request.user,
                                           data=form.cleaned_data)


class AdvisoryCreateView(RegistrationWriteMixin, FormView):
    model = Advisory
    form_class = AdvisoryForm
    permission_required = "cases.add_advisory"
    template_name = "cases/advisory_form.html"
    success_text = gettext_lazy("Rådgivningen »%(title)s« er registreret.")

    def get_initial(self):
        return {"date": date.today(), "consultant": self.request.user}

    def save(self, form):
        return services.advisory_create(user=self.request.user, **form.cleaned_data)


class QuickAdvisoryCreateView(AdvisoryCreateView):
    """The start page's form posts here; errors are shown on the start page itself."""

    form_class = QuickAdvisoryForm
    http_method_names = ["post"]

    def form_valid(self, form):
        try:
            advisory = self.save(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_text % {"title": advisory.title})
        return HttpResponseRedirect(reverse("home"))

    def form_invalid(self, form):
        view = HomeView(request=self.request, args=(), kwargs={})
        return view.render_to_response(view.get_context_data(quick_form=form), status=200)


class AdvisoryUpdateView(RegistrationWriteMixin, UpdateView):
    model = Advisory
    form_class = AdvisoryForm
    permission_required = "cases.change_advisory"
    success_text = gettext_lazy("Ændringerne i »%(title)s« er gemt.")

    def save(self, form):
        return services.advisory_update(advisory=self.object, user=self.request.user, data=form.cleaned_data)


class RegistrationDeleteView(PermissionRequiredMixin, DetailView):
    """GET asks for confirmation; POST deletes through the service, if the user may."""

    template_name = "cases/registration_confirm_delete.html"

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not can_delete(obj, self.request.user):
            raise PermissionDenied
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["back_url"] = safe_next(self.request, self.object.get_absolute_url())
        context["verbose_name"] = self.model._meta.verbose_name
        return context

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        self.delete_with_service(obj)
        messages.success(request, _("»%(title)s« er slettet.") % {"title": obj.title})
        return HttpResponseRedirect(reverse(f"cases:{self.model._meta.model_name}_list"))


class RequisitionDeleteView(RegistrationDeleteView):
    model = Requisition
    permission_required = "cases.delete_requisition"

    def delete_with_service(self, obj):
        services.requisition_delete(requisition=obj, user=self.request.user)


class AdvisoryDeleteView(RegistrationDeleteView):
    model = Advisory
    permission_required = "cases.delete_advisory"

    def delete_with_service(self, obj):
        services.advisory_delete(advisory=obj, user=self.request.user)
