"""Reads for the user's own login."""

from core.secrets import secret_digest

from .models import CalendarFeed


def calendar_feed_owner(secret: str):
    """The active user whose calendar link this is; None for an unknown or replaced link."""
    feed = CalendarFeed.objects.select_related("user").filter(digest=secret_digest(secret)).first()
    return feed.user if feed is not None and feed.user.is_active else None
