import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choice_fields import CachedModelChoiceFilter
from core.filters import (
    ChallengeFilterSet,
    ConsultantChoiceFilter,
    StableOrderingFilter,
    year_choices,
    yes_no_widget,
)
from core.models import Area, Organisation

from .choices import DeliverableStatus, EventKind, EventRole, RequesterScope, RequisitionStatus, SteeringRole
from .models import Advisory, Deliverable, Event, Requisition, SteeringGroupMembership


class RegistrationFilterSet(ChallengeFilterSet):
    """Filters shared by the requisition and advisory lists; `q` searches text and requester names."""

    q = django_filters.CharFilter(method="filter_q", label=_("Søg"),
                                  widget=forms.TextInput(attrs={"placeholder": _("Titel, tekst, rekvirent")}))
    scope = django_filters.ChoiceFilter(
        choices=RequesterScope.choices, method="filter_scope", label=_("Rekvirenttype"),
        empty_label=_("Alle rekvirenter"))
    area = CachedModelChoiceFilter(queryset=Area.objects.all(), choices_name="areas", label=_("Område"),
                                   empty_label=_("Alle områder"))

    def filter_scope(self, queryset, name, value):
        return queryset.with_requester_scope(value) if value else queryset

    paged = False  # filter_q shapes the search for a page (page_queryset), not for counting

    def filter_q(self, queryset, name, value):
        # Within a year, the search reads that year's rows once (the year's challenges are indexed).
        narrowed = bool(self.form.cleaned_data.get("year"))
        return queryset.search(value.strip(), narrowed=narrowed, paged=self.paged) if value.strip() else queryset

    def page_queryset(self):
        """A search over every year is shaped apart for the page (RequisitionQuerySet.search)."""
        if self.form.cleaned_data.get("year") or not (self.form.cleaned_data.get("q") or "").strip():
            return self.qs
        self.paged = True
        try:
            return self.filter_queryset(self.queryset.all())
        finally:
            self.paged = False


class RequisitionFilterSet(RegistrationFilterSet):
    requester = CachedModelChoiceFilter(
        queryset=Organisation.objects.all(), choices_name="organisations", method="filter_requester",
        label=_("Rekvirent"),
        empty_label=_("Alle"))
    consultant = ConsultantChoiceFilter(method="filter_consultant", empty_label=_("Alle"))
    status = django_filters.ChoiceFilter(choices=RequisitionStatus.choices, label=_("Status"),
                                         empty_label=_("Alle"))
    o = StableOrderingFilter(
        fields=(("date_received", "date"), ("title", "title"), ("challenge__number", "challenge"),
                ("status", "status"), ("shown_participants", "participants")),
    )

    class Meta:
        model = Requisition
        fields = ["q", "year", "challenge", "requester", "scope", "consultant", "status", "area"]

    def __init__(self, data=None, queryset=None, **kwargs):
        # Participants are shown and sorted as counted: at the requisition's events, if it has any.
        queryset = Requisition.objects.all() if queryset is None else queryset
        if "shown_participants" not in queryset.query.annotations:
            queryset = queryset.with_event_participants()
        super().__init__(data, queryset, **kwargs)

    def filter_requester(self, queryset, name, value):
        return queryset.with_requester(value) if value else queryset

    def filter_consultant(self, queryset, name, value):
        return queryset.for_consultant(value) if value else queryset


class AdvisoryFilterSet(RegistrationFilterSet):
    requester = CachedModelChoiceFilter(queryset=Organisation.objects.all(), choices_name="organisations",
                                        label=_("Rekvirent"),
                                                 empty_label=_("Alle"))
    consultant = ConsultantChoiceFilter(empty_label=_("Alle"))
    is_report_example = django_filters.BooleanFilter(label=_("Eksempel i årsrapporten"), widget=yes_no_widget())
    o = StableOrderingFilter(
        fields=(("date", "date"), ("title", "title"), ("challenge__number", "challenge"),
                ("requester__name", "requester")),
    )

    class Meta:
        model = Advisory
        fields = ["q", "year", "challenge", "requester", "scope", "consultant", "area", "is_report_example"]


class EventFilterSet(ChallengeFilterSet):
    kind = django_filters.ChoiceFilter(choices=EventKind.choices, label=_("Type"), empty_label=_("Alle"))
    role = django_filters.ChoiceFilter(choices=EventRole.choices, label=_("TFI's rolle"), empty_label=_("Alle"))
    area = CachedModelChoiceFilter(queryset=Area.objects.all(), choices_name="areas", label=_("Område"),
                                   empty_label=_("Alle områder"))
    consultant = ConsultantChoiceFilter(empty_label=_("Alle"))
    needs_participants = django_filters.BooleanFilter(
        method="filter_needs_participants", label=_("Mangler faktisk deltagertal"), widget=yes_no_widget())
    o = StableOrderingFilter(
        fields=(("date", "date"), ("title", "title"), ("challenge__number", "challenge"),
                ("participants", "participants")),
    )

    class Meta:
        model = Event
        fields = ["q", "year", "challenge", "kind", "role", "area", "consultant", "needs_participants"]

    def filter_needs_participants(self, queryset, name, value):
        if value is None:
            return queryset
        needing = queryset.needing_actual_participants(today=timezone.localdate())
        return needing if value else queryset.exclude(pk__in=needing.values("pk"))


class DeliverableFilterSet(ChallengeFilterSet):
    status = django_filters.ChoiceFilter(choices=DeliverableStatus.choices, label=_("Status"),
                                         empty_label=_("Alle"))
    is_promised = django_filters.BooleanFilter(label=_("Lovet i arbejdsplanen"), widget=yes_no_widget())
    o = StableOrderingFilter(
        fields=(("challenge__number", "challenge"), ("title", "title"), ("status", "status")),
    )

    class Meta:
        model = Deliverable
        fields = ["q", "year", "challenge", "status", "is_promised"]


class SteeringGroupMembershipFilterSet(ChallengeFilterSet):
    year = django_filters.ChoiceFilter(
        choices=year_choices, method="filter_year", label=_("Aktiv i år"), empty_label=_("Alle år"))
    role = django_filters.ChoiceFilter(choices=SteeringRole.choices, label=_("Rolle"), empty_label=_("Alle"))
    area = CachedModelChoiceFilter(queryset=Area.objects.all(), choices_name="areas", label=_("Område"),
                                   empty_label=_("Alle områder"))
    consultant = ConsultantChoiceFilter(empty_label=_("Alle"))
    o = StableOrderingFilter(fields=(("start", "start"), ("body", "body"), ("role", "role")))

    class Meta:
        model = SteeringGroupMembership
        fields = ["q", "year", "challenge", "role", "area", "consultant"]
