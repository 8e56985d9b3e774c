"""The status report as a Word document: read back with python-docx, it holds the report's figures,
sections, numbered requisitions, page fields and the users' texts (without what XML cannot hold)."""

import io

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from cases.models import Requisition
from reports.exports.docx import status_report_docx
from reports.selectors.report import status_report
from tests.factories import ChallengeFactory, OrganisationFactory, RequisitionFactory, WorkPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(demo):
    return status_report(year=2008)


@pytest.fixture
def document(report):
    return read(status_report_docx(report))


def read(content: bytes):
    return docx.Document(io.BytesIO(content))


def texts(document) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs]


def full_text(document) -> str:
    return "\n".join(texts(document))


def headings(document, level: int = 1) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def list_labels(document) -> list[tuple[str, str, object]]:
    """(Heading 1 above, number as Word shows it, paragraph) of each paragraph numbered through the
    numbering part, counting as Word does: instances of one abstract list share a counter, and an
    instance with a start override starts again from there."""
    numbering = document.part.numbering_part.element
    starts = {}
    for abstract in numbering.findall(qn("w:abstractNum")):
        level = abstract.find(qn("w:lvl"))
        start = level.find(qn("w:start"))
        starts[abstract.get(qn("w:abstractNumId"))] = (
            int(start.get(qn("w:val"))) if start is not None else 0, level.find(qn("w:numFmt")).get(qn("w:val")))
    instances = {}
    for num in numbering.findall(qn("w:num")):
        override = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        instances[num.get(qn("w:numId"))] = (num.find(qn("w:abstractNumId")).get(qn("w:val")),
                                             int(override.get(qn("w:val"))) if override is not None else None)
    counters, seen, labels, section = {}, set(), [], ""
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1":
            section = paragraph.text
        num_id = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is None:
            continue
        abstract_id, override = instances[num_id.get(qn("w:val"))]
        start, fmt = starts[abstract_id]
        if fmt != "decimal":
            continue
        if num_id.get(qn("w:val")) not in seen:
            seen.add(num_id.get(qn("w:val")))
            if override is not None:
                counters[abstract_id] = override - 1
        counters[abstract_id] = counters.get(abstract_id, start - 1) + 1
        labels.append((section, f"{counters[abstract_id]}.", paragraph))
    return labels


def requisition_labels(document) -> list:
    """The numbered paragraphs of the challenges' sections: the requisitions."""
    return [label for label in list_labels(document) if label[0][:1].isdigit()]


