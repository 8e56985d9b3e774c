"""The annual status report as an Excel workbook.

Built only from plain data (the report of `status_report` and the sheets of `export_rows`, or the
same read back from an approved report's JSON), in openpyxl's write-only mode: every row goes
straight to a temporary file, so a year of tens of thousands of registrations stays lean in memory.
That is why each sheet's column widths, freeze pane and filter are set before its rows are written.

No text ever becomes a formula or an error value: every text goes through `spreadsheets.cells`.
"""

import datetime
import math
from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from spreadsheets.cells import (
    COUNT_FORMAT,
    DECIMAL_FORMAT,
    MAX_WIDTH,
    WRAP,
    clean_text,
    date_format,
    header_row,
    number_cell,
    plain_text,
    print_setup,
    text_cell,
    width,
)

PERCENT_FORMAT = "0%"
TITLE = Font(name="Calibri", bold=True, size=14)  # the workbook's font: a bare one prints as a serif
# The kinds of column whose values stand to the right, and their headings with them.
RIGHT_KINDS = {"int", "decimal", "date"}
# A wrapped text ends on the line of its row's other values (which Excel puts at the cell's bottom): styling
# every value of a busy year's sheet to the top would cost a cell object each.
WRAP_BOTTOM = Alignment(wrap_text=True, vertical="bottom")

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
    if isinstance(value, int):
        return number_cell(ws, value, COUNT_FORMAT, font=font)
    if isinstance(value, float | Decimal):
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


def _column_writer(ws, kind: str, room: int | None, yes: str, no: str):
    """A function making the cell of one column's value (None for an empty cell). Plain ints and
    texts go to the sheet as they are, which spares a styled cell per value on a large sheet; a text longer
    than the `room` of its column (characters; None: no wrapping) wraps, its last line on the row's line."""
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
        if room is not None and (len(text) > room or "\n" in text):
            return text_cell(ws, text, alignment=WRAP_BOTTOM)
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


# A report sheet's column is as wide as the most of its values (the 90th percentile of their lengths) and its
# heading's longest word (headings wrap), at most PRINT_WIDTH: longer texts wrap, so that a sheet prints one
# page wide.
PRINT_WIDTH = 36
SHARE_SHOWN = 0.9


def _print_width(label: str, lengths: list[int]) -> int:
    heading = max((len(word) for word in label.split()), default=0)
    lengths = sorted(lengths)
    typical = lengths[min(len(lengths) - 1, int(len(lengths) * SHARE_SHOWN))] if lengths else 0
    return width(max(heading, min(typical, PRINT_WIDTH)), minimum=6)


def _detail_sheet(wb: Workbook, title: str, sheet: dict, report_title: str) -> None:
    """A sheet of registrations: bold, frozen header with a filter, typed cells, columns sized by most of
    their content (longer texts wrapped), headings wrapped and over numbers and dates to the right as they
    are; printed on A4 one page wide, with the header row on every page (spreadsheets.cells.print_setup)."""
    ws = wb.create_sheet(title)
    columns = sheet["columns"]
    rows = sheet["rows"]
    keys = [column["key"] for column in columns]
    kinds = [column["type"] for column in columns]
    lengths: list[list[int]] = [[] for _column in columns]
    for row in rows:
        for index, (key, kind) in enumerate(zip(keys, kinds, strict=True)):
            value = row.get(key)
            if value is not None and value != "":
                lengths[index].append(_display_length(kind, value))
    widths = [_print_width(column["label"], found) for column, found in zip(columns, lengths, strict=True)]
    widths = _fitted_widths(widths, columns, rows)
    for index, column_width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = column_width
    print_setup(ws, title=f"{report_title} · {title}", widths=widths, rows=len(rows), one_page_wide=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(columns), 1))}{len(rows) + 1}"

    yes, no = _("Ja"), _("Nej")
    wrapped = [kind == "text" and max(found, default=0) > column_width - 2
               for kind, found, column_width in zip(kinds, lengths, widths, strict=True)]
    writers = [_column_writer(ws, kind, column_width - 2 if wrap else None, yes, no)
               for kind, wrap, column_width in zip(kinds, wrapped, widths, strict=True)]
    wrapping = [(key, _room(column_width)) for key, wrap, column_width in zip(keys, wrapped, widths, strict=True)
                if wrap]
    labels = [column["label"] for column in columns]
    _row_height(ws, 1, [(label, column_width - 1) for label, column_width in zip(labels, widths, strict=True)])
    ws.append(header_row(ws, labels, wrap=True,
                         right={index for index, kind in enumerate(kinds) if kind in RIGHT_KINDS}))
    for number, row in enumerate(rows, start=2):
        if wrapping:
            _row_height(ws, number, [(row.get(key), room) for key, room in wrapping])
        values = (row.get(key) for key in keys)
        ws.append([None if value is None or value == "" else write(value)
                   for write, value in zip(writers, values, strict=True)])
        ws.row_dimensions.pop(number, None)  # written: not kept for a busy year's every row


