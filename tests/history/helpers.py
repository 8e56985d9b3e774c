"""Shared by the history tests: reading the history rows an object has, and form data."""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

CREATE, UPDATE, DELETE = LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE


def entries_of(model, pk) -> list[LogEntry]:
    """The object's history rows, oldest first."""
    return list(LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id=pk)
                .order_by("timestamp", "id"))


def requisition_data(challenge, requesters, consultants=(), **overrides) -> dict:
    data = {
        "challenge": challenge.pk, "status": "received", "title": "Temadag om tryghed",
        "requesters": [organisation.pk for organisation in requesters],
        "consultants": [user.pk for user in consultants],
        "description": "Aftenmøde for forældre", "date_received": "2008-10-06", "date_finished": "",
        "area": "", "participants": "40", "partners": "", "volunteers": "",
        "contact_name": "", "contact_email": "", "contact_phone": "",
    }
    data.update(overrides)
    return data


def actor_data(areas, **overrides) -> dict:
    data = {
        "name": "Lektiecaféen", "kind": "association", "areas": [area.pk for area in areas], "address": "",
        "latitude": "", "longitude": "", "contact_name": "", "contact_email": "", "contact_phone": "",
        "website": "", "target_groups": "", "activities": "", "is_active": "on", "last_checked": "",
    }
    data.update(overrides)
    return data
