"""One person's data as Excel and JSON (GDPR art. 15), and the record of processing as Excel."""

import datetime
import json
from io import BytesIO

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from spreadsheets.cells import WRAP, date_cell, header_row, print_setup, text_cell, width

from .selectors import Hit, Processing

SOURCES = {"registration": "Registrering", "history": "Ændringshistorik", "access": "Adgangslog"}


def _source(hit: Hit) -> str:
    return _(SOURCES[hit.source])


def _when(hit: Hit):
    return timezone.localtime(hit.when) if hasattr(hit.when, "tzinfo") and hit.when.tzinfo else hit.when


def person_rows(hits: list[Hit]) -> list[dict]:
    """A hit a row: where the person is named, and what is there."""
    return [{"kilde": _source(hit), "type": hit.kind, "registrering": hit.title, "id": hit.key,
             "tidspunkt": _when(hit), "oplysninger": hit.values, "adresse": hit.url} for hit in hits]


def person_json(*, query: str, hits: list[Hit]) -> bytes:
    data = {"søgning": query, "udtrukket": timezone.localtime(), "fund": person_rows(hits)}
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def _workbook(title: str, sheet: str, labels: list[str], widths: list[int], rows: list[list]) -> bytes:
    """One sheet of wrapped texts, printed on A4 with the header row on every page."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    for index, column_width in enumerate(widths):
        ws.column_dimensions[get_column_letter(index + 1)].width = column_width
    print_setup(ws, title=title, widths=widths, rows=len(rows))
    ws.freeze_panes = "A2"
    ws.append(header_row(ws, labels, wrap=True))
    for row in rows:
        ws.append([value if value is None else date_cell(ws, value) if isinstance(value, datetime.date)
                   else text_cell(ws, value, alignment=WRAP) for value in row])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def person_xlsx(*, query: str, hits: list[Hit]) -> bytes:
    labels = [_("Kilde"), _("Type"), _("Registrering"), _("Id"), _("Dato"), _("Oplysninger")]
    widths = [width(18), width(22), width(40), width(24), width(10), width(60)]
    rows = []
    for hit in hits:
        when = _when(hit)
        rows.append([_source(hit), hit.kind, hit.title, hit.key, when.date() if hasattr(when, "date") else when,
                     "\n".join(f"{name}: {value}" for name, value in hit.values.items())])
    return _workbook(_("Oplysninger om %(query)s") % {"query": query}, _("Oplysninger"), labels, widths, rows)


def record_xlsx(rows: list[Processing]) -> bytes:
    labels = [_("Kategori"), _("Hvor"), _("Felter"), _("Formål"), _("Opbevaring"), _("Hvem kan læse")]
    widths = [width(30), width(22), width(34), width(44), width(44), width(26)]
    cells = [[row.category, row.where, ", ".join(row.fields), row.purpose, row.retention, ", ".join(row.readers)]
             for row in rows]
    return _workbook(_("Fortegnelse over behandlingen af personoplysninger"), _("Fortegnelse"), labels, widths,
                     cells)
