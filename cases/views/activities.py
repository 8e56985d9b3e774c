"""Events, deliverables and steering-group seats: their lists, pages, forms, deletion and Excel export."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.figures import change_percent
from core.selectors import registration_day
from core.views import ObjectListView
from registrations.views import (
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectExportView,
    ObjectUpdateView,
)

from .. import services
from ..filters import DeliverableFilterSet, EventFilterSet, SteeringGroupMembershipFilterSet
from ..forms import DeliverableForm, EventForm, SteeringGroupMembershipForm
from ..kinds import DELIVERABLE, EVENT, STEERING_GROUP_MEMBERSHIP
from ..models import Deliverable, Event, SteeringGroupMembership

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
        return {"date": registration_day(), "consultant": self.request.user}

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


class EventExportView(ObjectExportView, EventListView):
    columns = EVENT.columns


class DeliverableExportView(ObjectExportView, DeliverableListView):
    columns = DELIVERABLE.columns


class SteeringGroupMembershipExportView(ObjectExportView, SteeringGroupMembershipListView):
    columns = STEERING_GROUP_MEMBERSHIP.columns
