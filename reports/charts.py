"""The dashboard's charts, drawn on the server with matplotlib as SVG (no JavaScript, nothing from a
CDN, crisp when printed). Each function takes plain figures and returns the SVG text; the page shows
the same figures as a table beside the chart for screen readers and for copying."""

import io
import textwrap

from django.utils.translation import pgettext_lazy
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from core.numbers import count_text
from documents.drawing import one_at_a_time

# Bootstrap's blue and a second colour that stays distinct in grey print.
PRIMARY = "#0d6efd"
SECONDARY = "#fd7e14"
GREYS = ["#198754", "#6ea8fe", "#ffc107", "#dc3545"]
# The months on the x axis, abbreviated in the active language.
MONTHS = [
    pgettext_lazy("kort måned", "jan"), pgettext_lazy("kort måned", "feb"), pgettext_lazy("kort måned", "mar"),
    pgettext_lazy("kort måned", "apr"), pgettext_lazy("kort måned", "maj"), pgettext_lazy("kort måned", "jun"),
    pgettext_lazy("kort måned", "jul"), pgettext_lazy("kort måned", "aug"), pgettext_lazy("kort måned", "sep"),
    pgettext_lazy("kort måned", "okt"), pgettext_lazy("kort måned", "nov"), pgettext_lazy("kort måned", "dec")]

def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return buffer.getvalue()


def _count(value) -> str:
    """A bar's or an axis tick's count as the pages write it: 1.100 in Danish, 1,100 in English."""
    return count_text(round(value))


def _bar_labels(ax, bars) -> None:
    ax.bar_label(bars, padding=2, fontsize=9, fmt=_count)


def _count_axis(axis, values) -> None:
    """Whole numbers on a count axis, in the language's format, from 0, and 0 to 1 when every count is 0
    (a year without registrations: otherwise matplotlib centres an axis of -0.06 to 0.06 on the bars)."""
    axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(FuncFormatter(lambda value, _position: _count(value)))
    if not any(values):
        if axis is axis.axes.yaxis:
            axis.axes.set_ylim(0, 1)
        else:
            axis.axes.set_xlim(0, 1)


@one_at_a_time
def grouped_bars(*, labels: list[str], series: list[tuple[str, list[int]]], title: str) -> str:
    """Bars side by side per label, one colour per series, each bar with its figure written on it."""
    figure = Figure(figsize=(6.4, 3.2))
    ax = figure.subplots()
    count = len(series) or 1
    width = 0.8 / count
    colours = [PRIMARY, SECONDARY, "#6c757d"]
    for index, (name, values) in enumerate(series):
        positions = [i + (index - (count - 1) / 2) * width for i in range(len(labels))]
        bars = ax.bar(positions, values, width, label=name, color=colours[index % len(colours)],
                      hatch="//" if index % 2 else None, edgecolor="white")
        _bar_labels(ax, bars)
    ax.set_xticks(range(len(labels)), [textwrap.fill(label, 16) for label in labels])
    ax.set_title(title, loc="left", fontsize=11, pad=22 if len(series) > 1 else 6)
    ax.margins(y=0.15)
    _count_axis(ax.yaxis, [value for _name, values in series for value in values])
    if len(series) > 1:
        _legend_above(ax, len(series))
    return _svg(figure)


def _legend_above(ax, columns: int) -> None:
    ax.legend(frameon=False, ncols=columns, loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=9,
              borderaxespad=0.2)


@one_at_a_time
def monthly_lines(*, series: list[tuple[str, list[int]]], title: str) -> str:
    figure = Figure(figsize=(6.4, 3.0))
    ax = figure.subplots()
    markers = ["o", "s", "^", "D"]
    colours = [PRIMARY, SECONDARY, "#198754", "#6c757d"]
    for index, (name, values) in enumerate(series):
        ax.plot(range(12), values, marker=markers[index % 4], label=name, color=colours[index % 4])
    ax.set_xticks(range(12), [str(month) for month in MONTHS])
    ax.set_title(title, loc="left", fontsize=11, pad=22)
    ax.set_ylim(bottom=0)
    _count_axis(ax.yaxis, [value for _name, values in series for value in values])
    _legend_above(ax, len(series))
    return _svg(figure)


@one_at_a_time
def horizontal_bars(*, labels: list[str], values: list[int], title: str) -> str:
    figure = Figure(figsize=(6.4, 2.6))
    ax = figure.subplots()
    bars = ax.barh(range(len(labels)), values, color=GREYS[:len(labels)])
    ax.set_yticks(range(len(labels)), [textwrap.fill(label, 24) for label in labels])
    ax.invert_yaxis()
    _bar_labels(ax, bars)
    ax.set_title(title, loc="left", fontsize=11)
    ax.margins(x=0.15)
    _count_axis(ax.xaxis, values)
    return _svg(figure)