class TestThe2008Report:
    """The demo year's report in Word, the year loaded once for the class."""

    def test_the_challenge_table_is_a_word_table_with_the_reports_figures(self, report, document):
        assert len(document.tables) == 1
        rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]

        table = report["table"]
        assert rows == [
            [""] + [c["short_label"] for c in table["challenges"]] + ["I alt"],
            ["Rekvireringer"] + [str(c["requisitions"]) for c in table["challenges"]] + [str(table["requisitions"])],
            ["Rådgivninger"] + [str(c["advisories"]) for c in table["challenges"]] + [str(table["advisories"])],
        ]
        assert rows[1][1:] == ["4", "6", "6", "6", "22"]
        assert rows[2][1:] == ["29", "18", "29", "30", "106"]
        assert "TFI har haft rekvireringer fra alle syv forvaltninger." in texts(document)


    def test_sections_come_in_the_order_of_the_2008_report(self, report, document):
        challenges = [f"{c['number']}. {c['name']}" for c in report["challenges"]]

        assert document.paragraphs[0].text == "Dato: 24.11.2008\nSagsnr.: 2008-132946\nDok.nr.: 2008-614555"
        assert document.paragraphs[1].text == "Bilag 2"
        assert document.paragraphs[2].style.name == "Title"
        assert document.paragraphs[2].text == report["title"] == "Status for TaskForce Integrations arbejde i 2008"
        assert document.core_properties.title == report["title"]
        assert headings(document) == ["Indledning", "Hovedkonklusioner", "Formål", "Målgrupper",
                                      "Fire udfordringer for TFI i 2008", *challenges, "Tilfredshedsmåling"]
        assert challenges[0] == "1. Udsatte boligområder" and len(challenges) == 4
        # Within a challenge: deliverables, requisitions, advisories (and the steering groups of challenge 1).
        assert headings(document, 2)[4:] == ["Leverancer", "Rekvireringer", "Rådgivninger", "Styregrupper",
                                             *["Leverancer", "Rekvireringer", "Rådgivninger"] * 3]
        conclusions = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
        assert all(c in conclusions for challenge in report["challenges"] for c in challenge["conclusions"])


    def test_the_written_introduction_is_used_with_its_figures_filled_in(self, report, document):
        paragraphs = texts(document)
        heading = next(index for index, paragraph in enumerate(document.paragraphs)
                       if paragraph.style.name == "Heading 1" and paragraph.text == "Indledning")

        assert paragraphs[heading + 1].startswith(
            "Dette dokument er en status på TaskForce Integrations (TFI) indsats i året 2008. TFI har i 2008 haft "
            f"{report['headline']['requisitions']} rekvireringsopgaver, "
            f"{report['headline']['advisories']} rådgivninger")
        assert not any(text.startswith("I 2008 har TFI haft") for text in paragraphs)


    def test_without_a_written_introduction_it_gives_the_years_figures(self, report):
        headline = report["headline"]
        document = read(status_report_docx({**report, "introduction": ""}))
        figures = next(text for text in texts(document) if text.startswith("I 2008 har TFI haft"))

        assert headline["participants"] == 2595
        assert figures == (
            f"I 2008 har TFI haft {headline['requisitions']} rekvireringsopgaver, "
            f"{headline['advisories']} rådgivninger, "
            f"besøgt {headline['project_visits']} integrationsprojekter og holdt {headline['events']} arrangementer "
            f"med i alt 2.595 deltagere. Arbejdsplanen afsatte {headline['fte_planned']} årsværk.")
        assert "22 rekvireringsopgaver, 106 rådgivninger, besøgt 100 integrationsprojekter" in figures
        assert report["target_groups"][0] in texts(document)


    def test_the_challenges_are_a_list_numbered_from_one(self, report, document):
        assert [(label, paragraph.text) for section, label, paragraph in list_labels(document)
                if section == "Fire udfordringer for TFI i 2008"] == [
            ("1.", "Udsatte boligområder"), ("2.", "Tryghed"),
            ("3.", "VI KBH'R' – markering af et mangfoldigt København"),
            ("4.", "Bedre vidensdeling i integrationsprojekter")]


    def test_requisitions_are_numbered_from_one_in_each_challenge(self, report, document):
        labels = requisition_labels(document)

        assert labels and all(paragraph.style.name == "List Number" for _, _, paragraph in labels)
        for challenge in report["challenges"]:
            heading = f"{challenge['number']}. {challenge['name']}"
            numbered = [(label, paragraph.text.split("\n")[0]) for section, label, paragraph in labels
                        if section == heading]
            assert numbered == [(f"{r['number']}.", r["title"]) for r in challenge["requisitions"]]
            assert [label for label, _ in numbered] == [f"{n}." for n in range(1, challenge["requisition_count"] + 1)]
        second = report["challenges"][1]
        assert next(label for section, label, _ in labels if section.startswith("2. ")) == "1."
        assert f"{second['requisition_count']} ud af i alt 22 rekvireringer har omhandlet denne udfordring:" in texts(
            document)


    def test_every_requisition_of_the_year_appears_with_its_requesters(self, document):
        items = [paragraph.text for _, _, paragraph in requisition_labels(document)]
        requisitions = Requisition.objects.filter(challenge__work_plan__year=2008)

        assert len(items) == len(requisitions) == 22
        for requisition in requisitions:
            item = next(text for text in items if text.split("\n")[0] == requisition.title)
            names = [o.name for o in requisition.requesters.order_by("name")]
            assert f"Rekvirent: {', '.join(names[:-1]) + ' og ' if len(names) > 1 else ''}{names[-1]}" in item
            assert requisition.description.strip().split("\n")[0] in item


    def test_deliverables_show_their_status_and_what_replaced_them(self, report, document):
        bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
        replaced = next(d for c in report["challenges"] for d in c["deliverables"] if d["replaced_by"])
        delivered = next(d for c in report["challenges"] for d in c["deliverables"] if d["status"] == "delivered")

        *first, last = replaced["replaced_by"]
        assert any(text.startswith(f"{replaced['title']} (erstattet af: {', '.join(first)} og {last})")
                   for text in bullets)
        assert f"{delivered['title']} – leveret\n{delivered['outcome']}" in bullets


    def test_the_satisfaction_survey_gives_answers_distribution_and_quote(self, report, document):
        survey = report["satisfaction"]
        text = full_text(document)

        assert (survey["answered"], survey["headline_answers"], survey["satisfied"]) == (36, 36, 35)
        assert f"har fået i alt {survey['answered']} besvarelser retur" in text
        assert (f"Resultaterne viser, at {survey['satisfied']} ud af {survey['headline_answers']} rekvirenter er i høj "
                "grad tilfredse eller tilfredse med TFIs rådgivning og indsats (97 %).") in text
        assert ("Besvarelserne fordeler sig således: 23 ud af 36 er i høj grad tilfredse, 12 ud af 36 er tilfredse "
                "og 1 ud af 36 er i mindre grad tilfreds.") in text
        assert "Citat fra tilbagemelding fra en rekvirent:" in text
        quote = next(p for p in document.paragraphs if survey["quotes"][0] in p.text)
        assert quote.style.name == "Quote"
        assert all(run.italic for run in quote.runs)


    def test_the_footer_numbers_the_pages_with_fields_on_a4(self, document):
        section = document.sections[0]
        footer = section.footer._element
        instructions = [element.text.strip() for element in footer.iter(qn("w:instrText"))]
        chars = [element.get(qn("w:fldCharType")) for element in footer.iter(qn("w:fldChar"))]

        assert instructions == ["PAGE", "NUMPAGES"]
        assert chars == ["begin", "separate", "end"] * 2
        assert section.footer.paragraphs[0].text.startswith("Side ")
        assert " af " in section.footer.paragraphs[0].text
        assert (round(section.page_width / Cm(1), 1), round(section.page_height / Cm(1), 1)) == (21.0, 29.7)


