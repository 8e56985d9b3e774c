"""What every list's filters share: the free-text search, Bootstrap's classes, the year, the challenge,
the consultant, and sorting that keeps ties in one order."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from .choice_fields import CachedModelChoiceFilter, ConsultantFilterField
from .models import Challenge
from .selectors import consultant_list, work_plan_years


def year_choices():
    return [(year, str(year)) for year in work_plan_years()]


class ConsultantChoiceFilter(django_filters.ModelChoiceFilter):
    """The consultants (core.selectors.consultant_list), their list from the reference cache."""

    field_class = ConsultantFilterField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", lambda request: consultant_list())
        kwargs.setdefault("label", _("Konsulent"))
        super().__init__(*args, **kwargs)


def yes_no_widget():
    return forms.Select(choices=[("", _("Alle")), ("true", _("Ja")), ("false", _("Nej"))])


class StableOrderingFilter(django_filters.OrderingFilter):
    """Sorting chosen by the user, with the primary key last: rows with equal values (two titles alike,
    one date) keep one order from page to page. A database returns ties in any order, and the pages
    could then repeat one row and leave out another."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value in EMPTY_VALUES:
            return qs  # the model's own ordering, which ends with the primary key
        return qs.order_by(*qs.query.order_by, "-pk")


class BootstrapFilterSet(django_filters.FilterSet):
    """Free text `q` (the queryset's `search`), with Bootstrap classes on every widget."""

    q = django_filters.CharFilter(method="filter_q", label=_("Søg"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            css = "form-select form-select-sm" if is_select else "form-control form-control-sm"
            field.widget.attrs.setdefault("class", css)

    def filter_q(self, queryset, name, value):
        return queryset.search(value.strip()) if value.strip() else queryset

    def page_queryset(self):
        """The rows of the list's pages, once the filters are valid: `qs`, unless a filterset shapes a
        query for reading a page at a time (ORDER BY and LIMIT) apart from the one that counts."""
        return self.qs


class YearFilterSet(BootstrapFilterSet):
    """Free text and the year (the queryset's `for_year`). The lists open on the default year (see
    ObjectListView)."""

    year = django_filters.ChoiceFilter(
        choices=year_choices, method="filter_year", label=_("År"), empty_label=_("Alle år"))

    def filter_year(self, queryset, name, value: str):
        return queryset.for_year(int(value)) if value else queryset


class ChallengeFilterSet(YearFilterSet):
    challenge = CachedModelChoiceFilter(
        queryset=Challenge.objects.select_related("work_plan"), choices_name="challenges", label=_("Udfordring"),
        empty_label=_("Alle udfordringer"))
