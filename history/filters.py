import json

import django_filters
from auditlog.models import LogEntry
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.choice_fields import CachedFilterChoiceField
from core.display import person
from core.filters import BootstrapFilterSet

from .models import AccessLog
from .selectors import ACTION_LABELS, model_choices, user_choices

ORDERINGS = {"time": ("timestamp", "id"), "-time": ("-timestamp", "-id")}


class UserFilterField(CachedFilterChoiceField):
    """Every user, by name (the list from the reference cache)."""

    choices_name = "users"

    def label_from_instance(self, obj):
        return person(obj)


class UserChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = UserFilterField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", lambda request: user_choices())
        kwargs.setdefault("label", _("Bruger"))
        kwargs.setdefault("empty_label", _("Alle"))
        super().__init__(*args, **kwargs)


def date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LogEntryFilterSet(BootstrapFilterSet):
    """/historik/: kind of object, user, action, dates, free text in the object's name and the changed
    values; sorted by time."""

    q = django_filters.CharFilter(method="filter_q", label=_("Søg"),
                                  widget=forms.TextInput(attrs={"placeholder": _("Navn eller ændret værdi")}))
    kind = django_filters.ChoiceFilter(choices=model_choices, method="filter_kind", label=_("Type"),
                                       empty_label=_("Alle typer"))
    actor = UserChoiceFilter()
    action = django_filters.ChoiceFilter(choices=[(key, label) for key, label in ACTION_LABELS.items()],
                                         label=_("Handling"), empty_label=_("Alle"))
    date_from = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__gte", label=_("Fra dato"),
                                          widget=date_widget())
    date_to = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__lte", label=_("Til dato"),
                                        widget=date_widget())
    o = django_filters.ChoiceFilter(choices=[("time", "time"), ("-time", "-time")], method="filter_order")

    class Meta:
        model = LogEntry
        fields = ["q", "kind", "actor", "action", "date_from", "date_to"]

    def filter_q(self, queryset, name, value):
        text = value.strip()
        if not text:
            return queryset
        # The changes are JSON; SQLite keeps them with non-ASCII letters escaped (ø as \\u00f8), so the
        # escaped form is searched as well. PostgreSQL's jsonb holds them as they are.
        escaped = json.dumps(text)[1:-1]
        matches = Q(object_repr__icontains=text) | Q(changes__icontains=text)
        if escaped != text:
            matches |= Q(changes__icontains=escaped)
        return queryset.filter(matches)

    def filter_kind(self, queryset, name, value):
        app_label, model = value.split(".")
        return queryset.filter(content_type__app_label=app_label, content_type__model=model)

    def filter_order(self, queryset, name, value):
        return queryset.order_by(*ORDERINGS[value])


class AccessLogFilterSet(BootstrapFilterSet):
    """/historik/adgang/: user and dates."""

    user = UserChoiceFilter()
    action = django_filters.ChoiceFilter(choices=AccessLog._meta.get_field("action").choices, label=_("Handling"),
                                         empty_label=_("Alle"))
    date_from = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label=_("Fra dato"),
                                          widget=date_widget())
    date_to = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label=_("Til dato"),
                                        widget=date_widget())

    class Meta:
        model = AccessLog
        fields = ["user", "action", "date_from", "date_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No free text here: the log is read by who and when.
        self.filters.pop("q", None)
        self.form.fields.pop("q", None)
