"""Reads of the register of requisitions, advisories and events used by its views and the start page."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from core.display import full_name

from .models import Advisory, Event, Requisition


def with_people_named(requisitions: list[Requisition]) -> list[Requisition]:
    """Give each requisition `requester_names` and `consultant_names`, each a text joined by ", "
    (requesters by name, consultants by the name shown), in two queries of plain values: a list
    page's model objects for every requester and consultant took a seventh of the page (bench/load)."""
    ids = [requisition.pk for requisition in requisitions]
    requesters: dict[int, list[str]] = {pk: [] for pk in ids}
    for pk, name in (Requisition.requesters.through.objects.filter(requisition_id__in=ids)
                     .order_by("organisation__name", "organisation_id")
                     .values_list("requisition_id", "organisation__name")):
        requesters[pk].append(name)
    consultants: dict[int, list[str]] = {pk: [] for pk in ids}
    for pk, first, last, username in (
            Requisition.consultants.through.objects.filter(requisition_id__in=ids)
            .values_list("requisition_id", "user__first_name", "user__last_name", "user__username")):
        consultants[pk].append(full_name(first, last, username))
    for requisition in requisitions:
        requisition.requester_names = ", ".join(requesters[requisition.pk])
        requisition.consultant_names = ", ".join(sorted(consultants[requisition.pk], key=str.casefold))
    return requisitions


def consultant_open_requisitions(*, user, limit: int = 20) -> QuerySet:
    """The user's open requisitions, oldest first: the start page shows title, status and date."""
    return (Requisition.objects.for_consultant(user).open()
            .only("id", "title", "status", "date_received").order_by("date_received", "id")[:limit])


def consultant_latest_requisitions(*, user, limit: int = 5) -> QuerySet:
    return (Requisition.objects.filter(created_by=user).only("id", "title")
            .order_by("-created_at", "-id")[:limit])


def consultant_latest_advisories(*, user, limit: int = 5) -> QuerySet:
    return (Advisory.objects.filter(Q(created_by=user) | Q(consultant=user)).only("id", "title")
            .order_by("-created_at", "-id")[:limit])


def consultant_events_needing_participants(*, user, limit: int = 20) -> QuerySet:
    """The user's held events that still have only an expected number of participants."""
    return (Event.objects.filter(consultant=user).needing_actual_participants(today=timezone.localdate())
            .only("id", "title", "date", "participants_expected").order_by("date")[:limit])
