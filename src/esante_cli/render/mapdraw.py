"""A job's neighbourhood as a picture (SVG or PNG, drawn with matplotlib), as a tree in the
terminal (rich), and as plain sections for CSV and Markdown.

The picture follows the OPIIEC chart "Proximité(s)/évolution(s) envisageables": the jobs the
shown job comes from on the left, those it leads to on the right, the shown job in the middle.
The card's own rings are not kept in its data, so the rings drawn are our cost bands (proche,
accessible, lointaine) and a job's distance from the centre grows with the cost of the move.
Declared moves are solid lines, computed moves dashed; a cost computed on estimated levels
carries ``*``, a placement inferred from the chart's layout ``†``; a legend says so.

matplotlib is imported inside the drawing functions only, so that no other command pays for it.
Geometry is in inches (one data unit is one inch of the figure), and text is measured with the
font itself before it is placed, so boxes fit their labels whatever the output format.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from ..i18n import Lang, model_words, some, t, tn
from ..results.visual import MapNode, NeighbourhoodMap
from .about import fitting
from .sections import Section, cols, footnotes, limit_pct, mark, num, pct, to_sections

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..costmodel import Bands

FONT = "DejaVu Sans"  # ships with matplotlib: the same glyphs everywhere, accents included
DPI = 150  # PNG resolution; the figure's size in inches times this gives the pixels
WIDTH = 9.6  # inches: printed on A4 at about three quarters of its size

# Colours: the band of a move (its ring), light for the ring, stronger for the job's box.
RING_FILL = {"proche": "#e8f4e8", "accessible": "#fdf3e1", "lointaine": "#fbeceb"}
BOX_FILL = {"proche": "#b9e0bb", "accessible": "#fbd99b", "lointaine": "#f2bcb6"}
DECLARED = "#1f4e79"
COMPUTED = "#6b6b6b"
CENTRE = "#1f4e79"
INK = "#222222"
MUTED = "#555555"

# Sizes in points.
TITLE_PT, HEAD_PT, NODE_PT, DETAIL_PT, SMALL_PT = 14.0, 11.0, 9.5, 8.5, 8.5
LINE = 1.22  # line height, in font sizes

CURVE = 7.0  # the ring arcs are circles centred this far beyond the centre, on the other side
NODE_TEXT_WIDTH = 1.4  # inches of text per line in a job's box
MAX_LINES = 3  # of a job's title; a longer one ends with an ellipsis
PAD = 0.07  # inside a job's box, in inches


# -- text measuring ------------------------------------------------------------------------------


class _Measure:
    """Text widths in inches, from the font's own metrics (no renderer needed)."""

    def __init__(self) -> None:
        from matplotlib.font_manager import FontProperties
        from matplotlib.textpath import TextToPath

        self._ttp = TextToPath()
        self._props: dict[tuple[float, str], Any] = {}
        self._fp = FontProperties

    def width(self, text: str, size: float, weight: str = "normal") -> float:
        key = (size, weight)
        if key not in self._props:
            self._props[key] = self._fp(family=FONT, size=size, weight=weight)
        w, _, _ = self._ttp.get_text_width_height_descent(text, self._props[key], ismath=False)
        return w / 72.0

    def wrap(
        self,
        text: str,
        width: float,
        size: float,
        weight: str = "normal",
        max_lines: int | None = None,
    ) -> list[str]:
        """Greedy word wrap to ``width`` inches; over-long words are split; at most
        ``max_lines`` lines, the last one ending with '…' when text was cut."""
        words = " ".join(text.split()).split(" ") if text.strip() else [""]
        lines: list[str] = []
        current = ""
        for word in words:
            while self.width(word, size, weight) > width and len(word) > 1:
                cut = len(word)
                while cut > 1 and self.width(word[:cut], size, weight) > width:
                    cut -= 1
                if current:
                    lines.append(current)
                    current = ""
                lines.append(word[:cut])
                word = word[cut:]
            trial = f"{current} {word}" if current else word
            if current and self.width(trial, size, weight) > width:
                lines.append(current)
                current = word
            else:
                current = trial
        lines.append(current)
        if max_lines is not None and len(lines) > max_lines:
            last = lines[max_lines - 1]
            while last and self.width(last + "…", size, weight) > width:
                last = last[:-1]
            lines = lines[: max_lines - 1] + [last.rstrip() + "…"]
        return lines


