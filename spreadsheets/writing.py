"""Writing sheets: the export of a list with the filters applied, and the import template.

Exports use openpyxl's write-only mode into a temporary file, and read the rows as plain values a chunk at
a time (`ValueRows`), so that a list of 100,000 rows never holds 100,000 objects or cells in memory, and no
model object is built for a row: the list's queryset gives its filters and order, `values_list()` the
columns' fields; a reference (a challenge, an area) is named once per object, and the names of a
many-to-many column (requesters, consultants) come from one query of the link table per chunk.
bench/limits.py measures the export against a plain openpyxl workbook from one SQL query.
"""

import datetime
import itertools
import tempfile

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from . import cells
from .columns import BooleanColumn, ChoiceColumn, Column, NamesColumn, RefColumn

CHUNK = 2000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


SAMPLE = 500  # the rows whose content sizes the columns: write-only, the widths are set before the first row


def shown_length(value) -> int:
    """About how many characters a value takes in its cell (the longest line of a text)."""
    if value is None or value == "":
        return 0
    if isinstance(value, datetime.date):
        return 10
    if isinstance(value, bool):
        return 3
    return max(len(line) for line in str(value).splitlines() or [""])


def column_widths(columns: list[Column], sample: list[tuple]) -> list[int]:
    """Each column as wide as its header and the longest value of the sample, within bounds."""
    return [cells.width(max([len(str(column.header)), *(shown_length(row[index]) for row in sample)]),
                        minimum=8, maximum=50)
            for index, column in enumerate(columns)]


def _prepare(ws, columns: list[Column], rows: int, *, title: str, widths: list[int]) -> None:
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{rows + 1}"
    cells.print_setup(ws, title=title, widths=widths, rows=rows)
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
    rows = iter(ValueRows(queryset, columns))
    sample = list(itertools.islice(rows, SAMPLE))
    _prepare(ws, columns, count, title=title, widths=column_widths(columns, sample))
    for done, values in enumerate(itertools.chain(sample, rows)):
        if progress is not None:
            progress(done, count)
        ws.append([column.cell(ws, value) for column, value in zip(columns, values, strict=True)])
    # Returned open: the response streams it and closes it.
    output = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    wb.save(output)
    output.seek(0)
    return output, count


class ValueRows:
    """The columns' values of the queryset's rows, in its order, a chunk of CHUNK rows at a time: the plain
    fields from `values_list()`; a reference's name (RefColumn.name) looked up once per object; a
    many-to-many column's names (NamesColumn) from the link table, a query per chunk."""

    def __init__(self, queryset, columns: list[Column]):
        self.queryset = queryset.select_related(None).prefetch_related(None)
        self.columns = columns
        self.model = queryset.model
        self.names: dict[int, dict] = {index: {} for index, column in enumerate(columns)
                                       if isinstance(column, RefColumn | NamesColumn)}

    def __iter__(self):
        paths = ["pk", *(column.source for column in self.columns if column.source)]
        chunk: list[tuple] = []
        for row in self.queryset.values_list(*paths).iterator(chunk_size=CHUNK):
            chunk.append(row)
            if len(chunk) == CHUNK:
                yield from self._rows(chunk)
                chunk = []
        if chunk:
            yield from self._rows(chunk)

    def _rows(self, chunk: list[tuple]):
        links = {index: self._links(index, column, [row[0] for row in chunk])
                 for index, column in enumerate(self.columns) if isinstance(column, NamesColumn)}
        for index, column in enumerate(self.columns):
            if isinstance(column, RefColumn):
                position = 1 + sum(1 for other in self.columns[:index] if other.source)
                self._name(index, column, self.model._meta.get_field(column.key).related_model,
                           {row[position] for row in chunk})
        # Per column, where its value comes from: the row's field at a position, a name looked up by the key
        # there, or the chunk's links.
        plan = []
        position = 1
        for index, column in enumerate(self.columns):
            if isinstance(column, NamesColumn):
                plan.append((links[index], None, 0))
            else:
                plan.append((None, self.names.get(index), position))
                position += 1
        for row in chunk:
            yield [linked.get(row[0], []) if linked is not None
                   else row[at] if names is None or row[at] is None else names[row[at]]
                   for linked, names, at in plan]

    def _name(self, index: int, column, model, keys) -> None:
        """Name the objects of `keys` not named yet (a reference's few objects are named once per export)."""
        names = self.names[index]
        missing = {key for key in keys if key is not None and key not in names}
        if missing:
            for obj in model._default_manager.filter(pk__in=missing):
                names[obj.pk] = column.name(obj)

    def _links(self, index: int, column: NamesColumn, keys: list) -> dict:
        """The names of the objects each row of the chunk links to through the column's many-to-many field,
        in the linked model's order (as the row's relation reads them: `.all()`)."""
        field = self.model._meta.get_field(column.key)
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        ordering = [f"-{target}__{name[1:]}" if name.startswith("-") else f"{target}__{name}"
                    for name in field.related_model._meta.ordering if isinstance(name, str)]
        pairs = list(through.objects.filter(**{f"{source}__in": keys}).order_by(*ordering, f"{target}_id")
                     .values_list(f"{source}_id", f"{target}_id"))
        self._name(index, column, field.related_model, {target_key for _key, target_key in pairs})
        linked: dict = {}
        for key, target_key in pairs:
            linked.setdefault(key, []).append(self.names[index][target_key])
        return linked


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
    _prepare(ws, columns, 0, title=title, widths=[column.width() for column in columns])  # room to type
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
