"""The annual status report as an Excel workbook.

Built only from plain data (the report of `status_report` and the sheets of `export_rows`, or the
same read back from an approved report's JSON), in openpyxl's write-only mode: every row goes
straight to a temporary file, so a year of tens of thousands of registrations stays lean in memory.
That is why each sheet's column widths, freeze pane and filter are set before its rows are written.

No text ever becomes a formula or an error value: every text goes through `spreadsheets.cells`.
"""

import datetime
from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from spreadsheets.cells import (
    DECIMAL_FORMAT,
    MAX_WIDTH,
    WRAP,
    clean_text,
    date_format,
    header_row,
    number_cell,
    plain_text,
    text_cell,
    width,
)

PERCENT_FORMAT = "0%"
TITLE = Font(bold=True, size=14)

# The sheets of registrations: key in export_rows() and sheet name, in the workbook's order.
DETAIL_SHEETS = [
    ("requisitions", gettext_lazy("Rekvireringer")),
    ("advisories", gettext_lazy("Rådgivninger")),
    ("events", gettext_lazy("Arrangementer")),
    ("deliverables", gettext_lazy("Leverancer")),
    ("project_visits", gettext_lazy("Projektbesøg")),
    ("steering_groups", gettext_lazy("Styregrupper")),
]


def _value(ws, value, *, font=None):
    """A cell for a figure or a text of the report; None stays an empty cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        return text_cell(ws, _("Ja") if value else _("Nej"), font=font)
    if isinstance(value, int | float | Decimal):
        return number_cell(ws, value, font=font)
    return text_cell(ws, value, font=font)


def _label_row(ws, label, *values):
    return [text_cell(ws, label), *(_value(ws, value) for value in values)]


def _fte(value):
    """The work plan's FTE ("4", "4.5") as a number."""
    if value in (None, ""):
        return None
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else float(number)


# --- Registrations, one sheet per kind ------------------------------------------------------------

def _to_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def _column_writer(ws, kind: str, wrap: bool, yes: str, no: str):
    """A function making the cell of one column's value (None for an empty cell). Plain ints and
    texts go to the sheet as they are, which spares a styled cell per value on a large sheet."""
    if kind == "date":
        number_format = date_format()
        return lambda value: number_cell(ws, _to_date(value), number_format)
    if kind == "int":
        return int
    if kind == "decimal":
        return lambda value: number_cell(ws, float(value), DECIMAL_FORMAT)
    if kind == "bool":
        return lambda value: yes if value else no

    def text(value):
        text = clean_text(value)
        if wrap and (len(text) > MAX_WIDTH or "\n" in text):
            return text_cell(ws, text, alignment=WRAP)
        return plain_text(ws, text)

    return text


def _display_length(kind: str, value) -> int:
    """Roughly how wide the cell shows the value, to size its column."""
    if kind == "date":
        return len("00.00.0000")
    if kind == "decimal":
        return len(f"{float(value):.2f}")
    if kind == "bool":
        return 3
    return max((len(line) for line in str(value).splitlines()), default=0)


def _detail_sheet(wb: Workbook, title: str, sheet: dict) -> None:
    """A sheet of registrations: bold, frozen header with a filter, typed cells, columns sized by
    their content (long texts wrapped)."""
    ws = wb.create_sheet(title)
    columns = sheet["columns"]
    rows = sheet["rows"]
    keys = [column["key"] for column in columns]
    kinds = [column["type"] for column in columns]
    lengths = [len(column["label"]) for column in columns]
    for row in rows:
        for index, (key, kind) in enumerate(zip(keys, kinds, strict=True)):
            value = row.get(key)
            if value is not None and value != "":
                lengths[index] = max(lengths[index], _display_length(kind, value))
    for index, length in enumerate(lengths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width(length)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(columns), 1))}{len(rows) + 1}"

    yes, no = _("Ja"), _("Nej")
    writers = [_column_writer(ws, kind, kind == "text" and length > MAX_WIDTH, yes, no)
               for kind, length in zip(kinds, lengths, strict=True)]
    ws.append(header_row(ws, [column["label"] for column in columns]))
    for row in rows:
        values = (row.get(key) for key in keys)
        ws.append([None if value is None or value == "" else write(value)
                   for write, value in zip(writers, values, strict=True)])


# --- Overview: headline figures, the table per challenge and its chart -----------------------------