def test_control_characters_are_dropped_not_a_crash():
    plan = WorkPlanFactory(year=2010)
    challenge = ChallengeFactory(work_plan=plan, number=1)
    RequisitionFactory(challenge=challenge, title="Møde\x01 om\x0b tryghed\x1f", description="Linje\x0c én",
                       requesters=[OrganisationFactory(name="Foreningen\x08 Nord")])
    report = status_report(year=2010)
    report["introduction"] = "Nul\x00tegn og \ud800halvt tegn"
    report["satisfaction"]["quotes"] = ["Tak\x1b!"]

    document = read(status_report_docx(report))
    text = full_text(document)

    assert "Møde om tryghed\nRekvirent: Foreningen Nord\nLinje én" in text
    assert "Nultegn og halvt tegn" in text
    assert "”Tak!”" in text
    assert not any(chr(code) in text for code in [*range(0, 9), 11, 12, *range(14, 32)])


def test_a_year_without_registrations_gives_a_document_with_zeros():
    plan = WorkPlanFactory(year=2011, total_fte=2)
    for number in (1, 2):
        ChallengeFactory(work_plan=plan, number=number)
    report = status_report(year=2011)

    document = read(status_report_docx(report))
    lines = texts(document)

    assert [[cell.text for cell in row.cells] for row in document.tables[0].rows] == [
        ["", "Udf. 1", "Udf. 2", "I alt"], ["Rekvireringer", "0", "0", "0"], ["Rådgivninger", "0", "0", "0"]]
    assert headings(document) == ["Indledning", "Hovedkonklusioner", "Formål", "Målgrupper",
                                  "To udfordringer for TFI i 2011", "1. Udfordring 1", "2. Udfordring 2",
                                  "Tilfredshedsmåling"]
    assert ("I 2011 har TFI haft 0 rekvireringsopgaver, 0 rådgivninger, besøgt 0 integrationsprojekter og holdt "
            "0 arrangementer med i alt 0 deltagere. Arbejdsplanen afsatte 2 årsværk.") in lines
    assert lines.count("Ingen leverancer registreret.") == 2
    assert lines.count("Der er ikke registreret rekvireringer i 2011.") == 2
    assert "Der er ikke gennemført tilfredshedsmåling i 2011." in lines
    assert requisition_labels(document) == []
