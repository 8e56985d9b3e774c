"""Demo data: TaskForce Integration's year 2008 as told by the status report of 24.11.2008.

The report ("Bilag 2: Status for TaskForce Integrations arbejde i 2008") is the document the register
must be able to produce from its own database, so the demo data is that year: the work plan, its four
challenges, the requesters, the areas, all 22 requisitions and all 106 advisories. Of the advisories
only the 16 examples are described in the report; the other 90 are plain, clearly marked entries
whose dates and requesters are spread deterministically, so every run gives the same data.

`demo_load` writes it all in one transaction and only adds what is missing (natural keys: year,
challenge number, name, challenge + title), so running it again changes nothing.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from atlas.models import Area

from . import roles
from .choices import OrganisationKind, RequisitionStatus
from .models import Advisory, Challenge, Organisation, Requisition, WorkPlan
from .services import advisory_create, requisition_create

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
            "participants": 600,
            "participants_approximate": True,
            "partners": "Afdelingsbestyrelsen i Mjølnerparken",
            "volunteers": "25 frivillige beboere",
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
            "participants": 50,
            "participants_approximate": True,
            "partners": "Projekt Isbeddel, Jobpatruljen, Somaliland Kvindeklub",
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
            "participants": 300,
            "participants_approximate": True,
            "volunteers": "18 unge fra de udsatte boligområder bidrog til gruppen",
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
            "participants": 65,
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
            "participants": 250,
            "participants_approximate": True,
            "partners": "SSP, lokale aktører",
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
            "participants": 35,
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
            "participants": 600,
            "partners": "50 idrætsforeninger",
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
            "participants": 35,
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
            "participants": 25,
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
            "participants": 15,
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


@transaction.atomic
def demo_load() -> dict:
    """Write the 2008 demo data (and the demo users), adding only what is not there yet.

    Returns {"created": {kind: n}, "existing": {kind: n}, "users": [(user, created), ...]} where
    kind is one of work_plans, challenges, areas, organisations, requisitions, advisories.
    """
    kinds = ("work_plans", "challenges", "areas", "organisations", "requisitions", "advisories")
    summary = {"created": dict.fromkeys(kinds, 0), "existing": dict.fromkeys(kinds, 0)}
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

    for number, requisitions in REQUISITIONS.items():
        challenge = challenges[number]
        present = set(Requisition.objects.filter(challenge=challenge).values_list("title", flat=True))
        for data in requisitions:
            if data["title"] in present:
                _tally(summary, "requisitions", False)
                continue
            requisition_create(
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
            )
            _tally(summary, "advisories", True)

    return summary
