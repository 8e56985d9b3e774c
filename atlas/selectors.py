"""Reads of the atlas: the areas with their actors, an area's page, and GeoJSON for maps and GIS."""

from django.db.models import Count, Prefetch, Q, QuerySet

from cases.models import Event, Requisition, SteeringGroupMembership
from core.models import Area
from projects.models import ProjectVisit

from .models import Actor, ActorKind

WORK_SHOWN = 10


def area_list() -> QuerySet:
    return Area.objects.annotate(actor_count=Count("actors", filter=Q(actors__is_active=True))).order_by("name")


def area_actors(area: Area) -> QuerySet:
    return area.actors.order_by("kind", "name").prefetch_related(
        Prefetch("areas", queryset=Area.objects.order_by("name")))


def actors_by_kind(actors) -> list[dict]:
    """The actors grouped by type, in the order of the type list, without empty groups."""
    groups = {kind.value: {"kind": kind.value, "label": kind.label, "actors": []} for kind in ActorKind}
    for actor in actors:
        groups[actor.kind]["actors"].append(actor)
    return [group for group in groups.values() if group["actors"]]


def area_work(area: Area) -> dict:
    """The team's own work in the area: the latest requisitions, events, project visits and steering
    seats with their counts (two queries per kind)."""
    sources = {
        "requisitions": Requisition.objects.filter(area=area).select_related("challenge__work_plan")
        .order_by("-date_received", "-pk"),
        "events": Event.objects.filter(area=area).order_by("-date", "-pk"),
        "project_visits": ProjectVisit.objects.filter(project__area=area).select_related("project")
        .order_by("-date", "-pk"),
        "steering_groups": SteeringGroupMembership.objects.filter(area=area).order_by("-start", "body"),
    }
    return {name: {"count": queryset.count(), "latest": list(queryset[:WORK_SHOWN])}
            for name, queryset in sources.items()}


def _point(actor: Actor) -> dict:
    return {
        "type": "Feature",
        "id": actor.pk,
        "geometry": {"type": "Point", "coordinates": [float(actor.longitude), float(actor.latitude)]},
        "properties": {
            "name": actor.name, "kind": actor.kind, "kind_label": str(actor.get_kind_display()),
            "address": actor.address, "website": actor.website, "contact_name": actor.contact_name,
            "contact_email": actor.contact_email, "contact_phone": actor.contact_phone,
            "target_groups": actor.target_groups, "activities": actor.activities, "is_active": actor.is_active,
            "areas": [area.name for area in actor.areas.all()],
            "last_checked": actor.last_checked.isoformat() if actor.last_checked else None,
            "url": actor.get_absolute_url(),
        },
    }


def actors_geojson(actors) -> dict:
    """A GeoJSON FeatureCollection of the actors that have a position (RFC 7946: [longitude, latitude])."""
    return {"type": "FeatureCollection", "features": [_point(actor) for actor in actors if actor.has_position]}


def areas_geojson() -> dict:
    """Every area with a centre as a point, with its boundary where it has one."""
    features = []
    for area in area_list():
        if area.latitude is None:
            continue
        properties = {"name": area.name, "district": area.district, "actor_count": area.actor_count,
                      "url": area.get_absolute_url()}
        features.append({"type": "Feature", "id": area.pk, "properties": properties,
                         "geometry": {"type": "Point", "coordinates": [float(area.longitude), float(area.latitude)]}})
        if area.boundary:
            features.append({"type": "Feature", "id": f"{area.pk}-boundary", "geometry": area.boundary,
                             "properties": {**properties, "boundary": True}})
    return {"type": "FeatureCollection", "features": features}


def actors_without_position() -> int:
    """Active actors the atlas cannot place on its maps: neither a position nor an area (the administrator's
    start page)."""
    return Actor.objects.filter(is_active=True, latitude__isnull=True, areas__isnull=True).count()