# -- layout --------------------------------------------------------------------------------------


@dataclass
class _Box:
    node: MapNode
    title: list[str]
    detail: str
    width: float
    height: float
    x: float = 0.0
    y: float = 0.0


def _detail(node: MapNode, lang: Lang) -> str:
    share = pct(node.coverage) + ("*" if node.estimated else "")
    kind = t("map_kind_both" if node.also_computed else f"map_kind_{node.kind}", lang)
    if node.kind == "declared" and node.declared_provenance == "inferred":
        kind += "†"
    if node.move == "downgrade":
        kind += " · " + t("move_downgrade", lang)
    return f"{t('map_cost', lang)} {share} · {kind}"


Spans = dict[str, tuple[float, float]]


def _rings(centre_half: float, box_width: float, width: float) -> tuple[Spans, Spans]:
    """The rings, in inches from the centre: where each band's ring lies, and the span in it
    where a job's box is centred (cheaper moves nearer the centre).

    The room between the centre's box and the figure's edge is cut in three equal slices, one
    per band. A box is wider than a slice, so it is centred well inside its own."""
    r_min = centre_half + 0.3 + box_width / 2
    r_max = width / 2 - 0.08 - box_width / 2
    d = max((r_max - r_min) / 3, 0.3)
    edges = {
        "proche": (0.0, r_min + d),
        "accessible": (r_min + d, r_min + 2 * d),
        "lointaine": (r_min + 2 * d, width / 2 + 2),
    }
    spans = {
        "proche": (r_min, r_min + 0.6 * d),
        "accessible": (r_min + 1.2 * d, r_min + 1.8 * d),
        "lointaine": (r_min + 2.4 * d, r_min + 3 * d),
    }
    return edges, spans


def _radius(coverage: float, proche: float, accessible: float, spans: Spans) -> float:
    """Distance from the centre: the band picks the ring, the coverage the place within it
    (a move that asks nothing more sits nearest the centre)."""
    if coverage >= proche:
        span = 1.0 - proche
        band, frac = "proche", ((1.0 - coverage) / span if span > 0 else 0.0)
    elif coverage >= accessible:
        span = proche - accessible
        band, frac = "accessible", ((proche - coverage) / span if span > 0 else 0.0)
    else:
        over = accessible - coverage
        band, frac = "lointaine", over / (over + 0.25)
    lo, hi = spans[band]
    return lo + frac * (hi - lo)


def _arc_x(radius: float, y: float, side: int, curve: float = CURVE) -> float:
    """x of the ring arc through (side * radius, 0) at height y: a circle centred ``curve``
    beyond the centre on the other side, so that the arcs bend around the centre without
    closing."""
    big = curve + radius
    return side * (math.sqrt(max(big * big - y * y, 0.0)) - curve)


def _slots(count: int, spacing: float) -> list[float]:
    """Heights of ``count`` slots, nearest the middle first, alternately above and below.

    The dearest moves take the middle slots (they sit farthest out, their lines run nearly
    level) and the cheapest the outer ones (they sit near the centre, their lines run steep):
    so no line passes under another job's box, and the boxes follow the rings' bend."""
    ys = [(i - (count - 1) / 2) * spacing for i in range(count)]
    return sorted(ys, key=lambda y: (abs(y), -y))


# -- drawing ---------------------------------------------------------------------------------------


_RC: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "text.parse_math": False,  # a '$' in a title is text, not mathematics
    "text.usetex": False,
    "svg.fonttype": "none",  # text stays text: searchable, selectable, readable by tests
    "svg.hashsalt": "esante",  # stable ids: the same map gives the same bytes
    "path.simplify": False,
}


