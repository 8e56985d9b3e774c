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

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
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

    def __init__(self, title: str, subject: str = "", header: str = ""):
        self.title, self.subject, self.header = title, subject, header
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
        properties.author = properties.last_modified_by = clean(settings.DOCUMENT_AUTHOR)
        properties.comments = ""
        properties.language = word_language()
        now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None, microsecond=0)
        properties.created = properties.modified = now
        properties.revision = 1

        if self.header:  # every page says what it is a page of (and whether it is a draft)
            header = section.header.paragraphs[0]
            run = header.add_run(clean(self.header))
            run.font.size = Pt(8)
            run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)

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
        widths, size = self.column_widths(table)
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width
            for cell in column.cells:  # Word reads the cells' widths, LibreOffice the grid's
                cell.width = width
        for row_index, values in enumerate([table.header, *table.rows]):
            for column_index, value in enumerate(values):
                paragraph = grid.cell(row_index, column_index).paragraphs[0]
                total = table.total_column and column_index == columns - 1
                run = self.run(paragraph, value, bold=row_index == 0 or column_index == 0 or total)
                run.font.size = Pt(size)
                if column_index:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if row_index == 0 else WD_ALIGN_PARAGRAPH.RIGHT
        header = grid.rows[0]._tr.get_or_add_trPr()
        header.append(OxmlElement("w:tblHeader"))
        self.paragraph()

    # A character's width in a table cell by font size (bold, in the widest of the fonts a reader may have:
    # DejaVu Sans, where LibreOffice lacks Calibri), and a cell's margins.
    CHARACTER_CM = {10: 0.245, 9: 0.22}
    CELL_MARGINS_CM = 0.45

    @classmethod
    def column_widths(cls, table: Table) -> tuple[list[int], int]:
        """The columns' widths on the text's 16 cm, and the font size in points: each column at least as wide
        as its longest word (a short text, a figure or "I alt", whole), so that no heading breaks inside a word
        ("boligområd|er"); the rest of the width shared in proportion to the columns' longest texts. In 9 pt
        where 10 pt would not fit."""
        cells = [table.header, *table.rows]
        columns = len(table.header)

        def longest(text: str) -> int:
            return len(text) if len(text) <= 10 else max((len(word) for word in text.split()), default=1)

        words = [max(longest(str(row[index])) for row in cells) for index in range(columns)]
        texts = [max((len(str(row[index])) for row in cells), default=1) for index in range(columns)]
        for size, character in cls.CHARACTER_CM.items():
            needed = [Cm(character * length + cls.CELL_MARGINS_CM) for length in words]
            spare = Cm(16) - sum(needed)
            if spare >= 0:
                return [int(width + spare * text / sum(texts)) for width, text in zip(needed, texts, strict=True)], size
        return [int(Cm(16) * width / sum(needed)) for width in needed], size  # more than fits: in proportion

    def contents(self, heading: str) -> None:
        """A table of contents (Word's TOC field over the sections: the headings of level 1) under `heading`.
        Word fills it in when the document is opened (the settings ask it to update its fields) and
        with its page numbers; until then, and in LibreOffice, it shows the headings as written here."""
        self.styled("TOC Heading", clean(heading))
        entries = [block for block in self._headings if block.level == 1]
        for index, block in enumerate(entries or [None]):
            p = self._new_paragraph("TOC 1" if block else None)
            if index == 0:
                self._field_start(p, 'TOC \\o "1-1" \\h \\z \\u')
            if block is not None:
                self._text_run(p, clean(block.text))
            if index == len(entries or [None]) - 1:
                SubElement(SubElement(p, qn("w:r")), qn("w:fldChar"), {qn("w:fldCharType"): "end"})
        settings_element = self.doc.settings.element
        SubElement(settings_element, qn("w:updateFields"), {qn("w:val"): "true"})

    @staticmethod
    def _field_start(p, code: str) -> None:
        """The start of a field whose result follows: begin, its instruction, separate."""
        SubElement(SubElement(p, qn("w:r")), qn("w:fldChar"), {qn("w:fldCharType"): "begin"})
        instruction = SubElement(SubElement(p, qn("w:r")), qn("w:instrText"), {qn("xml:space"): "preserve"})
        instruction.text = f" {code} "
        SubElement(SubElement(p, qn("w:r")), qn("w:fldChar"), {qn("w:fldCharType"): "separate"})

    def _toc_styles(self) -> None:
        """Word's "TOC 1" paragraph style (the default template has none)."""
        if "TOC 1" not in [style.name for style in self.doc.styles]:
            style = self.doc.styles.add_style("TOC 1", WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.doc.styles["Normal"]
            style.paragraph_format.space_after = Pt(2)

    def blocks(self, blocks, *, contents: str = "") -> None:
        """The blocks in order; `contents`: the heading of a table of contents after the title (level 0).
        A paragraph that leads in to a list or a table is kept on the page of its first item."""
        blocks = list(blocks)
        self._headings = [block for block in blocks if isinstance(block, Heading)]
        if contents:
            self._toc_styles()
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if isinstance(block, Heading):
                if block.level == 0 and block.kicker:
                    self.paragraph(block.kicker).paragraph_format.keep_with_next = True
                self.heading(block.text, level=block.level)
                if block.level == 0 and contents:
                    self.contents(contents)
            elif isinstance(block, Paragraph):
                paragraph = self.styled(None)
                self.spans(paragraph, block.spans)
                if isinstance(following, BulletList | NumberedList | Table | Quote):
                    paragraph.paragraph_format.keep_with_next = True
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


def render_docx(blocks, *, title: str, subject: str = "", header: str = "", contents: str = "") -> bytes:
    """The blocks as the bytes of a .docx file: `header` on every page; `contents`: the heading of a table
    of contents after the title."""
    writer = DocumentWriter(title, subject, header)
    writer.blocks(blocks, contents=contents)
    return writer.save()
