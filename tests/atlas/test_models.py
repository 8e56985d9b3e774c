"""The atlas's areas and actors: positions in range and complete, boundaries as GeoJSON, the demo's places."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from atlas.models import Actor, ActorKind
from core.models import Area
from demo.atlas import ACTORS, CENTRES
from demo.loader import demo_load
from tests.factories import AreaFactory, ConsultantFactory

pytestmark = pytest.mark.django_db

SQUARE = {"type": "Polygon", "coordinates": [[[12.54, 55.69], [12.55, 55.69], [12.55, 55.70], [12.54, 55.69]]]}


def actor(**fields) -> Actor:
    return Actor(name="Sjakket", kind=ActorKind.ASSOCIATION, created_by=ConsultantFactory(), **fields)


@pytest.mark.parametrize(("latitude", "longitude", "field"), [
    (Decimal("90.5"), Decimal("12.5"), "latitude"),
    (Decimal("-91"), Decimal("12.5"), "latitude"),
    (Decimal("55.7"), Decimal("180.1"), "longitude"),
    (Decimal("55.7"), Decimal("-181"), "longitude"),
])
def test_coordinates_out_of_range_are_refused_at_the_field(latitude, longitude, field):
    with pytest.raises(ValidationError) as error:
        actor(latitude=latitude, longitude=longitude).full_clean(exclude=["created_by"])

    assert field in error.value.message_dict


def test_a_position_needs_both_coordinates():
    with pytest.raises(ValidationError) as error:
        actor(latitude=Decimal("55.7")).full_clean(exclude=["created_by"])

    assert error.value.message_dict["longitude"] == ["Angiv både bredde- og længdegrad, eller ingen af dem."]


def test_the_database_refuses_half_a_position_too():
    half = actor(latitude=Decimal("55.7"))
    half.created_by.save()

    with pytest.raises(IntegrityError), transaction.atomic():
        half.save()


def test_an_address_without_coordinates_needs_a_position():
    assert actor(address="Nørrebrogade 1").needs_position
    assert not actor(address="Nørrebrogade 1", latitude=Decimal("55.7"), longitude=Decimal("12.5")).needs_position
    assert not actor().needs_position


@pytest.mark.parametrize("boundary", [
    {"type": "Point", "coordinates": [12.5, 55.7]},
    {"type": "Polygon", "coordinates": [[[12.5, 55.7], [12.6, 55.7], [12.5, 55.7]]]},
    {"type": "Polygon", "coordinates": [[[12.5, 95.0], [12.6, 55.7], [12.6, 55.8], [12.5, 95.0]]]},
    {"type": "Polygon", "coordinates": "ikke en liste"},
    "POLYGON((12.5 55.7, ...))",
])
def test_a_boundary_must_be_a_valid_polygon(boundary):
    with pytest.raises(ValidationError) as error:
        Area(name="Mjølnerparken", boundary=boundary).full_clean()

    assert "boundary" in error.value.message_dict


def test_a_polygon_and_a_multipolygon_are_accepted():
    Area(name="A", boundary=SQUARE).full_clean()
    Area(name="B", boundary={"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"]]}).full_clean()


def test_an_actor_belongs_to_existing_areas():
    area = AreaFactory(name="Tingbjerg")
    saved = actor()
    saved.created_by.save()
    saved.save()
    saved.areas.set([area])

    assert list(area.actors.all()) == [saved]
    assert list(saved.areas.all()) == [area]


def test_the_demo_places_the_areas_and_actors_of_the_report():
    demo_load()

    centres = {area.name: (str(area.latitude), str(area.longitude)) for area in Area.objects.filter(name__in=CENTRES)}
    assert centres == CENTRES
    names = set(Actor.objects.values_list("name", flat=True))
    assert {"Sjakket", "BazarMusicShop", "Ghetto Gourmet", "Plus17", "Somalisk kulturcenter i Tingbjerg",
            "Mjølnerparkens helhedsplan", "Haraldsgadekvarterets områdeløft"} <= names
    assert len(names) == len(ACTORS)
    mjolnerparken = Area.objects.get(name="Mjølnerparken")
    assert set(mjolnerparken.actors.values_list("name", flat=True)) == {
        "Sjakket", "BazarMusicShop", "Mjølnerparkens helhedsplan"}
    assert [a.name for a in Actor.objects.all() if a.needs_position] == ["Områdefornyelsen for Mimersgadekvarteret"]
