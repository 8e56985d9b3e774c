import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.choice_fields import CachedModelChoiceFilter
from core.filters import (
    BootstrapFilterSet,
    ConsultantChoiceFilter,
    StableOrderingFilter,
    YearFilterSet,
    yes_no_widget,
)
from core.models import Area, Challenge, Organisation

from .choices import Assessment
from .models import Project, ProjectVisit
from .selectors import visit_years


def visit_year_choices():
    return [(year, str(year)) for year in visit_years()]


class ProjectFilterSet(BootstrapFilterSet):
    """The project bank has no year: free text, organisation, area, active or ended, funding."""

    q = django_filters.CharFilter(method="filter_q", label=_("Søg"), widget=forms.TextInput(
        attrs={"placeholder": _("Navn, beskrivelse, organisation")}))
    organisation = CachedModelChoiceFilter(
        queryset=Organisation.objects.all(), choices_name="organisations", label=_("Organisation"),
        empty_label=_("Alle"))
    area = CachedModelChoiceFilter(queryset=Area.objects.all(), choices_name="areas", label=_("Område"),
                                   empty_label=_("Alle områder"))
    is_active = django_filters.BooleanFilter(label=_("Status"), widget=forms.Select(
        choices=[("", _("Alle")), ("true", _("Aktive")), ("false", _("Afsluttede"))]))
    is_municipality_funded = django_filters.BooleanFilter(
        label=_("Støttet af kommunen"), widget=yes_no_widget())
    o = StableOrderingFilter(
        fields=(("name", "name"), ("organisation__name", "organisation"), ("area__name", "area"),
                ("visit_count", "visits"), ("last_visit", "last_visit")),
    )

    class Meta:
        model = Project
        fields = ["q", "organisation", "area", "is_active", "is_municipality_funded"]


class ProjectVisitFilterSet(YearFilterSet):
    """The visit list opens on the default year like the case lists; its years are those with visits
    or a work plan, so visits logged before a plan exists can still be found."""

    q = django_filters.CharFilter(method="filter_q", label=_("Søg"), widget=forms.TextInput(
        attrs={"placeholder": _("Projekt, hvad virker, gode råd")}))
    year = django_filters.ChoiceFilter(
        choices=visit_year_choices, method="filter_year", label=_("År"), empty_label=_("Alle år"))
    challenge = CachedModelChoiceFilter(
        queryset=Challenge.objects.select_related("work_plan"), choices_name="challenges", label=_("Udfordring"),
        empty_label=_("Alle udfordringer"), null_label=_("Uden udfordring"))
    project = CachedModelChoiceFilter(queryset=Project.objects.all(), choices_name="project-names",
                                      label=_("Projekt"), empty_label=_("Alle projekter"))
    consultant = ConsultantChoiceFilter(empty_label=_("Alle"))
    area = CachedModelChoiceFilter(
        field_name="project__area", queryset=Area.objects.all(), choices_name="areas",
        label=_("Projektets område"), empty_label=_("Alle områder"))
    is_good_practice = django_filters.BooleanFilter(label=_("God praksis"), widget=yes_no_widget())
    sets_goals = django_filters.ChoiceFilter(choices=Assessment.choices, label=_("Opstiller mål"),
                                             empty_label=_("Alle"))
    measures_effect = django_filters.ChoiceFilter(choices=Assessment.choices, label=_("Måler effekt"),
                                                  empty_label=_("Alle"))
    o = StableOrderingFilter(
        fields=(("date", "date"), ("project__name", "project"), ("challenge__number", "challenge"),
                ("consultant__first_name", "consultant"), ("project__area__name", "area")),
    )

    class Meta:
        model = ProjectVisit
        fields = ["q", "year", "challenge", "project", "consultant", "area", "is_good_practice", "sets_goals",
                  "measures_effect"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read the years once: callable choices are read again to validate and again to render.
        self.form.fields["year"].choices = visit_year_choices()