# A sheet prints fitted one page wide, so its pages go with the paper it would take at one size of print: its
# lines times its width (its width no less than FULL_SIZE_WIDTH, where the fit stops enlarging). Narrow columns
# wrap their texts to more lines; wide ones make the print smaller. Each text column's width is chosen, from its
# longest word (none broken) to WIDEST_TEXT (or its longest line), to make that paper least, the sheet no wider
# than SMALLEST_PRINT (or than the first guess): first for the rows as a whole (every column just wide enough
# for most of its texts in one line, in two, ...), then column by column, where a row that wraps anyway (a long
# description) lets its other columns wrap at no cost. Judged on a sample of the rows (a busy year has
# thousands), so that it costs about a tenth of a second a workbook.
FIT_SAMPLE = 100
FULL_SIZE_WIDTH = 160  # width units an A4 landscape page holds at 100 % (Calibri 11, the margins of print_setup)
SMALLEST_PRINT = 270  # width units: about 60 %, 6.5-point text, the smallest that still reads on paper
WIDEST_TEXT = 80  # width units: a text column's most, about half the page


def _room(column_width: float) -> int:
    """The characters a line of a column holds: about 1.1 a width unit (which counts Calibri's digits, wider
    than most letters)."""
    return max(int(column_width * 1.1), 1)


def _lines(text, room: int) -> int:
    """The lines a text takes in a column holding `room` characters a line, wrapped at spaces as Excel does (a
    word longer than a line is broken)."""
    if not text:
        return 1
    text = str(text)
    if len(text) <= room and "\n" not in text:
        return 1
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split():
            if used and used + 1 + len(word) <= room:
                used += 1 + len(word)
                continue
            if used:
                lines += 1
            lines += (len(word) - 1) // room
            used = len(word) - (len(word) - 1) // room * room
    return lines


def _longest_word(texts) -> int:
    return max((len(word) for text in texts if text for word in str(text).split()), default=0)


def _longest_line(texts) -> int:
    return max((len(line) for text in texts if text for line in str(text).split("\n")), default=0)


