"""Requisitions and advisories: their lists, pages, forms, deletion and Excel export."""


from django.utils.translation import gettext_lazy

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
from ..filters import AdvisoryFilterSet, RequisitionFilterSet
from ..forms import AdvisoryForm, RequisitionForm
from ..kinds import ADVISORY, REQUISITION
from ..models import Advisory, Requisition
from ..selectors import with_people_named


class RequisitionListView(ObjectListView):
    model = Requisition
    filterset_class = RequisitionFilterSet

    def page_rows(self, queryset):
        return queryset.for_list_page()

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = with_people_named(list(rows))
        return paginator, page, page.object_list, is_paginated


class RequisitionDetailView(ObjectDetailView):
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
        return {"date_received": registration_day(), "consultants": [self.request.user]}

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


class AdvisoryDetailView(ObjectDetailView):
    model = Advisory


class AdvisoryCreateView(ObjectCreateView):
    model = Advisory
    form_class = AdvisoryForm
    heading = gettext_lazy("Ny rådgivning")
    success_text = gettext_lazy("Rådgivningen »%(title)s« er registreret.")

    def get_initial(self):
        return {"date": registration_day(), "consultant": self.request.user}

    def save(self, form):
        return services.advisory_create(user=self.request.user, **form.cleaned_data)


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
    columns = REQUISITION.columns


class AdvisoryExportView(ObjectExportView, AdvisoryListView):
    columns = ADVISORY.columns
