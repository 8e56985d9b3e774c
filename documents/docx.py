"""Word documents on A4 in the register's house style: page, margins, the "Side 1 af 3" footer, the
document's language, and the building blocks (headings, paragraphs, bullets, numbered lists that each
count from 1, tables, quotes). Texts typed by users go in as text: python-docx escapes them, and
characters XML cannot hold at all are dropped first (`clean`).

`render_docx` draws a document's blocks (documents/blocks.py): the status report is written so
(reports/exports/docx.py); the area's atlas (atlas/word.py) uses the writer's building blocks directly
for its map image.

Paragraphs are written in one pass, each put in front of the body's closing section properties as it is
made (`_new_paragraph`). python-docx's own `add_paragraph` finds that place by scanning the body's children
each time, so a document of n paragraphs took time in n²: a year of 30,000 requisitions took minutes,
where writing them in order takes seconds (bench/limits.py).
"""

import datetime
import io
import re

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph as WordParagraph
from lxml.etree import SubElement

from core.text import without_unreadable

from .blocks import BulletList, Heading, NumberedList, Paragraph, Quote, Span, Table

# Characters XML 1.0 cannot hold (tab, newline and carriage return are allowed), and lone surrogates.
_BULLET = re.compile(r"^\s*[-•]\s+")
# Word's language tag for the document's language (spelling and hyphenation).
_WORD_LANGUAGES = {"da": "da-DK", "en": "en-GB"}


def clean(value) -> str:
    """Text as XML can hold it: None becomes "", line breaks are made plain and control characters go."""
    if value is None:
        return ""
    return without_unreadable(str(value).replace("\r\n", "\n").replace("\r", "\n"))


def word_language() -> str:
    """Word's language tag for the active language (spelling and hyphenation)."""
    return _WORD_LANGUAGES.get((translation.get_language() or "da").split("-")[0], "da-DK")


