"""Reading an uploaded workbook without trusting it.

Every refusal is an `UnreadableWorkbook` with a Danish message for the person who uploaded the file;
nothing here lets an exception of openpyxl, zipfile or the XML parser through.

The checks, in order, before openpyxl sees a byte:
- the name must end in .xlsx (a macro workbook, .xlsm, is refused by name and by content);
- the file must be no larger than SPREADSHEET_MAX_UPLOAD_BYTES;
- an encrypted workbook (an OLE compound file, as is the old .xls format) is refused;
- the zip must be sound, hold no more than MAX_ZIP_MEMBERS members and no encrypted member, and its
  members must unpack to no more than SPREADSHEET_MAX_UNPACKED_BYTES in all, each at a ratio no higher
  than MAX_RATIO. The sizes are those the zip declares; Python's zipfile stops inflating a member at
  its declared size (and fails its CRC check if there was more), so a lying zip cannot unpack further.

Then openpyxl reads it in read-only mode (its XML goes through defusedxml, which is installed), with
`reset_dimensions()` so that the sheet's declared size is ignored both ways, and at most
SPREADSHEET_MAX_ROWS rows and MAX_COLUMNS columns are read whatever the sheet says. Formulas are not
evaluated and not taken: a cell with a formula is an error at that cell.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_ZIP_MEMBERS = 1000
MAX_RATIO = 200
MAX_COLUMNS = 50
# Rows that may be read beyond the limit: room for empty rows that Excel keeps for their formatting.
EMPTY_ROW_ALLOWANCE = 1000
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class UnreadableWorkbook(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Cell:
    """One cell's value as read, or the reason it cannot be used."""

    value: object
    error: str = ""


@dataclass
class SheetRows:
    """A sheet's header (stripped texts) and its non-empty data rows as (row number, cells)."""

    title: str
    header: list[str]
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)


def max_rows() -> int:
    return settings.SPREADSHEET_MAX_ROWS


def check_upload(name: str, size: int) -> None:
    """The checks that need only the file's name and size (before it is read at all)."""
    lowered = (name or "").lower()
    if lowered.endswith((".xlsm", ".xltm", ".xlam")):
        raise UnreadableWorkbook(_("Filer med makroer (.xlsm) kan ikke indlæses. Gem filen som almindelig "
                                   "Excel-projektmappe (.xlsx)."))
    if not lowered.endswith(".xlsx"):
        raise UnreadableWorkbook(_("Vælg en Excel-fil af typen .xlsx."))
    limit = settings.SPREADSHEET_MAX_UPLOAD_BYTES
    if size > limit:
        raise UnreadableWorkbook(_("Filen er for stor (%(size)s). Den må højst fylde %(limit)s.")
                                 % {"size": filesizeformat(size), "limit": filesizeformat(limit)})
    if size == 0:
        raise UnreadableWorkbook(_("Filen er tom."))