def write(
    ax: Any,
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    color: str = INK,
    bold: bool = False,
    ha: str = "center",
    va: str = "top",
    **more: Any,
) -> Any:
    """Text on a picture (a map, the workshop's heat map): ``size`` points, in ``color``,
    centred below (``x``, ``y``) unless ``ha``/``va`` place it otherwise; ``more``: the other
    properties of matplotlib's text (linespacing, style, zorder)."""
    if bold:
        more["weight"] = "bold"
    return ax.text(x, y, text, ha=ha, va=va, fontsize=size, color=color, **more)


def _style() -> Any:
    """matplotlib's settings for the map, for the time of one drawing (global state untouched)."""
    import matplotlib

    return matplotlib.rc_context(_RC)  # type: ignore[arg-type]


@dataclass
class _Layout:
    """Where everything goes, in inches; y is minus the distance from the top edge."""

    width: float
    height: float
    top: float
    title_lines: list[str]
    subtitle: str
    head_top: float
    chart_top: float
    chart_h: float
    cy: float  # the centre's height
    centre_lines: list[str]
    centre_note: str
    cw: float
    ch: float
    sides: dict[int, list[_Box]]
    band_edges: Spans
    spans: Spans
    curve: float
    legend: list[tuple[str, Any, float]]


def _layout(result: NeighbourhoodMap, lang: Lang, measure: _Measure) -> _Layout:
    """Measure every text and place every box: the picture's geometry, before any drawing."""
    sides = {
        -1: [_job_box(n, lang, measure) for n in result.incoming],
        1: [_job_box(n, lang, measure) for n in result.outgoing],
    }
    all_boxes = sides[-1] + sides[1]
    tallest = max((b.height for b in all_boxes), default=0.5)
    spacing = tallest + 0.12
    count = max(len(sides[-1]), len(sides[1]), 1)
    half = (count - 1) / 2 * spacing + tallest / 2  # half the height the jobs take
    # Gentle arcs however many jobs a side holds: at the top and bottom of the chart they
    # bend in by half² / (2 · curve), at most 0.7 inch.
    curve = max(CURVE, half * half / 1.4)

    # Vertical plan, top down (inches from the top edge).
    width = WIDTH
    text_width = width - 0.6
    title_lines = measure.wrap(
        t("map_title", lang).format(title=result.job.title), text_width, TITLE_PT, "bold", 2
    )
    subtitle = t("map_subtitle", lang).format(
        version=result.data_version, model=model_words(result.model.name, lang)
    )
    top = 0.25
    title_h = len(title_lines) * TITLE_PT * LINE / 72
    sub_h = SMALL_PT * LINE / 72
    head_top = top + title_h + sub_h + 0.2
    head_h = HEAD_PT * LINE / 72 + SMALL_PT * LINE / 72 * 2
    ring_label_h = 2 * (SMALL_PT - 1) * 1.1 / 72 + 0.14
    chart_top = head_top + head_h + 0.08
    chart_h = ring_label_h + 2 * half + 0.2
    cy = -(chart_top + ring_label_h + half + 0.1)
    legend = _legend_lines(result, lang, measure, text_width)
    height = chart_top + chart_h + 0.2 + sum(h for _, _, h in legend) + 0.25

    # The shown job's box, measured first: the rings are laid around it.
    centre_lines, centre_note, cw, ch = _centre_box(result, lang, measure)
    widest = max((b.width for b in all_boxes), default=1.5)
    band_edges, spans = _rings(cw / 2, widest, width)
    _place(sides, spacing, widest, cy, curve, spans, result.bands)
    return _Layout(
        width,
        height,
        top,
        title_lines,
        subtitle,
        head_top,
        chart_top,
        chart_h,
        cy,
        centre_lines,
        centre_note,
        cw,
        ch,
        sides,
        band_edges,
        spans,
        curve,
        legend,
    )


def _job_box(node: MapNode, lang: Lang, measure: _Measure) -> _Box:
    """A job's box, sized to its title (wrapped, bold) and its detail line; not yet placed."""
    line_in = NODE_PT * LINE / 72
    detail_in = DETAIL_PT * LINE / 72
    title = measure.wrap(node.job.title, NODE_TEXT_WIDTH, NODE_PT, "bold", MAX_LINES)
    detail = _detail(node, lang)
    width = (
        max([measure.width(s, NODE_PT, "bold") for s in title] + [measure.width(detail, DETAIL_PT)])
        + 2 * PAD
    )
    height = len(title) * line_in + detail_in + 2 * PAD
    return _Box(node, title, detail, width, height)


