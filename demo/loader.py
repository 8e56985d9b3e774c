"""Demo data: TaskForce Integration's year 2008 as told by the status report of 24.11.2008.

The report ("Bilag 2: Status for TaskForce Integrations arbejde i 2008") is the document the register
must be able to produce from its own database, so the demo data is that year: the work plan with its
4.0 FTE, its four challenges, the requesters, the areas, all 22 requisitions and all 106 advisories,
the deliverables (and what replaced what), the events with their participants (ca. 2600 in all), the
steering groups, and the 100 project visits. Of the advisories only the 16 examples are described in
the report; the other 90 are plain, clearly marked entries whose dates and requesters are spread
deterministically, so every run gives the same data. The same goes for the 89 projects the report
does not name. 2007 holds only a work plan, one challenge and International Dag 2007, so that 2008's
International Dag can show its +15 %.

Where the report is silent (a day of the month, how the FTE not spent on cases were spread, the names
of two replaced deliverables, good-practice notes), the text says "Demodata".

A requisition that was held as an event carries no participants of its own: the figure is on its
event, so it is counted once.

`demo_load` writes it all in one transaction, through the services, and only adds what is missing
(natural keys: year, challenge number, name, challenge + title, task + challenge, body + role,
project + year of the visit), so running it again changes nothing.
"""

import itertools
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from cases.choices import DeliverableStatus, EventKind, EventRole, RequisitionStatus, SteeringRole
from cases.models import Advisory, Deliverable, Event, Requisition, SteeringGroupMembership
from cases.services import (
    advisory_create,
    deliverable_create,
    event_create,
    requisition_create,
    requisition_update,
    steering_group_membership_create,
)
from core import roles
from core.choices import OrganisationKind, Task
from core.models import Area, Challenge, FteAllocation, Organisation, WorkPlan
from projects.choices import Assessment
from projects.models import Project, ProjectVisit
from projects.services import project_create, project_visit_create

from .atlas import ACTORS as ATLAS_ACTORS
from .atlas import demo_atlas_load
from .report_texts import demo_report_texts_load
from .surveys import CONTACTS as SURVEY_CONTACTS
from .surveys import demo_surveys_load
from .surveys import email as survey_email

YEAR = 2008
REPORT_DATE = date(2008, 11, 24)
DEMO_PASSWORD = "demo"

WORK_PLAN = {
    "year": YEAR,
    "total_fte": Decimal("4.0"),
    "purpose": (
        "TaskForce Integration har til formål at styrke integrationsindsatsen på tværs af "
        "forvaltningernes initiativer på lokal plan ved at:\n"
        "- Identificere barrierer for gennemførelse af integrationspolitikken i de udsatte boligområder\n"
        "- Understøtte forvaltningerne ved at løse rekvireringsopgaver fra forvaltningerne\n"
        "- Udbrede ”god praksis” på integrationsområdet"
    ),
    "target_groups": [
        "Beboere, afdelingsbestyrelser og boligselskaber i de udsatte boligområder",
        "Forvaltningerne i Københavns Kommune",
        "100 projektbesøg hos integrationsprojekter, der støttes af Københavns Kommune",
        "Aktører der arbejder med integration i København",
    ],
}

CHALLENGES = [
    {
        "number": 1,
        "name": "Udsatte boligområder",
        "short_label": "Udsatte boligområder",
        "conclusions": [
            "Udfordringer med at nå målgrupper med etnisk minoritetsbaggrund",
            "Behov for fokus på samarbejde mellem de lokale aktører",
        ],
    },
    {
        "number": 2,
        "name": "Tryghed",
        "short_label": "Tryghed",
        "conclusions": [
            "Udfordringer med forældreinddragelse i det kriminalpræventive arbejde med unge",
            "Behov for styrket dialog mellem forældre og integrationsindsatser",
        ],
    },
    {
        "number": 3,
        "name": "VI KBH'R' – markering af et mangfoldigt København",
        "short_label": "Mangfoldigt KBH",
        "conclusions": [
            "Behov for fokus på inklusion og dialog med etniske minoriteter i integrationsindsatsen",
            "Udfordring med involvering af etniske minoriteter fra de udsatte boligområder i kampagnen",
        ],
    },
    {
        "number": 4,
        "name": "Bedre vidensdeling i integrationsprojekter",
        "short_label": "Vidensdeling i projekter",
        "conclusions": [
            "Behov for at styrke netværker og erfaringsudveksling mellem integrationsprojekter",
            "Udfordringer med at understøtte integrationsprojekter i bedre projektstyring "
            "med fokus på effektmåling",
        ],
    },
]

ECONOMY = "Økonomiforvaltningen"
CULTURE = "Kultur- og Fritidsforvaltningen"
CHILDREN = "Børne- og Ungdomsforvaltningen"
HEALTH = "Sundheds- og Omsorgsforvaltningen"
SOCIAL = "Socialforvaltningen"
TECHNICAL = "Teknik- og Miljøforvaltningen"
EMPLOYMENT = "Beskæftigelses- og Integrationsforvaltningen"

MJOLNERPARKEN_BOARD = "Afdelingsbestyrelsen i Mjølnerparken"
SSP = "SSP"
CITIZENS_ADVISER = "Borgerrådgiveren"
US_EMBASSY = "Den amerikanske ambassade"
EKSTRA_BLADET = "Ekstra Bladet"
INTEGRATION_COUNCIL = "Integrationsrådet"
MATCHING_PROJECT = "Projekt Matchning, Center for Afklaring og Beskæftigelse"
BUSINESS_CENTRE = "Københavns Erhvervscenter"
WORLD_CULTURE_CENTRE = "Verdenskulturcenteret"
WELFARE_MINISTRY = "Velfærdsministeriet"
BISPEBJERG_TENANT_ADVICE = "Bispebjerg beboerrådgivning"
PRISON_SERVICE = "Kriminalforsorgen"
FC_UNITED = "FC United"
GREEN_TRIANGLE_BOARD = "Afdelingsbestyrelsen i Den Grønne Trekant"
DANISH_ENOUGH_CAMPAIGN = "Kampagnen ”Bliv dansk nok til danskerne”"
KURDISH_WOMEN = "Kurdisk Kvinde Forening"
UTTERSLEVSHUSE = "Utterslevshuse Boligforening"
MUSLIM_COUNCIL = "Muslimernes Fællesråd"
HALLA_AMAR = "Halla-ama'r.tv"

ORGANISATIONS = [
    (ECONOMY, "ØKF", OrganisationKind.ADMINISTRATION),
    (CULTURE, "KFF", OrganisationKind.ADMINISTRATION),
    (CHILDREN, "BUF", OrganisationKind.ADMINISTRATION),
    (HEALTH, "SUF", OrganisationKind.ADMINISTRATION),
    (SOCIAL, "SOF", OrganisationKind.ADMINISTRATION),
    (TECHNICAL, "TMF", OrganisationKind.ADMINISTRATION),
    (EMPLOYMENT, "BIF", OrganisationKind.ADMINISTRATION),
    (MJOLNERPARKEN_BOARD, "", OrganisationKind.HOUSING),
    (GREEN_TRIANGLE_BOARD, "", OrganisationKind.HOUSING),
    (UTTERSLEVSHUSE, "", OrganisationKind.HOUSING),
    (BISPEBJERG_TENANT_ADVICE, "", OrganisationKind.HOUSING),
    (WELFARE_MINISTRY, "", OrganisationKind.STATE),
    (PRISON_SERVICE, "", OrganisationKind.STATE),
    (FC_UNITED, "", OrganisationKind.ASSOCIATION),
    (KURDISH_WOMEN, "", OrganisationKind.ASSOCIATION),
    (MUSLIM_COUNCIL, "", OrganisationKind.ASSOCIATION),
    (HALLA_AMAR, "", OrganisationKind.ASSOCIATION),
    (SSP, "SSP", OrganisationKind.OTHER),
    (CITIZENS_ADVISER, "", OrganisationKind.OTHER),
    (INTEGRATION_COUNCIL, "", OrganisationKind.OTHER),
    (MATCHING_PROJECT, "Projekt Matchning", OrganisationKind.OTHER),
    (BUSINESS_CENTRE, "", OrganisationKind.OTHER),
    (WORLD_CULTURE_CENTRE, "", OrganisationKind.OTHER),
    (US_EMBASSY, "", OrganisationKind.OTHER),
    (EKSTRA_BLADET, "", OrganisationKind.OTHER),
    (DANISH_ENOUGH_CAMPAIGN, "", OrganisationKind.OTHER),
]

