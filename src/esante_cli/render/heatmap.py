"""The group's gaps as a picture (PNG or SVG, drawn with matplotlib): one row a competence,
one column a person, each cell the gap between the level the person's target job asks and
the person's own level.

What a counsellor reads from it: the darker a cell, the more levels to climb; a bold figure is
a blocking gap (two levels or more, by default); the right-hand column counts the people to
train on each competence (a collective training is worth it where the count is high); the
bottom rows give each person's total and how much of the target they hold (and its band). A ``?`` marks a level the
person did not assess (counted 0), ``*`` a job whose levels are estimates, ``—`` a competence
the job does not ask for.

Like the map (``render/mapdraw.py``, whose font, measuring and settings it shares), every text
is measured before it is placed, names are text (a ``$`` is not mathematics), and the same
result gives the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..i18n import Lang, t
from ..results.workshop import HeatCell, WorkshopPerson, WorkshopResult
from .mapdraw import BOX_FILL, DPI, INK, LINE, MUTED, _Measure, _style
from .sections import pct

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["heatmap_size", "render_heatmap_png", "render_heatmap_svg"]

TITLE_PT, HEAD_PT, SUB_PT, CELL_PT, LABEL_PT, SMALL_PT = 14.0, 9.0, 8.0, 10.0, 9.0, 8.5
MARGIN = 0.3
LABEL_W = 3.0  # inches: the competence labels
COL_W = 1.25  # a person's column
GROUP_W = 1.15  # the group's column
MIN_WIDTH = 7.6
ROW_MIN = 0.36

MET_FILL, MET_INK = "#e3f1e3", "#2e7d32"
GAP_FILL = {1: "#fde9b8", 2: "#f6b98a", 3: "#e8775a", 4: "#c0392b"}
NOT_NEEDED = "#f1f1f1"
HEAD_FILL = "#f3f5f8"
GRID = "#ffffff"


def _fill(cell: HeatCell) -> tuple[str, str, str]:
    """(background, text, ink) of a cell."""
    unassessed = "?" if cell.level is None else ""
    if cell.delta is None:
        return NOT_NEEDED, "—", MUTED
    if cell.delta <= 0:
        return MET_FILL, "✓" + unassessed, MET_INK
    gap = min(cell.delta, 4)
    return GAP_FILL[gap], f"+{cell.delta}{unassessed}", "white" if gap >= 3 else INK


@dataclass
class _Column:
    person: WorkshopPerson
    head: list[str]  # the name, wrapped
    sub: list[str]  # '→ target' (no common target), wrapped


def _estimated_target(p: WorkshopPerson) -> bool:
    return p.report is not None and p.report.target.levels_provenance != "card"


def _draw(result: WorkshopResult, lang: Lang, measure: _Measure) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    people = [p for p in result.people if p.report is not None]
    n = len(people)
    blocking = result.model.thresholds.blocking_deficit
    width = max(MIN_WIDTH, 2 * MARGIN + LABEL_W + n * COL_W + GROUP_W)
    text_w = width - 2 * MARGIN
    def line(pt: float) -> float:  # a line's height in inches
        return pt * LINE / 72

    # Columns' heads.
    cols = []
    for p in people:
        head = measure.wrap(p.name, COL_W - 0.12, HEAD_PT, "bold", 3)
        sub: list[str] = []
        if result.target is None and p.report is not None:
            star = "*" if _estimated_target(p) else ""
            sub = measure.wrap(f"→ {p.report.target.job.title}{star}", COL_W - 0.12, SUB_PT,
                               max_lines=3)
        cols.append(_Column(p, head, sub))
    group_head = [t("ws_heat_group", lang)]
    group_sub = measure.wrap(t("ws_heat_group_sub", lang), GROUP_W - 0.12, SUB_PT, max_lines=2)
    head_h = max([len(c.head) * line(HEAD_PT) + len(c.sub) * line(SUB_PT) for c in cols]
                 + [line(HEAD_PT) + len(group_sub) * line(SUB_PT)]) + 0.16

    # Rows: each competence's label, wrapped.
    labels = [measure.wrap(r.label, LABEL_W - 0.16, LABEL_PT, max_lines=2) for r in result.heatmap]
    heights = [max(ROW_MIN, len(lab) * line(LABEL_PT) + 0.12) for lab in labels]
    foot_h = ROW_MIN

    # Title, subtitle, legend.
    if result.target is not None:
        star = "*" if any(_estimated_target(p) for p in people) else ""
        title = t("ws_heat_title_target", lang).format(title=result.target.title + star)
    else:
        title = t("ws_heat_title_best", lang)
    title_lines = measure.wrap(title, text_w, TITLE_PT, "bold", 2)
    subtitle = measure.wrap(t("ws_heat_subtitle", lang).format(
        version=result.data_version, model=result.model.name), text_w, SMALL_PT, max_lines=2)
    cells = [c for r in result.heatmap for c in r.cells]
    notes = [t("ws_heat_blocking", lang).format(n=blocking)]
    if any(c.delta is None for c in cells):
        notes.append(t("ws_heat_not_needed", lang))
    if any(c.level is None and c.delta is not None for c in cells):
        notes.append(t("ws_heat_unassessed", lang))
    if any(_estimated_target(p) for p in people):  # a '*' is drawn
        notes.append(t("ws_heat_estimate", lang))
    note_lines = [ln for note in notes for ln in measure.wrap(note, text_w, SMALL_PT, max_lines=3)]

    top = 0.25
    table_top = (top + len(title_lines) * line(TITLE_PT) + len(subtitle) * line(SMALL_PT)
                 + 0.22)
    table_h = head_h + sum(heights) + 2 * foot_h
    legend_top = table_top + table_h + 0.22
    swatch_h = 0.26
    height = legend_top + swatch_h + 0.1 + len(note_lines) * line(SMALL_PT) + 0.25

    fig = Figure(figsize=(width, height), dpi=DPI)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(-height, 0)  # y is minus the distance from the top edge
    ax.set_axis_off()

    y = top
    for text in title_lines:
        ax.text(MARGIN, -y, text, ha="left", va="top", fontsize=TITLE_PT, weight="bold",
                color=INK)
        y += line(TITLE_PT)
    ax.text(MARGIN, -y, "\n".join(subtitle), ha="left", va="top", fontsize=SMALL_PT,
            color=MUTED, linespacing=LINE)

    def cell(x: float, y: float, w: float, h: float, fill: str) -> None:
        ax.add_patch(Rectangle((x, -y - h), w, h, facecolor=fill, edgecolor=GRID, lw=1.6))

    x0 = MARGIN + LABEL_W
    xs = [x0 + i * COL_W for i in range(n)]
    xg = x0 + n * COL_W

    # Heads.
    y = table_top
    for x, c in zip(xs, cols):
        cell(x, y, COL_W, head_h, HEAD_FILL)
        ax.text(x + COL_W / 2, -y - 0.08, "\n".join(c.head), ha="center", va="top",
                fontsize=HEAD_PT, weight="bold", color=INK, linespacing=LINE)
        if c.sub:
            ax.text(x + COL_W / 2, -y - 0.08 - len(c.head) * line(HEAD_PT), "\n".join(c.sub),
                    ha="center", va="top", fontsize=SUB_PT, color=MUTED, linespacing=LINE)
    cell(xg, y, GROUP_W, head_h, HEAD_FILL)
    ax.text(xg + GROUP_W / 2, -y - 0.08, group_head[0], ha="center", va="top", fontsize=HEAD_PT,
            weight="bold", color=INK)
    ax.text(xg + GROUP_W / 2, -y - 0.08 - line(HEAD_PT), "\n".join(group_sub), ha="center",
            va="top", fontsize=SUB_PT, color=MUTED, linespacing=LINE)

    # Body.
    y = table_top + head_h
    for row, lab, h in zip(result.heatmap, labels, heights):
        ax.text(x0 - 0.1, -y - h / 2, "\n".join(lab), ha="right", va="center",
                fontsize=LABEL_PT, color=INK, linespacing=LINE)
        for x, heat in zip(xs, row.cells):
            fill, text, ink = _fill(heat)
            cell(x, y, COL_W, h, fill)
            bold = heat.delta is not None and heat.delta >= blocking
            ax.text(x + COL_W / 2, -y - h / 2, text, ha="center", va="center",
                    fontsize=CELL_PT, color=ink, weight="bold" if bold else "normal")
        share = row.to_train / n if n else 0.0
        cell(xg, y, GROUP_W, h, _mix("#ffffff", GAP_FILL[2], share))
        ax.text(xg + GROUP_W / 2, -y - h / 2, f"{row.to_train} / {n}", ha="center",
                va="center", fontsize=CELL_PT, color=INK,
                weight="bold" if row.blocking else "normal")
        y += h

    # Each person's total and how close the target is (the share held, which the band is
    # read on).
    gaps = [p.report.gap for p in people if p.report]
    totals = [(str(g.total_levels), HEAD_FILL) for g in gaps]
    costs = [(f"{pct(g.transition.coverage)} · {t('band_' + g.band, lang)}", BOX_FILL[g.band])
             for g in gaps]
    for key, values in (("ws_heat_total", totals), ("ws_heat_cost", costs)):
        ax.text(x0 - 0.1, -y - foot_h / 2, t(key, lang), ha="right", va="center",
                fontsize=LABEL_PT, weight="bold", color=INK)
        for x, (text, fill) in zip(xs, values):
            cell(x, y, COL_W, foot_h, fill)
            ax.text(x + COL_W / 2, -y - foot_h / 2, text, ha="center", va="center",
                    fontsize=SUB_PT + 0.5, color=INK, weight="bold")
        y += foot_h

    # Legend: the colours, then the notes.
    x = MARGIN
    yy = legend_top
    swatches = [(MET_FILL, "✓", MET_INK, False, t("ws_heat_met", lang).removeprefix("✓ "))]
    swatches += [(GAP_FILL[g], f"+{g}", "white" if g >= 3 else INK, g >= blocking,
                  t("ws_heat_gap_words", lang) if g == 4 else "") for g in (1, 2, 3, 4)]
    for fill, mark_text, ink, bold, words in swatches:
        ax.add_patch(Rectangle((x, -yy - swatch_h), 0.42, swatch_h, facecolor=fill,
                               edgecolor="#bbbbbb", lw=0.5))
        ax.text(x + 0.21, -yy - swatch_h / 2, mark_text, ha="center", va="center",
                fontsize=SMALL_PT, color=ink, weight="bold" if bold else "normal")
        x += 0.42 + 0.08
        if words:
            ax.text(x, -yy - swatch_h / 2, words, ha="left", va="center", fontsize=SMALL_PT,
                    color=INK)
            x += measure.width(words, SMALL_PT) + 0.3
    ax.text(MARGIN, -(yy + swatch_h + 0.1), "\n".join(note_lines), ha="left", va="top",
            fontsize=SMALL_PT, color=INK, linespacing=LINE)
    return fig


def _mix(a: str, b: str, share: float) -> str:
    """The colour ``share`` of the way from ``a`` to ``b``."""
    ca = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(ca, cb))


def _save(result: WorkshopResult, lang: Lang, fmt: str) -> Any:
    with _style():
        fig = _draw(result, lang, _Measure())
        if fmt == "svg":
            buf: Any = io.StringIO()
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "esante"})
        else:
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": "esante"})
    return buf.getvalue()


def render_heatmap_png(result: WorkshopResult, lang: Lang = Lang.fr) -> bytes:
    """The group's gaps as a PNG image at ``DPI`` dots per inch."""
    return bytes(_save(result, lang, "png"))


def render_heatmap_svg(result: WorkshopResult, lang: Lang = Lang.fr) -> str:
    """The group's gaps as a standalone SVG document (text kept as text, stable bytes)."""
    return str(_save(result, lang, "svg"))


def heatmap_size(result: WorkshopResult, lang: Lang = Lang.fr) -> tuple[int, int]:
    """The PNG's size in pixels (width, height)."""
    with _style():
        w, h = _draw(result, lang, _Measure()).get_size_inches()
    return round(w * DPI), round(h * DPI)