def _centre_box(
    result: NeighbourhoodMap, lang: Lang, measure: _Measure
) -> tuple[list[str], str, float, float]:
    """The shown job's box: its title (wrapped), the note under it (card or estimated levels),
    its width and its height."""
    lines = measure.wrap(result.job.title, 1.8, HEAD_PT, "bold", 3)
    note = t("map_centre_card" if result.job_provenance == "card" else "map_centre_estimated", lang)
    cw = (
        max([measure.width(s, HEAD_PT, "bold") for s in lines] + [measure.width(note, SMALL_PT)])
        + 2 * 0.12
    )
    ch = len(lines) * HEAD_PT * LINE / 72 + SMALL_PT * LINE / 72 + 2 * 0.1
    return lines, note, cw, ch


def _place(
    sides: dict[int, list[_Box]],
    spacing: float,
    widest: float,
    cy: float,
    curve: float,
    spans: Spans,
    bands: Bands,
) -> None:
    """Set each box's centre: its band's ring and its coverage give the distance from the
    centre, its slot the height (the dearest moves in the middle slots)."""
    for side, boxes in sides.items():
        dearest_first = sorted(boxes, key=lambda b: (b.node.coverage, -b.node.cost, b.node.job.id))
        for box, slot in zip(dearest_first, _slots(len(boxes), spacing)):
            r = _radius(box.node.coverage, bands.proche, bands.accessible, spans)
            # never closer to the middle than half a box: the two sides cannot touch
            box.x = side * max(abs(_arc_x(r, slot, side, curve)), widest / 2 + 0.12)
            box.y = cy + slot


def map_boxes(result: NeighbourhoodMap, lang: Lang = Lang.fr) -> dict[str, tuple[float, ...]]:
    """Every box of the picture as (left, bottom, right, top) in inches: ``centre`` and
    ``in:JOB`` / ``out:JOB`` for the jobs (for tests: no two boxes overlap)."""
    with _style():
        lay = _layout(result, lang, _Measure())
    boxes: dict[str, tuple[float, ...]] = {
        "centre": (-lay.cw / 2, lay.cy - lay.ch / 2, lay.cw / 2, lay.cy + lay.ch / 2)
    }
    for side, members in lay.sides.items():
        for b in members:
            key = f"{'in' if side < 0 else 'out'}:{b.node.job.id}"
            boxes[key] = (
                b.x - b.width / 2,
                b.y - b.height / 2,
                b.x + b.width / 2,
                b.y + b.height / 2,
            )
    return boxes


def _draw(result: NeighbourhoodMap, lang: Lang, measure: _Measure) -> Figure:
    """The picture, laid out first (:func:`_layout`), then drawn: title, side headings, the
    rings, the shown job, the jobs on each side and their moves, the legend."""
    from matplotlib.figure import Figure

    lay = _layout(result, lang, measure)
    fig = Figure(figsize=(lay.width, lay.height), dpi=DPI)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-lay.width / 2, lay.width / 2)
    ax.set_ylim(-lay.height, 0)  # y is minus the distance from the top edge
    ax.set_axis_off()
    _draw_title(ax, lay)
    _draw_headings(ax, lay, result.job.title, lang, measure)
    _draw_rings(ax, lay, result.bands, lang)
    centre = _draw_centre(ax, lay)
    for side, boxes in lay.sides.items():
        if not boxes:
            write(
                ax,
                side * lay.spans["accessible"][0],
                lay.cy,
                t("map_none", lang),
                NODE_PT,
                color=MUTED,
                va="center",
                style="italic",
                zorder=3,
            )
        for box in boxes:
            _draw_job(ax, box, side, lay.cy, centre)
    _draw_legend(ax, lay, measure)
    return fig