ATLAS_AREAS = [
    ("Mjølnerparken", "Nørrebro"),
    ("Haraldsgade", "Nørrebro"),
    ("Lundtoftegade", "Nørrebro"),
    ("Akacieparken", "Valby"),
    ("Sjælør", "Valby"),
    ("Tingbjerg", "Brønshøj-Husum"),
    ("Amager", "Amager"),
]
AREAS = ATLAS_AREAS + [
    ("Urbanplanen", "Amager"),
    ("Holmbladskvarteret", "Amager"),
    ("Voldparken", "Brønshøj-Husum"),
    ("Bystævneparken", "Brønshøj-Husum"),
    ("Den Grønne Trekant", "Østerbro"),
]

FINISHED = RequisitionStatus.FINISHED
IN_PROGRESS = RequisitionStatus.IN_PROGRESS

# Per challenge, in the report's order; date_received ascends in that order.
REQUISITIONS = {
    1: [
        {
            "requesters": [MJOLNERPARKEN_BOARD],
            "title": "Mjølnerparkens 21-års fødselsdag",
            "description": (
                "Mjølnerparken fejrede den 29. juni 2008 21 års fødselsdagsdag. TFI blev rekvireret til "
                "planlægning, gennemførelse og budgetstyring, i samarbejde med den lokale "
                "afdelingsbestyrelse og 25 frivillige beboere. Ca. 600 børn og voksne deltog."
            ),
            "area": "Mjølnerparken",
            "date_received": date(2008, 3, 3),
            "date_finished": date(2008, 6, 29),
            "status": FINISHED,
            "partners": "Afdelingsbestyrelsen i Mjølnerparken",
            "volunteers": "25 frivillige beboere",
            "event": {"kind": EventKind.PARTY, "date": date(2008, 6, 29), "place": "Mjølnerparken",
                      "participants": 600, "participants_approximate": True, "volunteers": 25},
        },
        {
            "requesters": [SOCIAL, EMPLOYMENT],
            "title": "Temamøde om job og khatmisbrug",
            "description": (
                "Temamøde om job og khatmisbrug ved Projekt Isbeddel og Jobpatruljen for Somaliland "
                "Kvindeklub. Ca. 50 deltagere."
            ),
            "date_received": date(2008, 4, 7),
            "date_finished": date(2008, 5, 22),
            "status": FINISHED,
            "partners": "Projekt Isbeddel, Jobpatruljen, Somaliland Kvindeklub",
            "event": {"kind": EventKind.THEME_MEETING, "date": date(2008, 5, 22), "participants": 50,
                      "participants_approximate": True, "date_is_estimate": True},
        },
        {
            "requesters": [CULTURE],
            "title": "Karrierebiblioteket på Nørrebro Bibliotek og aktører fra Sjælør",
            "description": (
                "Koble Nørrebro biblioteks Karriere bibliotek med aktører fra Sjælør og Det Fri Gymnasium"
            ),
            "area": "Sjælør",
            "date_received": date(2008, 8, 11),
            "date_finished": date(2008, 10, 30),
            "status": FINISHED,
            "partners": "Nørrebro Bibliotek (Karrierebiblioteket), Det Fri Gymnasium",
        },
        {
            "requesters": [TECHNICAL],
            "title": "Future City Games i Voldparken",
            "description": (
                "Netværk, sparring og assistance i forhold til afholdelse af Future City Games i "
                "Voldparken i midten af november, Brønshøj-Husum."
            ),
            "area": "Voldparken",
            "date_received": date(2008, 9, 8),
            "date_finished": date(2008, 11, 15),
            "status": FINISHED,
            "partners": "Future City Games",
        },
    ],
    2: [
        {
            "requesters": [HEALTH, EMPLOYMENT],
            "title": "Uroligheder i Bystævneparken",
            "description": (
                "Bystævneparken - på baggrund af uroligheder i et område med plejehjem og ældreboliger "
                "indgår TFI i et samarbejde med Sundheds- og Omsorgsforvaltningen og "
                "Socialforvaltningen, hvor situationen følges tæt."
            ),
            "area": "Bystævneparken",
            "date_received": date(2008, 1, 8),
            "status": IN_PROGRESS,
            "partners": "Sundheds- og Omsorgsforvaltningen, Socialforvaltningen",
        },
        {
            "requesters": [EMPLOYMENT],
            "title": "Mission Possible",
            "description": (
                "Mission Possible – projektet har til formål at hjælpe tidligere straffede med etnisk "
                "minoritetsbaggrund ind på arbejdsmarkedet eller i uddannelse. TFI har understøttet "
                "projektet og skabt koblinger ind i forvaltningerne."
            ),
            "date_received": date(2008, 1, 14),
            "date_finished": date(2008, 6, 30),
            "status": FINISHED,
            "partners": "Mission Possible",
        },
        {
            "requesters": [EMPLOYMENT],
            "title": "De unges stemmer",
            "description": (
                "De unges stemmer: Sammensatte og arbejde med en gruppe af unge fra de udsatte "
                "boligområder. Deres anbefalinger til et tryggere København blev fremlagt ved den årlige "
                "integrationskonference i februar, hvor ca. 300 personer deltog. De unge anbefalede "
                "bl.a. mere gående politi i gaderne og fleksible åbningstider i klubberne. TFI tog "
                "endvidere initiativ til en kortfilm, som gav politikerne og deltagerne på konferencen "
                "et åbent og ærligt indblik i de unges dagligdag. 18 unge bidrog til gruppen."
            ),
            "date_received": date(2008, 1, 21),
            "date_finished": date(2008, 2, 27),
            "status": FINISHED,
            "volunteers": "18 unge fra de udsatte boligområder bidrog til gruppen",
            "event": {"kind": EventKind.CONFERENCE, "title": "Integrationskonferencen: De unges stemmer",
                      "date": date(2008, 2, 27), "role": EventRole.ASSISTED, "participants": 300,
                      "participants_approximate": True, "date_is_estimate": True},
        },
        {
            "requesters": [CHILDREN, SOCIAL],
            "title": "Butikken – værested for udsatte unge i Holmbladskvarteret",
            "description": (
                "Butikken - et samarbejdsforum mellem Børne- og Ungdomsforvaltningen, "
                "Socialforvaltningen og TFI med henblik på at etablere et værested for de mest udsatte "
                "unge i Holmbladskvarteret."
            ),
            "area": "Holmbladskvarteret",
            "date_received": date(2008, 2, 4),
            "status": IN_PROGRESS,
            "partners": "Børne- og Ungdomsforvaltningen, Socialforvaltningen",
        },
        {
            "requesters": [EMPLOYMENT],
            "title": "Borgermøde i Urbanplanen efter urolighederne i vinterferien",
            "description": (
                "Planlægningen og gennemførelse af borgermøde i Urbanplanen i kølvandet på "
                "urolighederne i vinterferien. 65 personer deltog i mødet."
            ),
            "area": "Urbanplanen",
            "date_received": date(2008, 2, 18),
            "date_finished": date(2008, 3, 4),
            "status": FINISHED,
            "event": {"kind": EventKind.MEETING, "date": date(2008, 3, 4), "place": "Urbanplanen", "participants": 65,
                      "date_is_estimate": True},
        },
        {
            "requesters": [SSP],
            "title": "Dialogmøder med forældre",
            "description": (
                "I forbindelse med efterårets mange konfrontationer og skudvekslinger mellem kriminelle "
                "grupper har TFI i samarbejde med SSP og lokale aktører afholdt 10 dialogmøder med "
                "forældre fortrinsvis i de udsatte boligområder. Møderne tiltrak i alt ca. 250 forældre."
            ),
            "date_received": date(2008, 9, 1),
            "date_finished": date(2008, 11, 20),
            "status": FINISHED,
            "partners": "SSP, lokale aktører",
            "event": {"kind": EventKind.MEETING, "title": "10 dialogmøder med forældre", "date": date(2008, 11, 20),
                      "participants": 250, "participants_approximate": True, "date_is_estimate": True},
        },
    ],
    3: [
        {
            "requesters": [CITIZENS_ADVISER],
            "title": "Seminar om Borgerrådgiverens diskriminationsindsats",
            "description": (
                "Seminar vedr. Borgerrådgiverens diskriminationsindsats. Generel assistance, herunder "
                "ansvar for inddragelse af målgruppen ved seminar i september 2008. 35 personer deltog."
            ),
            "date_received": date(2008, 3, 10),
            "date_finished": date(2008, 9, 25),
            "status": FINISHED,
            "event": {"kind": EventKind.SEMINAR, "date": date(2008, 9, 25), "role": EventRole.ASSISTED,
                      "participants": 35, "date_is_estimate": True},
        },
        {
            "requesters": [US_EMBASSY, EKSTRA_BLADET],
            "title": "Taking the lead",
            "description": (
                "TFI blev rekvireret til at deltage i projektets ressourcegruppe og i det "
                "ansættelsesudvalg, der ansatte projektlederen."
            ),
            "date_received": date(2008, 3, 31),
            "date_finished": date(2008, 6, 20),
            "status": FINISHED,
            "partners": "Taking the lead",
        },
        {
            "requesters": [ECONOMY],
            "title": "10 års fødselsdagsfest",
            "description": (
                "Facilitere og afholde den årlige fødselsdagsfest for børn i 3. klasse i distrikt "
                "Nørrebro og Nordvest. 600 børn deltog sammen med 50 idrætsforeninger."
            ),
            "date_received": date(2008, 4, 14),
            "date_finished": date(2008, 6, 5),
            "status": FINISHED,
            "partners": "50 idrætsforeninger",
            "event": {"kind": EventKind.PARTY, "date": date(2008, 6, 5), "participants": 600,
                      "organisation_count": 50, "date_is_estimate": True},
        },
        {
            "requesters": [INTEGRATION_COUNCIL],
            "title": "Seminar om ældre med etnisk minoritetsbaggrund",
            "description": (
                "Seminar om ”Ældre med etnisk minoritetsbaggrund”. TFI assisterede Integrationsrådet "
                "omkring tilrettelæggelsen, samt afholdelsen af seminaret. 35 personer deltog."
            ),
            "date_received": date(2008, 5, 5),
            "date_finished": date(2008, 10, 28),
            "status": FINISHED,
            "event": {"kind": EventKind.SEMINAR, "date": date(2008, 10, 28), "role": EventRole.ASSISTED,
                      "participants": 35, "date_is_estimate": True},
        },
        {
            "requesters": [EMPLOYMENT],
            "title": "Mangfoldighedsmodul på Basis 1",
            "description": (
                "Udvikle et mangfoldighedsmodul på Basis 1. Introduktionskursus for nye medarbejdere i "
                "Beskæftigelses og Integrationsforvaltningen. Forventes afholdt i december 2008."
            ),
            "date_received": date(2008, 8, 18),
            "status": IN_PROGRESS,
        },
        {
            "requesters": [ECONOMY],
            "title": "Golden Days & BrugKulturen – 100 året for kvinders valgret",
            "description": (
                "Assistere Golden Days & BrugKulturen med at målrette indsats vedr. information til og "
                "inddragelse af kvinder med etnisk minoritetsbaggrund i anledning af 100 året for "
                "kvinders valgret."
            ),
            "date_received": date(2008, 8, 25),
            "date_finished": date(2008, 9, 26),
            "status": FINISHED,
            "partners": "Golden Days, BrugKulturen",
        },
    ],
    4: [
        {
            "requesters": [MATCHING_PROJECT],
            "title": "Temamøde om netværk for brobyggere",
            "description": (
                "Tilrettelægge og afholde temamøde i samarbejde med Projekt Matchning med henblik på "
                "etablering af netværk til brobyggere over hele byen."
            ),
            "date_received": date(2008, 2, 11),
            "date_finished": date(2008, 4, 24),
            "status": FINISHED,
            "partners": "Projekt Matchning",
            "event": {"kind": EventKind.THEME_MEETING, "date": date(2008, 4, 24), "date_is_estimate": True},
        },
        {
            "requesters": [BUSINESS_CENTRE],
            "title": "Temamøde om projektstyring og fundraising",
            "description": (
                "Facilitere et temamøde om projektstyring og fundraising for iværksættere og nye "
                "projekter i byen. 25 personer deltog."
            ),
            "date_received": date(2008, 3, 17),
            "date_finished": date(2008, 5, 6),
            "status": FINISHED,
            "event": {"kind": EventKind.THEME_MEETING, "date": date(2008, 5, 6), "participants": 25,
                      "date_is_estimate": True},
        },
        {
            "requesters": [EMPLOYMENT],
            "title": "Møde med den somaliske familieminister",
            "description": (
                "Sammensætte en deltagergruppe af repræsentanter med somalisk minoritetsbaggrund fra "
                "København til møde med somalisk familieminister og Jakob Haugaard."
            ),
            "date_received": date(2008, 5, 19),
            "date_finished": date(2008, 6, 12),
            "status": FINISHED,
        },
        {
            "requesters": [SOCIAL],
            "title": "Integrationsprojekter til konference i London",
            "description": (
                "Udvælge tre integrationsprojekter fra København, der kunne deltage ved en konference i "
                "London omhandlende beskæftigelsesinitiativer for fattige forældre."
            ),
            "date_received": date(2008, 6, 16),
            "date_finished": date(2008, 9, 18),
            "status": FINISHED,
        },
        {
            "requesters": [WORLD_CULTURE_CENTRE],
            "title": "Inspirationsoplæg for Kvindeforum i Verdenskulturhuset",
            "description": (
                "Inspirationsoplæg for Kvindeforum i Verdenskulturhuset om god praksis i "
                "integrationsprojekter i København. 15 kvinder deltog."
            ),
            "date_received": date(2008, 8, 4),
            "date_finished": date(2008, 9, 30),
            "status": FINISHED,
            "event": {"kind": EventKind.MEETING, "date": date(2008, 9, 30), "place": "Verdenskulturhuset",
                      "participants": 15, "date_is_estimate": True},
        },
        {
            "requesters": [EMPLOYMENT],
            "title": "Opsøgende ungeindsats i Jobcenter Skelbækgade",
            "description": (
                "Understøtte Jobcenter Skelbækgade i forbindelse med den opsøgende ungeindsats med "
                "rekruttering af medarbejdere, samt formidle kontakt til lokale aktører for det videre "
                "samarbejde."
            ),
            "date_received": date(2008, 9, 15),
            "date_finished": date(2008, 11, 14),
            "status": FINISHED,
            "partners": "Jobcenter Skelbækgade, lokale aktører",
        },
    ],
}

