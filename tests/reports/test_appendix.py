"""The report as the committee's appendix: the letterhead above the title (date, case and document numbers,
"Bilag 2"), whether it is a draft or the approved report, the lead-ins users write, and in Word a table of
contents, a page header, the municipality's unit as author, lead-ins kept with their lists and table
columns no heading breaks inside a word."""

import datetime
import io

import docx
import pytest
from django.urls import reverse
from django.utils import timezone
from docx.oxml.ns import qn
from docx.shared import Cm
from pytest_django.asserts import assertContains

from reports import services
from reports.exports import export_document
from tests.helpers import login

pytestmark = pytest.mark.django_db


def word(year: int = 2008):
    return docx.Document(io.BytesIO(export_document(year=year, fmt="docx", language="da").content))


class TestThe2008Appendix:
    def test_word_has_the_letterhead_the_draft_state_and_bilag_2_above_the_title(self, demo):
        document = word()
        texts = [paragraph.text for paragraph in document.paragraphs]

        assert texts[0] == "Dato: 24.11.2008\nSagsnr.: 2008-132946\nDok.nr.: 2008-614555"
        assert texts[1].startswith("Udkast – tal pr. ") and " kl. " in texts[1]
        assert texts[2] == "Bilag 2"
        assert document.paragraphs[3].style.name == "Title"
        header = document.sections[0].header.paragraphs[0].text
        assert header.startswith("Status for TaskForce Integrations arbejde i 2008 · Udkast – tal pr. ")

    def test_the_approved_report_says_who_approved_it_and_when(self, demo, django_user_model):
        manager = django_user_model.objects.create_user("anne", first_name="Anne", last_name="Leder")
        services.annual_report_approve(year=2008, user=manager,
                                       now=timezone.make_aware(datetime.datetime(2009, 1, 12, 10, 0)))

        texts = [paragraph.text for paragraph in word().paragraphs]

        assert texts[1] == "Godkendt 12. januar 2009 af Anne Leder"

    def test_word_has_a_table_of_contents_that_word_updates(self, demo):
        document = word()
        body = document.element.body
        instructions = [element.text.strip() for element in body.iter(qn("w:instrText"))]
        contents = [p.text for p in document.paragraphs if p.style.name == "TOC 1"]

        assert instructions[0] == 'TOC \\o "1-1" \\h \\z \\u'
        assert [p.text for p in document.paragraphs if p.style.name == "TOC Heading"] == ["Disposition"]
        assert contents[:5] == ["Indledning", "Hovedkonklusioner", "Formål", "Målgrupper",
                                "Fire udfordringer for TFI i 2008"]
        assert contents[5] == "1. Udsatte boligområder"
        assert document.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"

    def test_word_names_the_municipalitys_unit_as_author(self, demo, settings):
        settings.DOCUMENT_AUTHOR = "TaskForce Integration, Københavns Kommune"
        properties = word().core_properties

        assert properties.author == "TaskForce Integration, Københavns Kommune"
        assert properties.title == "Status for TaskForce Integrations arbejde i 2008"
        assert properties.subject == "Statusrapport"
        assert properties.created is not None

    def test_the_lead_ins_stand_before_their_lists_and_stay_on_their_page(self, demo):
        paragraphs = word().paragraphs
        texts = [paragraph.text for paragraph in paragraphs]

        targets = texts.index("Målgrupperne for TaskForce Integrations indsats i 2008 har været:")
        assert texts[targets - 1].startswith("TFI har i 2008 været i kontakt med et bredt spektrum af aktører")
        assert paragraphs[targets].paragraph_format.keep_with_next is True
        challenges = texts.index("De fire udfordringer:")
        assert texts[challenges - 1].startswith("TFI har arbejdet med fire udfordringer i 2008.")
        assert paragraphs[challenges].paragraph_format.keep_with_next is True
        assert paragraphs[challenges + 1].style.name == "List Number"
        assert texts[challenges + 1] == "Udsatte boligområder"  # numbered by Word, not by a typed "1."

    def test_no_heading_of_the_challenge_table_breaks_inside_a_word(self, demo):
        table = word().tables[0]
        for column, heading in zip(table.columns, table.rows[0].cells, strict=True):
            longest = max((len(part) for part in heading.text.split()), default=0)
            assert column.width >= Cm(0.22 * longest + 0.45), heading.text
        assert sum(column.width for column in table.columns) <= Cm(16) + 10

    def test_the_page_shows_the_letterhead_above_the_title(self, demo, client, manager):
        response = login(client, manager).get(reverse("reports:report", args=[2008]))

        html = response.content.decode()
        assertContains(response, "Dato: 24.11.2008<br>Sagsnr.: 2008-132946<br>Dok.nr.: 2008-614555", html=False)
        assert html.index("Dok.nr.: 2008-614555") < html.index("Udkast – tal pr. ") < html.index("Bilag 2")


class TestTheTextsForm:
    URL = "reports:report_texts"

    def test_management_writes_the_letterhead_and_lead_ins(self, demo, client, manager):
        client = login(client, manager)
        form = client.get(reverse(self.URL, args=[2008])).context["form"]
        data = {name: value if value is not None else "" for name, value in form.initial.items()}
        data.update(appendix_label="Bilag 3", meeting_date="2008-12-01", case_number="2008-1",
                    document_number="2008-2", challenges_lead_in="Der var {rekvireringer} rekvireringer.",
                    target_groups_lead_in="")

        response = client.post(reverse(self.URL, args=[2008]), data)

        assert response.status_code == 302
        texts = [paragraph.text for paragraph in word().paragraphs]
        assert texts[0] == "Dato: 01.12.2008\nSagsnr.: 2008-1\nDok.nr.: 2008-2"
        assert texts[2] == "Bilag 3"
        assert "Der var 22 rekvireringer." in texts

    def test_a_wrong_date_is_refused_at_its_field_in_danish(self, demo, client, manager):
        client = login(client, manager)
        form = client.get(reverse(self.URL, args=[2008])).context["form"]
        data = {name: value if value is not None else "" for name, value in form.initial.items()}
        data.update(meeting_date="31.02.2008", challenges_lead_in="{ukendt}")

        response = client.post(reverse(self.URL, args=[2008]), data)

        assert response.status_code == 200
        errors = response.context["form"].errors
        assert errors["meeting_date"] == ["Angiv en gyldig dato, fx 24.11.2008."]
        assert word().paragraphs[0].text == "Dato: 24.11.2008\nSagsnr.: 2008-132946\nDok.nr.: 2008-614555"
