"""The atlas pages: an area's map data and list, the team's work there, GeoJSON, actors through the
browser forms, permissions and query counts."""

import datetime
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from atlas.models import Actor, ActorKind
from demo.loader import demo_load
from tests.factories import (
    AreaFactory,
    ConsultantFactory,
    EventFactory,
    ProjectFactory,
    ProjectVisitFactory,
    RequisitionFactory,
    SteeringGroupMembershipFactory,
)
from tests.helpers import login, messages_of

pytestmark = pytest.mark.django_db


def make_actor(area, name="Sjakket", position=(Decimal("55.6968"), Decimal("12.5426")), **fields) -> Actor:
    latitude, longitude = position or (None, None)
    actor = Actor.objects.create(name=name, kind=fields.pop("kind", ActorKind.ASSOCIATION), latitude=latitude,
                                 longitude=longitude, created_by=fields.pop("created_by", None) or ConsultantFactory(),
                                 **fields)
    actor.areas.set([area])
    return actor


def test_the_geojson_of_an_area_is_valid_and_holds_every_placed_actor(client, consultant):
    area = AreaFactory(name="Mjølnerparken")
    placed = [make_actor(area, f"Aktør {n}", (Decimal("55.69") + n, Decimal("12.54"))) for n in range(3)]
    make_actor(area, "Uden position", None, address="Nørrebrogade 1")
    make_actor(AreaFactory(name="Tingbjerg"), "Andet område")

    data = json.loads(login(client, consultant).get(reverse("atlas:area_geojson", args=[area.pk])).content)

    assert data["type"] == "FeatureCollection"
    assert sorted(f["properties"]["name"] for f in data["features"]) == ["Aktør 0", "Aktør 1", "Aktør 2"]
    for feature, actor in zip(sorted(data["features"], key=lambda f: f["id"]), placed, strict=True):
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        assert feature["geometry"]["coordinates"] == [float(actor.longitude), float(actor.latitude)]
        assert feature["properties"]["areas"] == ["Mjølnerparken"]


def test_the_area_page_lists_actors_by_type_the_missing_positions_and_the_teams_work(client, consultant):
    area = AreaFactory(name="Mjølnerparken")
    make_actor(area, "Sjakket", kind=ActorKind.ASSOCIATION)
    make_actor(area, "BazarMusicShop", kind=ActorKind.PROJECT)
    make_actor(area, "Uden position", None, address="Mjølnerparken 1")
    requisition = RequisitionFactory(area=area, title="Fødselsdag i parken")
    EventFactory(area=area, title="Sommerfest", challenge=requisition.challenge)
    ProjectVisitFactory(project=ProjectFactory(name="Lektiecafé", area=area), date=datetime.date(2008, 5, 1))
    SteeringGroupMembershipFactory(area=area, body="Helhedsplanen")

    response = login(client, consultant).get(area.get_absolute_url())

    groups = [(group["label"], [a.name for a in group["actors"]]) for group in response.context["groups"]]
    assert groups == [("Forening", ["Sjakket", "Uden position"]), ("Projekt", ["BazarMusicShop"])]
    assert [a.name for a in response.context["needing_position"]] == ["Uden position"]
    for title in ("Fødselsdag i parken", "Sommerfest", "Lektiecafé", "Helhedsplanen"):
        assertContains(response, title)
    assertContains(response, reverse("atlas:area_geojson", args=[area.pk]))


def test_a_consultant_adds_an_actor_with_a_position_from_the_form(client, consultant):
    area = AreaFactory(name="Tingbjerg")
    data = {"name": "Somalisk kulturcenter", "kind": ActorKind.ASSOCIATION, "areas": [area.pk],
            "latitude": "55.712400", "longitude": "12.470800", "is_active": "on"}

    response = login(client, consultant).post(reverse("atlas:actor_create"), data)

    actor = Actor.objects.get()
    assertRedirects(response, actor.get_absolute_url(), fetch_redirect_response=False)
    assert messages_of(response) == ["Aktøren »Somalisk kulturcenter« er registreret."]
    assert (actor.latitude, actor.longitude, actor.created_by) == (Decimal("55.712400"), Decimal("12.470800"),
                                                                    consultant)
    assert list(actor.areas.all()) == [area]


def test_bad_positions_and_a_missing_area_are_refused_in_danish(client, consultant):
    data = {"name": "Ingen", "kind": ActorKind.PROJECT, "latitude": "95", "longitude": ""}

    response = login(client, consultant).post(reverse("atlas:actor_create"), data)

    form = response.context["form"]
    assert form.errors["areas"] == ["Vælg mindst ét område."]
    assert "latitude" in form.errors
    assert not Actor.objects.exists()


def test_management_reads_the_atlas_but_may_not_add_actors(client, manager):
    area = AreaFactory()
    login(client, manager)

    assert client.get(area.get_absolute_url()).status_code == 200
    assert client.get(reverse("atlas:actor_create")).status_code == 403
    assert client.post(reverse("atlas:actor_create"), {"name": "X"}).status_code == 403
    assert not Actor.objects.exists()


def test_the_city_map_data_has_every_placed_area(client, consultant):
    demo_load()

    data = json.loads(login(client, consultant).get(reverse("atlas:areas_geojson")).content)

    names = {f["properties"]["name"] for f in data["features"]}
    assert {"Mjølnerparken", "Tingbjerg", "Akacieparken", "Sjælør", "Amager"} <= names
    mjolnerparken = next(f for f in data["features"] if f["properties"]["name"] == "Mjølnerparken")
    assert mjolnerparken["properties"]["actor_count"] == 3


@pytest.mark.parametrize("size", [1, 15])
def test_the_area_page_and_its_geojson_make_a_fixed_number_of_queries(client, consultant, size,
                                                                       django_assert_num_queries):
    """A second look, with the reference cache warm: session, user and the reference token (the
    permissions come from the reference cache) on each. The area page: the area, its actors and their
    areas, and for requisitions, events, project visits and steering groups a count and the latest rows."""
    area = AreaFactory()
    for n in range(size):
        make_actor(area, f"Aktør {n}")
        RequisitionFactory(area=area)
    login(client, consultant)
    client.get(area.get_absolute_url())  # warms the reference cache: the counts are a user's second look
    client.get(reverse("atlas:area_geojson", args=[area.pk]))

    with django_assert_num_queries(14):
        client.get(area.get_absolute_url())
    with django_assert_num_queries(7):  # and the area, its actors, their areas, and the access log
        client.get(reverse("atlas:area_geojson", args=[area.pk]))


def test_deleting_an_actor_asks_without_speaking_of_the_years_figures(client, consultant):
    actor = make_actor(AreaFactory(), created_by=consultant)

    response = login(client, consultant).get(reverse("atlas:actor_delete", args=[actor.pk]))

    assertContains(response, "Du er ved at slette »Sjakket«. Det kan ikke fortrydes.")
    assert "årets tal" not in response.content.decode()


def test_a_missing_name_and_type_are_named_in_their_messages(client, consultant):
    response = login(client, consultant).post(reverse("atlas:actor_create"), {"name": "", "kind": "",
                                                                                "areas": [AreaFactory().pk]})

    form = response.context["form"]
    assert (form.errors["name"], form.errors["kind"]) == (["Giv aktøren et navn."], ["Vælg aktørens type."])
    assert not Actor.objects.exists()
