"""Writing sheets: the export of a list with the filters applied, and the import template.

Exports use openpyxl's write-only mode into a temporary file, and read the rows with `iterator()`,
so that a list of 100,000 rows never holds 100,000 objects or cells in memory."""

import datetime
import tempfile

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from . import cells
from .columns import BooleanColumn, ChoiceColumn, Column

CHUNK = 2000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _prepare(ws, columns: list[Column], rows: int) -> None:
    for index, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = column.width()
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{rows + 1}"
    ws.append(cells.header_row(ws, [str(column.header) for column in columns]))


def export_workbook(*, title: str, columns: list[Column], queryset, count: int | None = None,
                    progress=None) -> tuple[tempfile.SpooledTemporaryFile, int]:
    """The rows of the queryset as a workbook in a temporary file positioned at its start, and how
    many rows it holds (`count`, when the caller has counted them). `progress(done, total)`, when given,
    is told of each row written."""
    wb = Workbook(write_only=True)
    wb.properties.title = cells.clean_text(title)
    ws = wb.create_sheet(cells.clean_text(title)[:31])
    if count is None:
        count = queryset.count()
    _prepare(ws, columns, count)
    for done, obj in enumerate(queryset.iterator(chunk_size=CHUNK)):
        if progress is not None:
            progress(done, count)
        ws.append([column.export(ws, obj) for column in columns])
    # Returned open: the response streams it and closes it.
    output = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    wb.save(output)
    output.seek(0)
    return output, count


def _format(column: Column) -> str:
    if isinstance(column, ChoiceColumn):
        return _("En af: %(choices)s.") % {"choices": column.allowed}
    if isinstance(column, BooleanColumn):
        default = _("Ja") if column.default else _("Nej")
        return _("%(format)s Tom betyder »%(default)s«.") % {"format": column.help_format, "default": default}
    return str(column.help_format)


def template_workbook(*, title: str, columns: list[Column]) -> tempfile.SpooledTemporaryFile:
    """An empty sheet with the columns' headers, and a sheet explaining each column."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(cells.clean_text(title)[:31])
    _prepare(ws, columns, 0)
    guide = wb.create_sheet(_("Vejledning"))
    for letter, size in zip("ABCDE", (24, 14, 40, 60, 30), strict=True):
        guide.column_dimensions[letter].width = size
    guide.append(cells.header_row(guide, [_("Kolonne"), _("Skal udfyldes"), _("Format"), _("Forklaring"),
                                          _("Eksempel")]))
    for column in columns:
        example = column.example
        if isinstance(example, datetime.date):
            example = cells.date_cell(guide, example)
        elif isinstance(example, str | Promise):
            example = cells.plain_text(guide, str(example)) if str(example) else None
        guide.append([
            cells.text_cell(guide, column.header, font=cells.BOLD),
            cells.plain_text(guide, _("Ja") if column.required else _("Nej")),
            cells.text_cell(guide, _format(column), alignment=cells.WRAP),
            cells.text_cell(guide, column.help, alignment=cells.WRAP) if column.help else None,
            example,
        ])
    guide.append([])
    guide.append([cells.text_cell(guide, _("Udfyld én række pr. registrering i arket »%(sheet)s«, fra række 2. "
                                           "Overskrifterne i række 1 må ikke ændres. Formler indlæses ikke: "
                                           "indsæt værdier.") % {"sheet": title}, alignment=cells.WRAP)])
    output = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115
    wb.save(output)
    output.seek(0)
    return output
