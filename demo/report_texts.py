"""The 2008 report's narrative texts for the demo, with placeholders where the original gives
figures, so that the demo report reads like the original and its figures come from the register."""

import datetime

from core.models import Challenge, WorkPlan
from reports.models import AnnualReport
from reports.services import annual_report_texts_update

INTRODUCTION = (
    "Dette dokument er en status på TaskForce Integrations (TFI) indsats i året {aar}. TFI har i {aar} haft "
    "{rekvireringer} rekvireringsopgaver, {raadgivninger} rådgivninger, besøgt {projektbesoeg} "
    "integrationsprojekter og lavet arrangementer for integrationsaktører, hvor {deltagere} københavnere "
    "deltog, samt de mange københavnere der deltog til International Dag.\n\n"
    "TFI afsatte i arbejdsplanen for {aar} ressourcer svarende til i alt {aarsvaerk} årsværk. Det var i løbet "
    "af året nødvendigt at justere i fordelingen af disse ressourcer på de enkelte opgaver. Justeringerne skete "
    "bl.a. i relation til indsatsen i Mjølnerparken, hvor indholdet af den lovede indsats ændrede karakter, idet "
    "en TFI konsulent trådte til som konstitueret projektleder. Derudover viste det sig, at der var flere "
    "rådgivninger og rekvireringer end forventet, hvorfor ressourceforbruget til denne opgave opjusteres fra "
    "1 årsværk til 1½ årsværk i arbejdsplanen for 2009.\n\n"
    "Følgende hovedkonklusioner kan drages på baggrund af erfaringer fra TFIs arbejde med de fire udfordringer "
    "i {aar}."
)
CLOSING = (
    "Nærværende dokument redegør for, hvordan TFI har leveret de leverancer, der blev opstillet i TFIs "
    "arbejdsplan for {aar}. I det følgende beskrives målgrupper, leverancer, rekvireringer og rådgivninger i {aar}."
)
TARGET_GROUPS_LEAD_IN = (
    "TFI har i {aar} været i kontakt med et bredt spektrum af aktører, der arbejder med integration både gennem "
    "projektbesøg, rekvirerings- og rådgivningsopgaver, samt via netværksarbejde over hele byen."
)
CHALLENGES_LEAD_IN = (
    "TFI har arbejdet med fire udfordringer i {aar}. Arbejdet er funderet på en områdebaseret indsats, hvor der "
    "først og fremmest er skabt overblik over allerede eksisterende netværk, projekter og lokale initiativer i "
    "udvalgte lokalområder.\n\nDe fire udfordringer:"
)
# The appendix's letterhead as the 2008 report has it.
LETTERHEAD = {"appendix_label": "Bilag 2", "meeting_date": datetime.date(2008, 11, 24),
              "case_number": "2008-132946", "document_number": "2008-614555"}
LEAD_INS = {
    1: (
        "Som led i at skabe overblik over de mange integrationsaktiviteter i byen har TFI udarbejdet oversigter, "
        "de såkaldte TFI-atlas over integrationsaktører på Nørrebro (Mjølnerparken, Haraldsgade, Lundtoftegade), "
        "Valby (Akacieparken og Sjælør), Tingbjerg og Amager.\n\n"
        "TFI er repræsenteret i fremdriftsgruppen for helhedsplanen for Mjølnerparken, samt i styregruppen for "
        "helhedsplanen \"Fra Hærværk til Netværk\". Derudover har en TFI konsulent fungeret som konstitueret "
        "projektleder for helhedsplanen i Mjølnerparken i perioden februar til udgangen af {aar}."
    ),
    2: (
        "Trygheden i København har i særdeleshed været på dagsordenen i {aar}, med urolighederne i vinterferien, "
        "samt konflikterne og skudvekslingerne mellem kriminelle grupper i efteråret. TFI har medvirket i arbejdet "
        "med integrationskonferencen og afholdt en hel række dialogmøder med forældre i de udsatte boligområder i "
        "samarbejde med SSP. TFI har tillige haft fokus på tryghed ved at løse en række rekvirerings- og "
        "rådgivningsopgaver for forvaltningerne, samt andre aktører."
    ),
    3: (
        "I forbindelse med VI KBH'R' kampagnen har TFI haft til opgave – især via netværket i de udsatte "
        "boligområder – at involvere grupper af borgere, som ellers ikke ville deltage i disse arrangementer. "
        "TFI har på forskellig vis bidraget til VI KBH'R' kampagnen."
    ),
    4: (
        "TFI har i {aar} besøgt {projektbesoeg} af Københavns Kommunes aktive og afsluttede integrationsprojekter. "
        "Formålet har været at indhente viden om god praksis, yde rådgivning og facilitere erfaringsudveksling "
        "mellem projekterne, samt styrke projekternes viden om projektstyring. Der har været fokus på at fremhæve "
        "konkrete projekter, der er gode til at opstille mål og succeskriterier for deres arbejde, som inspiration "
        "for de øvrige projekter i Projektbanken."
    ),
}


def demo_report_texts_load(*, year: int, user) -> bool:
    """Write the texts once: a year whose report texts exist already (or is approved) is left alone."""
    plan = WorkPlan.objects.get(year=year)
    existing = AnnualReport.objects.filter(work_plan=plan).first()
    if existing is not None and (existing.introduction or existing.is_approved):
        return False
    challenges = {c.pk: {"lead_in": LEAD_INS.get(c.number, ""), "conclusions": c.conclusions}
                  for c in Challenge.objects.filter(work_plan=plan)}
    annual_report_texts_update(year=year, user=user, introduction=INTRODUCTION, closing=CLOSING,
                               purpose=plan.purpose, target_groups=plan.target_groups, challenges=challenges,
                               target_groups_lead_in=TARGET_GROUPS_LEAD_IN, challenges_lead_in=CHALLENGES_LEAD_IN,
                               **(LETTERHEAD if year == 2008 else {}))
    return True
