from datetime import date

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from reports.selectors import challenge_table
from spreadsheets.views import ObjectExportView
from surveys.selectors import registration_invitations

from .. import services
from ..filters import AdvisoryFilterSet, RequisitionFilterSet
from ..forms import AdvisoryForm, QuickAdvisoryForm, RequisitionForm
from ..models import Advisory, Requisition
from ..selectors import (
    chosen_year,
    consultant_events_needing_participants,
    consultant_latest_advisories,
    consultant_latest_requisitions,
    consultant_open_requisitions,
    with_people_named,
    work_plan_years,
)
from ..spreadsheet import ADVISORY_COLUMNS, REQUISITION_COLUMNS
from .generic import ObjectCreateView, ObjectDeleteView, ObjectDetailView, ObjectListView, ObjectUpdateView


class HomeView(TemplateView):
    """Start page: a consultant's own work and quick advisory; everyone's view of the year's table."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        years = work_plan_years()
        year = chosen_year(self.request.GET.get("year"), years)
        context.update(years=years, year=year,
                       table=challenge_table(year=year) if year else None)
        if user.has_perm("cases.add_advisory"):
            context.update(
                quick_form=kwargs.get("quick_form") or QuickAdvisoryForm(initial={"date": date.today()}),
                open_requisitions=consultant_open_requisitions(user=user),
                latest_requisitions=consultant_latest_requisitions(user=user),
                latest_advisories=consultant_latest_advisories(user=user),
                events_needing_participants=consultant_events_needing_participants(user=user),
            )
        return context


class RequisitionListView(ObjectListView):
    model = Requisition
    filterset_class = RequisitionFilterSet

    def page_rows(self, queryset):
        return queryset.for_list_page()

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = with_people_named(list(rows))
        return paginator, page, page.object_list, is_paginated


class SurveysMixin:
    """The satisfaction questionnaires sent about the requisition or advisory, for those who may see them."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.has_perm("surveys.view_invitation"):
            context["invitations"] = registration_invitations(self.object)
            context["now"] = timezone.now()
        return context


class RequisitionDetailView(SurveysMixin, ObjectDetailView):
    model = Requisition

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = self.object.events.order_by("date")
        context["deliverables"] = self.object.deliverables.order_by("title")
        return context


class RequisitionCreateView(ObjectCreateView):
    model = Requisition
    form_class = RequisitionForm
    heading = gettext_lazy("Ny rekvirering")
    success_text = gettext_lazy("Rekvireringen »%(title)s« er registreret.")

    def get_initial(self):
        return {"date_received": date.today(), "consultants": [self.request.user]}

    def save(self, form):
        return services.requisition_create(user=self.request.user, **form.cleaned_data)


class RequisitionUpdateView(ObjectUpdateView):
    model = Requisition
    form_class = RequisitionForm
    heading = gettext_lazy("Redigér rekvirering")
    success_text = gettext_lazy("Ændringerne i »%(title)s« er gemt.")

    def save(self, form):
        return services.requisition_update(requisition=self.object, user=self.request.user,
                                           data=form.cleaned_data)


class RequisitionDeleteView(ObjectDeleteView):
    model = Requisition

    def delete_object(self, obj):
        services.requisition_delete(requisition=obj, user=self.request.user)


class AdvisoryListView(ObjectListView):
    model = Advisory
    filterset_class = AdvisoryFilterSet


class AdvisoryDetailView(SurveysMixin, ObjectDetailView):
    model = Advisory


class AdvisoryCreateView(ObjectCreateView):
    model = Advisory
    form_class = AdvisoryForm
    heading = gettext_lazy("Ny rådgivning")
    success_text = gettext_lazy("Rådgivningen »%(title)s« er registreret.")

    def get_initial(self):
        return {"date": date.today(), "consultant": self.request.user}

    def save(self, form):
        return services.advisory_create(user=self.request.user, **form.cleaned_data)


class AdvisoryQuickCreateView(AdvisoryCreateView):
    """The start page's form posts here; errors are shown on the start page itself."""

    form_class = QuickAdvisoryForm

    def get(self, request, *args, **kwargs):
        # The address shows in the browser after a form sent back with errors: a reload, a language
        # chosen or a bookmark leads to the start page and its form, not to an error.
        return HttpResponseRedirect(reverse("home"))

    def form_valid(self, form):
        response = super().form_valid(form)
        return HttpResponseRedirect(reverse("home")) if response.status_code == 302 else response

    def form_invalid(self, form):
        view = HomeView(request=self.request, args=(), kwargs={})
        return view.render_to_response(view.get_context_data(quick_form=form), status=200)


class AdvisoryUpdateView(ObjectUpdateView):
    model = Advisory
    form_class = AdvisoryForm
    heading = gettext_lazy("Redigér rådgivning")
    success_text = gettext_lazy("Ændringerne i »%(title)s« er gemt.")

    def save(self, form):
        return services.advisory_update(advisory=self.object, user=self.request.user, data=form.cleaned_data)


class AdvisoryDeleteView(ObjectDeleteView):
    model = Advisory

    def delete_object(self, obj):
        services.advisory_delete(advisory=obj, user=self.request.user)


class RequisitionExportView(ObjectExportView, RequisitionListView):
    columns = REQUISITION_COLUMNS


class AdvisoryExportView(ObjectExportView, AdvisoryListView):
    columns = ADVISORY_COLUMNS