ADVISORY_COUNTS = {1: 29, 2: 18, 3: 29, 4: 30}

# The examples the report gives per challenge ("f.eks."), in its order; dates ascend in that order.
ADVISORY_EXAMPLES = {
    1: [
        {
            "requester": FC_UNITED,
            "title": "Metrobyggeri på ny fodboldbane i Lundtoftegade",
            "description": (
                "Hjælp til at finde veje i systemet for at påvirke beslutning om metrobyggeri oveni "
                "nyetableret fodboldbane for børn og unge i Lundtoftegade."
            ),
            "area": "Lundtoftegade",
            "date": date(2008, 1, 23),
        },
        {
            "requester": SOCIAL,
            "title": "Samarbejdsaftale mellem Sjakket og helhedsplanen for Mjølnerparken",
            "description": "Vedr. samarbejdsaftale imellem Sjakket og helhedsplanen for Mjølnerparken.",
            "area": "Mjølnerparken",
            "date": date(2008, 2, 6),
        },
        {
            "requester": ECONOMY,
            "title": "Gadeplans-/borgermøde i Mjølnerparken efter bilbrande og skyderi",
            "description": (
                "Vedr. gadeplans/borgermøde i Mjølnerparken i forbindelse med bilbrande og skyderi."
            ),
            "area": "Mjølnerparken",
            "date": date(2008, 2, 20),
        },
        {
            "requester": GREEN_TRIANGLE_BOARD,
            "title": "Multikulturel sommerfest i Den Grønne Trekant",
            "description": "Den Grønne trekant / Aldersrogade – vedr. multikulturel sommerfest.",
            "area": "Den Grønne Trekant",
            "date": date(2008, 5, 14),
        },
    ],
    2: [
        {
            "requester": ECONOMY,
            "title": "Gadeplansmedarbejdere til møde med Ritt Bjerregaard og Per Larsen",
            "description": (
                "Formidle kontakt til gadeplansmedarbejdere fra Nørrebro til et møde med Ritt "
                "Bjerregaard og Per Larsen i september måned i forbindelse med konflikterne og "
                "skudvekslingerne i København."
            ),
            "date": date(2008, 9, 2),
        },
        {
            "requester": WELFARE_MINISTRY,
            "title": "Konference om udsatte unge",
            "description": (
                "Rådgive velfærdsministeriet i forhold til tilrettelæggelsen og indholdet af en "
                "konference omhandlende udsatte unge."
            ),
            "date": date(2008, 9, 24),
        },
        {
            "requester": BISPEBJERG_TENANT_ADVICE,
            "title": "Aktiviteter for udsatte unge i lokalområdet",
            "description": "Vedr. iværksættelse af aktiviteter for udsatte unge i deres lokalområde.",
            "date": date(2008, 10, 8),
        },
        {
            "requester": PRISON_SERVICE,
            "title": "Mentorprojekt for over 18-årige",
            "description": (
                "Vedr. mentorprojekt for over 18årige – sparring i forhold til netværk og rådgivning."
            ),
            "date": date(2008, 10, 29),
        },
    ],
    3: [
        {
            "requester": DANISH_ENOUGH_CAMPAIGN,
            "title": "Baggrundsgruppe til dokumentarfilm om integration",
            "description": (
                "Etablere kontakt til frivillige foreninger med henblik på at danne en baggrundsgruppe "
                "for en dokumentarfilm om integration."
            ),
            "date": date(2008, 4, 16),
        },
        {
            "requester": KURDISH_WOMEN,
            "title": "Tilrettelæggelse af kulturfest",
            "description": "Vejledning af kvindeforening vedr. tilrettelæggelse af kulturfest.",
            "date": date(2008, 6, 11),
        },
        {
            "requester": EMPLOYMENT,
            "title": "Eid-reception for muslimer på Rådhuset",
            "description": (
                "Eid arrangement – netværk og assistance til afholdelse af reception for muslimer på "
                "Rådhuset 4. oktober. ca. 100 personer deltog."
            ),
            "date": date(2008, 9, 10),
        },
    ],
    4: [
        {
            "requester": UTTERSLEVSHUSE,
            "title": "Somalisk kulturcenter i Tingbjerg og Utterslevshuse Boligforening",
            "description": (
                "Koble lokale aktører der ikke på forhånd kendte til hinandens arbejde Somalisk "
                "kulturcenter i Tingbjerg og Utterslevshuse Boligforening."
            ),
            "area": "Tingbjerg",
            "date": date(2008, 3, 19),
        },
        {
            "requester": MUSLIM_COUNCIL,
            "title": "Projektansøgning om materiale til unge om radikalisering",
            "description": (
                "Rådgivning og feedback på projektansøgning vedr. uddannelses- og infomateriale til "
                "unge om radikaliserings."
            ),
            "date": date(2008, 5, 21),
        },
        {
            "requester": HALLA_AMAR,
            "title": "Støttemuligheder og netværk",
            "description": (
                "Vejledning omkring støttemuligheder og netværk til andre integrationsaktører i byen."
            ),
            "date": date(2008, 6, 25),
        },
        {
            "requester": CHILDREN,
            "title": "Sprogcentre til test af undervisningsmateriale om miljøviden",
            "description": (
                "Rådgivning vedr. kontakt til sprogcentre med henblik på test af undervisningsmateriale "
                "omhandlende miljøviden."
            ),
            "date": date(2008, 8, 27),
        },
        {
            "requester": SOCIAL,
            "title": "Opstart af Bydelsmødre",
            "description": "Vejledning og netværkskontakter i forbindelse med opstart af Bydelsmødre.",
            "date": date(2008, 10, 15),
        },
    ],
}

