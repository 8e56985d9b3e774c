"""The atlas of 2008 for the demo: approximate centres of the areas the report names, and the local
actors and projects it mentions, placed in their areas. Coordinates are approximate (WGS 84)."""

from decimal import Decimal

from atlas.models import Actor, ActorKind
from core.models import Area

CENTRES = {
    "Mjølnerparken": ("55.697500", "12.544000"),
    "Haraldsgade": ("55.703000", "12.542000"),
    "Lundtoftegade": ("55.694800", "12.541500"),
    "Akacieparken": ("55.664000", "12.492000"),
    "Sjælør": ("55.649000", "12.515000"),
    "Tingbjerg": ("55.712000", "12.470000"),
    "Amager": ("55.660000", "12.600000"),
    "Urbanplanen": ("55.656000", "12.603000"),
    "Holmbladskvarteret": ("55.665000", "12.605000"),
    "Voldparken": ("55.713000", "12.488000"),
    "Bystævneparken": ("55.705000", "12.491000"),
    "Den Grønne Trekant": ("55.709000", "12.570000"),
}

ACTORS = [
    {"name": "Sjakket", "kind": ActorKind.ASSOCIATION, "areas": ["Mjølnerparken", "Lundtoftegade"],
     "address": "Nørrebro", "position": ("55.696800", "12.542600"),
     "target_groups": "Unge i og omkring Mjølnerparken",
     "activities": "Ungdomsklub og værksted; samarbejdsaftale med helhedsplanen for Mjølnerparken."},
    {"name": "BazarMusicShop", "kind": ActorKind.PROJECT, "areas": ["Mjølnerparken"],
     "address": "Nørrebro", "position": ("55.698200", "12.545300"),
     "target_groups": "Unge med interesse for musik",
     "activities": "Lokalt integrationsprojekt med musik; TFI sidder i styregruppen."},
    {"name": "Mjølnerparkens helhedsplan", "kind": ActorKind.HOUSING_BOARD, "areas": ["Mjølnerparken"],
     "address": "Mjølnerparken, 2200 København N", "position": ("55.697500", "12.544000"),
     "target_groups": "Beboerne i Mjølnerparken",
     "activities": "Boligsocial helhedsplan; TFI i fremdriftsgruppen og som konstitueret projektleder i 2008."},
    {"name": "Haraldsgadekvarterets områdeløft", "kind": ActorKind.PUBLIC_SERVICE, "areas": ["Haraldsgade"],
     "address": "Haraldsgadekvarteret, 2200 København N", "position": ("55.703000", "12.542000"),
     "target_groups": "Beboere i Haraldsgadekvarteret",
     "activities": "Områdeløft; TFI sidder i styregruppen."},
    {"name": "Ghetto Gourmet", "kind": ActorKind.PROJECT, "areas": ["Amager"],
     "address": "Amager", "position": ("55.659500", "12.601500"),
     "target_groups": "Unge på Amager",
     "activities": "Madprojekt for unge; TFI rådgiver og sidder i styregruppen."},
    {"name": "Plus17", "kind": ActorKind.PROJECT, "areas": ["Akacieparken"],
     "address": "Akacieparken, Valby", "position": ("55.664300", "12.492600"),
     "target_groups": "Unge over 17 i Akacieparken",
     "activities": "Lokalt integrationsprojekt; TFI sidder i styregruppen."},
    {"name": "Somalisk kulturcenter i Tingbjerg", "kind": ActorKind.ASSOCIATION, "areas": ["Tingbjerg"],
     "address": "Tingbjerg, 2700 Brønshøj", "position": ("55.712400", "12.470800"),
     "target_groups": "Somaliske familier i Tingbjerg og Utterslevhuse",
     "activities": "Kulturcenter; samarbejde med Utterslevshuse Boligforening formidlet af TFI."},
    {"name": "Områdefornyelsen for Mimersgadekvarteret", "kind": ActorKind.PUBLIC_SERVICE,
     "areas": ["Haraldsgade"], "address": "Mimersgadekvarteret, 2200 København N", "position": None,
     "target_groups": "Beboere i Mimersgadekvarteret", "activities": "Områdefornyelse; TFI i styregruppen."},
]


def demo_atlas_load(*, user) -> tuple[int, int]:
    """Give the areas their centres where they have none and add the actors that are missing.
    Returns (areas placed, actors created)."""
    placed = 0
    for area in Area.objects.filter(name__in=CENTRES, latitude__isnull=True):
        latitude, longitude = CENTRES[area.name]
        area.latitude, area.longitude = Decimal(latitude), Decimal(longitude)
        area.full_clean()
        area.save(update_fields=["latitude", "longitude"])
        placed += 1
    areas = {area.name: area for area in Area.objects.filter(name__in=CENTRES)}
    present = set(Actor.objects.filter(name__in=[a["name"] for a in ACTORS]).values_list("name", flat=True))
    created = 0
    for data in ACTORS:
        if data["name"] in present:
            continue
        latitude, longitude = (Decimal(value) for value in data["position"]) if data["position"] else (None, None)
        actor = Actor(name=data["name"], kind=data["kind"], address=data["address"], latitude=latitude,
                      longitude=longitude, target_groups=data["target_groups"], activities=data["activities"],
                      created_by=user)
        actor.full_clean()
        actor.save()
        actor.areas.set([areas[name] for name in data["areas"]])
        created += 1
    return placed, created