def _check_zip(data: bytes) -> None:
    if data.startswith(OLE_MAGIC):
        raise UnreadableWorkbook(_("Filen er krypteret med en adgangskode eller gemt i det gamle Excel-format "
                                   "(.xls). Gem den som .xlsx uden adgangskode."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise UnreadableWorkbook(_("Filen er ikke en gyldig Excel-fil (.xlsx). Den kan være beskadiget.")) from exc
    if len(members) > MAX_ZIP_MEMBERS:
        raise UnreadableWorkbook(_("Filen indeholder for mange dele til at være en almindelig Excel-fil."))
    if any(member.flag_bits & 0x1 for member in members):
        raise UnreadableWorkbook(_("Filen er krypteret. Gem den som .xlsx uden adgangskode."))
    names = {member.filename.lower() for member in members}
    if any(name.endswith("vbaproject.bin") for name in names):
        raise UnreadableWorkbook(_("Filen indeholder makroer og kan ikke indlæses. Gem den som almindelig "
                                   "Excel-projektmappe (.xlsx)."))
    if "[content_types].xml" not in names or not any(name.startswith("xl/") for name in names):
        raise UnreadableWorkbook(_("Filen er ikke en gyldig Excel-fil (.xlsx). Den kan være beskadiget."))
    unpacked = sum(member.file_size for member in members)
    too_dense = any(member.file_size > 1_000_000 and member.file_size > MAX_RATIO * max(member.compress_size, 1)
                    for member in members)
    if unpacked > settings.SPREADSHEET_MAX_UNPACKED_BYTES or too_dense:
        raise UnreadableWorkbook(_("Filen pakker sig ud til en urimelig størrelse og afvises. Kontrollér, at det "
                                   "er den rigtige fil."))


def _cell(cell) -> Cell:
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f" or (isinstance(value, str) and value.startswith("=")
                                                    and getattr(cell, "data_type", "s") != "s"):
        return Cell(None, _("Cellen indeholder en formel. Indsæt værdien i stedet (Indsæt speciel → Værdier)."))
    if getattr(cell, "data_type", None) == "e":
        return Cell(None, _("Cellen indeholder en fejlværdi (%(value)s).") % {"value": value})
    if isinstance(value, str):
        if CONTROL_CHARACTERS.search(value):
            return Cell(None, _("Cellen indeholder ugyldige tegn (kontroltegn)."))
        value = value.strip()
        if value == "":
            value = None
    return Cell(value)


def read_sheet(data: bytes, *, sheet_name: str) -> SheetRows:
    """The rows of the sheet called `sheet_name`, or of the first sheet when none is called so."""
    _check_zip(data)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False,
                                 keep_vba=False)
    except Exception as exc:  # openpyxl raises whatever its parsers raise on a broken file
        raise UnreadableWorkbook(_("Filen kunne ikke læses som Excel-fil. Den kan være beskadiget.")) from exc
    try:
        names = workbook.sheetnames
        if not names:
            raise UnreadableWorkbook(_("Filen har ingen ark."))
        title = sheet_name if sheet_name in names else names[0]
        worksheet = workbook[title]
        if not hasattr(worksheet, "reset_dimensions"):
            raise UnreadableWorkbook(_("Arket »%(sheet)s« er ikke et regneark.") % {"sheet": title})
        worksheet.reset_dimensions()  # ignore the size the sheet declares, both ways
        return _rows(worksheet, title)
    except UnreadableWorkbook:
        raise
    except Exception as exc:
        raise UnreadableWorkbook(_("Filen kunne ikke læses som Excel-fil. Den kan være beskadiget.")) from exc
    finally:
        workbook.close()


def _rows(worksheet, title: str) -> SheetRows:
    limit = max_rows()
    sheet = None
    too_many = UnreadableWorkbook(_("Arket »%(sheet)s« har mere end %(max)s rækker (tomme rækker med formatering "
                                    "tæller med). Del filen op, eller slet de tomme rækker.")
                                  % {"sheet": title, "max": limit})
    for number, row in enumerate(worksheet.iter_rows(max_col=MAX_COLUMNS + 1), start=1):
        if number > limit + 1 + EMPTY_ROW_ALLOWANCE:
            raise too_many  # counted as read, so a sheet claiming row 10^9 is refused, not walked
        cells = [_cell(cell) for cell in row]
        if len(cells) > MAX_COLUMNS and any(cell.value is not None or cell.error for cell in cells[MAX_COLUMNS:]):
            raise UnreadableWorkbook(_("Arket »%(sheet)s« har mere end %(max)s kolonner.")
                                     % {"sheet": title, "max": MAX_COLUMNS})
        cells = cells[:MAX_COLUMNS]
        if all(cell.value is None and not cell.error for cell in cells):
            continue
        if sheet is None:
            if any(cell.error for cell in cells):
                raise UnreadableWorkbook(_("Overskriftsrækken i arket »%(sheet)s« kan ikke læses.") % {"sheet": title})
            sheet = SheetRows(title=title, header=["" if cell.value is None else str(cell.value) for cell in cells])
            continue
        if len(sheet.rows) >= limit:
            raise too_many
        sheet.rows.append((number, cells))
    if sheet is None:
        raise UnreadableWorkbook(_("Arket »%(sheet)s« er tomt.") % {"sheet": title})
    while sheet.header and not sheet.header[-1]:
        sheet.header.pop()
    return sheet