# Requesters the unnamed advisories are drawn from, in turn, per challenge.
PLAIN_ADVISORY_REQUESTERS = {
    1: [MJOLNERPARKEN_BOARD, SOCIAL, TECHNICAL, UTTERSLEVSHUSE, EMPLOYMENT, GREEN_TRIANGLE_BOARD,
        CULTURE, BISPEBJERG_TENANT_ADVICE, ECONOMY, FC_UNITED, CHILDREN],
    2: [SSP, CHILDREN, SOCIAL, ECONOMY, BISPEBJERG_TENANT_ADVICE, PRISON_SERVICE, EMPLOYMENT,
        MJOLNERPARKEN_BOARD, HEALTH],
    3: [CULTURE, INTEGRATION_COUNCIL, KURDISH_WOMEN, ECONOMY, MUSLIM_COUNCIL, CITIZENS_ADVISER,
        EMPLOYMENT, WORLD_CULTURE_CENTRE, HEALTH, HALLA_AMAR],
    4: [EMPLOYMENT, BUSINESS_CENTRE, MUSLIM_COUNCIL, HALLA_AMAR, SOCIAL, CHILDREN, MATCHING_PROJECT,
        WORLD_CULTURE_CENTRE, KURDISH_WOMEN, UTTERSLEVSHUSE, TECHNICAL],
}
PLAIN_ADVISORY_DESCRIPTION = "Demodata: statusrapporten for 2008 beskriver ikke denne rådgivning enkeltvis."
PLAIN_ADVISORY_FIRST_DAY = date(2008, 1, 7)
PLAIN_ADVISORY_LAST_DAY = date(2008, 11, 21)

DEMO_USERS = [
    {"username": "konsulent", "first_name": "Sara", "last_name": "Holm", "group": roles.CONSULTANT,
     "is_staff": False},
    {"username": "leder", "first_name": "Henrik", "last_name": "Møller", "group": roles.MANAGEMENT,
     "is_staff": False},
    {"username": "admin", "first_name": "Birgitte", "last_name": "Madsen", "group": roles.ADMINISTRATOR,
     "is_staff": True},
]
DEMO_CONSULTANT = "konsulent"

DEMO_DATE_NOTE = "Demodata: rapporten nævner ikke dagen; datoen er et skøn."

# FTE (årsværk) of the 2008 work plan, 4.0 in all. Only the 1.0 for requisitions and advisories comes
# from the report ("opjusteres fra 1 årsværk til 1½ årsværk i arbejdsplanen for 2009"); how the
# other 3.0 were spread over the tasks and challenges is demo data.
FTE_ALLOCATIONS = [
    (Task.CASES, None, Decimal("1.0")),
    (Task.PROJECT_VISITS, 4, Decimal("1.0")),
    (Task.EVENTS, 1, Decimal("0.25")),
    (Task.EVENTS, 2, Decimal("0.25")),
    (Task.EVENTS, 3, Decimal("0.5")),
    (Task.EVENTS, 4, Decimal("0.25")),
    (Task.STEERING_GROUPS, 1, Decimal("0.75")),
]

DELIVERED = DeliverableStatus.DELIVERED
PLANNED = DeliverableStatus.PLANNED
REPLACED = DeliverableStatus.REPLACED

INTERNATIONAL_DAY = "International Dag"
INTERNATIONAL_DAY_2007 = {
    "kind": EventKind.FESTIVAL,
    "title": "International Dag 2007",
    "description": (
        "Demodata: 2007 er kun med, så International Dag 2008 kan sammenlignes med året før. Rapporten "
        "for 2008 oplyser, at 46 foreninger med boder var en stigning på 15 % i forhold til 2007; de 40 "
        "foreninger er regnet tilbage derfra."
    ),
    "date": date(2007, 8, 25),  # sidste lørdag i august 2007
    "place": "Peblinge Dossering",
    "organisation_count": 40,
}
WORK_PLAN_2007 = {
    "year": 2007,
    "total_fte": Decimal("4.0"),
    "purpose": "Demodata: arbejdsplanen for 2007 er kun med for at kunne sammenligne International Dag.",
}
CHALLENGE_2007 = {
    "number": 1,
    "name": "Markering af et mangfoldigt København",
    "short_label": "Mangfoldigt KBH",
    "conclusions": "Demodata: kun med for at kunne sammenligne International Dag 2008 med 2007.",
}

