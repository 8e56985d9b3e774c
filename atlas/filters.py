import django_filters
from django.utils.translation import gettext_lazy as _

from core.choice_fields import CachedModelChoiceFilter
from core.filters import BootstrapFilterSet, StableOrderingFilter, yes_no_widget
from core.models import Area

from .models import Actor, ActorKind


class ActorFilterSet(BootstrapFilterSet):
    area = CachedModelChoiceFilter(queryset=Area.objects.all(), choices_name="areas", field_name="areas",
                                   label=_("Område"), empty_label=_("Alle områder"))
    kind = django_filters.ChoiceFilter(choices=ActorKind.choices, label=_("Type"), empty_label=_("Alle"))
    is_active = django_filters.BooleanFilter(label=_("Aktiv"), widget=yes_no_widget())
    needs_position = django_filters.BooleanFilter(method="filter_needs_position", label=_("Mangler position"),
                                                  widget=yes_no_widget())
    o = StableOrderingFilter(fields=(("name", "name"), ("kind", "kind"), ("last_checked", "checked")))

    class Meta:
        model = Actor
        fields = ["q", "area", "kind", "is_active", "needs_position"]

    def filter_needs_position(self, queryset, name, value):
        if value is None:
            return queryset
        needing = queryset.needing_position()
        return needing if value else queryset.exclude(pk__in=needing.values("pk"))
