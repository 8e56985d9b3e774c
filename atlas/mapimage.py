"""A schematic map of one area for the printed atlas: the area's boundary and its actors as numbered
markers, drawn with matplotlib. No tile server: the register runs on machines and municipal networks
that cannot reach one, and a printed page must not depend on it."""

import io
import math
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon

from core.models import Area
from core.text import file_name_part
from documents.drawing import one_at_a_time

from .models import Actor, ActorKind

# Okabe-Ito colours (distinct for colour-blind readers) and a shape per kind, so the kinds stay apart
# in grey print too.
KIND_STYLE = {
    ActorKind.ASSOCIATION: ("#0072B2", "o"),
    ActorKind.PROJECT: ("#E69F00", "s"),
    ActorKind.INSTITUTION: ("#009E73", "D"),
    ActorKind.HOUSING_BOARD: ("#CC79A7", "h"),
    ActorKind.NETWORK: ("#56B4E9", "p"),
    ActorKind.PUBLIC_SERVICE: ("#D55E00", "8"),
    ActorKind.OTHER: ("#555555", "o"),
}
METRES_PER_DEGREE = 111_320  # of latitude, and of longitude at the equator
MIN_SPAN_METRES = 400  # a single actor still gets a neighbourhood around it
WIDTH_INCHES = 6.3  # the text width of an A4 page with 2.5 cm margins
DPI = 200


def map_numbers(actors: Iterable[Actor]) -> dict[int, int]:
    """The number each actor with a position has on the map, 1, 2, 3... in the order given (the
    document's order), keyed by the actor's pk. The map and the list beside it both read this."""
    placed = [actor for actor in actors if actor.has_position]
    return {actor.pk: number for number, actor in enumerate(placed, start=1)}


def boundary_rings(boundary) -> list[list[tuple[float, float]]]:
    """The boundary's rings (outer rings and holes) as (longitude, latitude) lists; [] when there is
    none or it cannot be read."""
    if not isinstance(boundary, dict) or boundary.get("type") not in ("Polygon", "MultiPolygon"):
        return []
    polygons = boundary.get("coordinates") or []
    if boundary["type"] == "Polygon":
        polygons = [polygons]
    try:
        return [[(float(point[0]), float(point[1])) for point in ring]
                for polygon in polygons for ring in polygon if len(ring) >= 3]
    except (TypeError, ValueError, IndexError):
        return []


def _nice_length(metres: float) -> int:
    """A round scale-bar length at most `metres`: 50, 100, 200, 500, 1000..."""
    magnitude = 10 ** math.floor(math.log10(max(metres, 1)))
    return int(max(step * magnitude for step in (1, 2, 5) if step * magnitude <= metres))


def _spread_duplicates(points: list[tuple[float, float]], marker: float) -> list[tuple[float, float]]:
    """Actors at the very same spot (a shared address, the area's centre) are set in a small ring around
    it, just far enough apart (`marker` is a marker's width in map units) that each number can be read."""
    seen: dict[tuple[float, float], list[int]] = {}
    for index, point in enumerate(points):
        seen.setdefault(point, []).append(index)
    spread = list(points)
    for (x, y), indices in seen.items():
        if len(indices) < 2:
            continue
        radius = marker / (2 * math.sin(math.pi / len(indices)))
        for turn, index in enumerate(indices):
            angle = 2 * math.pi * turn / len(indices) + math.pi / 2
            spread[index] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
    return spread