# The work plan's deliverables per challenge, as the report lists them under "Leverancer", in its
# order. A replaced deliverable comes after those that replaced it (they are created first). The
# status is the one of the report's date (24.11.2008): what was still to come then is planned.
DELIVERABLES = {
    1: [
        {
            "title": "Oplæg om »Find vej til din målgruppe«",
            "outcome": "Udarbejdelse af oplæg om \"Find vej til din målgruppe\" på baggrund af de 100 "
                       "projektbesøg.",
            "status": DELIVERED,
        },
        {
            "title": "Kommunikations- og fritidsambassadører i Mjølnerparken",
            "outcome": "Etablering af Kommunikations- og fritidsambassadører i Mjølnerparken.",
            "status": DELIVERED,
        },
        {
            "title": "Seminar om fremskudte metoder inden for beskæftigelse",
            "outcome": "Afholdt seminar den 31. marts om fremskudte metoder indenfor beskæftigelse, med "
                       "særligt fokus på de udsatte boligområder. 100 aktører deltog.",
            "status": DELIVERED,
            "events": [{
                "kind": EventKind.SEMINAR,
                "title": "Seminar om fremskudte metoder inden for beskæftigelse",
                "description": "Seminar om fremskudte metoder indenfor beskæftigelse, med særligt fokus på "
                               "de udsatte boligområder. 100 aktører deltog.",
                "date": date(2008, 3, 31),
                "participants": 100,
            }],
        },
        {
            "title": "Seminar om fritidsjobsindsatsen",
            "outcome": "Afholder seminar med fokus på fritidsjobsindsatsen. Seminaret afholdes i "
                       "Haraldsgadekvarteret den 16. december. Forventet deltagerantal 50.",
            "status": PLANNED,
            "events": [{
                "kind": EventKind.SEMINAR,
                "title": "Seminar om fritidsjobsindsatsen i Haraldsgadekvarteret",
                "description": "Seminar med fokus på fritidsjobsindsatsen. Forventet deltagerantal 50 "
                               "(statusrapporten er skrevet før seminaret).",
                "date": date(2008, 12, 16),
                "place": "Haraldsgadekvarteret",
                "area": "Haraldsgade",
                "participants_expected": 50,
            }],
        },
    ],
    2: [
        {
            "title": "Borgerinddragelsesseminar i Valby med Hotspot-indsatsen",
            "outcome": "TFI afholdt den 22. september sammen med Hotspot indsatsen et "
                       "borgerinddragelses seminar i Valby ca. 30 borgere deltog.",
            "status": DELIVERED,
            "is_promised": False,
            "events": [{
                "kind": EventKind.SEMINAR,
                "title": "Borgerinddragelsesseminar i Valby",
                "description": "Borgerinddragelsesseminar sammen med Hotspot-indsatsen. Ca. 30 borgere "
                               "deltog.",
                "date": date(2008, 9, 22),
                "place": "Valby",
                "participants": 30,
                "participants_approximate": True,
            }],
        },
        {
            "title": "Burkini-projektet",
            "outcome": "Understøtte frivilligt initiativ vedr. produktion af svømmedragter for muslimske "
                       "kvinder – Burkini projektet.",
            "status": DELIVERED,
            "is_promised": False,
        },
        {
            "title": "Oversigt over medborgerskabsuddannelser",
            "outcome": "Udvikle oversigt over medborgerskabsuddannelser – tilgængelig på TFIs hjemmeside "
                       "www.kk.dk/taskforceintegration",
            "status": DELIVERED,
            "is_promised": False,
        },
        {
            "title": "Udvikling af en medborgerskabsuddannelse – Teach the teachers",
            "description": "Udvikling af en medborgerskabsuddannelse, ”Teach the teachers”.",
            "outcome": "Erstattet af borgerinddragelsesseminaret i Valby, Burkini-projektet og oversigten "
                       "over medborgerskabsuddannelser.",
            "status": REPLACED,
            "replaced_by": [
                "Borgerinddragelsesseminar i Valby med Hotspot-indsatsen",
                "Burkini-projektet",
                "Oversigt over medborgerskabsuddannelser",
            ],
        },
    ],
    3: [
        {
            "title": "VI KBH'R'-receptionen på Islands Brygge",
            "outcome": "TFI arrangerede VI KBH'R' receptionen på Islands Brygge som kulminationen på "
                       "lanceringsugen for kampagnen. TFI havde fokus på at der var bred deltagelse fra de "
                       "unge fra udsatte boligområder. Ca. 100 personer deltog.",
            "status": DELIVERED,
            "is_promised": False,
            "events": [{
                "kind": EventKind.RECEPTION,
                "title": "VI KBH'R'-receptionen på Islands Brygge",
                "description": "Kulminationen på lanceringsugen for VI KBH'R'-kampagnen, med bred deltagelse "
                               "af unge fra de udsatte boligområder. Ca. 100 personer deltog. "
                               + DEMO_DATE_NOTE,
                "date": date(2008, 5, 9),
                "place": "Islands Brygge",
                "participants": 100,
                "participants_approximate": True,
            }],
        },
        {
            "title": "Mangfoldighedsmodul til folkeskoleelever",
            "outcome": "Udarbejde og undervise i et særligt tilrettelagt mangfoldighedsmodul til "
                       "folkeskoleelever i forbindelse med VI KBH'R' Poesikonkurrencen. 120 unge deltog i "
                       "undervisningen.",
            "status": DELIVERED,
            "is_promised": False,
            "events": [{
                "kind": EventKind.WORKSHOP,
                "title": "Undervisning i mangfoldighedsmodul for folkeskoleelever",
                "description": "Undervisning i mangfoldighedsmodulet i forbindelse med VI KBH'R' "
                               "Poesikonkurrencen. 120 unge deltog. Demodata: rapporten nævner ikke, "
                               "hvornår undervisningen fandt sted; datoen er et skøn.",
                "date": date(2008, 4, 22),
                "participants": 120,
            }],
        },
        {
            "title": "Poesi-workshop med unge fra hele byen",
            "outcome": "Rekruttering og assistance ved afholdelsen af poesi-workshop i juni med unge fra "
                       "hele byen. 30 unge deltog.",
            "status": DELIVERED,
            "is_promised": False,
            "events": [{
                "kind": EventKind.WORKSHOP,
                "title": "Poesi-workshop",
                "description": "Poesi-workshop i juni med unge fra hele byen; TFI rekrutterede og "
                               "assisterede. 30 unge deltog. " + DEMO_DATE_NOTE,
                "date": date(2008, 6, 14),
                "role": EventRole.ASSISTED,
                "participants": 30,
            }],
        },
        {
            "title": "Lokalt initiativ 1 i forbindelse med VI KBH'R' (demonavn)",
            "description": "Demodata: et af de fire lovede lokale initiativer i forbindelse med VI KBH'R'-"
                           "kampagnen. Rapporten navngiver ikke de to, der blev erstattet.",
            "outcome": "Erstattet af receptionen på Islands Brygge, mangfoldighedsmodulet og "
                       "poesi-workshoppen (»to af de fire lovede lokale initiativer«).",
            "status": REPLACED,
            "replaced_by": [
                "VI KBH'R'-receptionen på Islands Brygge",
                "Mangfoldighedsmodul til folkeskoleelever",
                "Poesi-workshop med unge fra hele byen",
            ],
        },
        {
            "title": "Lokalt initiativ 2 i forbindelse med VI KBH'R' (demonavn)",
            "description": "Demodata: et af de fire lovede lokale initiativer i forbindelse med VI KBH'R'-"
                           "kampagnen. Rapporten navngiver ikke de to, der blev erstattet.",
            "outcome": "Erstattet af receptionen på Islands Brygge, mangfoldighedsmodulet og "
                       "poesi-workshoppen (»to af de fire lovede lokale initiativer«).",
            "status": REPLACED,
            "replaced_by": [
                "VI KBH'R'-receptionen på Islands Brygge",
                "Mangfoldighedsmodul til folkeskoleelever",
                "Poesi-workshop med unge fra hele byen",
            ],
        },
        {
            "title": "Det store kagebord",
            "description": "Et af de fire lovede lokale initiativer i forbindelse med VI KBH'R'-kampagnen.",
            "outcome": "\"Det store kagebord\" inddragelse af projekt FAKTI og Kulturhuset i Bispebjerg i "
                       "afholdelse af arrangement under VI KBH'R' ugen i maj måned. 80 kvinder og børn "
                       "deltog.",
            "status": DELIVERED,
            "events": [{
                "kind": EventKind.PARTY,
                "title": "Det store kagebord",
                "description": "Arrangement under VI KBH'R'-ugen med projekt FAKTI og Kulturhuset i "
                               "Bispebjerg. 80 kvinder og børn deltog. " + DEMO_DATE_NOTE,
                "date": date(2008, 5, 7),
                "place": "Kulturhuset i Bispebjerg",
                "role": EventRole.ASSISTED,
                "participants": 80,
            }],
        },
        {
            "title": "Salaam Karavane i København",
            "description": "Et af de fire lovede lokale initiativer i forbindelse med VI KBH'R'-kampagnen.",
            "outcome": "Salaam Karavane i København. Multikulturel filmfestival.",
            "status": DELIVERED,
            "events": [{
                "kind": EventKind.FESTIVAL,
                "title": "Salaam Karavane – multikulturel filmfestival",
                "description": "Multikulturel filmfestival; TFI tog initiativ og rådgav. Rapporten giver "
                               "intet deltagertal. Demodata: rapporten nævner ikke, hvornår festivalen "
                               "fandt sted; datoen er et skøn.",
                "date": date(2008, 10, 17),
                "role": EventRole.ASSISTED,
            }],
        },
        {
            "title": INTERNATIONAL_DAY,
            "description": "Demodata: rapporten omtaler International Dag under udfordringen, men ikke "
                           "udtrykkeligt som en af arbejdsplanens leverancer.",
            "outcome": "TFI stod i 2008 for planlægning, samt konkret gennemførelse af International Dag "
                       "sidste lørdag i august ved Peblinge Dossering. 46 frivillige foreninger deltog med "
                       "boder, hvilket er en stigning på 15 % i forhold til 2007.",
            "status": DELIVERED,
            "events": [{
                "kind": EventKind.FESTIVAL,
                "title": "International Dag 2008",
                "description": "46 frivillige foreninger deltog med boder, en stigning på 15 % i forhold "
                               "til 2007. Rapporten nævner ikke antallet af besøgende (»de mange "
                               "københavnere der deltog til International Dag«).",
                "date": date(2008, 8, 30),  # sidste lørdag i august 2008
                "place": "Peblinge Dossering",
                "organisation_count": 46,
                "previous": INTERNATIONAL_DAY_2007["title"],
            }],
        },
    ],
    4: [
        {
            "title": "Projektbesøg hos 100 integrationsprojekter",
            "outcome": "Projektbesøg hos 100 integrationsprojekter i København.",
            "status": DELIVERED,
        },
        {
            "title": "1 side pr. projekt med gode råd",
            "outcome": "TFI har på baggrund af projektbesøgene udarbejdet 1 side pr. projekt med gode råd "
                       "til andre projekter i Projektbanken.",
            "status": DELIVERED,
        },
        {
            "title": "Publikation om god praksis i integrationsprojekter",
            "outcome": "TFI har udarbejdet en publikation om ”God praksis i integrationsprojekter” med de "
                       "bedste eksempler på god praksis i København.",
            "status": DELIVERED,
            "publication_title": "God praksis i integrationsprojekter",
        },
        {
            "title": "Seminar 1 om bedre projektstyring for integrationsprojekter",
            "description": "To seminarer med fokus på bedre projektstyring for integrationsprojekter, i "
                           "samarbejde med Projektbankssekretariatet (rapportens ene punkt er her delt i "
                           "to, så hvert seminar har sin status).",
            "outcome": "Første seminar blev afholdt 2. oktober, 60 personer deltog.",
            "status": DELIVERED,
            "events": [{
                "kind": EventKind.SEMINAR,
                "title": "Seminar 1 om bedre projektstyring",
                "description": "Seminar med fokus på bedre projektstyring for integrationsprojekter, i "
                               "samarbejde med Projektbankssekretariatet. 60 personer deltog.",
                "date": date(2008, 10, 2),
                "participants": 60,
            }],
        },
        {
            "title": "Seminar 2 om bedre projektstyring for integrationsprojekter",
            "description": "To seminarer med fokus på bedre projektstyring for integrationsprojekter, i "
                           "samarbejde med Projektbankssekretariatet (rapportens ene punkt er her delt i "
                           "to, så hvert seminar har sin status).",
            "outcome": "Andet seminar afholdes 9. december.",
            "status": PLANNED,
            "events": [{
                "kind": EventKind.SEMINAR,
                "title": "Seminar 2 om bedre projektstyring",
                "description": "Andet seminar med fokus på bedre projektstyring for integrationsprojekter, i "
                               "samarbejde med Projektbankssekretariatet. Rapporten giver hverken et "
                               "forventet eller et faktisk deltagertal.",
                "date": date(2008, 12, 9),
            }],
        },
    ],
}

