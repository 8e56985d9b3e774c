import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choice_fields import CachedModelChoiceFilter
from core.filters import ChallengeFilterSet, StableOrderingFilter
from core.models import Challenge

from .choices import Channel, InvitationState
from .models import Invitation


class InvitationFilterSet(ChallengeFilterSet):
    challenge = CachedModelChoiceFilter(
        queryset=Challenge.objects.select_related("work_plan"), choices_name="challenges", method="filter_challenge",
        label=_("Udfordring"), empty_label=_("Alle udfordringer"))
    state = django_filters.ChoiceFilter(choices=InvitationState.choices, method="filter_state",
                                        label=_("Status"), empty_label=_("Alle"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Sendt som"), empty_label=_("Alle"))
    o = StableOrderingFilter(
        fields=(("sent_at", "sent"), ("requester__name", "requester"), ("expires_at", "expires")),
    )

    class Meta:
        model = Invitation
        fields = ["q", "year", "challenge", "state", "channel"]

    def filter_challenge(self, queryset, name, value):
        return queryset.with_challenge().filter(challenge_id=value.pk) if value else queryset

    def filter_state(self, queryset, name, value):
        now = timezone.now()
        if value == InvitationState.ANSWERED:
            return queryset.answered()
        if value == InvitationState.WAITING:
            return queryset.waiting(now)
        if value == InvitationState.EXPIRED:
            return queryset.expired(now)
        return queryset