def _overview_sheet(wb: Workbook, report: dict) -> None:
    ws = wb.create_sheet(_("Oversigt"))
    headline = report["headline"]
    table = report["table"]
    challenges = table["challenges"]
    figures = [
        (_("Rekvireringer"), headline["requisitions"]),
        (_("Rådgivninger"), headline["advisories"]),
        (_("Projektbesøg"), headline["project_visits"]),
        (_("Eksempler på god praksis"), headline["good_practice"]),
        (_("Arrangementer"), headline["events"]),
        (_("Deltagere"), headline["participants"]),
        (_("Forventede deltagere"), headline["participants_expected"]),
        (_("Leverancer"), headline["deliverables"]),
        (_("Leverancer leveret"), headline["deliverables_delivered"]),
        (_("Styregruppesæder"), headline["steering_groups"]),
        (_("Årsværk i arbejdsplanen"), _fte(headline["fte_planned"])),
        (_("Forvaltninger, der har rekvireret"),
         _("%(requesting)s af %(all)s") % {"requesting": headline["administrations_requesting"],
                                           "all": headline["administrations"]}),
    ]
    labels = [label for label, _figure in figures] + [_("Rekvireringer"), _("Rådgivninger")]
    ws.column_dimensions["A"].width = width(max(len(label) for label in labels), maximum=40)
    for index, challenge in enumerate(challenges, 2):
        ws.column_dimensions[get_column_letter(index)].width = width(len(str(challenge["short_label"])),
                                                                      minimum=12, maximum=30)

    ws.append([text_cell(ws, report["title"], font=TITLE)])
    ws.append([])
    for label, value in figures:
        ws.append(_label_row(ws, label, value))
    ws.append([])

    table_row = 3 + len(figures) + 1
    ws.append(header_row(ws, [None, *(challenge["short_label"] for challenge in challenges), _("I alt")]))
    # The totals are written as numbers: openpyxl cannot compute a formula, so a SUM would read as
    # empty in anything that reads the cached values.
    ws.append(_label_row(ws, _("Rekvireringer"), *(c["requisitions"] for c in challenges), table["requisitions"]))
    ws.append(_label_row(ws, _("Rådgivninger"), *(c["advisories"] for c in challenges), table["advisories"]))

    if challenges:
        chart = BarChart()
        chart.type = "col"
        chart.title = _("Rekvireringer og rådgivninger pr. udfordring")
        chart.y_axis.title = _("Antal")
        chart.x_axis.delete = False  # openpyxl 3.1 hides the axes unless told otherwise
        chart.y_axis.delete = False
        last = len(challenges) + 1
        data = Reference(ws, min_col=1, max_col=last, min_row=table_row + 1, max_row=table_row + 2)
        chart.add_data(data, from_rows=True, titles_from_data=True)
        categories = Reference(ws, min_col=2, max_col=last, min_row=table_row, max_row=table_row)
        for series in chart.series:  # the challenges' labels are text (set_categories would say numbers)
            series.cat = AxDataSource(strRef=StrRef(f=str(categories)))
        chart.width = 20
        chart.height = 9
        ws.add_chart(chart, f"A{table_row + 4}")


# --- Satisfaction ------------------------------------------------------------------------------

def _satisfaction_sheet(wb: Workbook, report: dict) -> None:
    ws = wb.create_sheet(_("Tilfredshed"))
    satisfaction = report["satisfaction"]
    ws.column_dimensions["A"].width = MAX_WIDTH
    for letter in "BCDEFGH":
        ws.column_dimensions[letter].width = 14

    def share(part, whole):
        """part / whole as a percent cell (Excel rounds halves up when it shows it, as the report does)."""
        return number_cell(ws, part / whole, PERCENT_FORMAT) if whole else None

    ws.append([text_cell(ws, _("Tilfredshedsmåling %(year)s") % {"year": report["year"]}, font=TITLE)])
    ws.append([])
    ws.append(_label_row(ws, _("Spørgeskemaer sendt"), satisfaction["sent"]))
    ws.append(_label_row(ws, _("Besvarelser"), satisfaction["answered"]))
    ws.append([text_cell(ws, _("Svarprocent")), share(satisfaction["answered"], satisfaction["sent"])])
    ws.append([])

    total = satisfaction["headline_answers"]
    ws.append(header_row(ws, [_("Samlet tilfredshed"), _("Antal"), _("Andel")]))
    for step in satisfaction["steps"]:
        ws.append([text_cell(ws, step["label"]), number_cell(ws, step["count"]), share(step["count"], total)])
    ws.append(_label_row(ws, _("Svar i alt"), total))
    ws.append([text_cell(ws, _("Tilfredse (i høj grad tilfredse og tilfredse)")),
               number_cell(ws, satisfaction["satisfied"]), share(satisfaction["satisfied"], total)])
    ws.append([])

    challenges = {challenge["id"]: challenge for challenge in report.get("challenges") or report["table"]["challenges"]}
    ws.append(header_row(ws, [_("Udfordring"), _("Nr."), _("Sendt"), _("Besvarelser"), _("Svarprocent"),
                               _("Svar om samlet tilfredshed"), _("Tilfredse"), _("Andel tilfredse")]))
    for row in satisfaction["challenges"]:
        challenge = challenges.get(row["challenge_id"], {})
        ws.append([_value(ws, challenge.get("short_label")), _value(ws, challenge.get("number")),
                   number_cell(ws, row["sent"]), number_cell(ws, row["answered"]),
                   share(row["answered"], row["sent"]),
                   number_cell(ws, row["headline_answers"]), number_cell(ws, row["satisfied"]),
                   share(row["satisfied"], row["headline_answers"])])
    ws.append([])

    ws.append(header_row(ws, [_("Citater")]))
    for quote in satisfaction["quotes"]:
        ws.append([text_cell(ws, quote, alignment=WRAP)])


def status_report_xlsx(report: dict, rows: dict) -> bytes:
    """The year's status report as an .xlsx file: an overview with the headline figures, the table
    per challenge and its chart; a sheet per kind of registration; and the satisfaction survey."""
    wb = Workbook(write_only=True)
    wb.properties.title = clean_text(report["title"])
    wb.properties.creator = "TFI Register"
    wb.properties.language = "da-DK"
    _overview_sheet(wb, report)
    for key, title in DETAIL_SHEETS:
        _detail_sheet(wb, str(title), rows[key])
    _satisfaction_sheet(wb, report)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
