"""The events as an iCalendar feed (RFC 5545, written by the icalendar library): one all-day entry per event,
with its place, kind and TFI's role, and a link to its page; Outlook, Google and Apple calendars subscribe to
the feed's address and fetch it again by themselves."""

from datetime import timedelta

import icalendar
from django.conf import settings
from django.utils import timezone

from core.text import without_unreadable

from .models import Event

REFRESH = timedelta(hours=1)  # how often a subscribing calendar should fetch the feed again


def events_for_feed(*, user=None, since_year: int):
    """The events from `since_year` on: the user's own (they are the responsible consultant), or the team's."""
    events = Event.objects.filter(date__year__gte=since_year).select_related("consultant").order_by("date", "pk")
    return events.filter(consultant=user) if user is not None else events


def events_calendar(events, *, name: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//TaskForce Integration//TFI Register//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")  # Outlook's name for the same
    stamp = timezone.now()
    site = settings.SITE_URL.rstrip("/")
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", f"event-{event.pk}@{site.split('://')[-1]}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.date)
        entry.add("dtend", event.date + timedelta(days=1))
        # RFC 5545 allows no control character in a text but the tab (core/text.py: rows saved before the
        # forms refused them).
        entry.add("summary", without_unreadable(event.title))
        if event.place:
            entry.add("location", without_unreadable(event.place))
        lines = [f"{event.get_kind_display()}, {event.get_role_display()}".strip(", "),
                 str(event.consultant.get_full_name() or event.consultant)]
        entry.add("description", "\n".join(line for line in lines if line))
        entry.add("url", site + event.get_absolute_url())
        entry.add("transp", "TRANSPARENT")  # an event noted, not a meeting that blocks the day
        calendar.add_component(entry)
    return calendar.to_ical()
