"""The status report is one document (reports/document.py): the page and the Word file carry the same
text, sentence for sentence, in Danish and in English; each is only drawn from the same blocks."""

import io
from html.parser import HTMLParser

import docx
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from docx.oxml.ns import qn

from documents.blocks import BulletList, Heading, Paragraph, text_blocks
from tests.helpers import login

pytestmark = pytest.mark.django_db

BLOCKS = {"h1", "h2", "h3", "p", "li", "th", "td", "blockquote"}


class _BlockTexts(HTMLParser):
    """The text of each block of the page's report (<article class="report">), in order; <br> is a line break."""

    def __init__(self):
        super().__init__()
        self.texts, self.current, self.depth, self.inside = [], None, 0, False

    def handle_starttag(self, tag, attrs):
        if tag == "article" and ("class", "report") in attrs:
            self.inside = True
        if not self.inside:
            return
        if tag in BLOCKS:
            if self.depth == 0:
                self.current = []
            self.depth += 1
        elif tag == "br" and self.current is not None:
            self.current.append("\n")

    def handle_endtag(self, tag):
        if tag == "article":
            self.inside = False
        if self.inside and tag in BLOCKS:
            self.depth -= 1
            if self.depth == 0:
                self.texts.append("".join(self.current))
                self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)


def page_texts(html: str) -> list[str]:
    parser = _BlockTexts()
    parser.feed(html)
    return [text.strip() for text in parser.texts if text.strip()]


def word_texts(content: bytes) -> list[str]:
    """Each paragraph of the document's body and each cell of its tables, in order; not Word's table of
    contents, which repeats the headings for the pages the page does not have."""
    document = docx.Document(io.BytesIO(content))
    texts = []
    for element in document.element.body:
        if element.tag == qn("w:p"):
            paragraph = docx.text.paragraph.Paragraph(element, document)
            if not paragraph.style.name.startswith("TOC"):
                texts.append(paragraph.text)
        elif element.tag == qn("w:tbl"):
            table = docx.table.Table(element, document)
            texts.extend(cell.text for row in table.rows for cell in row.cells)
    return [text.strip() for text in texts if text.strip()]


class TestThe2008Report:
    @pytest.mark.parametrize("language", ["da", "en"])
    def test_the_page_and_word_say_the_same_sentence_for_sentence(self, client, demo, language):
        login(client, get_user_model().objects.get(username="leder"))
        client.post(reverse("set_language"), {"language": language, "next": "/"})

        page = page_texts(client.get(reverse("reports:report", args=[2008])).content.decode())
        word = word_texts(client.get(reverse("reports:report_download", args=[2008, "docx"])).content)

        assert len(page) > 150  # the whole report: 22 requisitions, 16 examples, every heading and sentence
        assert page == word
        expected = {"da": ["Bilag 2", "Indledning", "TFI har haft rekvireringer fra alle syv forvaltninger."],
                    "en": ["Bilag 2", "Introduction", "TFI had requisitions from all seven administrations."]}
        assert all(text in page for text in expected[language])


def test_typed_text_keeps_its_paragraphs_line_breaks_and_bullets():
    blocks = text_blocks("Første linje\nanden linje\n\n- et punkt\n• et andet\n\nSidste afsnit")

    assert [type(block) for block in blocks] == [Paragraph, BulletList, Paragraph]
    assert blocks[0].spans[0].text == "Første linje\nanden linje"
    assert [item[0].text for item in blocks[1].items] == ["et punkt", "et andet"]
    assert not [block for block in text_blocks("  \n\n") if not isinstance(block, Heading)]