class DocumentWriter:
    """Builds a document paragraph by paragraph; `title` goes in its properties."""

    def __init__(self, title: str, subject: str = ""):
        self.title, self.subject = title, subject
        self.doc = Document()
        self._style_ids: dict[str, str] = {}
        # The body's last child: its section properties. New paragraphs go in front of it.
        self._body_end = self.doc.element.body.sectPr
        self._setup()

    # --- Page, styles, properties and footer ---------------------------------------------------

    def _setup(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2.5)
        section.left_margin = section.right_margin = Cm(2.5)
        section.footer_distance = Cm(1.25)

        normal = self.doc.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(11)
        # The document's language for spelling and hyphenation in Word.
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
        if rpr is not None:
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = OxmlElement("w:lang")
                rpr.append(lang)
            lang.set(qn("w:val"), word_language())

        properties = self.doc.core_properties
        properties.title = clean(self.title)
        properties.subject = clean(self.subject)
        properties.author = properties.last_modified_by = "TaskForce Integration"
        properties.comments = ""
        properties.language = word_language()
        now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None, microsecond=0)
        properties.created = properties.modified = now
        properties.revision = 1

        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        # "Side 1 af 3": the words around the two fields in the active language.
        words = _("Side %(page)s af %(pages)s")
        for part in re.split(r"(%\(page\)s|%\(pages\)s)", words):
            if part == "%(page)s":
                self._field(footer, "PAGE")
            elif part == "%(pages)s":
                self._field(footer, "NUMPAGES")
            elif part:
                footer.add_run(part)

    @staticmethod
    def _field(paragraph, code: str) -> None:
        """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when the page is laid out."""
        def char(kind: str):
            run = paragraph.add_run()
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)

        char("begin")
        instruction = OxmlElement("w:instrText")
        instruction.set(qn("xml:space"), "preserve")
        instruction.text = f" {code} "
        paragraph.add_run()._r.append(instruction)
        char("separate")
        paragraph.add_run("1")
        char("end")

    # --- Building blocks ---------------------------------------------------------------------------

    def heading(self, text: str, level: int = 1):
        return self.styled("Title" if level == 0 else f"Heading {level}", clean(text))

    def style_id(self, style: str) -> str:
        """The id of the named style, looked up once per name (python-docx scans every style per lookup)."""
        if style not in self._style_ids:
            self._style_ids[style] = self.doc.styles[style].style_id
        return self._style_ids[style]

    def _new_paragraph(self, style: str | None):
        """A new w:p at the end of the body (in front of its section properties), with its style."""
        p = OxmlElement("w:p")
        if style is not None:
            SubElement(SubElement(p, qn("w:pPr")), qn("w:pStyle"), {qn("w:val"): self.style_id(style)})
        self._body_end.addprevious(p)
        return p

    def styled(self, style: str | None, text: str = ""):
        """A new paragraph in the named style, holding `text` (already clean)."""
        p = self._new_paragraph(style)
        if text:
            self._text_run(p, text)
        return WordParagraph(p, self.doc)

    @staticmethod
    def _text_run(p, text: str, *, bold: bool = False, italic: bool = False) -> None:
        """A run of clean text without line breaks at the end of the w:p, tabs as Word's tabs."""
        r = SubElement(p, qn("w:r"))
        if bold or italic:
            properties = SubElement(r, qn("w:rPr"))
            if bold:
                SubElement(properties, qn("w:b"))
            if italic:
                SubElement(properties, qn("w:i"))
        for index, part in enumerate(text.split("\t")):
            if index:
                SubElement(r, qn("w:tab"))
            if part:
                t = SubElement(r, qn("w:t"))
                t.text = part
                if part != part.strip():
                    t.set(qn("xml:space"), "preserve")

    def paragraph(self, text: str = "", style: str | None = None):
        return self.styled(style, clean(text))

    def bullet(self, text: str = ""):
        return self.paragraph(text, style="List Bullet")

    def text(self, text: str) -> int:
        """Free text: one paragraph per line, lines starting with "- " or "• " as bullets.
        Returns the number of paragraphs written."""
        count = 0
        for line in clean(text).split("\n"):
            if not line.strip():
                continue
            if _BULLET.match(line):
                self.bullet(_BULLET.sub("", line).strip())
            else:
                self.paragraph(line.strip())
            count += 1
        return count

    @staticmethod
    def run(paragraph, text, *, bold: bool = False, italic: bool = False):
        run = paragraph.add_run(clean(text))
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        return run

    @staticmethod
    def line_break(paragraph) -> None:
        paragraph.add_run().add_break()

    def numbered_list(self) -> str:
        """A new decimal list starting at 1, as its own abstract numbering and numbering instance,
        so that Word and LibreOffice both count each list from 1. Returns the numId."""
        numbering = self.doc.part.numbering_part.element
        abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
        abstract_id = max(abstract_ids, default=-1) + 1
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(abstract_id))
        for tag, value in (("w:nsid", f"{0x7F000000 + abstract_id:08X}"), ("w:multiLevelType", "singleLevel")):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            abstract.append(element)
        level = OxmlElement("w:lvl")
        level.set(qn("w:ilvl"), "0")
        for tag, value in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:lvlText", "%1."), ("w:lvlJc", "left")):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            level.append(element)
        properties = OxmlElement("w:pPr")
        indent = OxmlElement("w:ind")
        indent.set(qn("w:left"), "360")
        indent.set(qn("w:hanging"), "360")
        properties.append(indent)
        level.append(properties)
        abstract.append(level)
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:  # abstract numberings come before the instances
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return str(num.numId)

    def numbered(self, num_id: str):
        """An item of the numbered list `num_id`: its properties in the schema's order (style, numbering,
        6 pt after, and no contextual spacing: the style's would hide the space between items)."""
        p = self._new_paragraph("List Number")
        properties = p[0]
        numbering = SubElement(properties, qn("w:numPr"))
        SubElement(numbering, qn("w:ilvl"), {qn("w:val"): "0"})
        SubElement(numbering, qn("w:numId"), {qn("w:val"): num_id})
        SubElement(properties, qn("w:spacing"), {qn("w:after"): "120"})  # twips: 6 pt
        SubElement(properties, qn("w:contextualSpacing"), {qn("w:val"): "0"})
        return WordParagraph(p, self.doc)

    # --- Blocks (documents/blocks.py) -----------------------------------------------------------------

    def spans(self, paragraph, spans) -> None:
        """The spans as runs of the paragraph, a line break where a span has one."""
        p = paragraph._p
        for span in spans:
            for index, line in enumerate(clean(span.text).split("\n")):
                if index:
                    SubElement(SubElement(p, qn("w:r")), qn("w:br"))
                if line:
                    self._text_run(p, line, bold=span.bold, italic=span.italic)

    def table(self, table: Table) -> None:
        """A grid on the text's width: the first column names the rows, the numbers right-aligned under
        centred headings, the totals bold; its heading row repeats if the table breaks across pages."""
        columns = len(table.header)
        grid = self.doc.add_table(rows=len(table.rows) + 1, cols=columns)
        grid.style = "Table Grid"
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        label_width = Cm(3.4)
        totals = [Cm(1.6)] if table.total_column else []
        middle = columns - 1 - len(totals)
        widths = [label_width] + [int((Cm(16) - label_width - sum(totals)) / max(middle, 1))] * middle + totals
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width
            for cell in column.cells:  # Word reads the cells' widths, LibreOffice the grid's
                cell.width = width
        for row_index, values in enumerate([table.header, *table.rows]):
            for column_index, value in enumerate(values):
                paragraph = grid.cell(row_index, column_index).paragraphs[0]
                total = table.total_column and column_index == columns - 1
                run = self.run(paragraph, value, bold=row_index == 0 or column_index == 0 or total)
                run.font.size = Pt(10)
                if column_index:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if row_index == 0 else WD_ALIGN_PARAGRAPH.RIGHT
        header = grid.rows[0]._tr.get_or_add_trPr()
        header.append(OxmlElement("w:tblHeader"))
        self.paragraph()

    def blocks(self, blocks) -> None:
        for block in blocks:
            if isinstance(block, Heading):
                if block.level == 0 and block.kicker:
                    self.paragraph(block.kicker)
                self.heading(block.text, level=block.level)
            elif isinstance(block, Paragraph):
                self.spans(self.styled(None), block.spans)
            elif isinstance(block, BulletList):
                for item in block.items:
                    self.spans(self.styled("List Bullet"), item)
            elif isinstance(block, NumberedList):
                num_id = self.numbered_list()
                for item in block.items:
                    self.spans(self.numbered(num_id), item)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Quote):
                paragraph = self.styled("Quote")
                self.spans(paragraph, [Span("\n".join(block.lines), italic=True)])
            else:
                raise TypeError(f"not a block: {block!r}")

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def render_docx(blocks, *, title: str, subject: str = "") -> bytes:
    """The blocks as the bytes of a .docx file."""
    writer = DocumentWriter(title, subject)
    writer.blocks(blocks)
    return writer.save()