def _draw_title(ax: Any, lay: _Layout) -> None:
    """The title, bold and centred, and the subtitle (data and model versions) under it."""
    y = lay.top
    for line in lay.title_lines:
        write(ax, 0, -y, line, TITLE_PT, bold=True)
        y += TITLE_PT * LINE / 72
    write(ax, 0, -y, lay.subtitle, SMALL_PT, color=MUTED)


def _draw_headings(ax: Any, lay: _Layout, title: str, lang: Lang, measure: _Measure) -> None:
    """Over each half: where the jobs come from (left), where they lead (right)."""
    sub_width = lay.width / 2 - 0.4
    for side, head, sub in ((-1, "map_in", "map_in_sub"), (1, "map_out", "map_out_sub")):
        x = side * lay.width / 4
        write(ax, x, -lay.head_top, t(head, lang), HEAD_PT, bold=True)
        lines = measure.wrap(t(sub, lang).format(title=title), sub_width, SMALL_PT, max_lines=2)
        write(
            ax,
            x,
            -(lay.head_top + HEAD_PT * LINE / 72),
            "\n".join(lines),
            SMALL_PT,
            color=MUTED,
            linespacing=LINE,
        )


def _draw_rings(ax: Any, lay: _Layout, bands: Bands, lang: Lang) -> None:
    """The three bands on each side, between arcs that bend around the centre, each named at
    the top with its limit; a frame around the chart."""
    from matplotlib.patches import Polygon, Rectangle

    width, cy, curve = lay.width, lay.cy, lay.curve
    chart_y0, chart_y1 = -(lay.chart_top + lay.chart_h), -lay.chart_top
    ys = [chart_y0 + (chart_y1 - chart_y0) * k / 40 for k in range(41)]
    label_y = chart_y1 - 0.06
    limits = {
        "proche": limit_pct(bands.proche),
        "accessible": limit_pct(bands.accessible),
        "lointaine": limit_pct(bands.accessible),
    }
    for side in (-1, 1):
        for band, (r0, r1) in lay.band_edges.items():
            inner = [(_arc_x(r0, yy - cy, side, curve), yy) for yy in ys]
            outer = [(_arc_x(r1, yy - cy, side, curve), yy) for yy in reversed(ys)]
            ax.add_patch(
                Polygon(
                    inner + outer,
                    closed=True,
                    facecolor=RING_FILL[band],
                    edgecolor="none",
                    zorder=0,
                )
            )
            xs = [_arc_x(r1, yy - cy, side, curve) for yy in ys]
            if band != "lointaine":
                ax.plot(xs, ys, color="#c9c9c9", lw=0.8, zorder=0.5)
        for band, (r0, r1) in lay.band_edges.items():
            r1 = min(r1, width / 2 - 0.2)
            x0 = abs(_arc_x(r0, label_y - cy, side, curve))
            x1 = (
                abs(_arc_x(r1, label_y - cy, side, curve))
                if band != "lointaine"
                else width / 2 - 0.1
            )
            if band == "proche":
                x0 = max(x0, 0.12)
            ring_label = t(f"map_ring_{band}", lang).format(limit=limits[band])
            write(
                ax,
                side * (x0 + x1) / 2,
                label_y,
                ring_label.replace(" ", "\n", 1),
                SMALL_PT - 1,
                color=MUTED,
                style="italic",
                linespacing=1.1,
                zorder=1,
            )
    ax.add_patch(
        Rectangle(
            (-width / 2, chart_y0),
            width,
            chart_y1 - chart_y0,
            fill=False,
            edgecolor="#dddddd",
            lw=0.6,
            zorder=0.5,
        )
    )


def _draw_centre(ax: Any, lay: _Layout) -> Any:
    """The shown job in the middle, white on blue; returns its box (the arrows end on it)."""
    from matplotlib.patches import FancyBboxPatch

    cw, ch, cy = lay.cw, lay.ch, lay.cy
    patch = FancyBboxPatch(
        (-cw / 2, cy - ch / 2),
        cw,
        ch,
        boxstyle="round,pad=0,rounding_size=0.08",
        facecolor=CENTRE,
        edgecolor=CENTRE,
        lw=1.2,
        zorder=4,
    )
    ax.add_patch(patch)
    write(
        ax,
        0,
        cy + ch / 2 - 0.1,
        "\n".join(lay.centre_lines),
        HEAD_PT,
        color="white",
        bold=True,
        linespacing=LINE,
        zorder=5,
    )
    write(ax, 0, cy - ch / 2 + 0.1, lay.centre_note, SMALL_PT, color="white", va="bottom", zorder=5)
    return patch