def _fitted_widths(widths: list[int], columns: list[dict], rows: list[dict]) -> list[int]:
    step = max(1, len(rows) // FIT_SAMPLE)
    sample = rows[::step]
    texts = [[row.get(column["key"]) for row in sample] if column["type"] == "text" else None for column in columns]
    if not sample or not any(texts):
        return widths
    widths = list(widths)
    widest_sheet = max(SMALLEST_PRINT, sum(widths))
    lines: list[dict[int, list[int]]] = [{} for _column in columns]  # [column][width]: each sampled row's lines

    def lines_at(index: int, column_width: int) -> list[int]:
        if column_width not in lines[index]:
            lines[index][column_width] = [_lines(text, _room(column_width)) for text in texts[index]]
        return lines[index][column_width]

    def tallest(candidate: list[int], indexes) -> list[int]:
        """Each sampled row's lines at the widths `candidate`: the most of its columns `indexes`."""
        found = [1] * len(sample)
        for index in indexes:
            found = [max(a, b) for a, b in zip(found, lines_at(index, candidate[index]), strict=True)]
        return found

    text_columns = [index for index, found in enumerate(texts) if found is not None]
    # No word broken: no narrower than the longest word of the heading and the sample (up to PRINT_WIDTH).
    narrowest = {index: min(widths[index], width(math.ceil(max(
        _longest_word([columns[index]["label"]]), min(_longest_word(texts[index]), PRINT_WIDTH)) / 1.1)))
        for index in text_columns}

    def cost(candidate: list[int]) -> int:
        return sum(tallest(candidate, text_columns)) * max(sum(candidate), FULL_SIZE_WIDTH)

    # No wider than the longest sampled text on one line needs: wider only costs print size.
    widest = {index: max(narrowest[index], width(math.ceil(_longest_line(texts[index]) / 1.1), maximum=WIDEST_TEXT))
              for index in text_columns}

    # First the rows as a whole: for a number of lines, each text column just wide enough to hold most of its
    # texts (SHARE_SHOWN) in that many; the number whose sheet prints on the fewest pages.
    def holding(index: int, most_lines: int) -> int:
        for candidate in range(narrowest[index], widest[index] + 1):
            found = sorted(lines_at(index, candidate))
            if found[min(len(found) - 1, int(len(found) * SHARE_SHOWN))] <= most_lines:
                return candidate
        return widest[index]

    guesses = [widths]
    for most_lines in range(1, 7):
        guess = list(widths)
        for index in text_columns:
            guess[index] = holding(index, most_lines)
        if sum(guess) <= widest_sheet:
            guesses.append(guess)
    widths = min(guesses, key=cost)
    # Then each column on its own.
    for _pass in range(2):
        for index in text_columns:
            others = tallest(widths, (other for other in text_columns if other != index))
            rest = sum(widths) - widths[index]
            candidates = range(min(widths[index], narrowest[index]),
                               max(widths[index], min(widest[index], widest_sheet - rest)) + 1)

            def pages(candidate: int, index=index, others=others, rest=rest) -> tuple[int, int]:
                lines_of_rows = sum(max(a, b) for a, b in zip(others, lines_at(index, candidate), strict=True))
                return lines_of_rows * max(rest + candidate, FULL_SIZE_WIDTH), -candidate

            widths[index] = min(candidates, key=pages)
    return widths


LINE_HEIGHT = 15  # points: a line of Calibri 11


def _row_height(ws, number: int, texts: list[tuple[object, int]]) -> None:
    """The height of row `number` for the most lines any of its wrapped `texts` takes in its column (text,
    characters a line holds), set before the row is written: LibreOffice does not grow a row to its wrapped
    text by itself, so a text of three lines in a row of one would be printed over the next rows."""
    lines = max((_lines(text, room) for text, room in texts if text), default=1)
    if lines > 1:
        ws.row_dimensions[number].height = LINE_HEIGHT * lines


# --- Overview: headline figures, the table per challenge and its chart -----------------------------

CHART_HEIGHT = 9  # cm
CHART_ROWS = 4 + 18  # the gap above the chart and its height in rows of 0.53 cm (15 points)

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

    # One landscape page: the figures, the table and its chart below it (CHART_ROWS rows of the default height).
    table_row = 3 + len(figures) + 1
    widths = [ws.column_dimensions[get_column_letter(index)].width for index in range(1, len(challenges) + 2)]
    print_setup(ws, title=report["title"], widths=[*widths, width(len(_("I alt")))],
                rows=table_row + 2 + (CHART_ROWS if challenges else 0), title_rows=None, one_page=True)
    ws.append([text_cell(ws, report["title"], font=TITLE)])
    ws.append([])
    for label, value in figures:
        ws.append(_label_row(ws, label, value))
    ws.append([])

    ws.append(header_row(ws, [None, *(challenge["short_label"] for challenge in challenges), _("I alt")],
                         right=set(range(1, len(challenges) + 2))))
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
        chart.height = CHART_HEIGHT
        ws.add_chart(chart, f"A{table_row + 4}")


# --- Satisfaction ------------------------------------------------------------------------------

def _satisfaction_sheet(wb: Workbook, report: dict) -> None:
    ws = wb.create_sheet(_("Tilfredshed"))
    satisfaction = report["satisfaction"]
    ws.column_dimensions["A"].width = MAX_WIDTH
    for letter in "BCDEFGH":
        ws.column_dimensions[letter].width = 14
    # Its three tables and the quotes, written below: 14 rows besides the steps, challenges and quotes.
    rows = 14 + len(satisfaction["steps"]) + len(satisfaction["challenges"]) + len(satisfaction["quotes"])
    print_setup(ws, title=_("Tilfredshedsmåling %(year)s") % {"year": report["year"]}, widths=[MAX_WIDTH] + [14] * 7,
                rows=rows - 1, title_rows=None)

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
    ws.append(header_row(ws, [_("Samlet tilfredshed"), _("Antal"), _("Andel")], right={1, 2}))
    for step in satisfaction["steps"]:
        ws.append([text_cell(ws, step["label"]), _value(ws, step["count"]), share(step["count"], total)])
    ws.append(_label_row(ws, _("Svar i alt"), total))
    ws.append([text_cell(ws, _("Tilfredse (i høj grad tilfredse og tilfredse)")),
               _value(ws, satisfaction["satisfied"]), share(satisfaction["satisfied"], total)])
    ws.append([])

    challenges = {challenge["id"]: challenge for challenge in report.get("challenges") or report["table"]["challenges"]}
    ws.append(header_row(ws, [_("Udfordring"), _("Nr."), _("Sendt"), _("Besvarelser"), _("Svarprocent"),
                               _("Svar om samlet tilfredshed"), _("Tilfredse"), _("Andel tilfredse")],
                              right=set(range(1, 8))))
    for row in satisfaction["challenges"]:
        challenge = challenges.get(row["challenge_id"], {})
        ws.append([_value(ws, challenge.get("short_label")), _value(ws, challenge.get("number")),
                   _value(ws, row["sent"]), _value(ws, row["answered"]),
                   share(row["answered"], row["sent"]),
                   _value(ws, row["headline_answers"]), _value(ws, row["satisfied"]),
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
        _detail_sheet(wb, str(title), rows[key], clean_text(report["title"]))
    _satisfaction_sheet(wb, report)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
