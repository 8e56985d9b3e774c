"""The team's two questionnaires of 2008, one after a requisition and one after an advisory.

Created as version 1 of each by a migration (so every database has them) and by the demo loader
(the test database's flush empties tables). Later changes are made as new versions in the admin;
this text stays as it was sent in 2008.
"""

QUESTIONNAIRES = [
    {
        "kind": "requisition",
        "title": "Tilfredshedsmåling – rekvireringsopgaver",
        "introduction": (
            "TaskForce Integration vil gerne blive bedre til at løse de opgaver, forvaltninger og "
            "samarbejdspartnere rekvirerer. Vi er derfor glade for, at du vil bruge et par minutter på "
            "at svare på spørgsmålene herunder. Svarene bruges i TFI's årlige statusrapport."),
        "questions": [
            ("Hvor tilfreds er du samlet set med TFI's løsning af opgaven?", "scale", True, True),
            ("Hvor tilfreds er du med samarbejdet med TFI's konsulenter undervejs?", "scale", True, False),
            ("Levede resultatet op til jeres forventninger?", "yes_no", True, False),
            ("Vil du rekvirere TFI igen eller anbefale TFI til andre?", "yes_no", True, False),
            ("Har du kommentarer eller forslag til TFI?", "text", False, False),
        ],
    },
    {
        "kind": "advisory",
        "title": "Tilfredshedsmåling – rådgivning",
        "introduction": (
            "Du har fået rådgivning af TaskForce Integration. Vi vil gerne vide, om rådgivningen var "
            "til nytte. Det tager et par minutter at svare, og svarene bruges i TFI's årlige statusrapport."),
        "questions": [
            ("Hvor tilfreds er du samlet set med TFI's rådgivning?", "scale", True, True),
            ("Hvor tilfreds er du med, hvor hurtigt du fik svar?", "scale", True, False),
            ("Har du kunnet bruge rådgivningen i dit arbejde?", "yes_no", True, False),
            ("Har du kommentarer eller forslag til TFI?", "text", False, False),
        ],
    },
]


def questionnaires_2008_create(Questionnaire, Question) -> int:
    """Create what is missing, with the given model classes (historical ones in a migration); returns
    the number of questionnaires created."""
    created_count = 0
    for data in QUESTIONNAIRES:
        has_active = Questionnaire.objects.filter(kind=data["kind"], is_active=True).exists()
        questionnaire, created = Questionnaire.objects.get_or_create(
            kind=data["kind"], version=1,
            defaults={"title": data["title"], "introduction": data["introduction"],
                      "is_active": not has_active})
        if not created:
            continue
        created_count += 1
        for position, (text, kind, required, is_headline) in enumerate(data["questions"], start=1):
            Question.objects.create(questionnaire=questionnaire, position=position, text=text, kind=kind,
                                    required=required, is_headline=is_headline)
    return created_count