# Events outside the deliverables and requisitions: the Eid reception belongs to an advisory.
OTHER_EVENTS = {
    3: [
        {
            "kind": EventKind.RECEPTION,
            "title": "Eid-reception for muslimer på Rådhuset",
            "description": "Eid arrangement – netværk og assistance til afholdelse af reception for muslimer "
                           "på Rådhuset 4. oktober. Ca. 100 personer deltog (rådgivning for Beskæftigelses- "
                           "og Integrationsforvaltningen).",
            "date": date(2008, 10, 4),
            "place": "Københavns Rådhus",
            "role": EventRole.ASSISTED,
            "participants": 100,
            "participants_approximate": True,
        },
    ],
}

# The steering groups and local boards the team sat in (challenge 1, Udsatte boligområder).
STEERING_GROUP_NOTE = "Demodata: rapporten nævner ikke, hvornår TFI kom ind i gruppen; startdatoen er et skøn."
STEERING_GROUPS = [
    {"body": "Fremdriftsgruppen for helhedsplanen for Mjølnerparken", "area": "Mjølnerparken",
     "role": SteeringRole.MEMBER, "start": date(2008, 1, 1), "notes": STEERING_GROUP_NOTE},
    {"body": "Styregruppen for helhedsplanen »Fra Hærværk til Netværk«",
     "role": SteeringRole.MEMBER, "start": date(2008, 1, 1), "notes": STEERING_GROUP_NOTE},
    {"body": "Helhedsplanen for Mjølnerparken", "area": "Mjølnerparken",
     "role": SteeringRole.ACTING_PROJECT_MANAGER, "start": date(2008, 2, 1), "end": date(2008, 12, 31),
     "notes": "En TFI-konsulent har fungeret som konstitueret projektleder for helhedsplanen i Mjølnerparken "
              "i perioden februar til udgangen af 2008."},
    {"body": "Styregruppen for Haraldsgadekvarterets Områdeløft", "area": "Haraldsgade",
     "role": SteeringRole.MEMBER, "start": date(2008, 1, 1), "notes": STEERING_GROUP_NOTE},
    {"body": "Styregruppen for Områdefornyelsen for Mimersgadekvarteret",
     "role": SteeringRole.MEMBER, "start": date(2008, 1, 1), "notes": STEERING_GROUP_NOTE},
    {"body": "Styregruppen for BazarMusicShop (Nørrebro)",
     "role": SteeringRole.MEMBER, "start": date(2008, 1, 1), "notes": STEERING_GROUP_NOTE},
    {"body": "Styregruppen for Ghetto Gourmet (Amager)", "area": "Amager",
     "role": SteeringRole.MEMBER, "start": date(2008, 1, 1), "notes": STEERING_GROUP_NOTE},
    {"body": "Styregruppen for Plus17 (Akacieparken)", "area": "Akacieparken",
     "role": SteeringRole.MEMBER, "start": date(2008, 1, 1), "notes": STEERING_GROUP_NOTE},
]

# The 100 project visits of 2008. The report names some projects; the rest are plain demo projects.
NAMED_PROJECT_NOTE = ("Demodata: at projektet var et af de 100 besøgte integrationsprojekter og støttes af "
                      "Københavns Kommune, er antaget.")
NAMED_PROJECTS = [
    {"name": "BazarMusicShop", "description": "Lokalt integrationsprojekt på Nørrebro; TFI har rådgivet og "
                                              "sidder i projektets styregruppe."},
    {"name": "Ghetto Gourmet", "area": "Amager",
     "description": "Lokalt integrationsprojekt på Amager; TFI har rådgivet og sidder i projektets "
                    "styregruppe."},
    {"name": "Plus17", "area": "Akacieparken",
     "description": "Lokalt integrationsprojekt i Akacieparken; TFI har rådgivet og sidder i projektets "
                    "styregruppe."},
    {"name": "Mission Possible",
     "description": "Hjælper tidligere straffede med etnisk minoritetsbaggrund ind på arbejdsmarkedet eller "
                    "i uddannelse."},
    {"name": "Projekt Isbeddel",
     "description": "Holdt temamøde om job og khatmisbrug for Somaliland Kvindeklub sammen med "
                    "Jobpatruljen."},
    {"name": "Jobpatruljen",
     "description": "Holdt temamøde om job og khatmisbrug for Somaliland Kvindeklub sammen med Projekt "
                    "Isbeddel."},
    {"name": "Somaliland Kvindeklub",
     "description": "Kvindeklub; temamøde om job og khatmisbrug ved Projekt Isbeddel og Jobpatruljen."},
    {"name": "FAKTI",
     "description": "Inddraget i »Det store kagebord« under VI KBH'R'-ugen sammen med Kulturhuset i "
                    "Bispebjerg."},
    {"name": "Bydelsmødre",
     "description": "Socialforvaltningen fik vejledning og netværkskontakter ved opstarten af Bydelsmødre."},
    {"name": "Sjakket",
     "description": "Socialforvaltningen fik rådgivning om en samarbejdsaftale mellem Sjakket og "
                    "helhedsplanen for Mjølnerparken."},
    {"name": "Projekt Matchning", "organisation": MATCHING_PROJECT,
     "description": "Center for Afklaring og Beskæftigelse; temamøde om et netværk for brobyggere over hele "
                    "byen."},
]
PROJECT_VISIT_COUNT = 100
PLAIN_PROJECT_DESCRIPTION = ("Demodata: statusrapporten for 2008 nævner ikke projektet ved navn; det står for et "
                             "af de 100 besøgte integrationsprojekter.")