def _draw_job(ax: Any, box: _Box, side: int, cy: float, centre: Any) -> None:
    """A job's box (the band's colour; framed when it is the job a report is about) and its
    move's arrow, to the centre (left side) or from it (right): solid when the card declares
    the move, dashed when computed."""
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    node = box.node
    patch = FancyBboxPatch(
        (box.x - box.width / 2, box.y - box.height / 2),
        box.width,
        box.height,
        boxstyle="round,pad=0,rounding_size=0.06",
        facecolor=BOX_FILL[node.band],
        edgecolor=DECLARED if node.highlight else "#8a8a8a",
        lw=2.6 if node.highlight else 0.8,
        zorder=4,
    )
    ax.add_patch(patch)
    label = write(
        ax,
        box.x,
        box.y + box.height / 2 - PAD,
        "\n".join(box.title),
        NODE_PT,
        bold=True,
        linespacing=LINE,
        zorder=5,
    )
    label.set_gid(f"job-{node.side}-{node.job.id}")  # <g id=...> in the SVG
    write(ax, box.x, box.y - box.height / 2 + PAD, box.detail, DETAIL_PT, va="bottom", zorder=5)
    declared = node.kind == "declared"
    start, end = ((box.x, box.y), (0.0, cy)) if side < 0 else ((0.0, cy), (box.x, box.y))
    arrow = FancyArrowPatch(
        start,
        end,
        patchA=patch if side < 0 else centre,
        patchB=centre if side < 0 else patch,
        arrowstyle="-|>,head_length=5,head_width=2.6",
        connectionstyle="arc3,rad=0",
        color=DECLARED if declared else COMPUTED,
        lw=1.5 if declared else 1.0,
        linestyle="-" if declared else (0, (4, 2.5)),
        shrinkA=1.5,
        shrinkB=1.5,
        zorder=2,
    )
    ax.add_patch(arrow)


