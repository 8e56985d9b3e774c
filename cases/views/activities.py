"""Events, deliverables, steering-group seats, and the year's resources and figures."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from reports.selectors import change_percent, fte_overview, year_comparison
from spreadsheets.views import ObjectExportView

from .. import services
from ..filters import DeliverableFilterSet, EventFilterSet, SteeringGroupMembershipFilterSet
from ..forms import DeliverableForm, EventForm, SteeringGroupMembershipForm
from ..models import Deliverable, Event, SteeringGroupMembership
from ..selectors import default_year, work_plan_years
from ..spreadsheet import DELIVERABLE_COLUMNS, EVENT_COLUMNS, STEERING_COLUMNS
from .generic import ObjectCreateView, ObjectDeleteView, ObjectDetailView, ObjectListView, ObjectUpdateView

SAVED = _("Ændringerne i »%(title)s« er gemt.")


class EventListView(ObjectListView):
    model = Event
    filterset_class = EventFilterSet


class EventDetailView(ObjectDetailView):
    model = Event

    def get_queryset(self):
        return super().get_queryset().select_related("previous").prefetch_related("organisations")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event, previous = self.object, self.object.previous
        if previous is not None:
            context["participants_change"] = change_percent(event.participants, previous.participants)
            context["organisations_change"] = change_percent(
                event.organisation_total, previous.organisation_total)
        return context


class EventCreateView(ObjectCreateView):
    model = Event
    form_class = EventForm
    heading = _("Nyt arrangement")
    success_text = _("Arrangementet »%(title)s« er registreret.")

    def get_initial(self):
        return {"date": timezone.localdate(), "consultant": self.request.user}

    def save(self, form):
        return services.event_create(user=self.request.user, **form.cleaned_data)


class EventUpdateView(ObjectUpdateView):
    model = Event
    form_class = EventForm
    heading = _("Redigér arrangement")
    success_text = SAVED

    def save(self, form):
        return services.event_update(event=self.object, user=self.request.user, data=form.cleaned_data)


class EventDeleteView(ObjectDeleteView):
    model = Event

    def delete_object(self, obj):
        services.event_delete(event=obj, user=self.request.user)


class DeliverableListView(ObjectListView):
    model = Deliverable
    filterset_class = DeliverableFilterSet


class DeliverableDetailView(ObjectDetailView):
    model = Deliverable

    def get_queryset(self):
        return super().get_queryset().prefetch_related(
            "events", "requisitions__requesters", "replaced_by__challenge__work_plan",
            "replaces__challenge__work_plan")


class DeliverableCreateView(ObjectCreateView):
    model = Deliverable
    form_class = DeliverableForm
    heading = _("Ny leverance")
    success_text = _("Leverancen »%(title)s« er registreret.")

    def save(self, form):
        return services.deliverable_create(user=self.request.user, **form.cleaned_data)


class DeliverableUpdateView(ObjectUpdateView):
    model = Deliverable
    form_class = DeliverableForm
    heading = _("Redigér leverance")
    success_text = SAVED

    def save(self, form):
        return services.deliverable_update(deliverable=self.object, user=self.request.user,
                                           data=form.cleaned_data)


class DeliverableDeleteView(ObjectDeleteView):
    model = Deliverable

    def delete_object(self, obj):
        services.deliverable_delete(deliverable=obj, user=self.request.user)


class SteeringGroupMembershipListView(ObjectListView):
    model = SteeringGroupMembership
    filterset_class = SteeringGroupMembershipFilterSet
    count_per_challenge = False


class SteeringGroupMembershipDetailView(ObjectDetailView):
    model = SteeringGroupMembership


class SteeringGroupMembershipCreateView(ObjectCreateView):
    model = SteeringGroupMembership
    form_class = SteeringGroupMembershipForm
    heading = _("Nyt styregruppesæde")
    success_text = _("Styregruppesædet »%(title)s« er registreret.")

    def get_initial(self):
        return {"start": timezone.localdate(), "consultant": self.request.user}

    def save(self, form):
        return services.steering_group_membership_create(user=self.request.user, **form.cleaned_data)


class SteeringGroupMembershipUpdateView(ObjectUpdateView):
    model = SteeringGroupMembership
    form_class = SteeringGroupMembershipForm
    heading = _("Redigér styregruppesæde")
    success_text = SAVED

    def save(self, form):
        return services.steering_group_membership_update(membership=self.object, user=self.request.user,
                                                         data=form.cleaned_data)


class SteeringGroupMembershipDeleteView(ObjectDeleteView):
    model = SteeringGroupMembership

    def delete_object(self, obj):
        services.steering_group_membership_delete(membership=obj, user=self.request.user)


class YearPageMixin(PermissionRequiredMixin):
    """A page about one year, chosen with ?year= among the years with a work plan."""

    permission_required = "cases.view_workplan"

    def get_year(self, years: list[int]) -> int | None:
        try:
            year = int(self.request.GET.get("year", ""))
        except ValueError:
            return default_year()
        return year if year in years else default_year()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        years = work_plan_years()
        context.update(years=years, year=self.get_year(years))
        return context


class ResourcesView(YearPageMixin, TemplateView):
    """FTE planned per task and per challenge against the hours registered."""

    template_name = "cases/resources.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overview"] = fte_overview(year=context["year"]) if context["year"] else None
        return context


class YearFiguresView(YearPageMixin, TemplateView):
    """The year's figures beside the previous year's."""

    template_name = "cases/year_figures.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["comparison"] = year_comparison(year=context["year"]) if context["year"] else None
        return context


class EventExportView(ObjectExportView, EventListView):
    columns = EVENT_COLUMNS
    prefetch = ("organisations",)


class DeliverableExportView(ObjectExportView, DeliverableListView):
    columns = DELIVERABLE_COLUMNS


class SteeringGroupMembershipExportView(ObjectExportView, SteeringGroupMembershipListView):
    columns = STEERING_COLUMNS
