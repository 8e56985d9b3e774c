"""Cells for workbooks written in openpyxl's write-only mode, shared by every export.

No text ever becomes a formula or an error value. openpyxl turns a string beginning with "=" into a
formula (and "#N/A" into an error), so user text such as '=HYPERLINK(...)' would run in Excel: any text
beginning with a character a spreadsheet reads as a formula ("=", "+", "-", "@", tab, carriage return),
or equal to an error code, is written as an explicit string cell, with Excel's quote prefix so that it
stays text even when the cell is edited. Characters XML cannot hold are removed from every text.
"""

import datetime
import math

from django.utils import translation
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from core.text import without_unreadable

DATE_FORMAT = "dd.mm.yyyy"  # Danish; date_format() gives the active language's
DATE_FORMATS = {"en": "dd/mm/yyyy"}
DECIMAL_FORMAT = "0.00"
MIN_WIDTH = 10
MAX_WIDTH = 60
MAX_CELL_TEXT = 32767  # Excel's limit for the text of one cell
# What an A4 page holds, in Excel's column width units (about a character each): portrait at 100 %, and
# landscape at about 70 %, the smallest print that still reads well. A sheet is fitted to one page wide up to
# that; a wider one (a list's 20 columns) to as many pages wide as it takes, its first column on each.
PORTRAIT_WIDTH = 95
LANDSCAPE_WIDTH = 195
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

BOLD = Font(name="Calibri", size=11, bold=True)  # the workbook's own font: a bare bold one prints as a serif
WRAP = Alignment(wrap_text=True, vertical="top")
RIGHT = Alignment(horizontal="right")
COUNT_FORMAT = "#,##0"  # thousands grouped, by the reader's own separator (2.595 in a Danish Excel)


def clean_text(value) -> str:
    """The value as text Excel can hold: without the characters XML forbids (core/text.py: the control
    characters openpyxl refuses, ILLEGAL_CHARACTERS_RE, and also the non-characters and surrogates), and no
    longer than a cell allows. The forms refuse such text; this keeps a row saved before that, or by the
    admin, from breaking the export."""
    return without_unreadable(str(value))[:MAX_CELL_TEXT]


def text_cell(ws, value, *, font=None, alignment=None) -> WriteOnlyCell:
    """A cell that holds the value as a string, never as a formula or an error."""
    text = clean_text(value)
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"  # openpyxl makes "=..." a formula and "#N/A" an error; this is text
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True  # Excel keeps it as text when the cell is edited, too
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    return cell


def plain_text(ws, value):
    """The text itself where openpyxl stores it as a string anyway, else a string cell: openpyxl
    makes a text a formula only when it begins with "=", and an error only when it is an error code.
    A plain value spares a cell object per value on a large sheet."""
    text = clean_text(value)
    if text.startswith(FORMULA_STARTS) or text in ERROR_CODES:
        return text_cell(ws, text)
    return text


def number_cell(ws, value, number_format: str | None = None, *, font=None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    if number_format:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    return cell


def date_format() -> str:
    """A date cell's number format in the active language, as its pages write dates (31.12.2008, 31/12/2008)."""
    return DATE_FORMATS.get(translation.get_language(), DATE_FORMAT)


def date_cell(ws, value) -> WriteOnlyCell:
    if isinstance(value, datetime.datetime):
        value = value.date()
    return number_cell(ws, value, date_format())


def header_row(ws, labels, *, right: set[int] = frozenset(), wrap: bool = False) -> list:
    """Bold column headings; those at the indexes `right` (over numbers and dates) right-aligned, as their
    column's values; `wrap`: a heading wider than its column wraps onto more lines."""
    alignments = {(False, False): None, (True, False): RIGHT,
                  (False, True): Alignment(wrap_text=True, vertical="bottom"),
                  (True, True): Alignment(wrap_text=True, vertical="bottom", horizontal="right")}
    return [text_cell(ws, label, font=BOLD, alignment=alignments[index in right, wrap])
            if label is not None else None for index, label in enumerate(labels)]


def width(length: int, minimum: int = MIN_WIDTH, maximum: int = MAX_WIDTH) -> int:
    return max(minimum, min(maximum, length + 2))


def print_setup(ws, *, title: str, widths: list[float], rows: int, title_rows: str | None = "1:1",
                one_page: bool = False, one_page_wide: bool = False) -> None:
    """A sheet that prints as it should on A4 (set before the first row, in write-only mode): portrait or
    landscape by the columns' width, fitted to one page wide (or, where that would print too small, as
    many pages wide as it takes, with the first column on each) and as many long as it takes, the header
    row on every page (`title_rows`; None: a sheet of several tables has no one header), the first row and
    the `rows` under it as the print area, the title in the header and "Side X af Y" in the footer.
    `one_page`: the whole sheet on one page, landscape (an overview with its chart); `one_page_wide`: one
    page wide however wide (a report's sheet, whose columns are sized for print: reports/exports/xlsx.py)."""
    total = sum(widths)
    pages_wide = 1 if one_page_wide else max(1, math.ceil(total / LANDSCAPE_WIDTH))
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if one_page or total > PORTRAIT_WIDTH else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = (1, 1) if one_page else (pages_wide, 0)
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6, header=0.25, footer=0.25)
    if title_rows:
        ws.print_title_rows = title_rows
    if pages_wide > 1 and not one_page:
        ws.print_title_cols = "A:A"
    ws.print_area = f"A1:{get_column_letter(max(len(widths), 1))}{rows + 1}"
    ws.oddHeader.center.text = clean_text(title).replace("&", "&&")  # & starts a code in a header
    ws.oddFooter.center.text = translation.gettext("Side &P af &N")