def _draw_legend(ax: Any, lay: _Layout, measure: _Measure) -> None:
    """The legend's rows (:func:`_legend_lines`), under the chart: a line's style, the bands'
    colours, the framed job, then the notes."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    left = -lay.width / 2
    y = lay.chart_top + lay.chart_h + 0.2
    for kind, payload, h in lay.legend:
        yy = -(y + h / 2)
        if kind == "line":
            text, style = payload
            ax.add_line(
                Line2D(
                    [left + 0.3, left + 0.85],
                    [yy, yy],
                    color=DECLARED if style == "declared" else COMPUTED,
                    lw=1.5 if style == "declared" else 1.0,
                    linestyle="-" if style == "declared" else (0, (4, 2.5)),
                )
            )
            write(ax, left + 0.95, yy, text, SMALL_PT, ha="left", va="center")
        elif kind == "bands":
            x = left + 0.3
            for band, label in payload:
                ax.add_patch(
                    Rectangle(
                        (x, yy - 0.06),
                        0.22,
                        0.12,
                        facecolor=BOX_FILL[band],
                        edgecolor="#8a8a8a",
                        lw=0.6,
                    )
                )
                write(ax, x + 0.28, yy, label, SMALL_PT, ha="left", va="center")
                x += 0.28 + measure.width(label, SMALL_PT) + 0.35
        elif kind == "highlight":
            ax.add_patch(
                Rectangle(
                    (left + 0.3, yy - 0.07),
                    0.55,
                    0.14,
                    facecolor="white",
                    edgecolor=DECLARED,
                    lw=2.2,
                )
            )
            write(ax, left + 0.95, yy, payload, SMALL_PT, ha="left", va="center")
        else:
            write(
                ax,
                left + 0.3,
                -y,
                payload,
                SMALL_PT,
                color=INK if kind == "note" else MUTED,
                ha="left",
                linespacing=LINE,
            )
        y += h


def _legend_lines(
    result: NeighbourhoodMap, lang: Lang, measure: _Measure, width: float
) -> list[tuple[str, Any, float]]:
    """The legend, as (kind, payload, height in inches) rows, top down."""
    row = SMALL_PT * LINE / 72
    rows: list[tuple[str, Any, float]] = []
    nodes = result.incoming + result.outgoing
    if any(n.kind == "declared" for n in nodes):
        rows.append(("line", (t("map_legend_declared", lang), "declared"), row + 0.04))
    if any(n.kind == "computed" for n in nodes):
        rows.append(("line", (t("map_legend_computed", lang), "computed"), row + 0.04))
    b = result.bands
    rows.append(
        (
            "bands",
            [
                ("proche", t("map_ring_proche", lang).format(limit=limit_pct(b.proche))),
                (
                    "accessible",
                    t("map_ring_accessible", lang).format(limit=limit_pct(b.accessible)),
                ),
                ("lointaine", t("map_ring_lointaine", lang).format(limit=limit_pct(b.accessible))),
            ],
            row + 0.06,
        )
    )
    if any(n.highlight for n in nodes):
        key = (
            "map_legend_highlight_current"
            if result.highlight_role == "current"
            else "map_legend_highlight"
        )
        rows.append(("highlight", t(key, lang), row + 0.06))
    texts = [("muted", fitting("map_legend_rings", lang))]
    if any(n.move == "downgrade" for n in nodes):
        texts.append(("muted", t("map_legend_downgrade", lang)))
    if result.hidden_downgrades:
        hidden = tn("map_hidden_downgrades_picture", result.hidden_downgrades, lang)
        texts.append(("muted", hidden))
    if result.uses_estimates:
        texts.append(("note", fitting("map_legend_estimate", lang)))
    if result.uses_inferred:
        texts.append(("note", fitting("map_legend_inferred", lang)))
    if result.others:
        names = some([j.title for j in result.others], lang)
        texts.append(("muted", t("map_others", lang).format(names=names)))
    for kind, text in texts:
        lines = measure.wrap(text, width, SMALL_PT, max_lines=4)
        rows.append((kind, "\n".join(lines), len(lines) * row + 0.03))
    return rows


def render_map_svg(result: NeighbourhoodMap, lang: Lang = Lang.fr) -> str:
    """The map as a standalone SVG document (text kept as text, no date: stable bytes)."""
    with _style():
        fig = _draw(result, lang, _Measure())
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "esante"})
    return buf.getvalue()


def render_map_png(result: NeighbourhoodMap, lang: Lang = Lang.fr) -> bytes:
    """The map as a PNG image at ``DPI`` dots per inch."""
    with _style():
        fig = _draw(result, lang, _Measure())
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": "esante"})
    return buf.getvalue()


def map_size(result: NeighbourhoodMap, lang: Lang = Lang.fr) -> tuple[int, int]:
    """The PNG's size in pixels (width, height): the figure's inches times ``DPI``, cut to
    whole pixels as matplotlib's Agg renderer does (``int``, not ``round``)."""
    with _style():
        w, h = _draw(result, lang, _Measure()).get_size_inches()
    return int(w * DPI), int(h * DPI)


# -- the terminal tree -----------------------------------------------------------------------------


