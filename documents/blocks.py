"""A document as data: a sequence of blocks (heading, paragraph, list, numbered list, table, quote), each
holding its text made once. A document is built once in the reader's language (the status report:
reports/document.py) and only drawn by each format: the HTML page (documents/html.py) and Word
(documents/docx.py), so the formats cannot say different things.

Text is held as spans: runs of text, bold or italic; a line break inside a span is a line break in every
format. What users typed goes in as it was typed; the renderers escape it.
"""

import re
from dataclasses import dataclass, field
from typing import NamedTuple


class Span(NamedTuple):
    """A run of text. A named tuple, not a frozen dataclass: a busy year's report makes tens of thousands,
    and a frozen dataclass's __init__ sets each field through object.__setattr__ (bench/limits.py)."""

    text: str
    bold: bool = False
    italic: bool = False


Inline = tuple[Span, ...]


def inline(*parts) -> Inline:
    """Spans from texts and spans; empty texts are left out."""
    return tuple(part if isinstance(part, Span) else Span(str(part)) for part in parts
                 if isinstance(part, Span) or part != "")


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 0: the document's title; 1: a section; 2: a part of a section
    anchor: str = ""  # the page's id for the heading (sections are labelled by it)
    kicker: str = ""  # a word above the title, e.g. "Bilag"


@dataclass(frozen=True)
class Paragraph:
    spans: Inline
    # Said where something is not written yet ("Formålet er ikke beskrevet i arbejdsplanen."): the page shows
    # it muted, a document as any paragraph.
    note: bool = False


@dataclass(frozen=True)
class BulletList:
    items: tuple[Inline, ...]


@dataclass(frozen=True)
class NumberedList:
    """Counted from 1 by each format."""

    items: tuple[Inline, ...]


@dataclass(frozen=True)
class Table:
    caption: str  # what the table shows, for screen readers
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # each row's first cell names the row
    total_column: bool = False  # the last column sums the others (shown bold)


@dataclass(frozen=True)
class Quote:
    lines: tuple[str, ...] = field(default_factory=tuple)


Block = Heading | Paragraph | BulletList | NumberedList | Table | Quote

_BULLET = re.compile(r"^\s*[-•]\s+")


def text_blocks(text: str | None) -> list[Block]:
    """Blocks of a text a user typed: paragraphs separated by blank lines, a line break within one kept,
    and runs of lines beginning with "- " or "• " as a bulleted list."""
    blocks: list[Block] = []
    lines: list[str] = []
    bullets: list[Inline] = []

    def flush_lines():
        if lines:
            blocks.append(Paragraph(inline("\n".join(lines))))
            lines.clear()

    def flush_bullets():
        if bullets:
            blocks.append(BulletList(tuple(bullets)))
            bullets.clear()

    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if _BULLET.match(line):
            flush_lines()
            bullets.append(inline(_BULLET.sub("", line).strip()))
        elif not line:
            flush_lines()
            flush_bullets()
        else:
            flush_bullets()
            lines.append(line)
    flush_lines()
    flush_bullets()
    return blocks


def plain_text(spans: Inline) -> str:
    return "".join(span.text for span in spans)