@one_at_a_time
def area_map_png(area: Area, actors: Iterable[Actor]) -> bytes | None:
    """The area's schematic map as PNG bytes, or None when neither the area has a boundary nor any actor
    has a position. Actors are numbered as `map_numbers` numbers them, so pass them in the document's
    order. Must only be drawn under the charts' lock (matplotlib is not thread-safe)."""
    actors = list(actors)
    numbers = map_numbers(actors)
    placed = [actor for actor in actors if actor.pk in numbers]
    rings = boundary_rings(area.boundary)
    if not placed and not rings:
        return None

    # Degrees of latitude and cos(latitude)-scaled degrees of longitude are (near enough) equally long
    # at a neighbourhood's scale, so the map keeps its shape with an equal aspect.
    latitudes = [float(actor.latitude) for actor in placed] + [lat for ring in rings for _lon, lat in ring]
    scale = math.cos(math.radians(sum(latitudes) / len(latitudes)))

    def xy(longitude, latitude) -> tuple[float, float]:
        return float(longitude) * scale, float(latitude)

    ring_points = [[xy(lon, lat) for lon, lat in ring] for ring in rings]
    actor_points = [xy(actor.longitude, actor.latitude) for actor in placed]
    every = [point for ring in ring_points for point in ring] + actor_points
    xs, ys = [x for x, _y in every], [y for _x, y in every]
    min_span = MIN_SPAN_METRES / METRES_PER_DEGREE
    span_x, span_y = max(max(xs) - min(xs), min_span), max(max(ys) - min(ys), min_span)
    centre_x, centre_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    span_x, span_y = span_x * 1.25, span_y * 1.25  # room for the markers at the edges
    # A wide picture, taller for a tall area but at most 3:4, so the list starts on the first page.
    ratio = min(max(span_y / span_x, 0.55), 0.75)
    span_x, span_y = max(span_x, span_y / ratio), max(span_y, span_x * ratio)

    figure = Figure(figsize=(WIDTH_INCHES, WIDTH_INCHES * ratio))
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(centre_x - span_x / 2, centre_x + span_x / 2)
    ax.set_ylim(centre_y - span_y / 2, centre_y + span_y / 2)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color("#adb5bd")
    ax.set_facecolor("#f8f9fa")

    for points in ring_points:
        ax.add_patch(Polygon(points, closed=True, facecolor="#dee2e6", edgecolor="#495057", linewidth=1.2,
                             alpha=0.8, zorder=1))

    marker_size = 15 if len(placed) < 10 else 17
    spread = _spread_duplicates(actor_points, marker=span_x * marker_size / 72 * 1.1 / WIDTH_INCHES)
    for actor, (x, y) in zip(placed, spread, strict=True):
        colour, shape = KIND_STYLE.get(actor.kind, KIND_STYLE[ActorKind.OTHER])
        face, text_colour = (colour, "white") if actor.is_active else ("white", colour)
        ax.plot([x], [y], marker=shape, markersize=marker_size, markerfacecolor=face, markeredgecolor=colour,
                markeredgewidth=1.5, linestyle="none", zorder=3)
        ax.annotate(str(numbers[actor.pk]), (x, y), ha="center", va="center", fontsize=7, fontweight="bold",
                    color=text_colour, zorder=4)

    _scale_bar(ax, span_x, span_y, centre_x, centre_y)
    _legend(ax, placed)

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.05,
                   metadata={"Software": None})
    return buffer.getvalue()


def _scale_bar(ax, span_x: float, span_y: float, centre_x: float, centre_y: float) -> None:
    length = _nice_length(span_x * METRES_PER_DEGREE / 5)
    left = centre_x + span_x / 2 - span_x * 0.04 - length / METRES_PER_DEGREE
    bottom = centre_y - span_y / 2 + span_y * 0.05
    ax.plot([left, left + length / METRES_PER_DEGREE], [bottom, bottom], color="#212529", linewidth=2.5,
            solid_capstyle="butt", zorder=5)
    label = f"{length // 1000} km" if length >= 1000 else f"{length} m"
    ax.annotate(label, (left + length / METRES_PER_DEGREE / 2, bottom), xytext=(0, 3), textcoords="offset points",
                ha="center", va="bottom", fontsize=7, color="#212529", zorder=5)
    ax.annotate("N ↑", (0.98, 0.97), xycoords="axes fraction", ha="right", va="top", fontsize=8,
                color="#212529", zorder=5)


def _legend(ax, placed: list[Actor]) -> None:
    kinds = {actor.kind for actor in placed}
    handles = []
    for kind in ActorKind:
        if kind in kinds:
            colour, shape = KIND_STYLE[kind]
            handles.append(Line2D([], [], marker=shape, linestyle="none", markersize=8, markerfacecolor=colour,
                                  markeredgecolor=colour, label=str(kind.label)))
    if any(not actor.is_active for actor in placed):
        handles.append(Line2D([], [], marker="o", linestyle="none", markersize=8, markerfacecolor="white",
                              markeredgecolor="#555555", markeredgewidth=1.5, label=_("Ikke aktiv")))
    if not handles:
        return
    # Below the map, where it cannot hide a marker, read row by row (matplotlib fills columns first, the
    # first columns one longer when the count does not divide).
    columns = min(len(handles), 4)
    rows, long_columns = divmod(len(handles), columns)
    ordered = [handles[row * columns + column] for column in range(columns)
               for row in range(rows + (column < long_columns))]
    ax.legend(handles=ordered, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncols=columns, fontsize=8,
              frameon=False, handletextpad=0.3, columnspacing=1.2)


def listed_in_order(groups: list[dict]) -> tuple[list[Actor], dict[int, int]]:
    """The actors in the order the atlas lists them (its groups by kind: selectors.actors_by_kind), and the
    number each placed one has on the map, so that the map reads top to bottom like the list (Word, PDF)."""
    in_order = [actor for group in groups for actor in group["actors"]]
    return in_order, map_numbers(in_order)


def atlas_filename(area: Area, extension: str) -> str:
    """atlas-mjoelnerparken-2026-12-06.docx: the area's name and the day."""
    return f"atlas-{file_name_part(area.name)}-{timezone.localdate().isoformat()}.{extension}"


def map_alt(area: Area, *, numbered: bool) -> str:
    """The map's alt text, for a screen reader (the Word and the PDF atlas)."""
    if numbered:
        return _("Kort over %(area)s med områdets aktører, nummereret som i listen nedenfor.") % {"area": area.name}
    return _("Kort over %(area)s.") % {"area": area.name}