def render_map_tree(
    result: NeighbourhoodMap, lang: Lang = Lang.fr, out: IO[str] | None = None
) -> None:
    """The map as a rich tree: the shown job, its two sides, their bands, their jobs."""
    import sys

    from rich.text import Text
    from rich.tree import Tree

    from .printable import printable_result
    from .table import make_console

    result = printable_result(result)  # titles from the data, shown on a terminal
    console = make_console(out or sys.stdout)
    note = t("map_centre_card" if result.job_provenance == "card" else "map_centre_estimated", lang)
    root = Tree(Text.assemble((result.job.title, "bold"), (f"  ({note})", "dim")))
    b = result.bands
    limits = {"proche": b.proche, "accessible": b.accessible, "lointaine": b.accessible}
    for side, nodes in (("in", result.incoming), ("out", result.outgoing)):
        head = t(f"map_{side}", lang)
        sub = t(f"map_{side}_sub", lang).format(title=result.job.title)
        branch = root.add(
            Text.assemble(
                ("← " if side == "in" else "→ ", "bold"), (head, "bold"), (f" ({sub})", "dim")
            )
        )
        if not nodes:
            branch.add(Text(t("map_none", lang), style="italic"))
        for band in ("proche", "accessible", "lointaine"):
            members = [n for n in nodes if n.band == band]
            if not members:
                continue
            ring = branch.add(
                Text(
                    t(f"map_ring_{band}", lang).format(limit=limit_pct(limits[band])),
                    style="italic",
                )
            )
            for n in members:
                line = Text(n.job.title, style="bold" if n.highlight else "")
                line.append(f" — {_detail(n, lang)}")
                line.append(
                    f" ({t('map_tree_cost', lang).format(cost=mark(num(n.cost), n.provenance, True))}, "
                    f"{t('map_tree_reverse', lang).format(cost=mark(num(n.reverse_cost), n.provenance, True))})",
                    style="dim",
                )
                ring.add(line)
    if result.others:
        names = some([j.title for j in result.others], lang)
        root.add(Text(t("map_others", lang).format(names=names), style="dim"))
    console.print(root)
    notes = [fitting("map_legend_rings", lang)]
    if any(n.move == "downgrade" for n in result.incoming + result.outgoing):
        notes.append(t("map_legend_downgrade", lang))
    if result.hidden_downgrades:
        notes.append(tn("map_hidden_downgrades", result.hidden_downgrades, lang))
    if result.uses_estimates:
        notes.append(fitting("map_legend_estimate", lang))
    if result.uses_inferred:
        notes.append(fitting("map_legend_inferred", lang))
    for note in notes:
        console.print(Text(note, style="dim"))


# -- CSV and Markdown ---------------------------------------------------------------------------------


@to_sections.register
def _(result: NeighbourhoodMap, lang: Lang, human: bool, **_: Any) -> list[Section]:
    # The share held (what the bands and the order are read on) and the move's direction,
    # as in the picture and in ``neighbours``.
    keys, columns = cols(
        lang,
        "side",
        "band",
        "id",
        "title",
        "kind",
        "coverage",
        "move",
        "cost",
        "reverse_cost",
        "ring",
        "declared_provenance",
        "provenance",
    )
    sec = Section(
        "map", t("map_title", lang).format(title=result.job.title), keys, columns, primary=True
    )
    provs: set[str | None] = set()
    for n in result.incoming + result.outgoing:
        provs.update({n.provenance, n.declared_provenance})
        side = t(f"map_{n.side}", lang) if human else n.side
        kind: Any = n.kind
        if human:
            # a downgrade is marked beside its link, as on the picture ("calculé · repli")
            kind = mark(t(f"kind_{n.kind}", lang), n.declared_provenance, True)
            if n.move == "downgrade":
                kind += " · " + t("move_downgrade", lang)
        sec.rows.append(
            [
                side,
                t(f"band_{n.band}", lang) if human else n.band,
                n.job.id,
                n.job.title,
                kind,
                mark(pct(n.coverage), n.provenance, True) if human else n.coverage,
                n.move,
                mark(num(n.cost), n.provenance, True) if human else n.cost,
                mark(num(n.reverse_cost), n.provenance, True) if human else n.reverse_cost,
                n.ring or "",
                n.declared_provenance or "",
                n.provenance,
            ]
        )
    if human:
        keep = [
            i
            for i, k in enumerate(sec.keys)
            if k not in ("id", "move", "ring", "declared_provenance", "provenance")
        ]
        sec.keys = [sec.keys[i] for i in keep]
        sec.columns = [sec.columns[i] for i in keep]
        sec.rows = [[r[i] for i in keep] for r in sec.rows]
        sec.notes.append(fitting("map_legend_rings", lang))
        sec.notes += footnotes(provs, lang)
        if result.others:
            sec.notes.append(
                t("map_others", lang).format(names=some([j.title for j in result.others], lang))
            )
    return [sec]