PROJECT_VISIT_FIRST_DAY = date(2008, 1, 9)
PROJECT_VISIT_LAST_DAY = date(2008, 11, 21)
# Plain projects (by number) that are flagged as good practice on their visit.
GOOD_PRACTICE_PROJECTS = {14, 23, 37, 52, 68, 85}
GOOD_PRACTICE_WHAT_WORKS = ("Demodata: projektet opstiller klare mål og succeskriterier og følger op på dem "
                            "med deltagerne hvert halve år.")
GOOD_PRACTICE_ADVICE = ("Demodata: brug lokale nøglepersoner til at nå målgruppen, og aftal fra start, "
                        "hvordan effekten måles.")
ASSESSMENTS = [(Assessment.YES, Assessment.PARTLY), (Assessment.PARTLY, Assessment.NO),
               (Assessment.NO, Assessment.NO), ("", "")]

def _weekday(day: date) -> date:
    """Move a Saturday or Sunday back to the Friday before."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def plain_advisories(challenge_number: int) -> list[dict]:
    """The advisories of a challenge the report only counts, numbered after its examples.

    Dates are spread evenly over the year up to the report, shifted a little per challenge, and
    requesters are taken in turn from the challenge's list, so the result is the same every time.
    """
    challenge = next(c for c in CHALLENGES if c["number"] == challenge_number)
    first_number = len(ADVISORY_EXAMPLES[challenge_number]) + 1
    count = ADVISORY_COUNTS[challenge_number] - len(ADVISORY_EXAMPLES[challenge_number])
    requesters = PLAIN_ADVISORY_REQUESTERS[challenge_number]
    shift = timedelta(days=challenge_number - 1)
    first_day = PLAIN_ADVISORY_FIRST_DAY + shift
    span = (PLAIN_ADVISORY_LAST_DAY - shift - first_day).days
    advisories = []
    for index in range(count):
        day = first_day + timedelta(days=index * span // max(count - 1, 1))
        advisory = {
            "requester": requesters[index % len(requesters)],
            "title": f"Rådgivning {first_number + index} ({challenge['short_label']})",
            "description": PLAIN_ADVISORY_DESCRIPTION,
            "date": _weekday(day),
        }
        if challenge_number == 1:
            advisory["area"] = ATLAS_AREAS[index % len(ATLAS_AREAS)][0]
        advisories.append(advisory)
    return advisories


def demo_projects() -> list[dict]:
    """The 100 projects visited in 2008 with their visit: first those the report names, then plain ones.

    Visit dates are spread over the year up to the report by a fixed permutation, so the named
    projects are not all visited in January and every run gives the same dates.
    """
    span = (PROJECT_VISIT_LAST_DAY - PROJECT_VISIT_FIRST_DAY).days
    projects = []
    for index in range(PROJECT_VISIT_COUNT):
        number = index + 1
        if index < len(NAMED_PROJECTS):
            named = NAMED_PROJECTS[index]
            project = {
                "name": named["name"],
                "organisation": named.get("organisation"),
                "area": named.get("area"),
                "description": f"{named['description']} {NAMED_PROJECT_NOTE}",
                "is_active": True,
            }
            sets_goals, measures_effect = "", ""
            good_practice = False
        else:
            project = {
                "name": f"Integrationsprojekt {number} (demo)",
                "organisation": None,
                "area": ATLAS_AREAS[index % len(ATLAS_AREAS)][0] if index % 3 else None,
                "description": PLAIN_PROJECT_DESCRIPTION,
                "is_active": number % 4 != 0,  # the report visited active and ended projects
            }
            sets_goals, measures_effect = ASSESSMENTS[number % len(ASSESSMENTS)]
            good_practice = number in GOOD_PRACTICE_PROJECTS
            if good_practice:
                sets_goals, measures_effect = Assessment.YES, Assessment.YES
        slot = index * 37 % PROJECT_VISIT_COUNT
        project["visit"] = {
            "date": _weekday(PROJECT_VISIT_FIRST_DAY + timedelta(days=slot * span // (PROJECT_VISIT_COUNT - 1))),
            "sets_goals": sets_goals,
            "measures_effect": measures_effect,
            "is_good_practice": good_practice,
            "what_works": GOOD_PRACTICE_WHAT_WORKS if good_practice else "",
            "advice": GOOD_PRACTICE_ADVICE if good_practice else "",
        }
        projects.append(project)
    return projects

@transaction.atomic
def demo_users_create() -> list[tuple]:
    """Create the demo users `konsulent`, `leder` and `admin` with password "demo" and their role.

    A user that already exists is left exactly as it is (password, names, groups), so a changed
    password survives a second run. Returns (user, created) per demo user.
    """
    if Group.objects.filter(name__in=[u["group"] for u in DEMO_USERS]).count() < len(DEMO_USERS):
        roles.roles_sync()
    user_model = get_user_model()
    result = []
    for data in DEMO_USERS:
        user, created = user_model.objects.get_or_create(
            username=data["username"],
            defaults={"first_name": data["first_name"], "last_name": data["last_name"],
                      "is_staff": data["is_staff"]},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=data["group"]))
        result.append((user, created))
    return result


def _tally(summary: dict, key: str, created: bool) -> None:
    """Count one demo row as newly created or as already present."""
    summary["created" if created else "existing"][key] += 1


KINDS = ("work_plans", "challenges", "areas", "organisations", "requisitions", "advisories", "fte_allocations",
         "deliverables", "events", "steering_groups", "projects", "project_visits", "survey_invitations",
         "survey_responses", "report_texts", "actors")


@transaction.atomic
def _contacts():
    """The demo's contact persons at the requesters, one after the other (the survey's people, with a telephone
    number), so that a search for one person's data (/personoplysninger/) has someone to find in several
    registrations, the sent questionnaires and the history."""
    for number in itertools.count():
        name = SURVEY_CONTACTS[number % len(SURVEY_CONTACTS)]
        yield {"contact_name": name, "contact_email": survey_email(name),
               "contact_phone": f"33 66 {10 + number % 90:02d} {20 + number % 80:02d}"}


def demo_load() -> dict:
    """Write the 2008 demo data (and the demo users), adding only what is not there yet.

    Returns {"created": {kind: n}, "existing": {kind: n}, "participants_moved": n,
    "users": [(user, created), ...]} where kind is one of KINDS. `participants_moved` counts the
    requisitions of an earlier demo load whose participants were moved to their new event.
    """
    summary = {"created": dict.fromkeys(KINDS, 0), "existing": dict.fromkeys(KINDS, 0), "participants_moved": 0}
    summary["users"] = demo_users_create()
    consultant = next(user for user, _ in summary["users"] if user.username == DEMO_CONSULTANT)

    work_plan, created = WorkPlan.objects.get_or_create(year=WORK_PLAN["year"], defaults={
        "total_fte": WORK_PLAN["total_fte"],
        "purpose": WORK_PLAN["purpose"],
        "target_groups": "\n".join(WORK_PLAN["target_groups"]),
    })
    _tally(summary, "work_plans", created)

    challenges = {}
    for data in CHALLENGES:
        challenges[data["number"]], created = Challenge.objects.get_or_create(
            work_plan=work_plan, number=data["number"], defaults={
                "name": data["name"], "short_label": data["short_label"],
                "conclusions": "\n".join(data["conclusions"]),
            })
        _tally(summary, "challenges", created)

    areas = {}
    for name, district in AREAS:
        areas[name], created = Area.objects.get_or_create(name=name, defaults={"district": district})
        _tally(summary, "areas", created)

    organisations = {}
    for name, short_name, kind in ORGANISATIONS:
        organisations[name], created = Organisation.objects.get_or_create(
            name=name, defaults={"short_name": short_name, "kind": kind})
        _tally(summary, "organisations", created)

    requisitions = {}
    contacts = _contacts()
    for number, challenge_requisitions in REQUISITIONS.items():
        challenge = challenges[number]
        present = {r.title: r for r in Requisition.objects.filter(challenge=challenge)}
        for data in challenge_requisitions:
            if data["title"] in present:
                requisitions[data["title"]] = present[data["title"]]
                _tally(summary, "requisitions", False)
                continue
            requisitions[data["title"]] = requisition_create(
                user=consultant,
                consultants=[consultant],
                challenge=challenge,
                requesters=[organisations[name] for name in data["requesters"]],
                title=data["title"],
                description=data["description"],
                area=areas[data["area"]] if "area" in data else None,
                date_received=data["date_received"],
                date_finished=data.get("date_finished"),
                status=data["status"],
                participants=data.get("participants"),
                participants_approximate=data.get("participants_approximate", False),
                partners=data.get("partners", ""),
                volunteers=data.get("volunteers", ""),
                **next(contacts),
            )
            _tally(summary, "requisitions", True)

    for number, challenge in challenges.items():
        present = set(Advisory.objects.filter(challenge=challenge).values_list("title", flat=True))
        examples = [(data, True) for data in ADVISORY_EXAMPLES[number]]
        plain = [(data, False) for data in plain_advisories(number)]
        for data, is_example in examples + plain:
            if data["title"] in present:
                _tally(summary, "advisories", False)
                continue
            advisory_create(
                user=consultant,
                consultant=consultant,
                challenge=challenge,
                requester=organisations[data["requester"]],
                title=data["title"],
                description=data["description"],
                area=areas[data["area"]] if "area" in data else None,
                date=data["date"],
                is_report_example=is_example,
                **(next(contacts) if is_example else {}),
            )
            _tally(summary, "advisories", True)

    loader = _Loader(summary=summary, consultant=consultant, challenges=challenges, areas=areas,
                     organisations=organisations)
    loader.fte_allocations(work_plan)
    international_day_2007 = loader.year_2007()
    loader.requisition_events(requisitions)
    loader.deliverables(previous={international_day_2007.title: international_day_2007})
    loader.other_events()
    loader.steering_groups()
    loader.projects()
    demo_surveys_load(consultant=consultant, year=YEAR, report_date=REPORT_DATE, summary=summary, tally=_tally)
    _tally(summary, "report_texts", demo_report_texts_load(year=YEAR, user=consultant))
    _placed, actors = demo_atlas_load(user=consultant)
    summary["created"]["actors"] += actors
    summary["existing"]["actors"] += len(ATLAS_ACTORS) - actors
    return summary


class _Loader:
    """Writes the rest of the year: FTE, 2007 for comparison, events, deliverables, steering-group
    seats, projects and their visits. Every step looks its rows up by natural key first."""

    def __init__(self, *, summary, consultant, challenges, areas, organisations):
        self.summary = summary
        self.consultant = consultant
        self.challenges = challenges
        self.areas = areas
        self.organisations = organisations

    def fte_allocations(self, work_plan: WorkPlan) -> None:
        # There is no service for the work plan's FTE (it is reference data kept in the admin), so
        # the rows are validated with full_clean() and saved here.
        for task, number, fte in FTE_ALLOCATIONS:
            challenge = self.challenges[number] if number else None
            exists = FteAllocation.objects.filter(work_plan=work_plan, task=task, challenge=challenge).exists()
            if not exists:
                allocation = FteAllocation(work_plan=work_plan, task=task, challenge=challenge, fte=fte)
                allocation.full_clean()
                allocation.save()
            _tally(self.summary, "fte_allocations", not exists)

    def year_2007(self) -> Event:
        """The 2007 work plan with one challenge and International Dag 2007, nothing else."""
        work_plan, created = WorkPlan.objects.get_or_create(year=WORK_PLAN_2007["year"], defaults={
            "total_fte": WORK_PLAN_2007["total_fte"], "purpose": WORK_PLAN_2007["purpose"]})
        _tally(self.summary, "work_plans", created)
        challenge, created = Challenge.objects.get_or_create(
            work_plan=work_plan, number=CHALLENGE_2007["number"], defaults={
                "name": CHALLENGE_2007["name"], "short_label": CHALLENGE_2007["short_label"],
                "conclusions": CHALLENGE_2007["conclusions"]})
        _tally(self.summary, "challenges", created)
        return self.event(challenge, INTERNATIONAL_DAY_2007)

    def event(self, challenge: Challenge, data: dict, **links) -> Event:
        """The event titled data["title"] under the challenge, created through the service if missing."""
        existing = Event.objects.filter(challenge=challenge, title=data["title"]).first()
        _tally(self.summary, "events", existing is None)
        if existing is not None:
            return existing
        return event_create(
            user=self.consultant,
            consultant=self.consultant,
            challenge=challenge,
            kind=data["kind"],
            title=data["title"],
            description=data.get("description", ""),
            date=data["date"],
            place=data.get("place", ""),
            area=self.areas[data["area"]] if data.get("area") else None,
            role=data.get("role", EventRole.ORGANISED),
            participants=data.get("participants"),
            participants_expected=data.get("participants_expected"),
            participants_approximate=data.get("participants_approximate", False),
            organisation_count=data.get("organisation_count"),
            volunteers=data.get("volunteers"),
            **links,
        )

    def requisition_events(self, requisitions: dict) -> None:
        """The events of the requisitions that were held as one. The participants are counted once,
        on the event: a requisition loaded by an earlier demo with its own figure has it moved here."""
        for number, challenge_requisitions in REQUISITIONS.items():
            for data in challenge_requisitions:
                if "event" not in data:
                    continue
                requisition = requisitions[data["title"]]
                event = dict(data["event"])
                event.setdefault("title", data["title"])
                event["description"] = data["description"]
                if event.pop("date_is_estimate", False):
                    event["description"] += " " + DEMO_DATE_NOTE
                if requisition.area_id:
                    event["area"] = requisition.area.name
                if requisition.participants is not None and \
                        not Event.objects.filter(challenge=requisition.challenge_id, title=event["title"]).exists():
                    event["participants"] = requisition.participants
                    event["participants_approximate"] = requisition.participants_approximate
                    requisition_update(requisition=requisition, user=self.consultant,
                                       data={"participants": None, "participants_approximate": False})
                    self.summary["participants_moved"] += 1
                self.event(self.challenges[number], event, requisition=requisition)

    def deliverables(self, *, previous: dict) -> None:
        """The deliverables per challenge with their events; replacements exist before what they replace."""
        for number, challenge_deliverables in DELIVERABLES.items():
            challenge = self.challenges[number]
            present = {d.title: d for d in Deliverable.objects.filter(challenge=challenge)}
            for data in challenge_deliverables:
                deliverable = present.get(data["title"])
                _tally(self.summary, "deliverables", deliverable is None)
                if deliverable is None:
                    deliverable = present[data["title"]] = deliverable_create(
                        user=self.consultant,
                        challenge=challenge,
                        title=data["title"],
                        description=data.get("description", ""),
                        outcome=data.get("outcome", ""),
                        status=data["status"],
                        is_promised=data.get("is_promised", True),
                        publication_title=data.get("publication_title", ""),
                        replaced_by=[present[title] for title in data.get("replaced_by", [])],
                    )
                for event in data.get("events", []):
                    links = {"deliverable": deliverable}
                    if "previous" in event:
                        links["previous"] = previous[event["previous"]]
                    self.event(challenge, event, **links)

    def other_events(self) -> None:
        for number, events in OTHER_EVENTS.items():
            for data in events:
                self.event(self.challenges[number], data)

    def steering_groups(self) -> None:
        for data in STEERING_GROUPS:
            exists = SteeringGroupMembership.objects.filter(body=data["body"], role=data["role"]).exists()
            _tally(self.summary, "steering_groups", not exists)
            if exists:
                continue
            steering_group_membership_create(
                user=self.consultant,
                consultant=self.consultant,
                challenge=self.challenges[1],
                body=data["body"],
                area=self.areas[data["area"]] if "area" in data else None,
                role=data["role"],
                start=data["start"],
                end=data.get("end"),
                notes=data.get("notes", ""),
            )

    def projects(self) -> None:
        """The 100 visited projects, each with its visit of 2008 under challenge 4."""
        projects = demo_projects()
        present = {p.name: p for p in Project.objects.filter(name__in=[p["name"] for p in projects])}
        visited = set(ProjectVisit.objects.filter(date__year=YEAR, project__in=present.values())
                      .values_list("project_id", flat=True))
        for data in projects:
            project = present.get(data["name"])
            _tally(self.summary, "projects", project is None)
            if project is None:
                project = project_create(
                    user=self.consultant,
                    name=data["name"],
                    organisation=self.organisations[data["organisation"]] if data["organisation"] else None,
                    area=self.areas[data["area"]] if data["area"] else None,
                    description=data["description"],
                    is_active=data["is_active"],
                )
            _tally(self.summary, "project_visits", project.pk not in visited)
            if project.pk in visited:
                continue
            project_visit_create(user=self.consultant, project=project, consultant=self.consultant,
                                 challenge=self.challenges[4], **data["visit"])
